// A customer's own site signs its logged-in visitor (X-User-Token, HS256 with the tenant's key that
// tools/e2e-tests' BrowserSuite configures): the widget passes the token through, the conversation belongs to that visitor,
// and a refused token is explained kindly.
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { awaitAnswer, conversationIdOf, gatewayUrl, launch, screenshotter, widget } from './browser.mjs';

const secret = process.env.USER_TOKEN_SECRET;
let browser;

before(async () => {
  assert.ok(secret, 'USER_TOKEN_SECRET (the demo tenant\'s HS256 end-user key) is set');
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

function userToken(subject) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: subject, exp: Math.floor(Date.now() / 1000) + 600 })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

// The merchant's page, served at the gateway's origin (the demo widget key allows only that origin).
async function merchantPage(token, conversationId) {
  const page = await browser.newPage();
  await page.route(`${gatewayUrl}/merchant.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>My shop</h1>
      <script src="/widget.js" data-key="demo-widget-key" data-user-token="${token}" defer></script></body></html>`,
  }));
  if (conversationId) {
    await page.addInitScript((id) => sessionStorage.setItem('supportrag.conversation.demo-widget-key', id), conversationId);
  }
  await page.goto(`${gatewayUrl}/merchant.html`);
  return page;
}

test('a signed-in visitor\'s token goes with every call, and their conversation resumes for them only', async () => {
  const token = userToken(`customer-${randomUUID()}`);
  const page = await merchantPage(token);
  const shot = screenshotter(page, 'signed-in-visitor');
  const w = widget(page);
  await w.launcher.click();
  await w.input.fill('When must insurance claims be filed?');
  const chat = page.waitForRequest((request) => request.url().endsWith('/api/v1/chat'));
  await w.send.click();
  assert.equal((await chat).headers()['x-user-token'], token);
  await awaitAnswer(page);
  await shot('answered');
  const conversationId = await conversationIdOf(page);

  const resumed = page.waitForResponse((response) => response.url().endsWith(`/api/v1/conversations/${conversationId}`));
  await page.reload();
  assert.equal((await resumed).status(), 200);
  await w.launcher.click();
  await page.locator('.message.user').filter({ hasText: 'insurance claims' }).waitFor();
  await shot('resumed');

  // Another visitor of the same site cannot read it, even with its id.
  const stranger = await merchantPage(userToken(`customer-${randomUUID()}`), conversationId);
  const refused = await stranger.waitForResponse((response) => response.url().endsWith(`/api/v1/conversations/${conversationId}`));
  assert.equal(refused.status(), 404);
  await widget(stranger).launcher.click();
  await stranger.waitForFunction(() => sessionStorage.getItem('supportrag.conversation.demo-widget-key') === null);
  assert.equal(await stranger.locator('.message.user').count(), 0);
});

test('a token the gateway refuses gets a kind "reload the page" message', async () => {
  // Tamper with the signature's first character: its last one may carry only padding bits and decode unchanged.
  const [header, payload, signature] = userToken('someone').split('.');
  const forged = `${header}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
  const page = await merchantPage(forged);
  const shot = screenshotter(page, 'refused-visitor-token');
  const w = widget(page);
  await w.launcher.click();
  await w.input.fill('Hello?');
  await w.send.click();
  const note = w.lastAnswer.locator('.note');
  await note.waitFor();
  assert.match(await note.innerText(), /sign-in on this site has expired\. Please reload the page/);
  await shot('refused');
});
