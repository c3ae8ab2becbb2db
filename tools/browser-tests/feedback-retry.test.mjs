// A customer's vote while eval-service is restarting (issue 18): the widget sends it again until it is stored,
// across a reload of the page; a refusal (400) is final. The gateway's 503s are produced in the browser (Playwright
// answers the feedback POST); the vote that gets through reaches the real gateway and eval, and
// WidgetInTheBrowserIT checks that eval stored it once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { awaitAnswer, gatewayUrl, launch, record, screenshotter, widget } from './browser.mjs';

const FEEDBACK = '**/api/v1/feedback';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function answered(page, question) {
  await page.goto(gatewayUrl + '/');
  const w = widget(page);
  await w.launcher.click();
  await w.panel.waitFor({ state: 'visible' });
  await w.input.fill(question);
  await w.send.click();
  return awaitAnswer(page);
}

function unavailable(status) {
  return {
    status, headers: { 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ type: 'urn:supportrag:problem:upstream-unavailable', title: 'Service Unavailable', status }),
  };
}

function pendingVotes(page) {
  return page.evaluate(() => Object.keys(sessionStorage).filter((name) => name.startsWith('supportrag.feedback.'))
    .flatMap((name) => Object.keys(JSON.parse(sessionStorage.getItem(name)))));
}

test('a vote that meets 503s while eval restarts is sent again until it is stored, and shown as sent', async () => {
  const page = await browser.newPage();
  const shot = screenshotter(page, 'feedback-retry');
  const order = 10000 + Math.floor(Math.random() * 89999);
  const answer = await answered(page, `Is parcel insurance included with a shipping label for order ${order}?`);

  // 503, 503, then one that reaches eval (stored) but whose answer is lost (504 to the browser), then 201: the
  // re-send after a lost answer must not store the vote twice.
  const attempts = [];
  await page.route(FEEDBACK, async (route) => {
    attempts.push(Date.now());
    if (attempts.length <= 2) {
      return route.fulfill(unavailable(503));
    }
    if (attempts.length === 3) {
      const reached = await route.fetch();
      assert.equal(reached.status(), 201, 'the third attempt reached eval');
      return route.fulfill(unavailable(504));
    }
    return route.continue();
  });
  const stored = page.waitForResponse((response) => response.url().endsWith('/api/v1/feedback')
    && response.status() === 201, { timeout: 30_000 });
  await answer.getByRole('button', { name: 'Helpful', exact: true }).click();
  await answer.getByText('We could not send your feedback yet').waitFor();
  await shot('pending');
  const vote = (await stored).request().postDataJSON();
  await answer.getByText('Thanks for your feedback!').waitFor();
  await shot('sent');
  assert.equal(attempts.length, 4, 'two 503s, one lost answer, then stored');
  assert.ok(attempts[1] - attempts[0] >= 400, 'the widget waited before sending again');
  assert.equal(vote.rating, 'up');
  assert.deepEqual(await pendingVotes(page), [], 'nothing left to send');
  await record('feedbackRetried', { messageId: vote.messageId, rating: 'up' });
});

test('a vote still unsent when the page is reloaded is sent by the reloaded page', async () => {
  const page = await browser.newPage();
  const order = 10000 + Math.floor(Math.random() * 89999);
  const answer = await answered(page, `How long do I have to file an insurance claim for order ${order}?`);
  await page.route(FEEDBACK, (route) => route.fulfill(unavailable(503)));
  const refused = page.waitForResponse((response) => response.url().endsWith('/api/v1/feedback'));
  await answer.getByRole('button', { name: 'Not helpful' }).click();
  const vote = (await refused).request().postDataJSON();
  await answer.getByText('We could not send your feedback yet').waitFor();
  assert.deepEqual(await pendingVotes(page), [vote.messageId]);

  await page.unroute(FEEDBACK);
  const delivered = page.waitForResponse((response) => response.url().endsWith('/api/v1/feedback'));
  await page.reload();
  const resent = await delivered;
  assert.equal(resent.status(), 201);
  assert.equal(resent.request().postDataJSON().messageId, vote.messageId);
  await page.waitForFunction(() => !Object.keys(sessionStorage).some((name) => name.startsWith('supportrag.feedback.')
    && sessionStorage.getItem(name) !== '{}'));
  await record('feedbackAfterReload', { messageId: vote.messageId, rating: 'down' });
});

test('a vote the gateway refuses with 400 is not sent again, and the customer is told', async () => {
  const page = await browser.newPage();
  const shot = screenshotter(page, 'feedback-refused');
  const order = 10000 + Math.floor(Math.random() * 89999);
  const answer = await answered(page, `Which page do I file claims from for order ${order}?`);
  let attempts = 0;
  await page.route(FEEDBACK, (route) => {
    attempts++;
    return route.fulfill({ status: 400, headers: { 'Content-Type': 'application/problem+json' },
      body: JSON.stringify({ type: 'urn:supportrag:problem:invalid-request', title: 'Bad Request', status: 400 }) });
  });
  await answer.getByRole('button', { name: 'Helpful', exact: true }).click();
  await answer.getByText('Your feedback could not be sent. Please try again.').waitFor();
  await shot('refused');
  // The failure is decided with the response: no re-send is scheduled and nothing is kept for a reload.
  assert.deepEqual(await pendingVotes(page), []);
  assert.equal(attempts, 1);
});
