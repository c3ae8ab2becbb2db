// Installation page (admin): the tenant's widget keys, each new key with the one line to paste into the site, the
// allowed origins, rotation with an overlap and revocation. Keys are shown once, right after they are made.
import { api, get } from './api.js';
import { h, replace, toast, when } from './dom.js';

const KEYS = '/api/v1/admin/widget-keys';

export function installationView(view) {
  const origins = h('input', { id: 'key-origins', required: true, placeholder: 'https://www.example.com', size: 50 });
  const name = h('input', { id: 'key-name', placeholder: 'Website' });
  const created = h('div', { 'aria-live': 'polite' });
  const body = h('tbody');

  replace(view,
    h('h1', null, 'Installation'),
    h('p', { class: 'muted' }, 'Create a widget key for the sites the chat may appear on, then paste the line it gives into those pages, before </body>.'),
    h('form', { class: 'card', onsubmit: create },
      h('h2', null, 'New widget key'),
      h('label', { for: 'key-origins' }, 'Allowed origins (comma-separated)'), origins,
      h('label', { for: 'key-name' }, 'Name'), name,
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Create key'))),
    created,
    h('h2', null, 'Widget keys'),
    h('table', null,
      h('thead', null, h('tr', null, ['Name', 'Allowed origins', 'Created', 'Status', ''].map((text) => h('th', { scope: 'col' }, text)))),
      body));

  function showNew(result, title) {
    const snippet = h('pre', { class: 'code', id: 'embed-snippet' }, result.embedSnippet);
    replace(created, h('section', { class: 'card', role: 'status' },
      h('h2', null, title),
      h('p', null, 'Paste this line into every page of your site. The key is shown only now.'),
      snippet,
      h('button', {
        type: 'button', class: 'small',
        onclick: () => navigator.clipboard?.writeText(result.embedSnippet).then(() => toast('Copied.'), () => toast('Copy it by hand.', 'error')),
      }, 'Copy')));
  }

  async function create(event) {
    event.preventDefault();
    const allowedOrigins = origins.value.split(',').map((origin) => origin.trim()).filter(Boolean);
    try {
      const { data } = await api('POST', KEYS, { name: name.value.trim() || undefined, allowedOrigins });
      showNew(data, 'Your widget key');
      origins.value = '';
      name.value = '';
      await load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function act(method, path, payload, message, title) {
    try {
      const { data } = await api(method, path, payload);
      if (data?.embedSnippet) {
        showNew(data, title);
      }
      toast(message);
      await load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  function row(key) {
    const status = key.revokedAt ? 'revoked' : key.expiresAt ? (key.active ? `ends ${when(key.expiresAt)}` : 'expired') : 'active';
    const label = key.name || 'Widget';
    return h('tr', { 'data-key-id': key.id },
      h('td', null, label),
      h('td', null, key.allowedOrigins.join(', ')),
      h('td', null, when(key.createdAt)),
      h('td', null, status),
      h('td', { class: 'actions' }, key.active && !key.replacedBy ? [
        h('button', {
          type: 'button', class: 'small', 'aria-label': `Edit origins of ${label}`,
          onclick: () => {
            const value = window.prompt('Allowed origins (comma-separated)', key.allowedOrigins.join(', '));
            if (value !== null) {
              act('PUT', `${KEYS}/${key.id}/allowed-origins`, { allowedOrigins: value.split(',').map((o) => o.trim()).filter(Boolean) }, 'Origins saved.');
            }
          },
        }, 'Edit origins'),
        h('button', {
          type: 'button', class: 'small', 'aria-label': `Rotate ${label}`,
          onclick: () => act('POST', `${KEYS}/${key.id}/rotate`, { overlapSeconds: 3600 }, 'Rotated: the old key works one more hour.', 'Your new widget key'),
        }, 'Rotate'),
        h('button', {
          type: 'button', class: 'ghost small danger', 'aria-label': `Revoke ${label}`,
          onclick: () => act('DELETE', `${KEYS}/${key.id}`, undefined, 'Revoked.'),
        }, 'Revoke'),
      ] : null));
  }

  async function load() {
    try {
      const keys = (await get(KEYS))?.widgetKeys || [];
      replace(body, keys.length ? keys.map(row) : h('tr', null, h('td', { colspan: '5', class: 'muted empty' }, 'No widget keys yet.')));
    } catch (error) {
      replace(body, h('tr', null, h('td', { colspan: '5', class: 'error' }, error.message)));
    }
  }

  load();
}
