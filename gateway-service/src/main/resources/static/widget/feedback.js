// Feedback per answer: thumbs, then an optional comment; tied to the message and its trace.
import { button, el, thumbIcon } from './dom.js';

// A vote that met a 502/503/504, a 429 or a network error (eval restarting, a replica gone) is sent again with
// backoff for RETRY_MS, and kept in sessionStorage until then so a reload still delivers it. Eval stores one vote
// per message and customer, so a re-send that crossed a lost response is stored once.
const RETRY_MS = 180000;
const sending = {};

function store(widget, update) {
  const key = 'supportrag.feedback.' + widget.client.apiKey;
  try {
    const votes = JSON.parse(window.sessionStorage.getItem(key) || '{}');
    update(votes);
    window.sessionStorage.setItem(key, JSON.stringify(votes));
    return votes;
  } catch (e) {
    return {}; // storage disabled: retries still run, just not across a reload
  }
}

/** Sends body, again after failures worth retrying until `until`; onState('sent' | 'pending' | 'failed'). */
function deliver(widget, body, until, onState) {
  const token = {};
  sending[body.messageId] = token;
  store(widget, (votes) => {
    votes[body.messageId] = { body, until };
  });
  function end(state) {
    if (sending[body.messageId] === token) {
      store(widget, (votes) => delete votes[body.messageId]);
    }
    onState(state);
  }
  function attempt(n) {
    if (sending[body.messageId] !== token) {
      return; // a newer vote for this answer replaced this one
    }
    widget.client.request('POST', '/api/v1/feedback', body).then((response) => {
      response.json().catch(() => null); // read it: frees the connection
      if (response.ok) {
        return end('sent');
      }
      const status = response.status;
      return status === 429 || (status >= 502 && status <= 504)
        ? retry(n, parseInt(response.headers.get('Retry-After'), 10)) : end('failed');
    }, () => retry(n, 0));
  }
  function retry(n, retryAfter) {
    // 1 s doubling to 30 s, jittered so customers cut off together do not return together; at least Retry-After.
    const ceiling = Math.min(30000, 1000 * 2 ** n);
    const wait = Math.max(ceiling / 2 + Math.random() * ceiling / 2, retryAfter > 0 ? retryAfter * 1000 : 0);
    if (Date.now() + wait > until) {
      return end('failed');
    }
    onState('pending');
    window.setTimeout(() => attempt(n + 1), wait);
  }
  attempt(0);
}

/** After a reload: sends the votes a page before it could not, within their time. */
export function resendPending(widget) {
  const votes = store(widget, (all) => Object.keys(all).forEach((id) => {
    if (!(all[id].until > Date.now())) {
      delete all[id]; // its time ran out while no page was open
    }
  }));
  Object.keys(votes).forEach((id) => {
    if (!sending[id]) {
      deliver(widget, votes[id].body, votes[id].until, () => {});
    }
  });
}

export function feedback(widget, messageId, traceId) {
  const T = widget.T;
  const box = el('div', 'feedback');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', T.rate);
  const up = button('thumb up', null, T.helpful);
  const down = button('thumb down', null, T.notHelpful);
  up.appendChild(thumbIcon());
  down.appendChild(thumbIcon());
  up.setAttribute('aria-pressed', 'false');
  down.setAttribute('aria-pressed', 'false');
  const comment = el('form', 'comment');
  comment.hidden = true;
  const commentId = 'c-' + messageId;
  const label = el('label', 'comment-label', T.commentLabel);
  label.htmlFor = commentId;
  const text = el('textarea', 'comment-input');
  text.id = commentId;
  text.rows = 2;
  text.maxLength = 2000;
  const submit = el('button', 'comment-send', T.sendComment);
  submit.type = 'submit';
  comment.appendChild(label);
  comment.appendChild(text);
  comment.appendChild(submit);
  const result = el('div', 'feedback-result');
  result.setAttribute('role', 'status');
  let rating = null;

  function post(withComment) {
    const body = { conversationId: widget.state.conversationId, messageId, rating };
    if (traceId) {
      body.traceId = traceId;
    }
    if (withComment && text.value.trim()) {
      body.comment = text.value.trim();
    }
    return new Promise((resolve) => {
      deliver(widget, body, Date.now() + RETRY_MS, (state) => {
        result.textContent = state === 'sent' ? T.thanks : state === 'pending' ? T.feedbackPending : T.feedbackFailed;
        resolve();
      });
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

  up.addEventListener('click', () => rate('up'));
  down.addEventListener('click', () => rate('down'));
  comment.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    post(true).then(() => {
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
