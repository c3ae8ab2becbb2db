// Tiny DOM builder: every string becomes a text node, so nothing from the API is ever parsed as HTML.
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      node.className = value;
    } else if (name in node && typeof value !== 'string') {
      node[name] = value;
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }
}

export function replace(node, ...children) {
  node.textContent = '';
  append(node, children);
  return node;
}

// A table's header row: one column header per name.
export function thead(names) {
  return h('thead', null, h('tr', null, names.map((name) => h('th', { scope: 'col' }, name))));
}

export function age(iso) {
  if (!iso) {
    return '';
  }
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) {
    return `${seconds}s`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)}m`;
  }
  if (seconds < 86400) {
    return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
  }
  return `${Math.floor(seconds / 86400)}d`;
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function number(value, digits) {
  return typeof value === 'number' ? value.toFixed(digits) : '–';
}

let toastTimer;
export function toast(message, kind) {
  const node = document.getElementById('toast');
  node.textContent = message;
  node.className = `toast visible ${kind || ''}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.className = 'toast'; }, 5000);
}
