// Calls the gateway's API with the signed-in user's bearer token; failures become ApiError with the problem.
import { session, signOut } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.status = status;
    this.problem = problem;
  }
}

export let onSignedOut = () => {};
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export async function api(method, path, body) {
  const current = session();
  if (!current) {
    onSignedOut();
    throw new ApiError(401, { title: 'Signed out' });
  }
  const headers = { Authorization: `Bearer ${current.accessToken}`, Accept: 'application/json' };
  const init = { method, headers, cache: 'no-store' };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'The gateway cannot be reached. Check your connection.' });
  }
  if (response.status === 401) {
    signOut();
    onSignedOut();
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    if (response.status === 429) {
      const wait = response.headers.get('Retry-After');
      throw new ApiError(429, { title: 'Too many requests', detail: `Rate limited; try again in ${wait || 'a few'} seconds.` });
    }
    throw new ApiError(response.status, problem);
  }
  const location = response.headers.get('Location');
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  return { status: response.status, location, data };
}

export async function get(path) {
  return (await api('GET', path)).data;
}
