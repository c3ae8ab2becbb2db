// A customer's answer survives a broken stream: the stream of a chat turn ends after its first token (the gateway
// replica carrying it died), and the widget fetches the answer the service stored from the conversation instead of
// losing it. Produced in the browser (Playwright answers the chat and conversation requests).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { awaitAnswer, launch, openWidget, screenshotter } from './browser.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
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
