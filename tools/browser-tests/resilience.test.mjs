// The widget when things go wrong, on a phone and in another language. Failures are produced in the browser
// (Playwright answers the chat request with a 429, a 503 or a network error): the gateway's own limits and
// problem responses are tested in gateway-service; this checks what the customer is shown.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { awaitAnswer, gatewayUrl, launch, openWidget, screenshotter, widget } from './browser.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

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
