// The widget when things go wrong, on a phone and in another language. Failures are produced in the browser
// (Playwright answers the chat request with a 429, a 503 or a network error): the gateway's own limits and
// problem responses are tested in gateway-service; this checks what the customer is shown.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { awaitAnswer, gatewayUrl, launch, screenshotter, widget } from './browser.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function openWidget(page) {
  await page.goto(gatewayUrl + '/');
  const w = widget(page);
  await w.launcher.click();
  await w.panel.waitFor({ state: 'visible' });
  return w;
}

async function askAndRead(page, w, question) {
  await w.input.fill(question);
  await w.send.click();
  const note = w.lastAnswer.locator('.note');
  await note.waitFor();
  return note.innerText();
}

test('rate limits, outages and network failures are explained kindly, never as raw errors', async () => {
  const page = await browser.newPage();
  const shot = screenshotter(page, 'kind-errors');
  const w = await openWidget(page);

  await page.route('**/api/v1/chat', (route) => route.fulfill({
    status: 429, headers: { 'Retry-After': '3', 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ type: 'urn:supportrag:problem:rate-limited', title: 'Too Many Requests', status: 429 }),
  }));
  const limited = await askAndRead(page, w, 'How much parcel insurance is included?');
  assert.match(limited, /faster than we can answer\. Please try again in 3 seconds/);
  assert.ok(await w.send.isDisabled(), 'Send waits for Retry-After');
  await shot('rate-limited');
  await page.waitForFunction(() => !document.getElementById('supportrag-widget').shadowRoot
    .querySelector('button.send').disabled, null, { timeout: 10_000 });

  await page.unroute('**/api/v1/chat');
  await page.route('**/api/v1/chat', (route) => route.fulfill({
    status: 503, headers: { 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ type: 'urn:supportrag:problem:upstream-unavailable', title: 'Service Unavailable',
      status: 503, detail: 'java.net.ConnectException at org.example' }),
  }));
  const outage = await askAndRead(page, w, 'And the claim deadline?');
  assert.match(outage, /having trouble right now/);
  assert.doesNotMatch(outage, /Exception|503/);
  await shot('outage');

  await page.unroute('**/api/v1/chat');
  await page.route('**/api/v1/chat', (route) => route.abort('internetdisconnected'));
  const offline = await askAndRead(page, w, 'Still there?');
  assert.match(offline, /check your connection/);
  await shot('network-failure');
});

test('on a phone the open chat fills the screen, and it speaks German, and asks in German, when the browser does', async () => {
  const page = await browser.newPage();
  const shot = screenshotter(page, 'mobile-german');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'languages', { get: () => ['de-DE', 'de'] });
    Object.defineProperty(navigator, 'language', { get: () => 'de-DE' });
  });
  await page.goto(gatewayUrl + '/');
  const w = widget(page);
  await w.launcher.waitFor();
  assert.equal(await w.launcher.getAttribute('aria-label'), 'Support-Chat öffnen');
  await shot('launcher');
  await w.launcher.click();
  await w.panel.waitFor({ state: 'visible' });
  const box = await w.panel.boundingBox();
  assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, 390, 844], 'the panel covers the viewport');
  assert.equal(await w.input.getAttribute('placeholder'), 'Stellen Sie eine Frage…');
  await w.input.fill('Wie viel Versicherung ist inklusive? parcel insurance');
  const chat = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/api/v1/chat'));
  await w.send.click();
  assert.equal((await chat).postDataJSON().language, 'de', 'the service\'s own texts follow the widget\'s language');
  const answer = await awaitAnswer(page);
  await answer.getByRole('button', { name: 'Hilfreich', exact: true }).waitFor();
  await shot('answered');
  await page.getByRole('button', { name: 'Chat schließen' }).click();
  await w.panel.waitFor({ state: 'hidden' });
});

test('an answer whose stream broke off (its gateway went away) is fetched from the conversation, not lost', async () => {
  const page = await browser.newPage();
  const shot = screenshotter(page, 'stream-broken');
  const w = await openWidget(page);
  const conversationId = '6f1c1e9e-6a8e-4c55-9a55-0d7c2c3c9a11';
  const messageId = '0b5e3a55-0f0a-4b8e-8f62-5f1c8f6f7c21';
  const question = 'How much parcel insurance is included?';
  const stored = 'Parcel insurance covers up to 100 EUR per parcel [1].';
  // The stream ends after the first token, without done or error: the replica carrying it died.
  await page.route('**/api/v1/chat', (route) => route.fulfill({
    status: 200, headers: { 'Content-Type': 'text/event-stream' },
    body: 'event:meta\ndata:' + JSON.stringify({ conversationId, messageId, traceId: 'trace-1' }) + '\n\n'
      + 'event:token\ndata:{"text":"Parcel insurance"}\n\n',
  }));
  // The service finishes and stores the answer regardless: not yet at the first look, there at the second.
  let reads = 0;
  await page.route(`**/api/v1/conversations/${conversationId}`, (route) => {
    reads += 1;
    const messages = [{ messageId: 'a2b7a0c4-5d1e-4f7a-9d0e-1c2b3a4d5e6f', role: 'user', content: question,
      citations: [] }];
    if (reads > 1) {
      messages.push({ messageId, role: 'assistant', content: stored, citations: [{ index: 1,
        title: 'Shipping insurance', url: 'https://help.example.com/insurance', snippet: 'Up to 100 EUR.' }] });
    }
    return route.fulfill({ status: 200, contentType: 'application/json',
      body: JSON.stringify({ conversationId, escalation: null, messages }) });
  });

  await w.input.fill(question);
  await w.send.click();
  const answer = await awaitAnswer(page);

  assert.ok(reads >= 2, 'the widget looked the answer up until it was stored');
  assert.match(await answer.locator('.answer-text').innerText(), /^Parcel insurance covers up to 100 EUR per parcel/);
  assert.equal(await answer.locator('.sources li').count(), 1, 'with its source card');
  assert.ok(await answer.locator('.note').isHidden(), 'no "cut off" note');
  assert.ok(!(await answer.getAttribute('class')).includes('failed'));
  await answer.getByRole('button', { name: 'Helpful', exact: true }).waitFor();
  await shot('recovered');
});
