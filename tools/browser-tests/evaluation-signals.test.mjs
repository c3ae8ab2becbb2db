// The product's own signals become evaluation data, in the browser against the real platform: a customer asks in the
// widget, an admin labels the answer in the console with a correction, finds it on the Candidates page, accepts it
// into a dataset, and it is in the dataset's next version and in the next run; the review queue, A/B, drift and
// quality pages render.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  awaitAnswer, conversationIdOf, gatewayUrl, launch, screenshotter, signInToConsole, widget,
} from './browser.mjs';

const DATASET = `browser-candidates-${Date.now()}`;
const QUESTION = 'How long does a refund take to reach my card?';
const CORRECTION = 'Refunds reach the original card within 5 business days of approval.';

let browser;
let admin;

before(async () => {
  browser = await launch();
  admin = await browser.newPage();
  await signInToConsole(admin, 'admin@demo.local');
});

after(async () => {
  await browser?.close();
});

test('a label in the console becomes a candidate, is accepted, and is in the next dataset version', async () => {
  const customer = await browser.newPage();
  await customer.goto(gatewayUrl + '/');
  const w = widget(customer);
  await w.launcher.click();
  await w.panel.waitFor({ state: 'visible' });
  await w.input.fill(QUESTION);
  await w.send.click();
  await awaitAnswer(customer);
  const conversationId = await conversationIdOf(customer);
  assert.ok(conversationId, 'the widget keeps its conversation id');

  const shot = screenshotter(admin, 'evaluation-signals');
  await admin.goto(`${gatewayUrl}/console/#/conversations/${conversationId}`);
  const assistant = admin.locator('li.msg.assistant').last();
  await assistant.waitFor();
  await assistant.getByLabel('Incorrect').check();
  await assistant.getByLabel('Corrected answer').fill(CORRECTION);
  await assistant.getByRole('button', { name: 'Save label' }).click();
  await assistant.locator('.label-state').getByText('Labelled').waitFor();

  await admin.getByRole('link', { name: 'Candidates' }).click();
  const row = admin.locator('tr[data-candidate-id]').filter({ hasText: QUESTION });
  await row.waitFor({ timeout: 30_000 });
  assert.equal(await row.locator('textarea').inputValue(), CORRECTION);
  await shot('candidate');
  await admin.locator('#candidate-dataset').fill(DATASET);
  await row.getByRole('button', { name: 'Accept' }).click();
  await admin.locator('#toast').getByText(`Added to ${DATASET}, now version 1`).waitFor();

  const items = await fetch(`${gatewayUrl}/api/v1/eval/datasets/${DATASET}/versions/1/items`,
    { headers: { 'X-Api-Key': 'demo-admin-key' } });
  assert.equal(items.status, 200, await items.clone().text());
  const cases = (await items.text()).trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(cases.length, 1);
  assert.equal(cases[0].reference, CORRECTION);
  assert.equal(cases[0].turns.at(-1), QUESTION);

  await admin.locator('#candidate-status').selectOption('accepted');
  await admin.getByRole('button', { name: 'Refresh' }).click();
  await admin.locator('tr[data-candidate-id]').filter({ hasText: QUESTION }).getByText(`${DATASET} v1`).waitFor();
  await shot('accepted');

  // ... and it is in the next run: the admin starts one on the Eval runs page and finds the case answered.
  await admin.getByRole('link', { name: 'Eval runs' }).click();
  await admin.locator('#run-dataset').fill(DATASET);
  await admin.locator('#run-variant').fill('after-label');
  await admin.getByRole('button', { name: 'Start' }).click();
  const run = admin.locator('tr[data-run-id]').filter({ hasText: `after-label · ${DATASET}` });
  await run.getByText('completed').waitFor({ timeout: 120_000 });
  await run.getByRole('link').click();
  const answered = admin.locator('#run-items tbody tr');
  await answered.first().waitFor();
  assert.equal(await answered.count(), 1);
  assert.match(await answered.first().innerText(), new RegExp(cases[0].id));
  assert.match(await answered.first().innerText(), /done/);
  await shot('in-next-run');
});

test('the review queue, A/B, drift and quality pages show their data as charts', async () => {
  const shot = screenshotter(admin, 'evaluation-pages');
  await admin.getByRole('link', { name: 'Review queue' }).click();
  await admin.getByRole('heading', { name: 'Review queue' }).waitFor();
  await admin.getByText('Precision').waitFor();
  await admin.getByRole('button', { name: 'Sample new answers now' }).click();
  await admin.locator('#toast').getByText('added to the queue').waitFor();
  await shot('review');

  await admin.getByRole('link', { name: 'A/B' }).click();
  await admin.getByRole('img', { name: /Outcomes per prompt arm/ }).waitFor();
  await shot('ab');

  await admin.getByRole('link', { name: 'Drift' }).click();
  await admin.getByRole('button', { name: 'Recompute now' }).click();
  await admin.getByRole('heading', { name: /Knowledge base/ }).first().waitFor();
  await shot('drift');

  await admin.getByRole('link', { name: 'Quality' }).click();
  await admin.getByRole('heading', { name: 'LLM judge' }).waitFor();
  await admin.locator('.mode').first().waitFor();
  // The reliability curve of the run the first test started (its answers' confidence against correctness).
  const option = admin.locator('#reliability-source option').filter({ hasText: `after-label · ${DATASET}` });
  await option.waitFor({ state: 'attached' });
  await admin.locator('#reliability-source').selectOption(await option.getAttribute('value'));
  await admin.getByRole('img', { name: 'Reliability of confidence' }).waitFor();
  await shot('quality');
});
