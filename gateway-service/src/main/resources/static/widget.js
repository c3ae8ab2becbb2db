/*
 * SupportRAG chat widget. Embed with one line:
 *   <script src="https://<gateway>/widget.js" data-key="<widget key>" defer></script>
 * Optional attributes: data-lang="en|de" (default: the browser's language), data-user-token="<JWT signed by your
 * site>" (sent as X-User-Token; or call window.SupportRagWidget.setUserToken(jwt)), data-knowledge-base="<name>".
 * Elements with a data-supportrag-open attribute open the chat when clicked.
 *
 * Plain JavaScript, no build step. Model and agent text is only ever inserted as text (textContent), never as HTML.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.dataset.key || window.SupportRagWidget) {
    return;
  }

  // ---- Strings: one table per language; add a language by adding a table.
  var STRINGS = {
    en: {
      open: 'Open support chat', help: 'Help', close: 'Close chat', title: 'Support assistant', newChat: 'New chat',
      placeholder: 'Ask a question\u2026', question: 'Your question', send: 'Send',
      greeting: 'Hi! Ask me anything about our product. I answer from the help center and show my sources.',
      source: 'Source', sources: 'Sources', you: 'You', assistant: 'Assistant', agent: 'Support agent',
      helpful: 'Helpful', notHelpful: 'Not helpful', rate: 'Was this answer helpful?',
      commentLabel: 'What could be better? (optional)', sendComment: 'Send feedback', thanks: 'Thanks for your feedback!',
      feedbackFailed: 'Your feedback could not be sent. Please try again.',
      human: 'Talk to a person', humanAsked: 'You asked to talk to a person.',
      escalated: 'I have passed your conversation to our support team. A person will reply right here.',
      escalateFailed: 'We could not reach our support team just now. Please try again in a moment.',
      agentJoined: 'A support agent is looking at your conversation.',
      resolved: 'Our support team marked this conversation as resolved. Ask again any time.',
      reconnecting: 'Connection lost. Reconnecting\u2026', reconnected: 'Connected again.',
      rateLimited: 'You are sending messages faster than we can answer. Please try again in {s} seconds.',
      rateLimitedSoon: 'You are sending messages faster than we can answer. Please wait a moment and try again.',
      outage: 'Our assistant is having trouble right now. Please try again in a moment.',
      offline: 'We could not reach support. Please check your connection and try again.',
      cutOff: 'The answer was cut off. Please try again.', refused: 'Sorry, we could not answer that ({t}).',
      typing: 'The assistant is typing', answered: 'New answer',
      signedOut: 'Your sign-in on this site has expired. Please reload the page and try again.'
    },
    de: {
      open: 'Support-Chat \u00f6ffnen', help: 'Hilfe', close: 'Chat schlie\u00dfen', title: 'Support-Assistent',
      newChat: 'Neuer Chat', placeholder: 'Stellen Sie eine Frage\u2026', question: 'Ihre Frage', send: 'Senden',
      greeting: 'Hallo! Fragen Sie mich zu unserem Produkt. Ich antworte aus dem Hilfe-Center und nenne meine Quellen.',
      source: 'Quelle', sources: 'Quellen', you: 'Sie', assistant: 'Assistent', agent: 'Support-Mitarbeiter',
      helpful: 'Hilfreich', notHelpful: 'Nicht hilfreich', rate: 'War diese Antwort hilfreich?',
      commentLabel: 'Was k\u00f6nnen wir besser machen? (optional)', sendComment: 'Feedback senden',
      thanks: 'Danke f\u00fcr Ihr Feedback!', feedbackFailed: 'Ihr Feedback konnte nicht gesendet werden.',
      human: 'Mit einem Menschen sprechen', humanAsked: 'Sie m\u00f6chten mit einem Menschen sprechen.',
      escalated: 'Ich habe Ihr Gespr\u00e4ch an unser Support-Team weitergegeben. Eine Person antwortet hier.',
      escalateFailed: 'Unser Support-Team ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
      agentJoined: 'Ein Support-Mitarbeiter sieht sich Ihr Gespr\u00e4ch an.',
      resolved: 'Unser Support-Team hat dieses Gespr\u00e4ch als gel\u00f6st markiert. Fragen Sie jederzeit wieder.',
      reconnecting: 'Verbindung unterbrochen. Verbinde neu\u2026', reconnected: 'Wieder verbunden.',
      rateLimited: 'Sie senden schneller, als wir antworten k\u00f6nnen. Bitte versuchen Sie es in {s} Sekunden erneut.',
      rateLimitedSoon: 'Sie senden schneller, als wir antworten k\u00f6nnen. Bitte warten Sie einen Moment.',
      outage: 'Unser Assistent hat gerade Probleme. Bitte versuchen Sie es gleich noch einmal.',
      offline: 'Wir konnten den Support nicht erreichen. Bitte pr\u00fcfen Sie Ihre Verbindung.',
      cutOff: 'Die Antwort wurde abgeschnitten. Bitte versuchen Sie es erneut.',
      refused: 'Leider konnten wir das nicht beantworten ({t}).', typing: 'Der Assistent schreibt',
      answered: 'Neue Antwort',
      signedOut: 'Ihre Anmeldung auf dieser Seite ist abgelaufen. Bitte laden Sie die Seite neu.'
    }
  };
  var lang = pickLanguage(script.dataset.lang);
  var T = STRINGS[lang];

  function pickLanguage(wanted) {
    var candidates = [wanted].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < candidates.length; i++) {
      var code = String(candidates[i] || '').toLowerCase().split('-')[0];
      if (STRINGS[code]) {
        return code;
      }
    }
    return 'en';
  }

  function fmt(text, values) {
    return text.replace(/\{(\w)\}/g, function (all, name) { return values[name]; });
  }

  // The gateway serving this script also serves the API and the stylesheet, whichever site embeds it.
  var gateway = new URL(script.src, window.location.href);
  var apiKey = script.dataset.key;
  var knowledgeBase = script.dataset.knowledgeBase || null;
  var userToken = script.dataset.userToken || null;
  var storageKey = 'supportrag.conversation.' + apiKey;

  function api(path) {
    return new URL(path, gateway).href;
  }

  var state = {
    conversationId: readConversationId(), busy: false, seen: {}, events: null, lastEventId: null,
    escalation: null
  };

  function readConversationId() {
    try {
      return window.sessionStorage.getItem(storageKey);
    } catch (e) {
      return null; // storage disabled: conversations just do not survive a reload
    }
  }

  function saveConversationId(id) {
    state.conversationId = id || null;
    humanButton.hidden = !id;
    try {
      if (id) {
        window.sessionStorage.setItem(storageKey, id);
      } else {
        window.sessionStorage.removeItem(storageKey);
      }
    } catch (e) {
      /* storage disabled */
    }
  }

  function headers(extra) {
    var result = { 'X-Api-Key': apiKey };
    if (userToken) {
      result['X-User-Token'] = userToken;
    }
    for (var name in extra) {
      result[name] = extra[name];
    }
    return result;
  }

  function request(method, path, body, accept) {
    var init = { method: method, mode: 'cors', credentials: 'omit', headers: headers({ Accept: accept || 'application/json' }) };
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(api(path), init);
  }

  // ---- DOM helpers: every node is built with createElement + textContent.

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function button(className, text, label) {
    var node = el('button', className, text);
    node.type = 'button';
    if (label) {
      node.setAttribute('aria-label', label);
    }
    return node;
  }

  function safeHttpUrl(value) {
    if (!value) {
      return null;
    }
    try {
      var url = new URL(value, gateway);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // ---- Widget shell in a shadow root, so the host page's styles and ours never meet.

  var host = el('div');
  host.id = 'supportrag-widget';
  var root = host.attachShadow({ mode: 'open' });

  var stylesheet = el('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = api('/widget.css');
  root.appendChild(stylesheet);

  var launcher = button('launcher', null, T.open);
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'supportrag-panel');
  launcher.appendChild(el('span', 'launcher-icon', '?'));
  launcher.appendChild(el('span', 'launcher-text', T.help));

  var panel = el('section', 'panel');
  panel.id = 'supportrag-panel';
  panel.hidden = true;
  panel.lang = lang;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'supportrag-title');

  var header = el('header', 'header');
  var title = el('h2', 'title', T.title);
  title.id = 'supportrag-title';
  header.appendChild(title);
  var humanButton = button('header-button human', T.human);
  humanButton.hidden = !state.conversationId;
  var newChat = button('header-button', T.newChat);
  var close = button('header-button close', '\u00d7', T.close);
  header.appendChild(humanButton);
  header.appendChild(newChat);
  header.appendChild(close);

  // The log announces whole messages (aria-busy while an answer streams) rather than every token.
  var messages = el('div', 'messages');
  messages.setAttribute('role', 'log');
  messages.setAttribute('aria-live', 'polite');
  messages.setAttribute('aria-relevant', 'additions');
  messages.tabIndex = 0;
  messages.setAttribute('aria-label', T.title);

  // Short status announcements (reconnecting, rate limited) for screen readers.
  var status = el('div', 'sr-only');
  status.setAttribute('role', 'status');

  var form = el('form', 'composer');
  var input = el('textarea', 'input');
  input.rows = 2;
  input.maxLength = 4000;
  input.placeholder = T.placeholder;
  input.setAttribute('aria-label', T.question);
  var send = el('button', 'send', T.send);
  send.type = 'submit';
  form.appendChild(input);
  form.appendChild(send);

  panel.appendChild(header);
  panel.appendChild(messages);
  panel.appendChild(status);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);

  function announce(text) {
    status.textContent = text;
  }

  function greet() {
    messages.appendChild(el('div', 'message assistant greeting', T.greeting));
  }

  function notice(text, kind) {
    var node = el('div', 'notice' + (kind ? ' ' + kind : ''), text);
    messages.appendChild(node);
    scrollToEnd();
    return node;
  }

  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.classList.toggle('open', open);
    if (open) {
      input.focus();
      scrollToEnd();
    }
  }

  launcher.addEventListener('click', function () {
    setOpen(panel.hidden);
  });
  close.addEventListener('click', function () {
    setOpen(false);
    launcher.focus();
  });
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      setOpen(false);
      launcher.focus();
    }
  });
  newChat.addEventListener('click', function () {
    if (state.busy) {
      return;
    }
    stopEvents();
    saveConversationId(null);
    state.seen = {};
    state.escalation = null;
    messages.textContent = '';
    greet();
    input.focus();
  });
  humanButton.addEventListener('click', escalate);
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (target && target.closest && target.closest('[data-supportrag-open]')) {
      event.preventDefault();
      setOpen(true);
    }
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || state.busy) {
      return;
    }
    input.value = '';
    ask(text);
  });

  function scrollToEnd() {
    messages.scrollTop = messages.scrollHeight;
  }

  function userMessage(text) {
    var node = el('div', 'message user');
    node.appendChild(el('span', 'sr-only', T.you + ': '));
    node.appendChild(document.createTextNode(text));
    messages.appendChild(node);
    scrollToEnd();
  }

  function agentMessage(message) {
    if (!message || state.seen[message.messageId]) {
      return;
    }
    state.seen[message.messageId] = true;
    var node = el('div', 'message agent');
    node.appendChild(el('div', 'author', message.author || T.agent));
    node.appendChild(el('div', 'agent-text', message.content || ''));
    messages.appendChild(node);
    scrollToEnd();
  }

  // ---- One assistant answer: text streamed in, [n] markers as superscript refs, source cards below.

  function Answer() {
    this.node = el('div', 'message assistant');
    this.node.appendChild(el('span', 'sr-only', T.assistant + ': '));
    this.body = el('div', 'answer-text');
    this.body.appendChild(el('span', 'typing', '\u2026'));
    this.sources = el('ol', 'sources');
    this.sources.hidden = true;
    this.sources.setAttribute('aria-label', T.sources);
    this.note = el('div', 'note');
    this.note.hidden = true;
    this.node.appendChild(this.body);
    this.node.appendChild(this.sources);
    this.node.appendChild(this.note);
    this.text = '';
    this.citations = {};
    messages.appendChild(this.node);
    scrollToEnd();
  }

  Answer.prototype.append = function (text) {
    this.text += text;
    this.render();
  };

  // Re-rendered from the full text each time so a marker split across tokens ("[" then "1]") still renders.
  Answer.prototype.render = function () {
    var body = this.body;
    body.textContent = '';
    var pattern = /\[(\d{1,2})\]/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(this.text)) !== null) {
      if (match.index > last) {
        body.appendChild(document.createTextNode(this.text.slice(last, match.index)));
      }
      body.appendChild(this.reference(Number(match[1])));
      last = pattern.lastIndex;
    }
    if (last < this.text.length) {
      body.appendChild(document.createTextNode(this.text.slice(last)));
    }
    scrollToEnd();
  };

  Answer.prototype.reference = function (index) {
    var sup = el('sup', 'ref');
    var citation = this.citations[index];
    if (citation && citation.card) {
      var jump = button('ref-button', String(index), T.source + ' ' + index + (citation.title ? ': ' + citation.title : ''));
      jump.title = citation.title || T.source + ' ' + index;
      jump.addEventListener('click', function () {
        citation.card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
        citation.card.classList.add('highlight');
        window.setTimeout(function () { citation.card.classList.remove('highlight'); }, 1200);
      });
      sup.appendChild(jump);
    } else {
      sup.textContent = String(index);
    }
    return sup;
  };

  Answer.prototype.cite = function (citation) {
    var index = Number(citation.index);
    if (!index || this.citations[index]) {
      return;
    }
    var card = el('li', 'source');
    card.value = index;
    var url = safeHttpUrl(citation.url);
    var name = citation.title || T.source + ' ' + index;
    var heading;
    if (url) {
      heading = el('a', 'source-title', name);
      heading.href = url;
      heading.target = '_blank';
      heading.rel = 'noopener noreferrer';
    } else {
      heading = el('span', 'source-title', name);
    }
    card.appendChild(el('span', 'source-index', String(index)));
    card.appendChild(heading);
    if (citation.snippet) {
      card.appendChild(el('p', 'source-snippet', citation.snippet));
    }
    this.citations[index] = { title: name, card: card };
    // Keep the cards in index order whatever order they arrive in.
    var before = null;
    for (var i = 0; i < this.sources.children.length; i++) {
      if (this.sources.children[i].value > index) {
        before = this.sources.children[i];
        break;
      }
    }
    this.sources.insertBefore(card, before);
    this.sources.hidden = false;
    this.render();
  };

  Answer.prototype.finish = function (done) {
    this.node.removeAttribute('aria-busy');
    if (!this.text) {
      this.body.textContent = '';
    }
    if (this.messageId) {
      state.seen[this.messageId] = true;
      state.lastEventId = this.messageId; // live events resume after this turn, so none slips in between
      this.node.appendChild(feedback(this.messageId, this.traceId));
    }
    if (done && done.escalated) {
      this.showNote(T.escalated);
      listen();
    }
  };

  Answer.prototype.fail = function (message) {
    this.node.removeAttribute('aria-busy');
    if (!this.text) {
      this.body.textContent = '';
    }
    this.node.classList.add('failed');
    this.showNote(message);
  };

  Answer.prototype.showNote = function (message) {
    this.note.textContent = message;
    this.note.hidden = false;
    scrollToEnd();
  };

  // A thumbs-up drawn as SVG (emoji fonts are missing on many systems); CSS turns it upside down for thumbs-down.
  var SVG = 'http://www.w3.org/2000/svg';
  function thumbIcon() {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var shape = document.createElementNS(SVG, 'path');
    shape.setAttribute('d', 'M2 21h4V9H2v12zm21-10c0-1.1-.9-2-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.5-1.1L14.2 2 7.6 8.6C7.2 9 7 9.5 7 10v9c0 1.1.9 2 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-1z');
    svg.appendChild(shape);
    return svg;
  }

  // ---- Feedback per answer: thumbs, then an optional comment; tied to the message and its trace.

  function feedback(messageId, traceId) {
    var box = el('div', 'feedback');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', T.rate);
    var up = button('thumb up', null, T.helpful);
    var down = button('thumb down', null, T.notHelpful);
    up.appendChild(thumbIcon());
    down.appendChild(thumbIcon());
    up.setAttribute('aria-pressed', 'false');
    down.setAttribute('aria-pressed', 'false');
    var comment = el('form', 'comment');
    comment.hidden = true;
    var commentId = 'c-' + messageId;
    var label = el('label', 'comment-label', T.commentLabel);
    label.htmlFor = commentId;
    var text = el('textarea', 'comment-input');
    text.id = commentId;
    text.rows = 2;
    text.maxLength = 2000;
    var submit = el('button', 'comment-send', T.sendComment);
    submit.type = 'submit';
    comment.appendChild(label);
    comment.appendChild(text);
    comment.appendChild(submit);
    var result = el('div', 'feedback-result');
    result.setAttribute('role', 'status');
    var rating = null;

    function post(withComment) {
      var body = { conversationId: state.conversationId, messageId: messageId, rating: rating };
      if (traceId) {
        body.traceId = traceId;
      }
      if (withComment && text.value.trim()) {
        body.comment = text.value.trim();
      }
      return request('POST', '/api/v1/feedback', body).then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        result.textContent = T.thanks;
        return response.json().catch(function () { return null; }); // read it: frees the connection
      }).catch(function () {
        result.textContent = T.feedbackFailed;
      });
    }

    function rate(value) {
      rating = value;
      up.setAttribute('aria-pressed', String(value === 'up'));
      down.setAttribute('aria-pressed', String(value === 'down'));
      post(false);
      comment.hidden = false;
      text.focus();
    }

    up.addEventListener('click', function () { rate('up'); });
    down.addEventListener('click', function () { rate('down'); });
    comment.addEventListener('submit', function (event) {
      event.preventDefault();
      submit.disabled = true;
      post(true).then(function () {
        // Focus first: hiding the focused button would drop focus to the page and out of the widget.
        (rating === 'up' ? up : down).focus();
        comment.hidden = true;
        submit.disabled = false;
      });
    });
    box.appendChild(el('span', 'rate', T.rate));
    box.appendChild(up);
    box.appendChild(down);
    box.appendChild(comment);
    box.appendChild(result);
    return box;
  }

  // ---- Kind messages for the ways a request can fail.

  function failureMessage(response, problem) {
    if (response.status === 429) {
      var wait = parseInt(response.headers.get('Retry-After'), 10);
      if (wait > 0) {
        pause(wait);
        return fmt(T.rateLimited, { s: wait });
      }
      return T.rateLimitedSoon;
    }
    if (response.status >= 500) {
      return T.outage;
    }
    if (response.status === 401) {
      return T.signedOut; // the site's X-User-Token expired or was refused
    }
    return problemMessage(problem);
  }

  function problemMessage(problem) {
    if (problem && problem.status >= 500) {
      return T.outage;
    }
    var title = problem && typeof problem.title === 'string' ? problem.title : null;
    return title ? fmt(T.refused, { t: title }) : T.outage;
  }

  // Keeps Send disabled while the gateway asked us to wait.
  function pause(seconds) {
    state.pausedUntil = Date.now() + seconds * 1000;
    window.setTimeout(function () {
      if (!state.busy) {
        send.disabled = false;
      }
    }, seconds * 1000);
  }

  function readProblem(response) {
    return response.json().catch(function () { return null; });
  }

  // ---- Talking to the gateway: fetch + ReadableStream SSE parsing (EventSource cannot POST or send headers).

  function ask(text) {
    state.busy = true;
    send.disabled = true;
    userMessage(text);
    var answer = new Answer();
    answer.node.setAttribute('aria-busy', 'true');
    announce(T.typing);
    var body = { message: text };
    if (state.conversationId) {
      body.conversationId = state.conversationId;
    }
    if (knowledgeBase) {
      body.knowledgeBase = knowledgeBase;
    }
    var finished = false;

    request('POST', '/api/v1/chat', body, 'text/event-stream').then(function (response) {
      if (!response.ok) {
        return readProblem(response).then(function (problem) {
          finished = true;
          answer.fail(failureMessage(response, problem));
        });
      }
      if (!response.body) {
        finished = true;
        answer.fail(T.outage);
        return null;
      }
      return readEvents(response.body, function (name, data) {
        if (!data) {
          return;
        }
        if (name === 'meta') {
          if (data.conversationId) {
            saveConversationId(data.conversationId);
          }
          answer.messageId = data.messageId;
          answer.traceId = data.traceId;
        } else if (name === 'token') {
          if (typeof data.text === 'string') {
            answer.append(data.text);
          }
        } else if (name === 'citation') {
          answer.cite(data);
        } else if (name === 'done') {
          finished = true;
          answer.finish(data);
          announce(T.answered);
        } else if (name === 'error') {
          finished = true;
          answer.fail(problemMessage(data));
        }
      });
    }).catch(function () {
      if (!finished) {
        finished = true;
        answer.fail(T.offline);
      }
    }).then(function () {
      if (!finished) {
        answer.fail(T.cutOff);
      }
      state.busy = false;
      send.disabled = Boolean(state.pausedUntil && state.pausedUntil > Date.now());
    });
  }

  function escalate() {
    if (!state.conversationId) {
      return;
    }
    humanButton.disabled = true;
    userMessage(T.humanAsked);
    request('POST', '/api/v1/conversations/' + encodeURIComponent(state.conversationId) + '/escalate', {})
      .then(function (response) {
      if (!response.ok) {
        return readProblem(response).then(function (problem) {
          notice(response.status === 429 || response.status >= 500 ? failureMessage(response, problem)
            : T.escalateFailed, 'error');
        });
      }
      return response.json().catch(function () { return null; }).then(function (item) {
        state.escalation = item;
        notice(T.escalated);
        listen();
      });
    }).catch(function () {
      notice(T.offline, 'error');
    }).then(function () {
      humanButton.disabled = false;
      input.focus();
    });
  }

  // ---- Live agent replies: the conversation's event stream, resumed after a drop from the last event seen.

  // A stream that stays silent longer than this (the server sends a heartbeat every 15 s) is treated as dropped.
  var SILENCE_MS = 45000;

  function listen() {
    if (state.events || !state.conversationId) {
      return;
    }
    var live = { stopped: false, current: null, timer: null, attempt: 0, lost: null };
    state.events = live;

    function reconnectLater() {
      if (!live.lost && live.attempt > 0) {
        live.lost = notice(T.reconnecting, 'muted');
        announce(T.reconnecting);
      }
      live.attempt += 1;
      // Exponential backoff with jitter, capped at 30 s; the first retry is quick.
      var delay = live.attempt === 1 ? 250
        : Math.min(30000, 500 * Math.pow(2, Math.min(live.attempt, 6))) * (0.75 + Math.random() / 2);
      live.timer = window.setTimeout(connect, delay);
    }

    function connect() {
      window.clearTimeout(live.timer);
      if (live.stopped) {
        return;
      }
      var controller = new AbortController();
      var watchdog = null;
      live.current = controller;
      function alive() {
        window.clearTimeout(watchdog);
        watchdog = window.setTimeout(function () { controller.abort(); }, SILENCE_MS);
      }
      var path = '/api/v1/conversations/' + encodeURIComponent(state.conversationId) + '/events';
      var extra = { Accept: 'text/event-stream' };
      if (state.lastEventId) {
        extra['Last-Event-ID'] = state.lastEventId;
        path += '?after=' + encodeURIComponent(state.lastEventId);
      }
      fetch(api(path), { mode: 'cors', credentials: 'omit', cache: 'no-store', headers: headers(extra),
        signal: controller.signal }).then(function (response) {
        if (response.status === 404 || response.status === 401 || response.status === 403) {
          stopEvents(); // no such conversation (any more): nothing will ever arrive
          return;
        }
        if (!response.ok || !response.body) {
          throw new Error(String(response.status));
        }
        live.attempt = 0;
        if (live.lost) {
          live.lost.remove();
          live.lost = null;
          announce(T.reconnected);
        }
        alive();
        return readEvents(response.body, function (name, data, id) {
          if (id) {
            state.lastEventId = id;
          }
          if (name === 'message' && data && data.role === 'agent') {
            agentMessage(data);
            announce(T.agent + ': ' + (data.content || ''));
          } else if (name === 'escalation' && data) {
            escalationChanged(data);
          }
        }, alive);
      }).catch(function () {
        /* dropped: reconnect below */
      }).then(function () {
        window.clearTimeout(watchdog);
        // Only the newest connection schedules the next one.
        if (!live.stopped && live.current === controller) {
          reconnectLater();
        }
      });
    }

    live.drop = function () {
      if (live.current) {
        live.current.abort();
      }
    };
    live.now = function () {
      live.attempt = 0;
      connect();
    };
    connect();
  }

  function stopEvents() {
    var live = state.events;
    state.events = null;
    if (live) {
      live.stopped = true;
      window.clearTimeout(live.timer);
      live.drop();
    }
  }

  // A half-open connection can hang for minutes after the network drops: cut it at once, and reconnect as soon as
  // the browser is back online instead of waiting for the next backoff step.
  window.addEventListener('offline', function () {
    if (state.events) {
      state.events.drop();
    }
  });
  window.addEventListener('online', function () {
    if (state.events) {
      state.events.now();
    }
  });

  function escalationChanged(item) {
    var previous = state.escalation;
    state.escalation = item;
    if (item.status === 'assigned' && (!previous || previous.status !== 'assigned')) {
      notice(T.agentJoined, 'muted');
    } else if (item.status === 'resolved' && (!previous || previous.status !== 'resolved')) {
      notice(T.resolved, 'muted');
    }
  }

  // ---- Resume: a reload shows the conversation so far and reconnects to live replies if it is escalated.

  function resume() {
    if (!state.conversationId) {
      return;
    }
    request('GET', '/api/v1/conversations/' + encodeURIComponent(state.conversationId)).then(function (response) {
      if (response.status === 404 || response.status === 403 || response.status === 401) {
        saveConversationId(null);
        return null;
      }
      return response.ok ? response.json() : null;
    }).then(function (conversation) {
      if (!conversation || !conversation.messages) {
        return;
      }
      conversation.messages.forEach(function (message) {
        if (message.role === 'user') {
          userMessage(message.content || '');
        } else if (message.role === 'agent') {
          agentMessage(message);
        } else if (message.role === 'assistant') {
          var answer = new Answer();
          (message.citations || []).forEach(function (citation) { answer.cite(citation); });
          answer.text = message.content || '';
          answer.render();
          answer.messageId = message.messageId;
          answer.finish(null);
        }
        if (message.messageId) {
          state.lastEventId = message.messageId;
        }
      });
      var escalation = conversation.escalation;
      state.escalation = escalation || null;
      if (escalation && escalation.status !== 'resolved') {
        notice(escalation.status === 'assigned' ? T.agentJoined : T.escalated, 'muted');
        listen();
      }
    }).catch(function () {
      /* keep the greeting; the next question continues the conversation anyway */
    });
  }

  // Parses a text/event-stream body; calls onEvent(name, parsedJsonOrNull, id) per event and onData per chunk.
  function readEvents(stream, onEvent, onData) {
    var reader = stream.getReader();
    var decoder = new TextDecoder();
    var buffer = '';

    function dispatch(block) {
      var name = 'message';
      var data = [];
      var id = null;
      block.split(/\r\n|\r|\n/).forEach(function (line) {
        if (!line || line.charAt(0) === ':') {
          return;
        }
        var colon = line.indexOf(':');
        var field = colon < 0 ? line : line.slice(0, colon);
        var value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') {
          name = value;
        } else if (field === 'data') {
          data.push(value);
        } else if (field === 'id') {
          id = value;
        }
      });
      if (!data.length) {
        return;
      }
      var parsed = null;
      try {
        parsed = JSON.parse(data.join('\n'));
      } catch (e) {
        parsed = null;
      }
      onEvent(name, parsed, id);
    }

    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          buffer += decoder.decode();
          if (buffer.trim()) {
            dispatch(buffer);
          }
          return;
        }
        if (onData) {
          onData();
        }
        buffer += decoder.decode(chunk.value, { stream: true });
        var boundary;
        while ((boundary = buffer.search(/\r\n\r\n|\n\n|\r\r/)) >= 0) {
          var block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary).replace(/^(\r\n\r\n|\n\n|\r\r)/, '');
          dispatch(block);
        }
        return pump();
      });
    }

    return pump();
  }

  window.SupportRagWidget = {
    open: function () { setOpen(true); },
    close: function () { setOpen(false); },
    setUserToken: function (jwt) { userToken = jwt || null; }
  };

  greet();
  resume();

  function mount() {
    document.body.appendChild(host);
  }

  if (document.body) {
    mount();
  } else {
    document.addEventListener('DOMContentLoaded', mount);
  }
})();
