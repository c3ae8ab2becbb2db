// Evaluation views: dataset candidates, the review queue, A/B arms, drift with knowledge gaps, and the judge's
// calibration with the reliability curve of confidence. Plain ES modules over the gateway's /api/v1/eval API.
import { api, get } from './api.js';
import { hasRole, session } from './auth.js';
import { barChart, groupedBars, reliabilityChart, sparkline } from './charts.js';
import { h, number, replace, thead, toast, when } from './dom.js';

const pct = (value) => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : '–');
const usd = (value) => (typeof value === 'number' ? `$${value.toFixed(value < 0.01 ? 5 : 3)}` : '–');
const fail = (error) => toast(error.message, 'error');

function errorRow(colspan, error) {
  return h('tr', null, h('td', { colspan: String(colspan), class: 'error' }, error.message));
}

// ---- Candidates

let datasetName = 'from-feedback';

export function candidatesView(view) {
  const status = h('select', { id: 'candidate-status' },
    ['pending', 'accepted', 'rejected'].map((value) => h('option', { value }, value)));
  const dataset = h('input', { id: 'candidate-dataset', value: datasetName, pattern: '[A-Za-z0-9][A-Za-z0-9._-]*', required: true });
  const notice = h('p', { class: 'muted', role: 'status' });
  const body = h('tbody');
  replace(view,
    h('h1', null, 'Dataset candidates'),
    h('p', { class: 'muted' }, 'Agents’ labels and thumbs-down with a comment, with the conversation they are about. Accepting one adds it to the dataset’s next version.'),
    h('form', { class: 'filters', onsubmit: (event) => { event.preventDefault(); load(); } },
      h('label', null, 'Show ', status),
      h('label', null, 'Accept into dataset ', dataset),
      h('button', { type: 'submit', class: 'ghost' }, 'Refresh')),
    notice,
    h('table', { class: 'candidates' },
      thead(['Signal', 'Customer asked', 'Assistant answered', 'Reference', 'Sources', 'Decision']),
      body));
  dataset.addEventListener('change', () => { datasetName = dataset.value.trim(); });

  async function load() {
    try {
      const data = await get(`/api/v1/eval/candidates?status=${status.value}`);
      notice.textContent = data.collectionProblem ? `New signals could not be collected: ${data.collectionProblem}` : '';
      replace(body, data.items.length ? data.items.map(row) : h('tr', null, h('td', { colspan: '6', class: 'muted empty' }, `No ${status.value} candidates.`)));
    } catch (error) {
      replace(body, errorRow(6, error));
    }
  }

  function row(candidate) {
    const reference = h('textarea', { rows: 3, 'aria-label': 'Reference answer' }, candidate.reference || '');
    const facts = h('input', { 'aria-label': 'Facts (regular expressions, separated by ;)', placeholder: 'facts, e.g. 30 days; original payment' });
    const decision = candidate.status === 'pending'
      ? h('td', { class: 'actions' },
        facts,
        h('div', { class: 'row' },
          h('button', { type: 'button', class: 'primary small', onclick: () => accept(candidate, reference.value, facts.value) }, 'Accept'),
          rejectButton(candidate)))
      : h('td', null, h('span', { class: `status ${candidate.status}` }, candidate.status),
        candidate.dataset ? h('div', { class: 'small' }, `${candidate.dataset} v${candidate.datasetVersion}`) : null,
        candidate.reason ? h('div', { class: 'small muted' }, candidate.reason) : null,
        h('div', { class: 'small muted' }, `${candidate.decidedBy || ''} ${when(candidate.decidedAt)}`));
    return h('tr', { 'data-candidate-id': candidate.id },
      h('td', null, h('span', { class: `tag signal-${candidate.signal}` }, candidate.signal.replace('_', ' ')),
        h('div', { class: 'small muted' }, candidate.signalledBy),
        candidate.comment ? h('div', { class: 'small' }, `“${candidate.comment}”`) : null,
        h('div', { class: 'small' }, h('a', { href: `#/conversations/${candidate.conversationId}` }, 'conversation'))),
      h('td', { class: 'preview' }, candidate.turns.map((turn, i) => h('div', { class: i === candidate.turns.length - 1 ? '' : 'small muted' }, turn)),
        candidate.knowledgeBase ? h('span', { class: 'tag' }, candidate.knowledgeBase) : null),
      h('td', { class: 'preview' }, candidate.answer || ''),
      h('td', { class: 'preview' }, candidate.status === 'pending' ? reference : candidate.reference || ''),
      h('td', { class: 'small' }, candidate.citedDocuments.map((doc) => h('div', null, doc.url || doc.title))),
      decision);
  }

  async function accept(candidate, reference, facts) {
    if (!dataset.reportValidity()) {
      return;
    }
    const body = { dataset: dataset.value.trim() };
    if (reference.trim()) {
      body.reference = reference.trim();
    }
    const list = facts.split(';').map((fact) => fact.trim()).filter(Boolean);
    if (list.length) {
      body.facts = list;
    }
    try {
      const { data } = await api('POST', `/api/v1/eval/candidates/${candidate.id}/accept`, body);
      toast(`Added to ${data.datasetVersion.name}, now version ${data.datasetVersion.version} (${data.datasetVersion.itemCount} items).`);
      load();
    } catch (error) {
      fail(error);
    }
  }

  function rejectButton(candidate) {
    const button = h('button', {
      type: 'button', class: 'ghost small danger',
      onclick: async () => {
        if (!button.dataset.armed) {
          button.dataset.armed = 'true';
          button.textContent = 'Confirm reject';
          return;
        }
        try {
          await api('POST', `/api/v1/eval/candidates/${candidate.id}/reject`, {});
          toast('Rejected.');
          load();
        } catch (error) {
          fail(error);
        }
      },
    }, 'Reject');
    return button;
  }

  load();
}

// ---- Review queue

export function reviewView(view) {
  const summary = h('div', { class: 'summary-cards' });
  const list = h('div');
  const sample = hasRole(session(), 'admin')
    ? h('button', { type: 'button', class: 'ghost', onclick: async () => {
      try {
        const { data } = await api('POST', '/api/v1/eval/review-queue/sample');
        toast(`${data.added} answers added to the queue.`);
        load();
      } catch (error) {
        fail(error);
      }
    } }, 'Sample new answers now') : null;
  replace(view,
    h('h1', null, 'Review queue'),
    h('p', { class: 'muted' }, 'A sample of answers the assistant gave without handing over. Your labels measure how often customers were told the right thing, and wrong answers become dataset candidates.'),
    summary, h('div', { class: 'row' }, sample), list);

  async function load() {
    try {
      const data = await get('/api/v1/eval/review-queue?status=open');
      const s = data.summary;
      replace(summary,
        card('Sampled', s.sampled), card('Labelled', s.labelled), card('Correct', s.correct),
        card('Precision', pct(s.precision), s.labelled ? `${s.correct} of ${s.labelled} labelled answers were right` : 'no labels yet'));
      replace(list, data.items.length ? data.items.map(item) : h('p', { class: 'muted card' }, 'Nothing to review right now.'));
    } catch (error) {
      replace(list, h('p', { class: 'error' }, error.message));
    }
  }

  function item(entry) {
    const corrected = h('input', { 'aria-label': 'Corrected answer (optional)', placeholder: 'Corrected answer (optional)' });
    const send = async (label) => {
      try {
        await api('POST', '/api/v1/labels', { conversationId: entry.conversationId, messageId: entry.messageId, label, correctedAnswer: corrected.value.trim() || undefined });
        toast('Label saved.');
        load();
      } catch (error) {
        fail(error);
      }
    };
    return h('article', { class: 'card review-item', 'data-message-id': entry.messageId },
      h('div', { class: 'msg-head' }, h('strong', null, 'Customer'), h('time', null, when(entry.answeredAt)),
        entry.knowledgeBase ? h('span', { class: 'tag' }, entry.knowledgeBase) : null,
        h('span', { class: 'tag' }, `confidence ${number(entry.confidence, 2)}`),
        h('a', { href: `#/conversations/${entry.conversationId}` }, 'conversation')),
      h('p', { class: 'msg-text' }, entry.question),
      h('div', { class: 'msg assistant' }, h('p', { class: 'msg-text' }, entry.answer)),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary small', onclick: () => send('correct') }, 'Correct'),
        h('button', { type: 'button', class: 'small danger', onclick: () => send('incorrect') }, 'Incorrect'),
        h('button', { type: 'button', class: 'small', onclick: () => send('missing_knowledge') }, 'Missing knowledge'),
        corrected));
  }

  load();
}

function card(title, value, note) {
  return h('div', { class: 'card stat' }, h('div', { class: 'muted small' }, title), h('div', { class: 'stat-value' }, value),
    note ? h('div', { class: 'small muted' }, note) : null);
}

// ---- A/B arms

export function abView(view) {
  const dimension = h('select', { id: 'ab-dimension' }, h('option', { value: 'prompt' }, 'prompt arm'), h('option', { value: 'model' }, 'model'));
  const days = h('input', { id: 'ab-days', type: 'number', min: 1, max: 90, value: 14 });
  const minSample = h('input', { id: 'ab-min', type: 'number', min: 1, value: 100 });
  const out = h('div');
  replace(view,
    h('h1', null, 'A/B outcomes'),
    h('p', { class: 'muted' }, 'Variants are assigned per conversation. Rates use the two-proportion z-test, means Welch’s t-test; a difference counts only with p < 0.05 and the minimum sample in both arms.'),
    h('form', { class: 'filters', onsubmit: (event) => { event.preventDefault(); load(); } },
      h('label', null, 'Compare by ', dimension), h('label', null, 'Last days ', days),
      h('label', null, 'Minimum conversations per arm ', minSample), h('button', { type: 'submit', class: 'ghost' }, 'Show')),
    out);

  async function load() {
    try {
      const data = await get(`/api/v1/eval/ab?dimension=${dimension.value}&days=${days.value}&minSample=${minSample.value}`);
      if (!data.arms.length) {
        replace(out, h('p', { class: 'muted card' }, 'No conversations in this window.'));
        return;
      }
      const tests = new Map();
      for (const comparison of data.comparisons) {
        for (const test of comparison.tests) {
          tests.set(`${comparison.arm}:${test.metric}`, { ...test, enough: comparison.enoughSample });
        }
      }
      const note = (metric) => {
        const found = data.comparisons.map((c) => tests.get(`${c.arm}:${metric}`)).filter(Boolean);
        if (!found.length) {
          return { note: '', significant: false };
        }
        const best = found.reduce((a, b) => ((a.pValue ?? 1) <= (b.pValue ?? 1) ? a : b));
        if (!best.enough) {
          return { note: 'sample too small', significant: false };
        }
        return { note: best.significant ? `significant, p=${number(best.pValue, 3)}` : `no difference, p=${number(best.pValue, 2)}`, significant: best.significant };
      };
      const metrics = [
        ['escalation_rate', 'escalation rate', (arm) => arm.escalationRate, pct],
        ['thumbs_up_rate', 'thumbs-up rate', (arm) => arm.thumbsUpRate, pct],
        ['mean_confidence', 'mean confidence', (arm) => arm.meanConfidence, (v) => number(v, 2)],
        ['unsupported_claim_rate', 'unsupported claims', (arm) => arm.unsupportedClaimRate, pct],
        ['cost_per_conversation', 'cost / conversation', (arm) => arm.costPerConversation, usd],
        ['cost_per_resolved', 'cost / resolved', (arm) => arm.costPerResolvedConversation, usd],
      ].filter(([, , value]) => data.arms.some((arm) => typeof value(arm) === 'number'));
      const chart = groupedBars({
        title: `Outcomes per ${data.dimension} arm, baseline ${data.baseline}`,
        series: data.arms.map((arm) => ({ name: `${arm.arm} (${arm.conversations})` })),
        groups: metrics.map(([key, label, value, format]) => ({ label, values: data.arms.map(value), format, ...note(key) })),
      });
      replace(out,
        h('div', { class: 'card chart-card' }, chart),
        h('h2', null, 'Arms'),
        h('table', null,
          thead(['Arm', 'Conversations', 'Turns', 'Escalation', 'Thumbs-up (rated)', 'Mean confidence', 'Unsupported claims', 'Cost / conversation', 'Cost / resolved']),
          h('tbody', null, data.arms.map((arm) => h('tr', null,
            h('td', null, arm.arm, arm.arm === data.baseline ? h('span', { class: 'tag' }, 'baseline') : null, arm.enoughSample ? null : h('span', { class: 'tag flag' }, 'small sample')),
            h('td', { class: 'number' }, arm.conversations), h('td', { class: 'number' }, arm.turns),
            h('td', { class: 'number' }, pct(arm.escalationRate)), h('td', { class: 'number' }, `${pct(arm.thumbsUpRate)} (${arm.rated})`),
            h('td', { class: 'number' }, number(arm.meanConfidence, 3)), h('td', { class: 'number' }, pct(arm.unsupportedClaimRate)),
            h('td', { class: 'number' }, usd(arm.costPerConversation)), h('td', { class: 'number' }, usd(arm.costPerResolvedConversation)))))),
        h('h2', null, 'Tests against the baseline'),
        h('table', null,
          thead(['Arm', 'Metric', 'Test', 'Baseline', 'Arm', 'Difference', 'p', 'Verdict']),
          h('tbody', null, data.comparisons.flatMap((comparison) => comparison.tests.map((test) => h('tr', null,
            h('td', null, comparison.arm), h('td', null, test.metric.replaceAll('_', ' ')), h('td', { class: 'small' }, test.test),
            h('td', { class: 'number' }, number(test.baseline, 4)), h('td', { class: 'number' }, number(test.arm, 4)),
            h('td', { class: 'number' }, number(test.difference, 4)), h('td', { class: 'number' }, number(test.pValue, 4)),
            h('td', null, !comparison.enoughSample ? h('span', { class: 'muted' }, 'sample too small')
              : test.significant ? h('strong', { class: 'significant' }, 'significant') : h('span', { class: 'muted' }, 'no difference'))))))));
    } catch (error) {
      replace(out, h('p', { class: 'error' }, error.message));
    }
  }

  load();
}

// An admin's button that posts to path, says done and reloads the section; null for other roles.
function adminAction(label, className, path, done, reload) {
  if (!hasRole(session(), 'admin')) {
    return null;
  }
  return h('button', { type: 'button', class: className, onclick: async (event) => {
    event.target.disabled = true;
    try {
      await api('POST', path);
      toast(done);
      reload();
    } catch (error) {
      fail(error);
    } finally {
      event.target.disabled = false;
    }
  } }, label);
}

// ---- Drift and knowledge gaps

export function driftView(view) {
  const out = h('div');
  const recompute = adminAction('Recompute now', 'ghost', '/api/v1/eval/drift/compute', 'Drift recomputed.', () => load());
  replace(view,
    h('h1', null, 'Drift'),
    h('p', { class: 'muted' }, 'The current window against the reference window before it, per knowledge base. PSI above 0.2 is a significant shift (Evidently’s threshold).'),
    h('div', { class: 'row' }, recompute, h('a', { href: '#/knowledge-gaps' }, 'Knowledge gaps')), out);

  async function load() {
    try {
      const data = await get('/api/v1/eval/drift');
      if (!data.reports.length) {
        replace(out, h('p', { class: 'muted card' }, 'No drift report yet: it is computed on a schedule once there are conversations.'));
        return;
      }
      replace(out, await Promise.all(data.reports.map(section)));
    } catch (error) {
      replace(out, h('p', { class: 'error' }, error.message));
    }
  }

  async function section(report) {
    const head = h('h2', null, `Knowledge base ${report.knowledgeBase}`);
    const window = h('p', { class: 'small muted' },
      `Reference ${when(report.referenceFrom)} – ${when(report.referenceTo)} (${report.referenceTurns} questions); current until ${when(report.currentTo)} (${report.currentTurns} questions). Computed ${when(report.computedAt)}.`);
    if (!report.enoughData) {
      return h('section', { class: 'card' }, head, window, h('p', { class: 'muted' }, 'Not enough questions in one of the windows to compare.'));
    }
    let history = [];
    try {
      history = (await get(`/api/v1/eval/drift/history?knowledgeBase=${encodeURIComponent(report.knowledgeBase)}&limit=30`)).reports.reverse();
    } catch {
      history = [];
    }
    const topics = history.map((r) => ({ value: (r.signals.find((s) => s.signal === 'query_topics') || {}).psi ?? 0 }));
    const significant = report.signals.filter((s) => s.significant).map((s) => s.signal.replaceAll('_', ' '));
    const e = report.embedding;
    return h('section', { class: 'card' }, head, window,
      h('p', { class: significant.length ? 'significant' : 'muted' }, significant.length ? `Shifted: ${significant.join(', ')}.` : 'No significant shift.'),
      barChart({
        title: `PSI per signal, ${report.knowledgeBase}`, threshold: 0.2, thresholdLabel: 'PSI 0.2',
        rows: report.signals.map((s) => ({
          label: s.signal.replaceAll('_', ' '), value: s.psi,
          note: s.reference !== null && s.reference !== undefined ? `${number(s.reference, 3)} → ${number(s.current, 3)}${s.ks !== null && s.ks !== undefined ? `, KS ${number(s.ks, 2)} p=${number(s.ksPValue, 3)}` : ''}` : '',
        })),
      }),
      e ? h('dl', { class: 'facts' },
        h('dt', null, 'Centroid distance'), h('dd', null, number(e.centroidDistance, 4), ' (cosine distance between the two windows’ mean question embeddings)'),
        h('dt', null, 'Far from every reference topic'), h('dd', null, `${pct(e.farShare)} of current questions (about ${pct(e.expectedFarShare)} expected without drift; ${e.clusters} reference clusters)`)) : null,
      h('div', { class: 'row small muted' }, 'Topic-mix PSI over time ', sparkline({ title: 'query topics PSI over time', points: topics, threshold: 0.2 })));
  }

  load();
}

export function gapsView(view) {
  const out = h('div');
  replace(view,
    h('h1', null, 'Knowledge gaps'),
    h('p', { class: 'muted' }, 'Questions of the current window that had no good source (low retrieval score, declined, or handed over for low confidence), grouped by topic. Write or fix the help-center articles they ask for.'),
    out);
  get('/api/v1/eval/drift/gaps').then((data) => {
    const groups = data.filter((kb) => kb.gaps.length);
    if (!groups.length) {
      replace(out, h('p', { class: 'muted card' }, 'No knowledge gaps found in the latest drift reports.'));
      return;
    }
    replace(out, groups.map((kb) => h('section', null,
      h('h2', null, `Knowledge base ${kb.knowledgeBase}`, h('span', { class: 'small muted' }, ` computed ${when(kb.computedAt)}`)),
      barChart({ title: `Questions per gap, ${kb.knowledgeBase}`, labelWidth: 260, rows: kb.gaps.slice(0, 10).map((gap) => ({ label: gap.question.length > 40 ? `${gap.question.slice(0, 39)}…` : gap.question, value: gap.size, tone: 'gap' })), format: (v) => String(v) }),
      h('table', null,
        thead(['Questions', 'Example question', 'More like it', 'Handed over', 'Declined']),
        h('tbody', null, kb.gaps.map((gap) => h('tr', null,
          h('td', { class: 'number' }, gap.size), h('td', { class: 'preview' }, gap.question),
          h('td', { class: 'small' }, gap.examples.map((example) => h('div', null, example))),
          h('td', { class: 'number' }, gap.escalated), h('td', { class: 'number' }, gap.declined))))))));
  }).catch((error) => replace(out, h('p', { class: 'error' }, error.message)));
}

// ---- Judge calibration, reliability curve and online scores

export function qualityView(view) {
  const judge = h('div');
  const curve = h('div');
  const online = h('div');
  const source = h('select', { id: 'reliability-source', onchange: () => loadCurve() }, h('option', { value: '' }, 'online scores'));
  replace(view,
    h('h1', null, 'Answer quality'),
    h('h2', null, 'Reliability of confidence'),
    h('p', { class: 'muted' }, 'How often answers of each confidence were right: online-scored answers (agents’ labels, else the judge) or the answers of an experiment run (its answer correctness). Well-calibrated bars follow the diagonal.'),
    h('label', null, 'Answers of ', source),
    curve,
    h('h2', null, 'LLM judge'), judge,
    h('h2', null, 'Online scores (last 7 days)'), online);

  async function loadJudge() {
    try {
      const status = await get('/api/v1/eval/judge');
      const c = status.calibration;
      const calibrate = status.configured
        ? adminAction('Calibrate against labels', 'ghost small', '/api/v1/eval/judge/calibrate',
          'Judge calibrated against agents’ labels.', () => loadJudge())
        : null;
      replace(judge, h('div', { class: 'card' },
        h('p', null, h('span', { class: `mode mode-${c.mode}` }, c.mode), ' ', c.explanation),
        h('dl', { class: 'facts' },
          h('dt', null, 'Model'), h('dd', null, status.model || 'none configured'),
          h('dt', null, 'Prompts'), h('dd', null, status.promptVersions.join(', ')),
          h('dt', null, 'Labelled answers judged'), h('dd', null, h('progress', { max: c.minLabelled, value: Math.min(c.labelled, c.minLabelled) }), ` ${c.labelled} of ${c.minLabelled} needed`),
          h('dt', null, 'Accuracy vs agents'), h('dd', null, pct(c.accuracy)),
          h('dt', null, 'Cohen’s kappa'), h('dd', null, `${number(c.kappa, 2)} (needs ${number(c.minKappa, 2)} to gate)`),
          h('dt', null, 'Spent today'), h('dd', null, `${usd(status.spentTodayUsd)} of ${usd(status.dailyBudgetUsd)} per tenant and day`)),
        h('div', { class: 'row' }, calibrate)));
    } catch (error) {
      replace(judge, h('p', { class: 'error' }, error.message));
    }
  }

  async function loadRuns() {
    try {
      const runs = (await get('/api/v1/eval/runs'))?.items || [];
      for (const run of runs.filter((r) => r.status === 'completed')) {
        source.append(h('option', { value: run.id }, `${run.variant?.name || 'run'} · ${run.dataset} v${run.datasetVersion} · ${when(run.createdAt)}`));
      }
    } catch {
      // Runs are optional here: the online curve still shows.
    }
  }

  async function loadCurve() {
    try {
      const data = await get(`/api/v1/eval/online/reliability${source.value ? `?run=${source.value}` : ''}`);
      replace(curve, data.answers
        ? h('div', { class: 'card chart-card' }, reliabilityChart({ title: 'Reliability of confidence', bins: data.bins }),
          h('p', { class: 'small muted' }, `${data.answers} answers; expected calibration error ${number(data.expectedCalibrationError, 3)}. Source: ${data.source}.`))
        : h('p', { class: 'muted card' }, source.value ? 'This run has no scored answers with a confidence.' : 'No answer scored online has a label or a judge verdict yet.'));
    } catch (error) {
      replace(curve, h('p', { class: 'error' }, error.message));
    }
  }

  async function loadOnline() {
    try {
      const data = await get('/api/v1/eval/online');
      const download = h('button', { type: 'button', class: 'ghost small', onclick: exportJsonl }, 'Export JSONL');
      replace(online, h('p', { class: 'small muted' }, `${data.scored} turns scored, ${data.judged} of them by the judge.`),
        data.metrics.length ? barChart({ title: 'Mean online scores', rows: data.metrics.map((m) => ({ label: m.metric.replaceAll('_', ' '), value: m.mean, note: `n=${m.count}` })), max: 1 }) : null,
        h('div', { class: 'row' }, download));
    } catch (error) {
      replace(online, h('p', { class: 'error' }, error.message));
    }
  }

  // A plain link would not carry the bearer token: fetch, then save the blob.
  async function exportJsonl() {
    try {
      const response = await fetch('/api/v1/eval/online/scores.jsonl', { headers: { Authorization: `Bearer ${session().accessToken}` } });
      if (!response.ok) {
        throw new Error(`Export failed (${response.status})`);
      }
      const url = URL.createObjectURL(await response.blob());
      const link = h('a', { href: url, download: 'online-scores.jsonl' });
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (error) {
      fail(error);
    }
  }

  loadRuns();
  loadCurve();
  loadJudge();
  loadOnline();
}
