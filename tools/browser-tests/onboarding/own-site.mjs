// The widget pasted into a company's own site (issue 19), in headless Chromium. Not part of the shared browser
// run: tools/e2e-tests' OnboardingOnAFreshProdPlatformIT runs it against its prod-profile platform with
// EMBED_SNIPPET (the line the widget keys API hands out), SITE_ORIGIN (the key's origin), OTHER_ORIGIN, QUESTION and
// EXPECTED (a pattern the answer must match). The sites are served by Playwright itself (page.route), so any
// origin works without a web server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { awaitAnswer, launch, screenshotter, widget } from '../browser.mjs';

const snippet = required('EMBED_SNIPPET');
const site = required('SITE_ORIGIN');
const other = required('OTHER_ORIGIN');
const question = required('QUESTION');
const expected = new RegExp(required('EXPECTED'));

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

let browser;

before(async () => {
  // The company sites are served by Playwright (no address) and the gateway listens on loopback: Chromium's
  // local-network rules would block every request from the site to it, which never happens with a public gateway.
  browser = await launch(['--disable-features=LocalNetworkAccessChecks']);
});

after(async () => {
  await browser?.close();
});

// A company page with nothing but the pasted line.
async function openSite(origin, name) {
  const page = await browser.newPage();
  await page.route(`${origin}/**`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title></head>
<body><h1>Acme shop</h1>${snippet}</body></html>`,
  }));
  await page.goto(`${origin}/`);
  const w = widget(page);
  await w.launcher.waitFor();
  await w.launcher.click();
  await w.panel.waitFor({ state: 'visible' });
  await w.input.fill(question);
  return { page, w, shot: screenshotter(page, name) };
}

test('the pasted widget answers on the key\'s own site with cited sources', async () => {
  const { page, w, shot } = await openSite(site, 'own-site');
  await w.send.click();
  const answer = await awaitAnswer(page);
  await shot('answered');
  assert.match(await answer.locator('.answer-text').innerText(), expected);
  assert.ok(await answer.locator('li.source').count() >= 1, 'the answer cites its source');
});

test('the same widget key on another site is refused by the browser', async () => {
  const { page, w, shot } = await openSite(other, 'other-site');
  const refused = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/api/v1/chat'));
  await w.send.click();
  await refused;
  await shot('refused');
  assert.equal(await w.lastAnswer.locator('li.source').count(), 0, 'nothing answered on a foreign site');
});
