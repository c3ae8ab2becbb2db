// The widget's shell in a shadow root, so the host page's styles and ours never meet, and the message log.
import { button, el } from './dom.js';

export class View {
  constructor(T, lang, stylesheetUrl) {
    this.T = T;
    this.host = el('div');
    this.host.id = 'supportrag-widget';
    const root = this.host.attachShadow({ mode: 'open' });

    const stylesheet = el('link');
    stylesheet.rel = 'stylesheet';
    stylesheet.href = stylesheetUrl;
    root.appendChild(stylesheet);

    const launcher = this.launcher = button('launcher', null, T.open);
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'supportrag-panel');
    launcher.appendChild(el('span', 'launcher-icon', '?'));
    launcher.appendChild(el('span', 'launcher-text', T.help));

    const panel = this.panel = el('section', 'panel');
    panel.id = 'supportrag-panel';
    panel.hidden = true;
    panel.lang = lang;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-labelledby', 'supportrag-title');

    const header = el('header', 'header');
    const title = el('h2', 'title', T.title);
    title.id = 'supportrag-title';
    header.appendChild(title);
    this.humanButton = button('header-button human', T.human);
    this.newChat = button('header-button', T.newChat);
    this.close = button('header-button close', '\u00d7', T.close);
    header.appendChild(this.humanButton);
    header.appendChild(this.newChat);
    header.appendChild(this.close);

    // The log announces whole messages (aria-busy while an answer streams) rather than every token.
    const messages = this.messages = el('div', 'messages');
    messages.setAttribute('role', 'log');
    messages.setAttribute('aria-live', 'polite');
    messages.setAttribute('aria-relevant', 'additions');
    messages.tabIndex = 0;
    messages.setAttribute('aria-label', T.title);

    // Short status announcements (reconnecting, rate limited) for screen readers.
    this.status = el('div', 'sr-only');
    this.status.setAttribute('role', 'status');

    const form = this.form = el('form', 'composer');
    const input = this.input = el('textarea', 'input');
    input.rows = 2;
    input.maxLength = 4000;
    input.placeholder = T.placeholder;
    input.setAttribute('aria-label', T.question);
    this.send = el('button', 'send', T.send);
    this.send.type = 'submit';
    form.appendChild(input);
    form.appendChild(this.send);

    panel.appendChild(header);
    panel.appendChild(messages);
    panel.appendChild(this.status);
    panel.appendChild(form);
    root.appendChild(panel);
    root.appendChild(launcher);
  }

  mount() {
    const attach = () => document.body.appendChild(this.host);
    if (document.body) {
      attach();
    } else {
      document.addEventListener('DOMContentLoaded', attach);
    }
  }

  setOpen(open) {
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.classList.toggle('open', open);
    if (open) {
      this.input.focus();
      this.scrollToEnd();
    }
  }

  announce(text) {
    this.status.textContent = text;
  }

  scrollToEnd() {
    this.messages.scrollTop = this.messages.scrollHeight;
  }

  clear() {
    this.messages.textContent = '';
  }

  add(node) {
    this.messages.appendChild(node);
    this.scrollToEnd();
    return node;
  }

  greet() {
    this.messages.appendChild(el('div', 'message assistant greeting', this.T.greeting));
  }

  notice(text, kind) {
    return this.add(el('div', 'notice' + (kind ? ' ' + kind : ''), text));
  }

  userMessage(text) {
    const node = el('div', 'message user');
    node.appendChild(el('span', 'sr-only', this.T.you + ': '));
    node.appendChild(document.createTextNode(text));
    this.add(node);
  }

  agentMessage(message) {
    const node = el('div', 'message agent');
    node.appendChild(el('div', 'author', message.author || this.T.agent));
    node.appendChild(el('div', 'agent-text', message.content || ''));
    this.add(node);
  }
}
