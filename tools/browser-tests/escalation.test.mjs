// Escalation end to end: the customer's widget and an agent's console in the same headless Chromium, against the
// real platform (OIDC sign-in at the gateway, escalations and live events in generation, labels in eval).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  awaitAnswer, conversationIdOf, gatewayUrl, launch, record, screenshotter, signInToConsole, widget,
} from './browser.mjs';

let browser;
let agent;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

// One signed-in console tab for every test in this file, like an agent keeping the console open all day.
async function agentPage() {
  if (!agent) {
    agent = await browser.newPage();
    await signInToConsole(agent, 'agent@demo.local');
  }
  return agent;
}

async function customerAsks(page, question) {
  await page.goto(gatewayUrl + '/');
  const w = widget(page);
  await w.launcher.click();
  await w.panel.waitFor({ state: 'visible' });
  await w.input.fill(question);
  await w.send.click();
  return awaitAnswer(page);
}

async function replyAsAgent(console, conversationId, text) {
  const token = await console.evaluate(() => JSON.parse(sessionStorage.getItem('supportrag.console.session')).accessToken);
  return fetch(`${gatewayUrl}/api/v1/conversations/${conversationId}/agent-replies`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ text }),
  });
}

async function openQueueRow(page, conversationId) {
  await page.goto(gatewayUrl + '/console/#/queue');
  const row = page.locator(`tr[data-conversation-id="${conversationId}"]`);
  // The queue refreshes itself every few seconds: no reload needed.
  await row.waitFor({ timeout: 30_000 });
  return row;
}

test('a question the knowledge base cannot answer escalates; an agent signs in, claims, labels and replies; '
  + 'the reply reaches the widget live, also after a dropped connection and after a reload', async () => {
  const customer = await browser.newPage();
  const shotCustomer = screenshotter(customer, 'escalation-customer');
  const answer = await customerAsks(customer, 'Can I pay for my labels with seashells from Jupiter?');
  await answer.locator('.note').getByText('A person will reply right here').waitFor();
  await shotCustomer('escalated');
  const conversationId = await conversationIdOf(customer);
  assert.ok(conversationId, 'the widget keeps the conversation id');

  const console = await agentPage();
  const shotAgent = screenshotter(console, 'escalation-agent');
  const row = await openQueueRow(console, conversationId);
  assert.match(await row.innerText(), /seashells/);
  await shotAgent('queue');

  await row.getByRole('button', { name: 'Claim' }).click();
  await console.waitForURL(`**/console/#/conversations/${conversationId}`);
  await console.locator('#escalation-status').getByText('assigned').waitFor();
  const assistant = console.locator('li.msg.assistant').last();
  await assistant.waitFor();
  assert.match(await assistant.locator('.trace').innerText(), /^[0-9a-f]{16,}$/i, 'the answer shows its trace id');
  if (process.env.TRACE_URL) {
    // With a trace UI configured (rag.gateway.console.trace-url) the trace id links into it.
    const traceLink = assistant.locator('a:has(code.trace)');
    await traceLink.waitFor();
    const traceId = await traceLink.innerText();
    assert.equal(await traceLink.getAttribute('href'), process.env.TRACE_URL.replace('{traceId}', traceId));
  }
  assert.match(await assistant.locator('.confidence').innerText(), /^\d\.\d\d$/);
  await shotAgent('conversation');

  // Label the assistant's answer for evaluation.
  await assistant.getByLabel('Missing knowledge').check();
  await assistant.getByLabel('Corrected answer').fill('Parcelly accepts card payments and the postage wallet only.');
  const labelled = console.waitForResponse((response) => response.url().endsWith('/api/v1/labels')
    && response.request().method() === 'POST');
  await assistant.getByRole('button', { name: 'Save label' }).click();
  const label = await labelled;
  assert.equal(label.status(), 201);
  const storedLabel = label.request().postDataJSON();
  await assistant.locator('.label-state').getByText('Labelled Missing knowledge').waitFor();
  await record('label', { conversationId, messageId: storedLabel.messageId, label: 'missing_knowledge',
    correctedAnswer: 'Parcelly accepts card payments and the postage wallet only.', labelledBy: 'agent@demo.local' });
  await shotAgent('labelled');

  // The reply reaches the open widget without a reload.
  await console.locator('#reply-text').fill('Hi, this is support: we only take cards and the postage wallet.');
  await console.getByRole('button', { name: 'Send reply' }).click();
  const reply = customer.locator('.message.agent').filter({ hasText: 'we only take cards' });
  await reply.waitFor({ timeout: 30_000 });
  await shotCustomer('agent-reply-live');

  // The network drops and comes back: the widget reconnects and picks up what was sent meanwhile. The browser is
  // offline as a whole, so the agent's second reply goes through the API with the console's token.
  await customer.context().setOffline(true);
  await customer.waitForTimeout(1500);
  const sent = await replyAsAgent(console, conversationId, 'One more thing: the wallet tops up instantly.');
  assert.equal(sent.status, 201, await sent.text());
  const reconnect = customer.waitForRequest((request) => request.url().includes(`/conversations/${conversationId}/events`)
    && request.headers()['last-event-id'] !== undefined, { timeout: 45_000 });
  await customer.context().setOffline(false);
  const resumed = await reconnect;
  assert.ok(resumed.url().includes('after='), `the widget resumes after the last event it saw: ${resumed.url()}`);
  await customer.locator('.message.agent').filter({ hasText: 'tops up instantly' }).waitFor({ timeout: 45_000 });
  await shotCustomer('reply-after-reconnect');

  // A reload resumes the conversation, agent replies included.
  await customer.reload();
  const w = widget(customer);
  await w.launcher.click();
  await customer.locator('.message.user').filter({ hasText: 'seashells' }).waitFor();
  assert.equal(await customer.locator('.message.agent').count(), 2, 'both agent replies are back after the reload');
  await shotCustomer('resumed-after-reload');

  await console.getByRole('button', { name: 'Resolve' }).click();
  await console.locator('#escalation-status').getByText('resolved').waitFor();
  await shotAgent('resolved');
});

test('the customer asks for a person with "Talk to a person" and the request reaches the agents\' queue', async () => {
  const customer = await browser.newPage();
  const shot = screenshotter(customer, 'talk-to-person');
  await customerAsks(customer, 'How much parcel insurance is included with a shipping label?');
  const human = customer.getByRole('button', { name: 'Talk to a person' });
  await human.click();
  await customer.locator('.notice').getByText('A person will reply right here').waitFor();
  await shot('asked-for-a-person');
  const conversationId = await conversationIdOf(customer);

  const console = await agentPage();
  const row = await openQueueRow(console, conversationId);
  assert.match(await row.innerText(), /Customer asked/);
  await screenshotter(console, 'talk-to-person-agent')('queue');
});
