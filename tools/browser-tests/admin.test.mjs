// The console's admin pages against the real platform: a knowledge base upload followed as an ingestion job, a
// delete, and a widget key made on the installation page. The settings, users and prompts pages are in
// configuration.test.mjs.
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

test('an admin uploads a document, follows the ingestion job to the end, and deletes the document', async () => {
  const shot = screenshotter(admin, 'admin-knowledge');
  await admin.getByRole('link', { name: 'Knowledge bases' }).click();
  await admin.locator('#kb-name').fill('console-admin');
  await admin.getByRole('button', { name: 'Show' }).click();
  const name = `returns-${Date.now()}.md`;
  await admin.locator('#kb-files').setInputFiles({
    name, mimeType: 'text/markdown',
    buffer: Buffer.from('# Returns\n\nShoppers start a return from the tracking page within 14 days.\n'),
  });
  await admin.getByRole('button', { name: 'Upload' }).click();
  await admin.locator('.job-status').getByText('completed').waitFor({ timeout: 60_000 });
  assert.match(await admin.locator('.job').innerText(), /1 of 1 file/);
  const row = admin.locator('tr[data-document-id]').filter({ hasText: name });
  await row.waitFor();
  await shot('uploaded');

  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await row.getByRole('button', { name: `Confirm delete ${name}` }).click();
  await row.waitFor({ state: 'detached' });
  await shot('deleted');
});

test('an admin creates a widget key for a site, gets the line to paste once, and revokes the key', async () => {
  const shot = screenshotter(admin, 'admin-installation');
  await admin.getByRole('link', { name: 'Installation' }).click();
  const label = `Site ${Date.now()}`;
  await admin.locator('#key-origins').fill('https://*.example.com');
  await admin.locator('#key-name').fill(label);
  await admin.getByRole('button', { name: 'Create key' }).click();
  await admin.locator('#toast').getByText(/Wildcard/).waitFor();

  await admin.locator('#key-origins').fill('https://www.example.com, https://shop.example.com/');
  await admin.getByRole('button', { name: 'Create key' }).click();
  const snippet = admin.locator('#embed-snippet');
  await snippet.waitFor();
  assert.match(await snippet.innerText(), /^<script src="http[^"]+\/widget\.js" data-key="srw_[A-Za-z0-9_-]+" defer><\/script>$/);
  const row = admin.locator('tr[data-key-id]').filter({ hasText: label });
  await row.getByText('https://www.example.com, https://shop.example.com').waitFor();
  await shot('created');

  await row.getByRole('button', { name: `Revoke ${label}` }).click();
  await row.getByText('revoked').waitFor();
  await shot('revoked');
});
