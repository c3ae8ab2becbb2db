// Shared setup for the widget tests: Debian's Chromium via playwright-core, screenshots per step.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const gatewayUrl = required('GATEWAY_URL');
const screenshotDir = process.env.SCREENSHOT_DIR || path.resolve('target/screenshots');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const resultsFile = process.env.RESULTS_FILE || path.resolve('target/browser-results.json');
export const demoPassword = process.env.RAG_DEMO_PASSWORD || 'demo';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set (the URL of a running gateway, e.g. http://127.0.0.1:8080)`);
  }
  return value.replace(/\/$/, '');
}

// A fresh profile per browser so no state leaks between runs or from a developer's own Chromium. extraArgs: more
// Chromium switches for one test file.
export async function launch(extraArgs = []) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'supportrag-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', ...extraArgs],
    viewport: { width: 1280, height: 800 },
  });
  return {
    // A new tab per test: sessionStorage (the widget's conversation id) is per tab.
    async newPage() {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      return page;
    },
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

// Screenshots are named <test>-<nn>-<step>.png so a listing reads as the story of each test.
export function screenshotter(page, testName) {
  let step = 0;
  return async (label) => {
    step += 1;
    await mkdir(screenshotDir, { recursive: true });
    const file = `${testName}-${String(step).padStart(2, '0')}-${label}.png`;
    await page.screenshot({ path: path.join(screenshotDir, file), fullPage: false });
  };
}

// Locators: Playwright's CSS engine pierces the widget's open shadow root.
export function widget(page) {
  return {
    launcher: page.locator('button.launcher'),
    panel: page.locator('section.panel'),
    input: page.locator('textarea.input'),
    send: page.locator('button.send'),
    answers: page.locator('.message.assistant:not(.greeting)'),
    lastAnswer: page.locator('.message.assistant:not(.greeting)').last(),
  };
}

// Opens the widget on the demo page and waits for its panel.
export async function openWidget(page) {
  await page.goto(gatewayUrl + '/');
  const w = widget(page);
  await w.launcher.click();
  await w.panel.waitFor({ state: 'visible' });
  return w;
}

// Records every rendered state of each answer text: the widget re-renders the whole answer per token, so the
// nodes it removes are the previous render. Lets a test prove the text grew step by step.
export async function recordAnswerRenders(page) {
  await page.evaluate(() => {
    const root = document.getElementById('supportrag-widget').shadowRoot;
    window.__answerRenders = [];
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target;
        if (target.classList && target.classList.contains('answer-text') && record.removedNodes.length) {
          const text = Array.from(record.removedNodes).map((node) => node.textContent).join('');
          if (text && text !== '\u2026') {
            window.__answerRenders.push(text);
          }
        }
      }
    }).observe(root, { childList: true, subtree: true });
  });
}

// An answer is complete when the widget enables Send again.
export async function awaitAnswer(page) {
  const { lastAnswer } = widget(page);
  await lastAnswer.waitFor();
  await page.waitForFunction(() => {
    const root = document.getElementById('supportrag-widget').shadowRoot;
    return !root.querySelector('button.send').disabled;
  }, null, { timeout: 60_000 });
  return lastAnswer;
}

// The element focused inside the widget (the document itself only sees the shadow host).
export async function focusedInWidget(page) {
  return page.evaluate(() => {
    const host = document.getElementById('supportrag-widget');
    if (document.activeElement !== host) {
      return null;
    }
    const active = host.shadowRoot.activeElement;
    return active ? `${active.tagName.toLowerCase()}.${active.className}` : null;
  });
}

// Facts the tests learnt (conversation and message ids...) for the Java side to check in the database afterwards.
export async function record(name, value) {
  await mkdir(path.dirname(resultsFile), { recursive: true });
  let results = {};
  try {
    results = JSON.parse(await readFile(resultsFile, 'utf8'));
  } catch {
    results = {};
  }
  results[name] = value;
  await writeFile(resultsFile, JSON.stringify(results, null, 2));
}

// The conversation id the widget keeps in sessionStorage.
export async function conversationIdOf(page) {
  return page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => name.startsWith('supportrag.conversation.'));
    return key ? sessionStorage.getItem(key) : null;
  });
}

// Signs in to the agent console through the gateway's OIDC login form, like an agent would.
export async function signInToConsole(page, username) {
  await page.goto(gatewayUrl + '/console/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('input[name=username]').waitFor();
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(demoPassword);
  await page.locator('button[type=submit], input[type=submit]').first().click();
  // Back in the console once the code was exchanged for tokens.
  await page.locator('#sign-out').waitFor({ state: 'visible', timeout: 30_000 });
}
