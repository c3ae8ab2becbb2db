// One assistant answer: text streamed in, [n] markers as superscript refs, source cards below, feedback after.
import { button, el } from './dom.js';
import { feedback } from './feedback.js';

export class Answer {
  /** widget: { T, view, client, state, listen() } */
  constructor(widget) {
    const T = widget.T;
    this.widget = widget;
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
    widget.view.add(this.node);
  }

  append(text) {
    this.text += text;
    this.render();
  }

  // Re-rendered from the full text each time so a marker split across tokens ("[" then "1]") still renders.
  render() {
    const body = this.body;
    body.textContent = '';
    const pattern = /\[(\d{1,2})\]/g;
    let last = 0;
    let match;
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
    this.widget.view.scrollToEnd();
  }

  reference(index) {
    const T = this.widget.T;
    const sup = el('sup', 'ref');
    const citation = this.citations[index];
    if (citation && citation.card) {
      const jump = button('ref-button', String(index), T.source + ' ' + index + (citation.title ? ': ' + citation.title : ''));
      jump.title = citation.title || T.source + ' ' + index;
      jump.addEventListener('click', () => {
        citation.card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
        citation.card.classList.add('highlight');
        window.setTimeout(() => citation.card.classList.remove('highlight'), 1200);
      });
      sup.appendChild(jump);
    } else {
      sup.textContent = String(index);
    }
    return sup;
  }

  cite(citation) {
    const index = Number(citation.index);
    if (!index || this.citations[index]) {
      return;
    }
    const card = el('li', 'source');
    card.value = index;
    const url = this.widget.client.safeHttpUrl(citation.url);
    const name = citation.title || this.widget.T.source + ' ' + index;
    let heading;
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
    this.citations[index] = { title: name, card };
    // Keep the cards in index order whatever order they arrive in.
    const before = Array.from(this.sources.children).find((other) => other.value > index) || null;
    this.sources.insertBefore(card, before);
    this.sources.hidden = false;
    this.render();
  }

  finish(done) {
    const state = this.widget.state;
    this.node.removeAttribute('aria-busy');
    if (!this.text) {
      this.body.textContent = '';
    }
    if (this.messageId) {
      state.seen[this.messageId] = true;
      state.lastEventId = this.messageId; // live events resume after this turn, so none slips in between
      this.node.appendChild(feedback(this.widget, this.messageId, this.traceId));
    }
    if (done && done.escalated) {
      this.showNote(this.widget.T.escalated);
      this.widget.listen();
    }
  }

  fail(message) {
    this.node.removeAttribute('aria-busy');
    if (!this.text) {
      this.body.textContent = '';
    }
    this.node.classList.add('failed');
    this.showNote(message);
  }

  showNote(message) {
    this.note.textContent = message;
    this.note.hidden = false;
    this.widget.view.scrollToEnd();
  }
}
