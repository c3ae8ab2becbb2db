// DOM helpers: every node is built with createElement + textContent, never from HTML.

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

export function button(className, text, label) {
  const node = el('button', className, text);
  node.type = 'button';
  if (label) {
    node.setAttribute('aria-label', label);
  }
  return node;
}

// A thumbs-up drawn as SVG (emoji fonts are missing on many systems); CSS turns it upside down for thumbs-down.
const SVG = 'http://www.w3.org/2000/svg';

export function thumbIcon() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const shape = document.createElementNS(SVG, 'path');
  shape.setAttribute('d', 'M2 21h4V9H2v12zm21-10c0-1.1-.9-2-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.5-1.1L14.2 2 7.6 8.6C7.2 9 7 9.5 7 10v9c0 1.1.9 2 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-1z');
  svg.appendChild(shape);
  return svg;
}
