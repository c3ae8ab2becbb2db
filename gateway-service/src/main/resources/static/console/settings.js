// Settings page (admin): every setting of the tenant in one place, whichever service owns it. Each section is saved
// on its own through the gateway's settings API; the owner validates it (no browser-side limits, so its reason is
// what the admin sees) and applies it without a restart.
import { api, get } from './api.js';
import { h, replace, toast } from './dom.js';

const numberOrNull = (input) => (input.value.trim() === '' ? null : Number(input.value));
const listOf = (input) => input.value.split(/\n|,/).map((item) => item.trim()).filter(Boolean);

export function settingsView(view) {
  const status = h('div', { 'aria-live': 'polite' });
  replace(view, h('h1', null, 'Settings'), h('p', { class: 'muted' }, 'Loading…'), status);

  async function save(base, section, payload) {
    try {
      await api('PUT', `${base}/${section}`, payload);
      toast('Saved.');
      await load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  // A section of its own: a form that saves what payload() reads from its inputs.
  function sectionForm(id, base, section, payload, saveLabel, ...children) {
    const submit = (event) => {
      event.preventDefault();
      save(base, section, payload());
    };
    return h('form', { class: 'card', id, onsubmit: submit },
      children, h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, saveLabel)));
  }

  // A drop-down of values with the current one selected; first: options before them (e.g. a "default").
  function choice(id, values, current, ...first) {
    return h('select', { id }, first, values.map((value) => h('option', { value, selected: current === value }, value)));
  }

  function field(id, label, value, attrs = {}) {
    const input = h('input', { id, value: value ?? '', ...attrs });
    return [h('label', { for: id }, label), input];
  }

  function rateLimitsCard(base, limits) {
    const [widgetLabel, widgetKey] = field('limit-widget-key', 'Per widget key', limits.widgetKey, { type: 'number', min: 1 });
    const [tenantLabel, tenant] = field('limit-tenant', 'Whole tenant', limits.tenant, { type: 'number', min: 1 });
    const [ipLabel, clientIp] = field('limit-client-ip', 'Per visitor IP', limits.clientIp, { type: 'number', min: 1 });
    const [userLabel, endUser] = field('limit-end-user', 'Per verified visitor', limits.endUser, { type: 'number', min: 1 });
    return sectionForm('settings-rate-limits', base, 'rateLimits', () => ({ widgetKey: numberOrNull(widgetKey), tenant: numberOrNull(tenant), clientIp: numberOrNull(clientIp), endUser: numberOrNull(endUser) }), 'Save rate limits',
      h('h2', null, 'Rate limits'),
      h('p', { class: 'muted' }, `Requests per ${limits.periodSeconds} seconds. Empty: the platform default.`),
      widgetLabel, widgetKey, tenantLabel, tenant, ipLabel, clientIp, userLabel, endUser);
  }

  function budgetsCard(base, budgets) {
    const limits = budgets || {};
    const [dtLabel, dailyTokens] = field('budget-daily-tokens', 'Tokens per day', limits.dailyTokens, { type: 'number', min: 0 });
    const [mtLabel, monthlyTokens] = field('budget-monthly-tokens', 'Tokens per month', limits.monthlyTokens, { type: 'number', min: 0 });
    const [dcLabel, dailyCost] = field('budget-daily-cost', 'Cost per day (USD)', limits.dailyCostUsd, { type: 'number', min: 0, step: 'any' });
    const [mcLabel, monthlyCost] = field('budget-monthly-cost', 'Cost per month (USD)', limits.monthlyCostUsd, { type: 'number', min: 0, step: 'any' });
    const [tierLabel, tier] = field('budget-tier', 'Model routing tier', limits.tier);
    const onExhausted = choice('budget-on-exhausted', ['cheaper_model', 'refuse'], limits.onExhausted);
    return sectionForm('settings-budgets', base, 'budgets', () => ({
      dailyTokens: numberOrNull(dailyTokens), monthlyTokens: numberOrNull(monthlyTokens), dailyCostUsd: numberOrNull(dailyCost),
      monthlyCostUsd: numberOrNull(monthlyCost), onExhausted: onExhausted.value, tier: tier.value.trim() || null,
    }), 'Save budgets',
      h('h2', null, 'Token and cost budgets, model routing'),
      h('p', { class: 'muted' }, 'Empty: unlimited. The tier picks the model turns start at.'),
      dtLabel, dailyTokens, mtLabel, monthlyTokens, dcLabel, dailyCost, mcLabel, monthlyCost,
      h('label', { for: 'budget-on-exhausted' }, 'When exhausted'), onExhausted, tierLabel, tier);
  }

  function guardrailsCard(base, guardrails) {
    const stored = guardrails?.stored || {};
    const effective = guardrails?.effective || {};
    const banned = h('textarea', { id: 'guardrail-banned', rows: 3 }, (stored.bannedTopics || []).join('\n'));
    const offTopic = h('textarea', { id: 'guardrail-off-topic', rows: 3 }, (stored.offTopicTerms || []).join('\n'));
    const [caveatLabel, caveat] = field('guardrail-caveat', `Caveat below (now ${effective.caveatBelow ?? '–'})`, stored.caveatBelow, { type: 'number', step: 'any' });
    const [escalateLabel, escalate] = field('guardrail-escalate', `Escalate to a person below (now ${effective.escalateBelow ?? '–'})`, stored.escalateBelow, { type: 'number', step: 'any' });
    const blocked = choice('guardrail-blocked', ['refuse', 'escalate'], stored.blockedAction, h('option', { value: '' }, 'default'));
    return sectionForm('settings-guardrails', base, 'guardrails', () => ({
      bannedTopics: listOf(banned), offTopicTerms: listOf(offTopic), caveatBelow: numberOrNull(caveat),
      escalateBelow: numberOrNull(escalate), blockedAction: blocked.value || null,
    }), 'Save guardrails',
      h('h2', null, 'Guardrails and escalation'),
      h('label', { for: 'guardrail-banned' }, 'Banned topics (one per line)'), banned,
      h('label', { for: 'guardrail-off-topic' }, 'Off-topic terms (one per line)'), offTopic,
      caveatLabel, caveat, escalateLabel, escalate,
      h('label', { for: 'guardrail-blocked' }, 'Blocked questions'), blocked);
  }

  function languageCard(base, language) {
    const defaultLanguage = choice('language-default', language.supported || ['en', 'de'], language.defaultLanguage);
    const follow = h('input', { id: 'language-follow', type: 'checkbox', checked: language.answerInVisitorLanguage });
    return sectionForm('settings-language', base, 'language', () => ({ defaultLanguage: defaultLanguage.value, answerInVisitorLanguage: follow.checked }), 'Save language',
      h('h2', null, 'Language'),
      h('p', { class: 'muted' }, 'The default is used when a message\'s language is not recognized.'),
      h('label', { for: 'language-default' }, 'Default customer language'), defaultLanguage,
      h('label', { for: 'language-follow' }, follow, ' Answer in the visitor\'s language'));
  }

  function crmCard(base, crm) {
    const kind = choice('crm-kind', crm.kinds || ['none', 'rest'], crm.kind);
    const [urlLabel, baseUrl] = field('crm-base-url', 'Base URL (https://…)', crm.baseUrl);
    // Write-only: the stored token is never shown; empty keeps it.
    const [tokenLabel, token] = field('crm-token', crm.tokenSet ? 'API token (set; empty keeps it)' : 'API token', '', { type: 'password', autocomplete: 'off' });
    const [refLabel, secretRef] = field('crm-secret-ref', 'Or secret reference (RAG_CRM_SECRET_…)', crm.secretRef);
    return sectionForm('settings-crm', base, 'crm', () => ({
      kind: kind.value, baseUrl: baseUrl.value.trim() || null, apiToken: token.value || null,
      secretRef: secretRef.value.trim() || null,
    }), 'Save CRM connector',
      h('h2', null, 'CRM connector'),
      h('p', { class: 'muted' }, crm.source === 'tenant' ? 'Set for this tenant.' : 'From the platform configuration until you save one.'),
      h('label', { for: 'crm-kind' }, 'Connector'), kind, urlLabel, baseUrl, tokenLabel, token, refLabel, secretRef);
  }

  async function load() {
    try {
      const tenant = await get('/api/v1/admin/tenant');
      const base = `/api/v1/admin/tenants/${encodeURIComponent(tenant.id)}/settings`;
      const settings = await get(base);
      if (location.hash !== '#/settings') {
        return; // the admin went on to another page while this loaded: leave it alone
      }
      replace(view,
        h('h1', null, 'Settings'),
        h('p', { class: 'muted' }, `Tenant ${tenant.name} (${tenant.id}). Changes apply within seconds, without a restart.`),
        settings.unavailable.length ? h('p', { class: 'error', role: 'alert' }, `Not available right now: ${settings.unavailable.join(', ')}.`) : null,
        rateLimitsCard(base, settings.rateLimits),
        settings.budgets ? budgetsCard(base, settings.budgets) : null,
        settings.guardrails ? guardrailsCard(base, settings.guardrails) : null,
        settings.language ? languageCard(base, settings.language) : null,
        settings.crm ? crmCard(base, settings.crm) : null,
        status);
    } catch (error) {
      if (location.hash !== '#/settings') {
        return;
      }
      replace(view, h('h1', null, 'Settings'), h('p', { class: 'error', role: 'alert' }, error.message));
    }
  }

  load();
}
