// The agent console: a hash router over a few views. Plain ES modules, no build step.
import { completeSignIn, hasRole, session, signIn, signOut } from './auth.js';
import { whenSignedOut } from './api.js';
import { h, replace, toast } from './dom.js';
import { conversationView, queueView } from './agent.js';
import { knowledgeBasesView, promptsView } from './admin.js';
import { installationView } from './installation.js';
import { settingsView } from './settings.js';
import { usersView } from './users.js';
import { comparisonView, runView, runsView } from './eval-runs.js';
import { abView, candidatesView, driftView, gapsView, qualityView, reviewView } from './evaluation.js';

const view = document.getElementById('view');
let stopCurrent = () => {};

const routes = [
  { pattern: /^#\/conversations\/([0-9a-f-]{36})$/i, render: (match) => conversationView(view, match[1]), nav: 'queue' },
  { pattern: /^#\/knowledge-bases$/, render: () => knowledgeBasesView(view), nav: 'knowledge-bases', roles: ['admin'] },
  { pattern: /^#\/installation$/, render: () => installationView(view), nav: 'installation', roles: ['admin'] },
  { pattern: /^#\/settings$/, render: () => settingsView(view), nav: 'settings', roles: ['admin'] },
  { pattern: /^#\/users$/, render: () => usersView(view), nav: 'users', roles: ['admin'] },
  { pattern: /^#\/prompts$/, render: () => promptsView(view), nav: 'prompts', roles: ['admin', 'ops'] },
  { pattern: /^#\/eval\/runs$/, render: () => runsView(view), nav: 'eval-runs', roles: ['admin', 'ops'] },
  { pattern: /^#\/eval\/runs\/([0-9a-f-]{36})$/i, render: (match) => runView(view, match[1]), nav: 'eval-runs', roles: ['admin', 'ops'] },
  { pattern: /^#\/eval\/compare\/([0-9a-f-]{36})\/([0-9a-f-]{36})$/i, render: (match) => comparisonView(view, match[1], match[2]), nav: 'eval-runs', roles: ['admin', 'ops'] },
  { pattern: /^#\/review$/, render: () => reviewView(view), nav: 'review', roles: ['agent', 'admin'] },
  { pattern: /^#\/candidates$/, render: () => candidatesView(view), nav: 'candidates', roles: ['admin', 'ops'] },
  { pattern: /^#\/ab$/, render: () => abView(view), nav: 'ab', roles: ['admin', 'ops'] },
  { pattern: /^#\/drift$/, render: () => driftView(view), nav: 'drift', roles: ['admin', 'ops', 'agent'] },
  { pattern: /^#\/knowledge-gaps$/, render: () => gapsView(view), nav: 'drift', roles: ['admin', 'ops', 'agent'] },
  { pattern: /^#\/quality$/, render: () => qualityView(view), nav: 'quality', roles: ['admin', 'ops'] },
  { pattern: /^(#\/queue)?$/, render: () => queueView(view), nav: 'queue', roles: ['agent', 'admin'] },
];

function signedOutView(message) {
  stopCurrent();
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').textContent = '';
  replace(view, h('section', { class: 'signin card' },
    h('h1', null, 'Agent console'),
    h('p', null, 'Review escalated conversations, reply to customers and label the assistant’s answers.'),
    message ? h('p', { class: 'error', role: 'alert' }, message) : null,
    h('button', {
      type: 'button', class: 'primary', id: 'sign-in',
      onclick: () => signIn().catch((error) => signedOutView(`Sign-in is not available: ${error.message}`)),
    }, 'Sign in')));
  document.getElementById('sign-in').focus();
}

function route() {
  const current = session();
  if (!current) {
    signedOutView();
    return;
  }
  const hash = location.hash;
  const found = routes.find((candidate) => candidate.pattern.test(hash === '#/' ? '' : hash));
  stopCurrent();
  if (!found) {
    replace(view, h('h1', null, 'Not found'), h('p', null, h('a', { href: '#/queue' }, 'Back to the queue')));
    return;
  }
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === found.nav) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  if (found.roles && !hasRole(current, ...found.roles)) {
    replace(view, h('h1', null, 'Not allowed'), h('p', null, 'Your account does not have access to this page.'));
    return;
  }
  const stop = found.render(hash.match(found.pattern));
  stopCurrent = typeof stop === 'function' ? stop : () => {};
  view.focus({ preventScroll: true });
}

function showUser(current) {
  const nav = document.getElementById('nav');
  nav.hidden = false;
  for (const link of nav.querySelectorAll('[data-role]')) {
    link.hidden = !hasRole(current, ...link.dataset.role.split(' '));
  }
  document.getElementById('who').textContent = `${current.name}${current.tenant ? ` · ${current.tenant}` : ''}`;
  const button = document.getElementById('sign-out');
  button.hidden = false;
  button.onclick = () => {
    signOut();
    signedOutView('You are signed out.');
  };
}

async function start() {
  whenSignedOut(() => signedOutView('Your session ended. Please sign in again.'));
  try {
    await completeSignIn();
  } catch (error) {
    signedOutView(error.message);
    return;
  }
  const current = session();
  if (current) {
    showUser(current);
    if (!location.hash && !hasRole(current, 'agent', 'admin')) {
      location.hash = '#/prompts';
    }
  }
  window.addEventListener('hashchange', () => {
    const now = session();
    if (now) {
      showUser(now);
    }
    route();
  });
  route();
}

start().catch((error) => toast(error.message, 'error'));
