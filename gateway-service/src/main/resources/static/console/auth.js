// OpenID Connect sign-in for a public client: authorization code + PKCE (S256), done in the browser with
// crypto.subtle. Tokens live in sessionStorage (per tab, gone when it closes), never in cookies or localStorage.
const SESSION = 'supportrag.console.session';
const PENDING = 'supportrag.console.pending';

let discovery;

function base64url(bytes) {
  let text = '';
  for (const byte of new Uint8Array(bytes)) {
    text += String.fromCharCode(byte);
  }
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function decodeJwt(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(payload), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

async function json(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}`);
  }
  return response.json();
}

async function config() {
  const settings = await json('/console/config.json', { cache: 'no-store' });
  if (!discovery) {
    const issuer = settings.issuer.replace(/\/$/, '');
    discovery = await json(`${issuer}/.well-known/openid-configuration`);
  }
  return { settings, discovery };
}

function redirectUri() {
  return `${location.origin}/console/`;
}

/** The trace UI link for a trace id, or null when no trace UI is configured (rag.gateway.console.trace-url). */
export async function traceLink(traceId) {
  if (!traceId) return null;
  const { traceUrl } = await json('/console/config.json', { cache: 'force-cache' }).catch(() => ({}));
  return traceUrl ? traceUrl.replace('{traceId}', encodeURIComponent(traceId)) : null;
}

export async function signIn() {
  const { settings, discovery: oidc } = await config();
  const verifier = randomString();
  const state = randomString();
  const nonce = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, hash: location.hash }));
  const url = new URL(oidc.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: settings.clientId, redirect_uri: redirectUri(),
    scope: settings.scopes || 'openid profile email', state, nonce, code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

/** Finishes a sign-in when the issuer redirected back with ?code=&state=; returns true when it did. */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) {
    return false;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', '/console/' + (pending?.hash || ''));
  if (params.has('error')) {
    throw new Error(params.get('error_description') || params.get('error'));
  }
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('The sign-in answer did not match this browser tab. Please sign in again.');
  }
  const { settings, discovery: oidc } = await config();
  const response = await fetch(oidc.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: settings.clientId, code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) {
    throw new Error(`The sign-in could not be completed (${response.status}).`);
  }
  const tokens = await response.json();
  const idClaims = tokens.id_token ? decodeJwt(tokens.id_token) : {};
  if (tokens.id_token && idClaims.nonce && idClaims.nonce !== pending.nonce) {
    throw new Error('The sign-in answer was not meant for this browser tab.');
  }
  const claims = { ...idClaims, ...decodeJwt(tokens.access_token) };
  const session = {
    accessToken: tokens.access_token,
    idToken: tokens.id_token || null,
    expiresAt: Date.now() + (Number(tokens.expires_in) || 300) * 1000,
    name: claims.name || claims.email || claims.preferred_username || claims.sub,
    subject: claims.sub,
    tenant: claims.tenant || null,
    roles: Array.isArray(claims.roles) ? claims.roles : [],
  };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return true;
}

export function session() {
  const stored = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  if (!stored || stored.expiresAt <= Date.now() + 5000) {
    return null;
  }
  return stored;
}

export function signOut() {
  sessionStorage.removeItem(SESSION);
}

export function hasRole(current, ...roles) {
  return Boolean(current) && roles.some((role) => current.roles.includes(role));
}
