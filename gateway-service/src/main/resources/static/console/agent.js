// Agent views: the escalation queue and one conversation (claim, reply, resolve, label the assistant's answers).
import { api, get } from './api.js';
import { session, traceLink } from './auth.js';
import { age, h, number, replace, thead, toast, when } from './dom.js';

const REASONS = {
  low_confidence: 'Low confidence', customer_request: 'Customer asked', guardrail: 'Guardrail',
  no_answer: 'No answer', model_failure: 'Model failure', unsupported_claim: 'Unsupported claim',
};
const LABELS = { correct: 'Correct', incorrect: 'Incorrect', missing_knowledge: 'Missing knowledge' };

function reasonText(reason) {
  return REASONS[reason] || String(reason).replace(/_/g, ' ');
}

function fail(error) {
  toast(error.message, 'error');
}

async function claim(id) {
  const { data } = await api('POST', `/api/v1/escalations/${id}/claim`);
  toast('Claimed: the conversation is assigned to you.');
  return data;
}

// ---- Queue

const filters = { status: 'open', reason: '', maxConfidence: '' };

export function queueView(view) {
  const statusSelect = h('select', { id: 'filter-status', onchange: () => { filters.status = statusSelect.value; load(); } },
    ['open', 'assigned', 'resolved'].map((value) => h('option', { value, selected: filters.status === value }, value)));
  const reasonSelect = h('select', { id: 'filter-reason', onchange: () => { filters.reason = reasonSelect.value; draw(); } });
  const confidenceInput = h('input', {
    id: 'filter-confidence', type: 'number', min: '0', max: '1', step: '0.05', value: filters.maxConfidence,
    placeholder: 'any', oninput: () => { filters.maxConfidence = confidenceInput.value; draw(); },
  });
  const body = h('tbody');
  const summary = h('p', { class: 'muted', 'aria-live': 'polite' });
  let items = [];

  replace(view,
    h('h1', null, 'Escalations'),
    h('form', { class: 'filters', onsubmit: (event) => event.preventDefault() },
      h('label', null, 'Status ', statusSelect),
      h('label', null, 'Reason ', reasonSelect),
      h('label', null, 'Confidence at most ', confidenceInput),
      h('button', { type: 'button', class: 'ghost', onclick: () => load() }, 'Refresh')),
    summary,
    h('table', { class: 'queue' },
      thead(['Age', 'Question', 'Reasons', 'Confidence', 'Status', 'Assignee', '']),
      body));

  function draw() {
    const reasons = [...new Set(items.flatMap((item) => item.reasons || []))].sort();
    replace(reasonSelect, h('option', { value: '' }, 'all'),
      reasons.map((reason) => h('option', { value: reason, selected: filters.reason === reason }, reasonText(reason))));
    const max = filters.maxConfidence === '' ? null : Number(filters.maxConfidence);
    const shown = items.filter((item) => (!filters.reason || (item.reasons || []).includes(filters.reason))
      && (max === null || (typeof item.confidence === 'number' && item.confidence <= max)));
    summary.textContent = `${shown.length} of ${items.length} ${filters.status} escalation${items.length === 1 ? '' : 's'}`;
    const me = session()?.subject;
    replace(body, shown.length ? shown.map((item) => h('tr', { 'data-conversation-id': item.conversationId },
      h('td', { title: when(item.createdAt) }, age(item.createdAt)),
      h('td', { class: 'preview' }, h('a', { href: `#/conversations/${item.conversationId}` }, item.preview || '(no text)')),
      h('td', null, (item.reasons || []).map((reason) => h('span', { class: `tag ${reason}` }, reasonText(reason)))),
      h('td', { class: 'number' }, number(item.confidence, 2)),
      h('td', null, h('span', { class: `status ${item.status}` }, item.status)),
      h('td', null, item.assignee || '–'),
      h('td', { class: 'actions' },
        item.status === 'open' ? h('button', {
          type: 'button', class: 'primary small claim',
          onclick: () => claim(item.conversationId)
            .then(() => { location.hash = `#/conversations/${item.conversationId}`; }).catch(fail),
        }, 'Claim') : null,
        h('a', { class: 'button small', href: `#/conversations/${item.conversationId}` },
          item.assignee && item.assignee === me ? 'Continue' : 'Open'))))
      : h('tr', null, h('td', { colspan: '7', class: 'muted empty' }, 'Nothing here. New escalations appear automatically.')));
  }

  async function load() {
    try {
      const data = await get(`/api/v1/escalations?status=${encodeURIComponent(filters.status)}`);
      items = data?.items || [];
      draw();
    } catch (error) {
      if (error.status !== 401) {
        summary.textContent = `Could not load the queue: ${error.message}`;
      }
    }
  }

  load();
  const timer = setInterval(load, 5000);
  return () => clearInterval(timer);
}

// ---- Conversation

export function conversationView(view, id) {
  const heading = h('div', { class: 'escalation-bar' });
  const list = h('ol', { class: 'transcript', 'aria-label': 'Messages' });
  const seen = new Set();
  let labels = {};
  let escalation = null;
  let drawn = false;

  const replyText = h('textarea', { id: 'reply-text', rows: '3', maxlength: '4000', required: true });
  const replyForm = h('form', { class: 'reply card', onsubmit: sendReply },
    h('label', { for: 'reply-text' }, 'Reply to the customer'),
    replyText,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'send-reply' }, 'Send reply')));

  replace(view,
    h('p', null, h('a', { href: '#/queue' }, '← Escalations')),
    h('h1', null, 'Conversation'),
    heading, list, replyForm);

  async function sendReply(event) {
    event.preventDefault();
    const text = replyText.value.trim();
    if (!text) {
      return;
    }
    const button = replyForm.querySelector('button');
    button.disabled = true;
    try {
      const { data } = await api('POST', `/api/v1/conversations/${id}/agent-replies`, { text });
      replyText.value = '';
      if (data) {
        addMessage(data);
      }
      toast('Reply sent to the customer.');
      await load();
    } catch (error) {
      fail(error);
    } finally {
      button.disabled = false;
      replyText.focus();
    }
  }

  function drawEscalation() {
    if (!escalation) {
      replace(heading, h('p', { class: 'muted' }, 'This conversation is not escalated.'));
      return;
    }
    const me = session()?.subject;
    replace(heading,
      h('dl', { class: 'facts' },
        h('dt', null, 'Status'), h('dd', null, h('span', { class: `status ${escalation.status}`, id: 'escalation-status' }, escalation.status)),
        h('dt', null, 'Reasons'), h('dd', null, (escalation.reasons || []).map((reason) => h('span', { class: 'tag' }, reasonText(reason)))),
        h('dt', null, 'Confidence'), h('dd', null, number(escalation.confidence, 2)),
        h('dt', null, 'Assignee'), h('dd', null, escalation.assignee || '–'),
        h('dt', null, 'Waiting'), h('dd', { title: when(escalation.createdAt) }, age(escalation.createdAt))),
      h('div', { class: 'row' },
        escalation.status !== 'resolved' && escalation.assignee !== me ? h('button', {
          type: 'button', class: 'primary', id: 'claim',
          onclick: () => claim(id).then((item) => { escalation = item; drawEscalation(); }).catch(fail),
        }, 'Claim') : null,
        escalation.status !== 'resolved' ? h('button', {
          type: 'button', class: 'ghost', id: 'resolve',
          onclick: () => api('POST', `/api/v1/escalations/${id}/resolve`)
            .then(({ data }) => { escalation = data; drawEscalation(); toast('Marked as resolved.'); }).catch(fail),
        }, 'Resolve') : null,
        h('button', { type: 'button', class: 'ghost', onclick: () => load() }, 'Refresh')));
  }

  function addMessage(message) {
    if (seen.has(message.messageId)) {
      return;
    }
    seen.add(message.messageId);
    const who = message.role === 'user' ? 'Customer' : message.role === 'agent' ? (message.author || 'Agent') : 'Assistant';
    const item = h('li', { class: `msg ${message.role}`, 'data-message-id': message.messageId },
      h('div', { class: 'msg-head' }, h('strong', null, who), h('time', { datetime: message.createdAt }, when(message.createdAt))),
      h('p', { class: 'msg-text' }, message.content || ''));
    if (message.role === 'user' && message.standaloneQuery) {
      // What retrieval searched for a follow-up, its earlier turns resolved into it.
      item.append(h('p', { class: 'muted small standalone-query' }, 'Searched as: ', h('q', null, message.standaloneQuery)));
    }
    if (message.role === 'assistant') {
      item.append(...assistantDetails(message));
    }
    list.appendChild(item);
  }

  // The trace id, a link into the trace UI once one is configured.
  function traceCell(traceId) {
    const cell = h('dd', null, h('code', { class: 'trace' }, traceId || '–'));
    traceLink(traceId).then((href) => {
      if (href) replace(cell, h('a', { href, target: '_blank', rel: 'noopener' }, h('code', { class: 'trace' }, traceId)));
    });
    return cell;
  }

  function assistantDetails(message) {
    const usage = message.usage || {};
    const cost = message.costUsd ?? usage.costUsd ?? message.cost;
    const details = [
      h('dl', { class: 'facts small' },
        h('dt', null, 'Confidence'), h('dd', { class: 'confidence' }, number(message.confidence, 2)),
        h('dt', null, 'Flags'), h('dd', { class: 'flags' }, (message.flags || []).length
          ? message.flags.map((flag) => h('span', { class: 'tag flag' }, flag)) : 'none'),
        h('dt', null, 'Model'), h('dd', null, message.model || '–'),
        h('dt', null, 'Prompt'), h('dd', null, message.promptVersion ?? '–'),
        h('dt', null, 'Cost'), h('dd', null, typeof cost === 'number' ? `$${cost.toFixed(5)}` : '–'),
        h('dt', null, 'Trace'), traceCell(message.traceId),
        scoreEntries(message.scores)),
    ];
    const context = message.context || [];
    if (context.length) {
      details.push(h('details', { class: 'context', open: true },
        h('summary', null, `Retrieved context (${context.length})`),
        h('table', null,
          thead(['Score', 'Source', 'Text']),
          h('tbody', null, context.map((chunk) => h('tr', null,
            h('td', { class: 'number score' }, number(chunk.score, 3)),
            h('td', null, chunk.title || chunk.documentId || ''),
            h('td', { class: 'snippet' }, chunk.snippet || '')))))));
    }
    const citations = message.citations || [];
    if (citations.length) {
      details.push(h('p', { class: 'muted small' }, 'Cited: ',
        citations.map((citation) => `[${citation.index}] ${citation.title || ''}`).join(' · ')));
    }
    details.push(labelForm(message));
    return details;
  }

  // The evidence behind the confidence (retrieval scores, groundedness...), whatever generation recorded.
  function scoreEntries(scores) {
    const entries = Object.entries(scores || {}).filter(([, value]) => value !== null && typeof value !== 'object');
    if (!entries.length) {
      return null;
    }
    return [h('dt', null, 'Scores'), h('dd', { class: 'scores' }, entries.map(([name, value]) => h('span', { class: 'tag' },
      `${name.replace(/_/g, ' ')} ${typeof value === 'number' ? number(value, 3) : value}`)))];
  }

  function labelForm(message) {
    const existing = labels[message.messageId];
    const name = `label-${message.messageId}`;
    const corrected = h('textarea', { name: 'correctedAnswer', rows: '2', maxlength: '8000', 'aria-label': 'Corrected answer' });
    const note = h('input', { name: 'note', type: 'text', maxlength: '2000', 'aria-label': 'Note' });
    const state = h('span', { class: 'label-state', role: 'status' },
      existing ? `Labelled ${LABELS[existing.label] || existing.label}` : '');
    if (existing) {
      corrected.value = existing.correctedAnswer || '';
      note.value = existing.note || '';
    }
    const form = h('form', {
      class: 'label-form',
      onsubmit: async (event) => {
        event.preventDefault();
        const choice = form.querySelector(`input[name="${name}"]:checked`);
        if (!choice) {
          state.textContent = 'Choose a label first.';
          return;
        }
        try {
          const body = { conversationId: id, messageId: message.messageId, label: choice.value };
          if (corrected.value.trim()) {
            body.correctedAnswer = corrected.value.trim();
          }
          if (note.value.trim()) {
            body.note = note.value.trim();
          }
          const { data } = await api('POST', '/api/v1/labels', body);
          labels[message.messageId] = data;
          state.textContent = `Labelled ${LABELS[choice.value]}`;
          toast('Label saved for evaluation.');
        } catch (error) {
          fail(error);
        }
      },
    },
    h('fieldset', null,
      h('legend', null, 'Label this answer'),
      Object.entries(LABELS).map(([value, text]) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name, value, checked: existing?.label === value }), ` ${text}`)),
      h('label', { class: 'block' }, 'Corrected answer', corrected),
      h('label', { class: 'block' }, 'Note', note),
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'small' }, 'Save label'), state)));
    return form;
  }

  async function load() {
    try {
      const [conversation, labelList] = await Promise.all([
        get(`/api/v1/conversations/${id}`),
        get(`/api/v1/labels?conversationId=${id}`).catch(() => ({ items: [] })),
      ]);
      labels = {};
      for (const label of labelList?.items || []) {
        if (label.labelledBy === session()?.subject || !labels[label.messageId]) {
          labels[label.messageId] = label;
        }
      }
      // Redraw the bar only on change: keeps keyboard focus on its buttons across refreshes.
      const next = conversation.escalation || null;
      if (!drawn || JSON.stringify(next) !== JSON.stringify(escalation)) {
        escalation = next;
        drawn = true;
        drawEscalation();
      }
      (conversation.messages || []).forEach(addMessage);
    } catch (error) {
      if (error.status === 404) {
        replace(heading, h('p', { class: 'error' }, 'No such conversation in your tenant.'));
        replyForm.hidden = true;
      } else if (error.status !== 401) {
        fail(error);
      }
    }
  }

  load();
  // New customer messages show up while the agent has the conversation open.
  const timer = setInterval(load, 5000);
  return () => clearInterval(timer);
}
