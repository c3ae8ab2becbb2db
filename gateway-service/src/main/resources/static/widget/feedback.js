// Feedback per answer: thumbs, then an optional comment; tied to the message and its trace.
import { button, el, thumbIcon } from './dom.js';

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
    return widget.client.request('POST', '/api/v1/feedback', body).then((response) => {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      result.textContent = T.thanks;
      return response.json().catch(() => null); // read it: frees the connection
    }).catch(() => {
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
