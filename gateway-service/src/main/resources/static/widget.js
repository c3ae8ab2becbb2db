/*
 * SupportRAG chat widget. Embed with one line:
 *   <script src="https://<gateway>/widget.js" data-key="<widget key>" defer></script>
 * Elements with a data-supportrag-open attribute open the chat when clicked.
 *
 * Plain JavaScript, no build step. Model output is only ever inserted as text (textContent), never as HTML.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.dataset.key || window.__supportRagWidget) {
    return;
  }
  window.__supportRagWidget = true;

  // The gateway serving this script also serves the API and the stylesheet, whichever site embeds it.
  var gateway = new URL(script.src, window.location.href);
  var apiKey = script.dataset.key;
  var chatUrl = new URL('/api/v1/chat', gateway).href;
  var styleUrl = new URL('/widget.css', gateway).href;
  var storageKey = 'supportrag.conversation.' + apiKey;

  var state = { conversationId: readConversationId(), busy: false };

  function readConversationId() {
    try {
      return window.sessionStorage.getItem(storageKey);
    } catch (e) {
      return null; // storage disabled: conversations just do not survive a reload
    }
  }

  function saveConversationId(id) {
    state.conversationId = id || null;
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
  stylesheet.href = styleUrl;
  root.appendChild(stylesheet);

  var launcher = el('button', 'launcher');
  launcher.type = 'button';
  launcher.setAttribute('aria-label', 'Open support chat');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.appendChild(el('span', 'launcher-icon', '?'));
  launcher.appendChild(el('span', 'launcher-text', 'Help'));

  var panel = el('section', 'panel');
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', 'Support chat');

  var header = el('header', 'header');
  header.appendChild(el('span', 'title', 'Support assistant'));
  var newChat = el('button', 'header-button', 'New chat');
  newChat.type = 'button';
  var close = el('button', 'header-button close', '\u00d7');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close chat');
  header.appendChild(newChat);
  header.appendChild(close);

  var messages = el('div', 'messages');
  messages.setAttribute('role', 'log');
  messages.setAttribute('aria-live', 'polite');

  var form = el('form', 'composer');
  var input = el('textarea', 'input');
  input.rows = 2;
  input.maxLength = 4000;
  input.placeholder = 'Ask a question\u2026';
  input.setAttribute('aria-label', 'Your question');
  var send = el('button', 'send', 'Send');
  send.type = 'submit';
  form.appendChild(input);
  form.appendChild(send);

  panel.appendChild(header);
  panel.appendChild(messages);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);

  function greet() {
    messages.appendChild(el('div', 'message assistant greeting',
      'Hi! Ask me anything about our product. I answer from the help center and show my sources.'));
  }
  greet();

  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.classList.toggle('open', open);
    if (open) {
      input.focus();
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
    saveConversationId(null);
    messages.textContent = '';
    greet();
    input.focus();
  });
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

  // ---- One assistant answer: text streamed in, [n] markers as superscript refs, source cards below.

  function Answer() {
    this.node = el('div', 'message assistant');
    this.body = el('div', 'answer-text');
    this.body.appendChild(el('span', 'typing', '\u2026'));
    this.sources = el('ol', 'sources');
    this.sources.hidden = true;
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
      var jump = el('button', 'ref-button', String(index));
      jump.type = 'button';
      jump.title = citation.title || 'Source ' + index;
      jump.setAttribute('aria-label', 'Source ' + index + (citation.title ? ': ' + citation.title : ''));
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
    var title = citation.title || 'Source ' + index;
    var heading;
    if (url) {
      heading = el('a', 'source-title', title);
      heading.href = url;
      heading.target = '_blank';
      heading.rel = 'noopener noreferrer';
    } else {
      heading = el('span', 'source-title', title);
    }
    card.appendChild(el('span', 'source-index', String(index)));
    card.appendChild(heading);
    if (citation.snippet) {
      card.appendChild(el('p', 'source-snippet', citation.snippet));
    }
    this.citations[index] = { title: title, card: card };
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
    if (!this.text) {
      this.body.textContent = '';
    }
    if (done && done.escalated) {
      this.showNote('I have passed your question to our support team; someone will follow up with you.');
    }
  };

  Answer.prototype.fail = function (message) {
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

  // ---- Talking to the gateway: fetch + ReadableStream SSE parsing (EventSource cannot POST or send headers).

  var GENERIC_ERROR = 'Sorry, something went wrong on our side. Please try again in a moment.';

  function problemMessage(problem) {
    var title = problem && typeof problem.title === 'string' ? problem.title : null;
    return title ? 'Sorry, we could not answer that (' + title + '). Please try again.' : GENERIC_ERROR;
  }

  function ask(text) {
    state.busy = true;
    send.disabled = true;
    messages.appendChild(el('div', 'message user', text));
    var answer = new Answer();
    var body = { message: text };
    if (state.conversationId) {
      body.conversationId = state.conversationId;
    }
    var finished = false;

    fetch(chatUrl, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', 'X-Api-Key': apiKey },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        return response.json().catch(function () { return null; }).then(function (problem) {
          finished = true;
          answer.fail(problemMessage(problem));
        });
      }
      if (!response.body) {
        finished = true;
        answer.fail(GENERIC_ERROR);
        return null;
      }
      return readEvents(response.body, function (name, data) {
        if (name === 'meta') {
          if (data && data.conversationId) {
            saveConversationId(data.conversationId);
          }
        } else if (name === 'token') {
          if (data && typeof data.text === 'string') {
            answer.append(data.text);
          }
        } else if (name === 'citation') {
          if (data) {
            answer.cite(data);
          }
        } else if (name === 'done') {
          finished = true;
          answer.finish(data);
        } else if (name === 'error') {
          finished = true;
          answer.fail(problemMessage(data));
        }
      });
    }).catch(function () {
      if (!finished) {
        finished = true;
        answer.fail('We could not reach support right now. Please check your connection and try again.');
      }
    }).then(function () {
      if (!finished) {
        answer.fail('The answer was cut off. Please try again.');
      }
      state.busy = false;
      send.disabled = false;
    });
  }

  // Parses a text/event-stream body; calls onEvent(name, parsedJsonOrNull) per event.
  function readEvents(stream, onEvent) {
    var reader = stream.getReader();
    var decoder = new TextDecoder();
    var buffer = '';

    function dispatch(block) {
      var name = 'message';
      var data = [];
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
      onEvent(name, parsed);
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

  function mount() {
    document.body.appendChild(host);
  }

  if (document.body) {
    mount();
  } else {
    document.addEventListener('DOMContentLoaded', mount);
  }
})();
