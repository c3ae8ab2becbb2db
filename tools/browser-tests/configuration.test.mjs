// The console's configuration pages against the real platform, as an admin: a setting changed on the settings page
// (an invalid value refused with its reason), an invitation made and revoked, and a tenant prompt version promoted
// to the canary label and rolled back, then refused production without a gate run and promoted by an audited
// override.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gatewayUrl, launch, screenshotter, signInToConsole } from './browser.mjs';

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

test('an admin changes settings in one place: an invalid value is refused with its reason, a valid one is kept', async () => {
  const shot = screenshotter(admin, 'admin-settings');
  await admin.getByRole('link', { name: 'Settings' }).click();
  const guardrails = admin.locator('#settings-guardrails');
  await guardrails.waitFor();
  await shot('settings');

  await guardrails.locator('#guardrail-caveat').fill('7');
  await guardrails.getByRole('button', { name: 'Save guardrails' }).click();
  await admin.locator('#toast').getByText(/caveatBelow/).waitFor();

  const topic = `browser-test-topic-${Date.now()}`;
  await guardrails.locator('#guardrail-caveat').fill('');
  await guardrails.locator('#guardrail-banned').fill(topic);
  await guardrails.getByRole('button', { name: 'Save guardrails' }).click();
  await admin.locator('#toast').getByText('Saved.').waitFor();
  await admin.locator('#guardrail-banned').filter({ hasText: topic }).waitFor();
  await shot('saved');

  // Leave the demo tenant as it was for the other tests.
  await admin.locator('#guardrail-banned').fill('');
  await admin.locator('#settings-guardrails').getByRole('button', { name: 'Save guardrails' }).click();
  await admin.locator('#toast').getByText('Saved.').waitFor();
  await admin.locator('#guardrail-banned').filter({ hasText: topic }).waitFor({ state: 'detached' });
});

test('an admin invites a console user by e-mail address and revokes the invitation', async () => {
  const shot = screenshotter(admin, 'admin-users');
  await admin.getByRole('link', { name: 'Users' }).click();
  const address = `invitee-${Date.now()}@example.com`;
  await admin.locator('#invite-email').fill(address);
  await admin.getByRole('button', { name: 'Invite' }).click();
  const row = admin.locator('#invitations tr').filter({ hasText: address });
  await row.getByText('pending').waitFor();
  await shot('invited');
  await row.getByRole('button', { name: `Revoke the invitation of ${address}` }).click();
  await row.getByText('revoked').waitFor();
});

test('an admin saves tenant prompt versions, promotes them to canary and rolls the label back', async () => {
  const shot = screenshotter(admin, 'admin-prompts');
  await admin.getByRole('link', { name: 'Prompts' }).click();
  const global = admin.locator('section.prompt[data-template="answer-system"][data-scope="global"]');
  await global.waitFor();
  await shot('templates');

  const tenant = admin.locator('section.prompt[data-template="answer-system"][data-scope="tenant"]');
  const tenantVersions = tenant.locator('tbody td.number');
  async function saveTenantVersion(suffix) {
    const before = await tenantVersions.count();
    await global.locator('details.new-version > summary').click();
    const editor = global.locator('details.new-version textarea');
    await editor.fill(`${await editor.inputValue()}\n${suffix}`);
    await global.getByLabel('For my tenant').check();
    await global.getByRole('button', { name: 'Save version' }).click();
    await tenantVersions.nth(before).waitFor();
  }

  await saveTenantVersion('Be brief.');
  await saveTenantVersion('Be brief and kind.');
  const versions = (await tenant.locator('tbody td.number').allInnerTexts()).map((text) => Number(text.slice(1)));
  const [newest, previous] = versions;
  assert.ok(newest > previous, `versions newest first: ${versions}`);

  for (const version of [previous, newest]) {
    await tenant.getByRole('button', { name: `Promote v${version} of answer-system (tenant) to canary` }).click();
    await tenant.locator('.label-pill').getByText(`canary → v${version}`).waitFor();
  }
  await shot('promoted');
  await tenant.getByRole('button', { name: 'Roll back canary of answer-system (tenant)' }).click();
  await tenant.locator('.label-pill').getByText(`canary → v${previous}`).waitFor();
  await shot('rolled-back');

  // Production needs a passing gate verdict: refused (no run answered with this version), then overridden with a
  // reason, which the label's history keeps.
  await tenant.getByRole('button', { name: `Promote v${previous} of answer-system (tenant) to production` }).click();
  const refused = tenant.locator('.gate-refused');
  await refused.getByText('no gate run').waitFor();
  await shot('production-refused');
  await refused.getByLabel('Override reason').fill('Browser test: same text as the global default plus a line');
  await refused.getByRole('button', { name: 'Override and promote' }).click();
  await tenant.locator('.label-pill').getByText(`production → v${previous}`).waitFor();
  const history = await fetch(`${gatewayUrl}/api/v1/prompts/answer-system/labels/production/history?scope=tenant`,
    { headers: { 'X-Api-Key': 'demo-admin-key' } });
  assert.equal(history.status, 200, await history.clone().text());
  const [latest] = (await history.json()).items;
  assert.equal(latest.overrideReason, 'Browser test: same text as the global default plus a line');
  assert.equal(latest.gate.status, 'none');
  await shot('production-overridden');
});
