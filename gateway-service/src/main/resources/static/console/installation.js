// Installation page (admin): the tenant's widget keys, each new key with the one line to paste into the site, the
// allowed origins, rotation with an overlap and revocation. Keys are shown once, right after they are made. Below,
// the key the tenant's own site signs visitor tokens with, so the assistant knows who a signed-in visitor is.
import { api, get } from './api.js';
import { h, replace, thead, toast, when } from './dom.js';

const KEYS = '/api/v1/admin/widget-keys';

export function installationView(view) {
  const origins = h('input', { id: 'key-origins', required: true, placeholder: 'https://www.example.com', size: 50 });
  const name = h('input', { id: 'key-name', placeholder: 'Website' });
  const wildcards = h('input', { id: 'key-wildcards', type: 'checkbox' });
  const visitors = h('section', { class: 'card', id: 'verified-visitors' });
  const created = h('div', { 'aria-live': 'polite' });
  const body = h('tbody');

  replace(view,
    h('h1', null, 'Installation'),
    h('p', { class: 'muted' }, 'Create a widget key for the sites the chat may appear on, then paste the line it gives into those pages, before </body>.'),
    h('form', { class: 'card', onsubmit: create },
      h('h2', null, 'New widget key'),
      h('label', { for: 'key-origins' }, 'Allowed origins (comma-separated)'), origins,
      h('label', { for: 'key-name' }, 'Name'), name,
      h('label', { for: 'key-wildcards', class: 'inline' }, wildcards,
        ' Allow subdomain wildcards such as https://*.example.com (any page on any subdomain may then use the key)'),
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Create key'))),
    created,
    h('h2', null, 'Widget keys'),
    h('table', null,
      thead(['Name', 'Allowed origins', 'Created', 'Status', '']),
      body),
    visitors);

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
      const { data } = await api('POST', KEYS, { name: name.value.trim() || undefined, allowedOrigins, allowWildcardOrigins: wildcards.checked });
      showNew(data, 'Your widget key');
      origins.value = '';
      name.value = '';
      wildcards.checked = false;
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
      h('td', null, key.allowedOrigins.join(', ') + (key.allowWildcardOrigins ? ' (wildcards allowed)' : '')),
      h('td', null, when(key.createdAt)),
      h('td', null, status),
      h('td', { class: 'actions' }, key.active && !key.replacedBy ? [
        h('button', {
          type: 'button', class: 'small', 'aria-label': `Edit origins of ${label}`,
          onclick: () => {
            const value = window.prompt('Allowed origins (comma-separated)', key.allowedOrigins.join(', '));
            if (value !== null) {
              act('PUT', `${KEYS}/${key.id}/allowed-origins`, { allowedOrigins: value.split(',').map((o) => o.trim()).filter(Boolean), allowWildcardOrigins: key.allowWildcardOrigins }, 'Origins saved.');
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

  // Verified visitors: the site signs a short-lived JWT per signed-in visitor (sub: its customer id) with this key
  // and passes it as data-user-token; the secret is write-only.
  async function loadVisitorKey() {
    let tenant;
    let current = null;
    try {
      tenant = await get('/api/v1/admin/tenant');
      current = await get(`/api/v1/admin/tenants/${encodeURIComponent(tenant.id)}/end-user-token-key`).catch((error) => {
        if (error.status === 404) {
          return null;
        }
        throw error;
      });
    } catch (error) {
      replace(visitors, h('h2', null, 'Verified visitors'), h('p', { class: 'error' }, error.message));
      return;
    }
    const path = `/api/v1/admin/tenants/${encodeURIComponent(tenant.id)}/end-user-token-key`;
    const algorithm = h('select', { id: 'visitor-algorithm' },
      ['HS256', 'RS256', 'ES256'].map((value) => h('option', { value, selected: current?.algorithm === value }, value)));
    const secret = h('input', { id: 'visitor-secret', type: 'password', autocomplete: 'off', placeholder: current?.sharedSecretSet ? 'set (write-only)' : 'at least 32 bytes' });
    const pem = h('textarea', { id: 'visitor-pem', rows: 4 }, current?.publicKeyPem || '');
    const jwks = h('input', { id: 'visitor-jwks', value: current?.jwksUrl || '', placeholder: 'https://login.example.com/.well-known/jwks.json', size: 50 });
    const issuer = h('input', { id: 'visitor-issuer', value: current?.issuer || '' });
    const audience = h('input', { id: 'visitor-audience', value: current?.audience || '' });
    const orNull = (input) => input.value.trim() || null;
    async function saveKey(event) {
      event.preventDefault();
      try {
        await api('PUT', path, {
          algorithm: algorithm.value, sharedSecret: orNull(secret), publicKeyPem: orNull(pem), jwksUrl: orNull(jwks),
          issuer: orNull(issuer), audience: orNull(audience),
        });
        toast('Signing key saved.');
        await loadVisitorKey();
      } catch (error) {
        toast(error.message, 'error');
      }
    }
    replace(visitors,
      h('h2', null, 'Verified visitors'),
      h('p', null, current ? `Visitor tokens are checked with a ${current.algorithm} key.` : 'No signing key yet: visitors are anonymous.'),
      h('p', { class: 'muted' }, 'When a visitor is signed in on your site, sign a short-lived JWT for them on your server (sub: their customer id; groups: the documents they may see) and add it to the line you pasted:'),
      h('pre', { class: 'code' }, '<script src="…/widget.js" data-key="srw_…" data-user-token="<JWT signed by your server>" defer></script>'),
      h('p', { class: 'muted' }, 'or call window.SupportRagWidget.setUserToken(jwt) after sign-in. HS256 takes a shared secret; RS256 and ES256 take your public key (PEM) or your identity provider\u2019s JWKS URL.'),
      h('form', { onsubmit: saveKey },
        h('label', { for: 'visitor-algorithm' }, 'Algorithm'), algorithm,
        h('label', { for: 'visitor-secret' }, 'Shared secret (HS256)'), secret,
        h('label', { for: 'visitor-pem' }, 'Public key PEM (RS256, ES256)'), pem,
        h('label', { for: 'visitor-jwks' }, 'or JWKS URL (RS256, ES256)'), jwks,
        h('label', { for: 'visitor-issuer' }, 'Issuer (optional)'), issuer,
        h('label', { for: 'visitor-audience' }, 'Audience (optional)'), audience,
        h('div', { class: 'row' },
          h('button', { type: 'submit', class: 'primary' }, 'Save signing key'),
          current ? h('button', {
            type: 'button', class: 'ghost danger',
            onclick: async () => {
              try {
                await api('DELETE', path);
                toast('Signing key removed: visitors are anonymous again.');
                await loadVisitorKey();
              } catch (error) {
                toast(error.message, 'error');
              }
            },
          }, 'Remove key') : null)));
  }

  load();
  loadVisitorKey();
}
