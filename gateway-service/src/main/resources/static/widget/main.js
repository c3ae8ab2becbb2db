// The widget: wires the view to the gateway. Started by the one-line loader (../widget.js) with its script's data.
import { Answer } from './answer.js';
import { Client, readEvents, readProblem } from './client.js';
import { resendPending } from './feedback.js';
import { failureMessage, problemMessage } from './failures.js';
import { LiveEvents } from './live.js';
import { storedAnswer } from './recover.js';
import { pickLanguage, STRINGS } from './strings.js';
import { View } from './view.js';

/**
 * config: { src (the loader's URL), key, lang, userToken, knowledgeBase }. Returns the page's API: open(),
 * close(), setUserToken(jwt).
 */
export function start(config) {
  const lang = pickLanguage(config.lang);
  const T = STRINGS[lang];
  const gateway = new URL(config.src, window.location.href);
  const client = new Client(gateway, config.key, config.userToken);
  const view = new View(T, lang, client.url('/widget.css'));
  const storageKey = 'supportrag.conversation.' + config.key;
  const state = {
    conversationId: readConversationId(), busy: false, seen: {}, lastEventId: null, escalation: null,
    pausedUntil: 0
  };
  const widget = {
    T, view, client, state,
    listen: () => live.listen(),
    agentMessage(message) {
      if (!message || state.seen[message.messageId]) {
        return;
      }
      state.seen[message.messageId] = true;
      view.agentMessage(message);
    }
  };
  const live = new LiveEvents(widget);
  resendPending(widget);
  view.humanButton.hidden = !state.conversationId;

  function readConversationId() {
    try {
      return window.sessionStorage.getItem(storageKey);
    } catch (e) {
      return null; // storage disabled: conversations just do not survive a reload
    }
  }

  function saveConversationId(id) {
    state.conversationId = id || null;
    view.humanButton.hidden = !id;
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

  // Keeps Send disabled while the gateway asked us to wait.
  function pause(seconds) {
    state.pausedUntil = Date.now() + seconds * 1000;
    window.setTimeout(() => {
      if (!state.busy) {
        view.send.disabled = false;
      }
    }, seconds * 1000);
  }

  function ask(text) {
    state.busy = true;
    view.send.disabled = true;
    view.userMessage(text);
    const answer = new Answer(widget);
    answer.node.setAttribute('aria-busy', 'true');
    view.announce(T.typing);
    // The widget's language: the service's own texts (hand-over, refusals) match the widget's.
    const body = { message: text, language: lang };
    if (state.conversationId) {
      body.conversationId = state.conversationId;
    }
    if (config.knowledgeBase) {
      body.knowledgeBase = config.knowledgeBase;
    }
    let finished = false;

    client.request('POST', '/api/v1/chat', body, 'text/event-stream').then((response) => {
      if (!response.ok) {
        return readProblem(response).then((problem) => {
          finished = true;
          answer.fail(failureMessage(T, response, problem, pause));
        });
      }
      if (!response.body) {
        finished = true;
        answer.fail(T.outage);
        return null;
      }
      return readEvents(response.body, (name, data) => {
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
          view.announce(T.answered);
        } else if (name === 'error') {
          finished = true;
          answer.fail(problemMessage(T, data));
        }
      });
    }).catch(() => {
      // Broken after meta: recovered below; before it, nothing reached the service that could be recovered.
      if (!finished && !answer.messageId) {
        finished = true;
        answer.fail(T.offline);
      }
    }).then(() => (finished || !answer.messageId || !state.conversationId ? null
      : storedAnswer(client, state.conversationId, answer.messageId).then((stored) => {
        if (stored) {
          finished = true;
          showStored(answer, stored);
        }
      }))).then(() => {
      if (!finished) {
        answer.fail(T.cutOff);
      }
      state.busy = false;
      view.send.disabled = state.pausedUntil > Date.now();
    });
  }

  // The stored answer in place of the broken-off stream, as if it had streamed to its end.
  function showStored(answer, stored) {
    (stored.message.citations || []).forEach((citation) => answer.cite(citation));
    answer.text = stored.message.content || '';
    answer.render();
    const escalation = stored.escalation;
    const wasOpen = state.escalation && state.escalation.status !== 'resolved';
    const open = escalation && escalation.status !== 'resolved';
    if (escalation) {
      state.escalation = escalation;
    }
    answer.finish({ escalated: Boolean(open && !wasOpen) });
    view.announce(T.answered);
  }

  function escalate() {
    if (!state.conversationId) {
      return;
    }
    view.humanButton.disabled = true;
    view.userMessage(T.humanAsked);
    client.request('POST', '/api/v1/conversations/' + encodeURIComponent(state.conversationId) + '/escalate', {})
      .then((response) => {
        if (!response.ok) {
          return readProblem(response).then((problem) => {
            view.notice(response.status === 429 || response.status >= 500 ? failureMessage(T, response, problem, pause)
              : T.escalateFailed, 'error');
          });
        }
        return response.json().catch(() => null).then((item) => {
          state.escalation = item;
          view.notice(T.escalated);
          live.listen();
        });
      }).catch(() => {
        view.notice(T.offline, 'error');
      }).then(() => {
        view.humanButton.disabled = false;
        view.input.focus();
      });
  }

  // A reload shows the conversation so far and reconnects to live replies if it is escalated.
  function resume() {
    if (!state.conversationId) {
      return;
    }
    client.request('GET', '/api/v1/conversations/' + encodeURIComponent(state.conversationId)).then((response) => {
      if (response.status === 404 || response.status === 403 || response.status === 401) {
        saveConversationId(null);
        return null;
      }
      return response.ok ? response.json() : null;
    }).then((conversation) => {
      if (!conversation || !conversation.messages) {
        return;
      }
      conversation.messages.forEach((message) => {
        if (message.role === 'user') {
          view.userMessage(message.content || '');
        } else if (message.role === 'agent') {
          widget.agentMessage(message);
        } else if (message.role === 'assistant') {
          const answer = new Answer(widget);
          (message.citations || []).forEach((citation) => answer.cite(citation));
          answer.text = message.content || '';
          answer.render();
          answer.messageId = message.messageId;
          answer.finish(null);
        }
        if (message.messageId) {
          state.lastEventId = message.messageId;
        }
      });
      const escalation = conversation.escalation;
      state.escalation = escalation || null;
      if (escalation && escalation.status !== 'resolved') {
        view.notice(escalation.status === 'assigned' ? T.agentJoined : T.escalated, 'muted');
        live.listen();
      }
    }).catch(() => {
      /* keep the greeting; the next question continues the conversation anyway */
    });
  }

  view.launcher.addEventListener('click', () => view.setOpen(view.panel.hidden));
  view.close.addEventListener('click', () => {
    view.setOpen(false);
    view.launcher.focus();
  });
  view.panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      view.setOpen(false);
      view.launcher.focus();
    }
  });
  view.newChat.addEventListener('click', () => {
    if (state.busy) {
      return;
    }
    live.stop();
    saveConversationId(null);
    state.seen = {};
    state.escalation = null;
    view.clear();
    view.greet();
    view.input.focus();
  });
  view.humanButton.addEventListener('click', escalate);
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (target && target.closest && target.closest('[data-supportrag-open]')) {
      event.preventDefault();
      view.setOpen(true);
    }
  });
  view.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      view.form.requestSubmit();
    }
  });
  view.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = view.input.value.trim();
    if (!text || state.busy) {
      return;
    }
    view.input.value = '';
    ask(text);
  });

  view.greet();
  resume();
  view.mount();

  return {
    open: () => view.setOpen(true),
    close: () => view.setOpen(false),
    setUserToken: (jwt) => {
      client.userToken = jwt || null;
    }
  };
}
