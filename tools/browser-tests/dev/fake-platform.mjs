// A tiny in-memory stand-in for the gateway and the services behind it, for developing the widget and the console
// without starting five JVMs. It follows /api/v1 as the real platform serves it (docs/architecture.md and the
// OpenAPI files) closely enough to click through every screen, and serves the real static files of the gateway.
// NOT a test double for the tests in this folder: `make test` runs them against the real platform.
//
//   node dev/fake-platform.mjs [port]      (RAG_DEMO_PASSWORD sets the console password, default "demo")
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const staticDir = path.resolve(here, '../../../gateway-service/src/main/resources/static');
const port = Number(process.argv[2] || process.env.PORT || 8090);
const password = process.env.RAG_DEMO_PASSWORD || 'demo';
const origin = `http://127.0.0.1:${port}`;
const users = {
  'agent@demo.local': { name: 'Demo Agent', roles: ['agent'] },
  'admin@demo.local': { name: 'Demo Admin', roles: ['admin', 'agent', 'ops'] },
};

const conversations = new Map(); // id -> { id, messages: [], escalation, listeners: Set }
const feedback = [];
const labels = [];
const codes = new Map();
const documents = new Map();
let prompts = [{ name: 'answer', scope: 'global', versions: [{ version: 1, body: 'Answer from {context}.', createdAt: new Date().toISOString(), createdBy: 'seed' }], labels: { production: 1 } }];

const KNOWLEDGE = [
  { words: ['insurance', 'claim'], title: 'Parcel insurance', text: 'Every label includes parcel insurance worth up to 100 euros [1]. Claims are filed within 30 days of delivery [1].', snippet: 'Every Parcelly shipping label includes parcel insurance worth up to 100 euros per parcel.' },
  { words: ['sample label note'], title: 'Label notes', text: 'The sample label note reads <img src=x onerror=window.__pwned=1> and <script>window.__pwned=1</script> [1].', snippet: 'The sample label note reads <img src=x onerror=window.__pwned=1> and <script>window.__pwned=1</script>' },
];

function send(res, status, body, headers = {}) {
  const json = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers });
  res.end(json);
}

function problem(res, status, slug, title) {
  send(res, status, { type: `urn:supportrag:problem:${slug}`, title, status });
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function jwt(claims) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.fake`;
}

function staff(req) {
  const header = req.headers.authorization || '';
  if (!header.startsWith('Bearer ')) {
    return null;
  }
  try {
    return JSON.parse(Buffer.from(header.slice(7).split('.')[1], 'base64url').toString());
  } catch {
    return null;
  }
}

function conversation(id) {
  if (!conversations.has(id)) {
    conversations.set(id, { id, messages: [], escalation: null, listeners: new Set() });
  }
  return conversations.get(id);
}

function push(conv, event, data, id) {
  for (const res of conv.listeners) {
    res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}

function escalate(conv, reason, confidence) {
  const now = new Date().toISOString();
  conv.escalation = conv.escalation && conv.escalation.status !== 'resolved'
    ? { ...conv.escalation, reasons: [...new Set([...conv.escalation.reasons, reason])], updatedAt: now }
    : { conversationId: conv.id, status: 'open', reasons: [reason], confidence, assignee: null, createdAt: now, updatedAt: now,
      preview: (conv.messages.filter((m) => m.role === 'user').at(-1)?.content || '').slice(0, 140) };
  push(conv, 'escalation', conv.escalation);
  return conv.escalation;
}

async function chat(req, res) {
  const body = JSON.parse(await readBody(req) || '{}');
  if (/rate limit me/i.test(body.message)) {
    res.writeHead(429, { 'Retry-After': '7', 'Content-Type': 'application/problem+json' });
    return res.end(JSON.stringify({ type: 'urn:supportrag:problem:rate-limited', title: 'Too many requests', status: 429 }));
  }
  if (/break the server/i.test(body.message)) {
    return problem(res, 503, 'upstream-unavailable', 'Service unavailable');
  }
  const conv = conversation(body.conversationId || randomUUID());
  // Like retrieval's rewrite: a follow-up is searched with the previous question's words (staff see it).
  const previous = conv.messages.filter((m) => m.role === 'user').at(-1);
  conv.messages.push({ messageId: randomUUID(), role: 'user', content: body.message, citations: [], createdAt: new Date().toISOString(), author: null,
    standaloneQuery: previous ? `${body.message} ${previous.content}` : null });
  const hit = KNOWLEDGE.find((entry) => entry.words.some((word) => body.message.toLowerCase().includes(word)));
  const messageId = randomUUID();
  const traceId = randomUUID().replace(/-/g, '');
  const text = hit ? hit.text : 'I could not find this in the help center, so I have passed your question to our support team.';
  const citations = hit ? [{ index: 1, chunkId: randomUUID(), documentId: randomUUID(), title: hit.title, url: null, snippet: hit.snippet }] : [];
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const write = (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  write('meta', { conversationId: conv.id, messageId, traceId });
  for (const token of text.match(/.{1,6}/gs)) {
    write('token', { text: token });
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  citations.forEach((citation) => write('citation', citation));
  const confidence = hit ? 0.82 : 0.12;
  conv.messages.push({ messageId, role: 'assistant', content: text, citations, createdAt: new Date().toISOString(), author: null,
    confidence, flags: hit ? [] : ['no_context'], model: 'fake', traceId, promptVersion: 1,
    context: citations.map((c) => ({ chunkId: c.chunkId, documentId: c.documentId, title: c.title, score: 0.7321, snippet: c.snippet })) });
  if (!hit) {
    escalate(conv, 'low_confidence', confidence);
  }
  write('done', { confidence, escalated: !hit, flags: [], model: 'fake', usage: { promptTokens: 10, completionTokens: 20, costUsd: 0.0001 } });
  res.end();
}

function events(req, res, conv, url) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const after = req.headers['last-event-id'] || url.searchParams.get('after');
  const index = after ? conv.messages.findIndex((m) => m.messageId === after) : conv.messages.length - 1;
  for (const message of conv.messages.slice(index + 1).filter((m) => m.role === 'agent')) {
    res.write(`id: ${message.messageId}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`);
  }
  res.write(': connected\n\n');
  conv.listeners.add(res);
  req.on('close', () => conv.listeners.delete(res));
}

function staffView(conv, caller) {
  const messages = conv.messages.map((m) => (caller ? m : { messageId: m.messageId, role: m.role, content: m.content, citations: m.citations, createdAt: m.createdAt, author: m.author }));
  return { conversationId: conv.id, escalation: conv.escalation, messages };
}

async function api(req, res, url) {
  const p = url.pathname;
  const caller = staff(req);
  let match;
  if (p === '/api/v1/chat' && req.method === 'POST') {
    return chat(req, res);
  }
  if (p === '/api/v1/feedback' && req.method === 'POST') {
    const body = JSON.parse(await readBody(req));
    feedback.push({ ...body, id: randomUUID(), createdAt: new Date().toISOString() });
    return send(res, 201, feedback.at(-1));
  }
  if (p === '/api/v1/feedback' && req.method === 'GET') {
    return send(res, 200, feedback.filter((f) => f.conversationId === url.searchParams.get('conversationId')));
  }
  if ((match = p.match(/^\/api\/v1\/conversations\/([^/]+)(\/[a-z-]+)?$/))) {
    const conv = conversations.get(match[1]);
    if (!conv) {
      return problem(res, 404, 'not-found', 'Conversation not found');
    }
    const action = match[2];
    if (!action && req.method === 'GET') {
      return send(res, 200, staffView(conv, caller));
    }
    if (action === '/events') {
      return events(req, res, conv, url);
    }
    if (action === '/escalate' && req.method === 'POST') {
      return send(res, 200, escalate(conv, 'customer_request', null));
    }
    if (action === '/agent-replies' && req.method === 'POST' && caller) {
      const body = JSON.parse(await readBody(req));
      const message = { messageId: randomUUID(), role: 'agent', content: body.text, citations: [], createdAt: new Date().toISOString(), author: caller.name };
      conv.messages.push(message);
      push(conv, 'message', message, message.messageId);
      return send(res, 201, message);
    }
  }
  if (!caller) {
    return problem(res, 401, 'unauthorized', 'Unauthorized');
  }
  if (p === '/api/v1/escalations') {
    const status = url.searchParams.get('status') || 'open';
    const items = [...conversations.values()].map((c) => c.escalation).filter((e) => e && e.status === status)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return send(res, 200, { items });
  }
  if ((match = p.match(/^\/api\/v1\/escalations\/([^/]+)\/(claim|resolve)$/))) {
    const conv = conversations.get(match[1]);
    if (!conv?.escalation) {
      return problem(res, 404, 'not-found', 'Escalation not found');
    }
    if (match[2] === 'claim' && conv.escalation.assignee && conv.escalation.assignee !== caller.sub) {
      return problem(res, 409, 'conflict', 'Assigned to someone else');
    }
    conv.escalation = { ...conv.escalation, status: match[2] === 'claim' ? 'assigned' : 'resolved', assignee: match[2] === 'claim' ? caller.sub : conv.escalation.assignee, updatedAt: new Date().toISOString() };
    push(conv, 'escalation', conv.escalation);
    return send(res, 200, conv.escalation);
  }
  if (p === '/api/v1/labels' && req.method === 'POST') {
    const body = JSON.parse(await readBody(req));
    labels.push({ ...body, id: randomUUID(), labelledBy: caller.sub, createdAt: new Date().toISOString() });
    return send(res, 201, labels.at(-1));
  }
  if (p === '/api/v1/labels') {
    return send(res, 200, { items: labels.filter((l) => l.conversationId === url.searchParams.get('conversationId')) });
  }
  if ((match = p.match(/^\/api\/v1\/knowledge-bases\/([^/]+)\/documents(?:\/([^/]+))?$/))) {
    const kb = documents.get(match[1]) || [];
    if (req.method === 'GET') {
      return send(res, 200, { knowledgeBase: match[1], documents: kb });
    }
    if (req.method === 'DELETE') {
      documents.set(match[1], kb.filter((d) => d.id !== match[2]));
      res.writeHead(204);
      return res.end();
    }
    const raw = await readBody(req);
    const names = [...raw.matchAll(/filename="([^"]+)"/g)].map((m) => m[1]);
    const added = names.map((name) => ({ id: randomUUID(), name, title: name, kind: 'markdown', version: 1, chunks: 2, updatedAt: new Date().toISOString() }));
    documents.set(match[1], [...kb, ...added]);
    return send(res, 200, { knowledgeBase: match[1], created: added.length, updated: 0, unchanged: 0, failed: 0, documents: added.map((d) => ({ documentId: d.id, name: d.name, status: 'created', version: 1, chunks: 2 })) });
  }
  if (p === '/api/v1/prompts' && req.method === 'GET') {
    return send(res, 200, { templates: prompts, canaryPercent: { global: 0, tenant: null } });
  }
  if ((match = p.match(/^\/api\/v1\/prompts\/([^/]+)\/(versions|labels\/([a-z-]+)(\/rollback)?)$/))) {
    const template = prompts.find((t) => t.name === match[1]);
    if (match[2] === 'versions') {
      const body = JSON.parse(await readBody(req));
      const version = template.versions.length + 1;
      template.versions.push({ version, body: body.body, createdAt: new Date().toISOString(), createdBy: caller.sub });
      return send(res, 201, { name: template.name, scope: template.scope, version });
    }
    if (match[4]) {
      template.labels[match[3]] = Math.max(1, template.labels[match[3]] - 1);
    } else {
      template.labels[match[3]] = JSON.parse(await readBody(req)).version;
    }
    return send(res, 200, { name: template.name, scope: template.scope, label: match[3], version: template.labels[match[3]] });
  }
  return problem(res, 404, 'not-found', 'Not found');
}

async function oidc(req, res, url) {
  if (url.pathname === '/console/config.json') {
    return send(res, 200, { issuer: origin, clientId: 'console', scopes: 'openid profile email' });
  }
  if (url.pathname === '/.well-known/openid-configuration') {
    return send(res, 200, { issuer: origin, authorization_endpoint: `${origin}/oauth2/authorize`, token_endpoint: `${origin}/oauth2/token` });
  }
  if (url.pathname === '/oauth2/authorize') {
    res.writeHead(302, { Location: `/login?${url.searchParams}` });
    return res.end();
  }
  if (url.pathname === '/login' && req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    return res.end(`<!doctype html><form method="post"><input type="hidden" name="q" value="${encodeURIComponent(url.search)}">
      <label>Email <input name="username"></label><label>Password <input name="password" type="password"></label>
      <button type="submit">Sign in</button></form>`);
  }
  if (url.pathname === '/login') {
    const form = new URLSearchParams(await readBody(req));
    const params = new URLSearchParams(decodeURIComponent(form.get('q')));
    if (!users[form.get('username')] || form.get('password') !== password) {
      res.writeHead(302, { Location: `/login${decodeURIComponent(form.get('q'))}&error` });
      return res.end();
    }
    const code = randomUUID();
    codes.set(code, { user: form.get('username'), challenge: params.get('code_challenge') });
    res.writeHead(302, { Location: `${params.get('redirect_uri')}?code=${code}&state=${params.get('state')}` });
    return res.end();
  }
  if (url.pathname === '/oauth2/token') {
    const form = new URLSearchParams(await readBody(req));
    const grant = codes.get(form.get('code'));
    codes.delete(form.get('code'));
    if (!grant || createHash('sha256').update(form.get('code_verifier') || '').digest('base64url') !== grant.challenge) {
      return send(res, 400, { error: 'invalid_grant' });
    }
    const user = users[grant.user];
    const claims = { sub: grant.user, email: grant.user, name: user.name, roles: user.roles, tenant: 'demo', exp: Math.floor(Date.now() / 1000) + 3600 };
    return send(res, 200, { access_token: jwt(claims), id_token: jwt(claims), token_type: 'Bearer', expires_in: 3600 });
  }
  return false;
}

const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.yaml': 'text/yaml' };

createServer(async (req, res) => {
  const url = new URL(req.url, origin);
  try {
    if (url.pathname.startsWith('/api/')) {
      return await api(req, res, url);
    }
    if ((await oidc(req, res, url)) !== false) {
      return undefined;
    }
    const file = url.pathname === '/' ? 'index.html' : url.pathname.endsWith('/') ? `${url.pathname.slice(1)}index.html` : url.pathname.slice(1);
    const full = path.resolve(staticDir, file);
    if (!full.startsWith(staticDir)) {
      return problem(res, 404, 'not-found', 'Not found');
    }
    const content = await readFile(full);
    res.writeHead(200, { 'Content-Type': types[path.extname(full)] || 'application/octet-stream' });
    return res.end(content);
  } catch (error) {
    if (error.code === 'ENOENT') {
      return problem(res, 404, 'not-found', 'Not found');
    }
    console.error(error);
    return problem(res, 500, 'internal-error', 'Internal error');
  }
}).listen(port, '127.0.0.1', () => console.log(`fake platform on ${origin} (console password: ${password})`));
