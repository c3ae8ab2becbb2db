// Evaluation runs (admin, ops): the runs list with a start form, one run's progress, metrics and items, and the
// regression gate between two runs with the items that flipped. Charts are SVG built node by node (strict CSP).
import { api, get } from './api.js';
import { hasRole, session } from './auth.js';
import { h, number, replace, thead, toast, when } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const METRICS = [
  ['answer_correct', 'Answer correct'],
  ['citation_correct', 'Citation correct'],
  ['unanswerable_escalated', 'Unanswerable escalated or declined'],
  ['escalation_precision', 'Escalation precision'],
  ['faithfulness', 'Faithfulness (offline)'],
  ['sources_retrieved', 'Acceptable source retrieved'],
  ['judge_correct', 'Judge: correct'],
  ['judge_faithfulness', 'Judge: faithfulness'],
  ['ndcg_at_10', 'nDCG@10 (BEIR)'],
  ['recall_at_100', 'Recall@100 (BEIR)'],
  ['mrr_at_10', 'MRR@10 (BEIR)'],
];

function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
  return node;
}

function percent(value) {
  return typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : '–';
}

function runLink(run) {
  return h('a', { href: `#/eval/runs/${run.id}` }, `${run.variant?.name || 'run'} · ${run.dataset} v${run.datasetVersion}`);
}

// Horizontal bars, one per rate metric (0..1), with the value written beside each bar.
function rateBars(metrics, label) {
  const rows = METRICS.filter(([key]) => typeof metrics?.[key] === 'number');
  const height = rows.length * 28 + 8;
  const svg = s('svg', { viewBox: `0 0 520 ${height}`, class: 'chart', role: 'img', 'aria-label': label });
  rows.forEach(([key, name], i) => {
    const y = 8 + i * 28;
    svg.appendChild(s('text', { x: 0, y: y + 14, class: 'chart-label' }, name));
    svg.appendChild(s('rect', { x: 240, y, width: 220, height: 18, class: 'chart-track' }));
    svg.appendChild(s('rect', { x: 240, y, width: Math.max(0, Math.min(1, metrics[key])) * 220, height: 18, class: 'chart-bar' }));
    svg.appendChild(s('text', { x: 466, y: y + 14, class: 'chart-value' }, percent(metrics[key])));
  });
  return svg;
}

// Escalation precision and recall if every answer below a confidence threshold were handed over: the reliability
// of confidence as a hand-over signal.
function escalationCurve(points) {
  const usable = (points || []).filter((p) => typeof p.threshold === 'number');
  if (!usable.length) {
    return null;
  }
  const width = 520;
  const height = 220;
  const x = (t) => 40 + t * (width - 60);
  const y = (v) => height - 30 - v * (height - 50);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': 'Escalation precision and recall by confidence threshold' });
  svg.appendChild(s('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(0), class: 'chart-axis' }));
  svg.appendChild(s('line', { x1: x(0), y1: y(0), x2: x(0), y2: y(1), class: 'chart-axis' }));
  for (const tick of [0, 0.5, 1]) {
    svg.appendChild(s('text', { x: x(tick) - 8, y: height - 10, class: 'chart-label' }, tick.toFixed(1)));
    svg.appendChild(s('text', { x: 4, y: y(tick) + 4, class: 'chart-label' }, tick.toFixed(1)));
  }
  for (const [key, cls] of [['precision', 'chart-line-a'], ['recall', 'chart-line-b']]) {
    const path = usable.filter((p) => typeof p[key] === 'number').map((p) => `${x(p.threshold)},${y(p[key])}`).join(' ');
    if (path) {
      svg.appendChild(s('polyline', { points: path, class: cls }));
    }
  }
  svg.appendChild(s('text', { x: width - 150, y: 20, class: 'chart-line-a-label' }, '— precision'));
  svg.appendChild(s('text', { x: width - 150, y: 38, class: 'chart-line-b-label' }, '— recall'));
  svg.appendChild(s('text', { x: x(1) - 120, y: y(0) - 8, class: 'chart-label' }, 'confidence threshold →'));
  return svg;
}

// ---- Runs list

export function runsView(view) {
  const body = h('tbody');
  const canStart = hasRole(session(), 'admin');
  const dataset = h('input', { id: 'run-dataset', required: true, placeholder: 'dataset name' });
  const variant = h('input', { id: 'run-variant', required: true, value: 'default' });
  const mode = h('select', { id: 'run-mode' }, ['', 'full', 'hybrid', 'dense', 'lexical'].map((m) => h('option', { value: m }, m || 'service default')));
  const topK = h('input', { id: 'run-topk', type: 'number', min: 1, max: 50, placeholder: 'default' });
  const label = h('input', { id: 'run-label', placeholder: 'production' });
  const model = h('input', { id: 'run-model', placeholder: 'routed' });
  const baseline = h('select', { id: 'compare-baseline' });
  const candidate = h('select', { id: 'compare-candidate' });
  let timer = null;

  replace(view,
    h('h1', null, 'Evaluation runs'),
    canStart ? h('form', { class: 'card', onsubmit: start },
      h('h2', null, 'Start a run'),
      h('p', { class: 'muted' }, 'Asks every item of a dataset version through the chat pipeline under a variant.'),
      h('div', { class: 'row' },
        h('label', null, 'Dataset ', dataset), h('label', null, 'Variant ', variant),
        h('label', null, 'Prompt label ', label), h('label', null, 'Model ', model), h('label', null, 'Retrieval ', mode),
        h('label', null, 'topK ', topK)),
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'start-run' }, 'Start'))) : null,
    h('form', { class: 'filters', onsubmit: (event) => {
      event.preventDefault();
      if (baseline.value && candidate.value) {
        location.hash = `#/eval/compare/${baseline.value}/${candidate.value}`;
      }
    } },
    h('label', null, 'Baseline ', baseline), h('label', null, 'Candidate ', candidate),
    h('button', { type: 'submit', class: 'ghost', id: 'compare-runs' }, 'Compare')),
    h('table', null,
      thead(['Run', 'Status', 'Progress', 'Answer correct', 'Citation correct',
        'Unanswerable handled', 'p95', 'Started']),
      body));

  async function start(event) {
    event.preventDefault();
    const chosen = { name: variant.value.trim() };
    if (label.value.trim()) chosen.promptLabel = label.value.trim();
    if (model.value.trim()) chosen.model = model.value.trim();
    if (mode.value) chosen.retrievalMode = mode.value;
    if (topK.value) chosen.topK = Number(topK.value);
    try {
      const { data } = await api('POST', '/api/v1/eval/runs', { dataset: dataset.value.trim(), variant: chosen });
      toast(`Run ${data.id.slice(0, 8)} queued.`);
      load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function load() {
    try {
      const runs = (await get('/api/v1/eval/runs'))?.items || [];
      const completed = runs.filter((run) => run.status === 'completed');
      for (const select of [baseline, candidate]) {
        const keep = select.value;
        replace(select, completed.map((run) => h('option', { value: run.id },
          `${run.variant.name} · ${run.dataset} v${run.datasetVersion} · ${when(run.createdAt)}`)));
        if (keep) select.value = keep;
      }
      if (!candidate.value && completed.length) candidate.value = completed[0].id;
      if (!baseline.dataset.touched && completed.length > 1) baseline.value = completed[1].id;
      replace(body, runs.length ? runs.map((run) => h('tr', { 'data-run-id': run.id },
        h('td', null, runLink(run)), h('td', null, run.status),
        h('td', null, h('progress', { max: run.total || 1, value: run.done }), ` ${run.done}/${run.total}`),
        h('td', { class: 'number' }, percent(run.metrics?.answer_correct)),
        h('td', { class: 'number' }, percent(run.metrics?.citation_correct)),
        h('td', { class: 'number' }, percent(run.metrics?.unanswerable_escalated)),
        h('td', { class: 'number' }, run.metrics ? `${number(run.metrics.p95_ms, 0)} ms` : '–'),
        h('td', null, when(run.startedAt || run.createdAt))))
        : h('tr', null, h('td', { colspan: '8', class: 'muted empty' }, 'No runs yet.')));
      if (runs.some((run) => run.status === 'queued' || run.status === 'running')) {
        timer = setTimeout(load, 2000);
      }
    } catch (error) {
      replace(body, h('tr', null, h('td', { colspan: '8', class: 'error' }, error.message)));
    }
  }
  baseline.addEventListener('change', () => { baseline.dataset.touched = 'true'; });
  load();
  return () => clearTimeout(timer);
}

// ---- One run

export function runView(view, id) {
  let timer = null;
  let stopped = false;
  async function load() {
    try {
      const run = await get(`/api/v1/eval/runs/${id}`);
      const items = (await get(`/api/v1/eval/runs/${id}/items`))?.items || [];
      const variant = run.variant || {};
      replace(view,
        h('p', null, h('a', { href: '#/eval/runs' }, '← Runs')),
        h('h1', null, `Run ${variant.name}`),
        h('p', { class: 'muted' }, `${run.dataset} v${run.datasetVersion} · ${run.status} · ${run.done}/${run.total} items`
          + (run.failed ? ` · ${run.failed} failed` : '')
          + ` · prompt ${variant.promptLabel || 'production'} · retrieval ${variant.retrievalMode || 'default'}`
          + (variant.topK ? ` top ${variant.topK}` : '') + (variant.model ? ` · model ${variant.model}` : '')),
        h('progress', { max: run.total || 1, value: run.done, class: 'wide', 'aria-label': 'Progress' }),
        run.metrics ? h('section', { class: 'card' },
          h('h2', null, 'Metrics'),
          rateBars(run.metrics, 'Answer-level metrics of the run'),
          run.metrics.queries !== undefined
            ? h('p', null, `${run.metrics.queries} BEIR queries searched · p50 ${number(run.metrics.p50_ms, 0)} ms`
              + ` · p95 ${number(run.metrics.p95_ms, 0)} ms`)
            : h('p', null, `False handovers ${run.metrics.false_handovers} · wrongly escalated ${run.metrics.wrongly_escalated}`
            + ` · dangling citations ${run.metrics.dangling_citations} · p50 ${number(run.metrics.p50_ms, 0)} ms`
            + ` · p95 ${number(run.metrics.p95_ms, 0)} ms · cost $${number(run.metrics.cost_usd, 4)}`),
          h('h3', null, 'Confidence as a hand-over signal'),
          escalationCurve(run.metrics.escalation_curve),
          hasRole(session(), 'admin', 'ops') ? h('p', null, h('a', { href: `/api/v1/eval/runs/${id}/results`, id: 'export-results',
            onclick: (event) => { event.preventDefault(); download(id); } }, 'Export results (JSONL)')) : null) : null,
        h('h2', null, 'Items'),
        h('table', { id: 'run-items' },
          thead(['Item', 'Type', 'Status', 'Correct', 'Cited', 'Escalated', 'Confidence', 'Answer']),
          h('tbody', null, items.map((item) => h('tr', null,
            h('td', null, item.id), h('td', null, item.type || ''), h('td', null, item.status),
            h('td', null, mark(item.answer_correct ?? item.unanswerable_escalated ?? (item.false_handover === undefined || item.false_handover === null ? null : !item.false_handover))),
            h('td', null, mark(item.citation_correct)), h('td', null, mark(item.escalated)),
            h('td', { class: 'number' }, number(item.confidence, 2)),
            h('td', { class: 'answer-cell' }, item.error ? `failed: ${item.error}` : (item.answer || '')))))));
      if (!stopped && (run.status === 'queued' || run.status === 'running')) {
        timer = setTimeout(load, 2000);
      }
    } catch (error) {
      replace(view, h('p', { class: 'error' }, error.message));
    }
  }
  load();
  return () => { stopped = true; clearTimeout(timer); };
}

function mark(value) {
  return value === true ? '✓' : value === false ? '✗' : '–';
}

async function download(id) {
  try {
    const response = await fetch(`/api/v1/eval/runs/${id}/results`, {
      headers: { Authorization: `Bearer ${session().accessToken}` }, cache: 'no-store' });
    const blob = await response.blob();
    const link = h('a', { href: URL.createObjectURL(blob), download: `run-${id}.jsonl` });
    link.click();
    URL.revokeObjectURL(link.href);
  } catch (error) {
    toast(error.message, 'error');
  }
}

// ---- Comparison

export function comparisonView(view, baselineId, candidateId) {
  replace(view, h('p', { class: 'muted' }, 'Comparing…'));
  get(`/api/v1/eval/comparisons?baseline=${baselineId}&candidate=${candidateId}`).then((verdict) => {
    const width = 520;
    const rows = verdict.metrics || [];
    const svg = s('svg', { viewBox: `0 0 ${width} ${rows.length * 30 + 10}`, class: 'chart', role: 'img',
      'aria-label': 'Effect per metric, candidate minus baseline' });
    const mid = 330;
    svg.appendChild(s('line', { x1: mid, y1: 0, x2: mid, y2: rows.length * 30 + 10, class: 'chart-axis' }));
    rows.forEach((metric, i) => {
      const y = 6 + i * 30;
      const w = Math.min(1, Math.abs(metric.effect)) * 180;
      svg.appendChild(s('text', { x: 0, y: y + 14, class: 'chart-label' }, metric.metric));
      svg.appendChild(s('rect', { x: metric.effect < 0 ? mid - w : mid, y, width: w, height: 18,
        class: !metric.advisory && (metric.significant_regression || metric.below_floor) ? 'chart-bar-bad' : 'chart-bar' }));
    });
    const record = h('button', { type: 'button', class: 'primary', id: 'record-gate', onclick: async () => {
      try {
        const { data } = await api('POST', '/api/v1/eval/gates', { baseline: baselineId, candidate: candidateId });
        const versions = (data.promptVersions || []).map((v) => `${v.name} v${v.version} (${v.scope})`).join(', ');
        toast(`Gate verdict recorded: ${data.passed ? 'passed' : 'failed'}${versions ? ` for ${versions}` : ''}.`);
      } catch (error) {
        toast(error.message, 'error');
      }
    } }, 'Record as gate verdict');
    replace(view,
      h('p', null, h('a', { href: '#/eval/runs' }, '← Runs')),
      h('h1', null, 'Comparison'),
      h('p', { class: verdict.regression ? 'error verdict' : 'ok verdict', id: 'verdict', role: 'status' },
        verdict.regression ? `Regression: ${verdict.failed_metrics.join(', ')}` : 'No significant regression'),
      h('p', { class: 'muted' }, 'Baseline ', runLink(verdict.baseline), ' · candidate ', runLink(verdict.candidate),
        ` · sign-flip test, Holm-adjusted, alpha ${verdict.alpha}, seed ${verdict.seed}`),
      verdict.judge ? h('p', { class: 'muted', id: 'judge-mode' }, `Judge ${verdict.judge.mode}: ${verdict.judge.explanation}`) : null,
      hasRole(session(), 'admin') ? h('p', null, record, ' ',
        h('span', { class: 'muted' }, 'A prompt version may be labelled production after a passing gate verdict of a run answered with it.')) : null,
      svg,
      h('table', { id: 'comparison' },
        thead(['Metric', 'Baseline', 'Candidate', 'Effect', '95% CI', 'p', 'Holm p', 'Worse', 'Better']),
        h('tbody', null, rows.map((metric) => h('tr', { class: !metric.advisory && (metric.significant_regression || metric.below_floor) ? 'failed' : '' },
          h('th', { scope: 'row' }, metric.advisory ? `${metric.metric} (advisory)` : metric.metric),
          h('td', { class: 'number' }, number(metric.baseline, 3)), h('td', { class: 'number' }, number(metric.candidate, 3)),
          h('td', { class: 'number' }, `${metric.effect > 0 ? '+' : ''}${number(metric.effect, 3)}`),
          h('td', { class: 'number' }, `${number(metric.ci_low, 3)} … ${number(metric.ci_high, 3)}`),
          h('td', { class: 'number' }, number(metric.p_value, 4)), h('td', { class: 'number' }, number(metric.adjusted_p, 4)),
          h('td', { class: 'flipped' }, metric.regressed.join(' ')), h('td', { class: 'flipped' }, metric.improved.join(' ')))))));
  }).catch((error) => replace(view, h('p', { class: 'error' }, error.message)));
}
