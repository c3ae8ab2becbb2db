// The console's evaluation pages against the real platform: an admin starts two runs of a small dataset through
// the chat pipeline, follows one to its metrics and escalation curve, and compares the two (no regression).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gatewayUrl, launch, screenshotter, signInToConsole } from './browser.mjs';

const DATASET = `browser-eval-${Date.now()}`;
const CASES = [
  { id: 'refund', type: 'answerable', turns: ['How long do refunds take?'], facts: ['business days'] },
  { id: 'mars', type: 'unanswerable', turns: ['Do you ship parcels to Mars?'] },
];

let browser;
let admin;

before(async () => {
  // The dataset comes in through the API with the demo admin key, as a script would import it.
  const response = await fetch(`${gatewayUrl}/api/v1/eval/datasets/${DATASET}?knowledgeBase=default`, {
    method: 'POST',
    headers: { 'X-Api-Key': 'demo-admin-key', 'Content-Type': 'application/jsonl' },
    body: CASES.map((c) => JSON.stringify(c)).join('\n') + '\n',
  });
  assert.equal(response.status, 201, await response.text());
  browser = await launch();
  admin = await browser.newPage();
  await signInToConsole(admin, 'admin@demo.local');
});

after(async () => {
  await browser?.close();
});

test('an admin starts runs, follows one to its metrics and compares two of them', async () => {
  const shot = screenshotter(admin, 'eval-runs');
  await admin.getByRole('link', { name: 'Eval runs' }).click();
  for (const variant of ['first', 'second']) {
    await admin.locator('#run-dataset').fill(DATASET);
    await admin.locator('#run-variant').fill(variant);
    await admin.getByRole('button', { name: 'Start' }).click();
    const row = admin.locator('tr[data-run-id]').filter({ hasText: `${variant} · ${DATASET}` });
    await row.getByText('completed').waitFor({ timeout: 120_000 });
  }
  await shot('runs');

  await admin.locator('tr[data-run-id]').filter({ hasText: `first · ${DATASET}` }).getByRole('link').click();
  await admin.getByRole('heading', { name: 'Run first' }).waitFor();
  await admin.getByRole('img', { name: 'Answer-level metrics of the run' }).waitFor();
  await admin.getByRole('img', { name: 'Escalation precision and recall by confidence threshold' }).waitFor();
  const items = admin.locator('#run-items tbody tr');
  assert.equal(await items.count(), 2);
  assert.match(await items.filter({ hasText: 'mars' }).innerText(), /unanswerable/);
  await shot('run');

  await admin.getByRole('link', { name: '← Runs' }).click();
  const first = await admin.locator('tr[data-run-id]').filter({ hasText: `first · ${DATASET}` }).getAttribute('data-run-id');
  const second = await admin.locator('tr[data-run-id]').filter({ hasText: `second · ${DATASET}` }).getAttribute('data-run-id');
  await admin.locator('#compare-baseline').selectOption(first);
  await admin.locator('#compare-candidate').selectOption(second);
  await admin.getByRole('button', { name: 'Compare' }).click();
  await admin.locator('#verdict').getByText('No significant regression').waitFor();
  assert.match(await admin.locator('#comparison').innerText(), /answer_correct/);
  await shot('comparison');
  // Recorded as a gate verdict (what a production prompt label is checked against).
  await admin.getByRole('button', { name: 'Record as gate verdict' }).click();
  await admin.locator('#toast').getByText('Gate verdict recorded: passed').waitFor();
});
