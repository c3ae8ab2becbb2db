// Small inline-SVG charts for the evaluation pages: no library, no CDN, no inline styles (the console's CSP).
// Colours come from classes in evaluation.css; every chart has a <title> and a text alternative for screen readers.
const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function frame(width, height, title) {
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title },
    svg('title', null, title));
}

const fmt = (value, digits = 2) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–');

/**
 * Horizontal bars, one per row: {label, value, note?, tone?} with value in [0, max]. An optional threshold draws a
 * dashed line (e.g. PSI 0.2); bars over it get the "over" tone.
 */
export function barChart({ title, rows, max, threshold, format = (v) => fmt(v), thresholdLabel, labelWidth = 150 }) {
  const rowHeight = 26;
  const notes = rows.some((row) => row.note);
  // Room right of the longest bar for its value and note.
  const width = notes ? 900 : 640;
  const plot = width - labelWidth - (notes ? 330 : 90);
  const top = 8;
  const height = top + rows.length * rowHeight + 22;
  const limit = Math.max(max ?? 0, ...rows.map((row) => (Number.isFinite(row.value) ? row.value : 0)),
    threshold ? threshold * 1.25 : 0) || 1;
  const x = (value) => labelWidth + (Math.max(0, value) / limit) * plot;
  const chart = frame(width, height, title);
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const value = Number.isFinite(row.value) ? row.value : 0;
    const tone = row.tone || (threshold !== undefined && value > threshold ? 'over' : 'ok');
    chart.append(
      svg('text', { x: labelWidth - 8, y: y + 17, class: 'axis-label', 'text-anchor': 'end' }, row.label),
      svg('rect', { x: labelWidth, y: y + 4, width: Math.max(1, x(value) - labelWidth), height: rowHeight - 10, rx: 3, class: `bar ${tone}` },
        svg('title', null, `${row.label}: ${format(row.value)}${row.note ? ` (${row.note})` : ''}`)),
      svg('text', { x: x(value) + 6, y: y + 17, class: 'value-label' }, `${format(row.value)}${row.note ? `  ${row.note}` : ''}`));
  });
  if (threshold !== undefined) {
    const tx = x(threshold);
    chart.append(
      svg('line', { x1: tx, x2: tx, y1: top, y2: height - 18, class: 'threshold' }),
      svg('text', { x: tx, y: height - 4, class: 'axis-label', 'text-anchor': 'middle' }, thresholdLabel || `threshold ${threshold}`));
  }
  return chart;
}

/**
 * Grouped bars: one group per metric, one bar per arm, each scaled to the metric's own maximum (rates and costs have
 * different units). series: [{name}], groups: [{label, values: [number|null], format, significant, note}].
 */
export function groupedBars({ title, series, groups }) {
  const groupWidth = Math.max(120, 36 * series.length + 40);
  const width = Math.max(640, groups.length * groupWidth + 40);
  const height = 250;
  const plotTop = 28;
  const plotBottom = height - 54;
  const chart = frame(width, height, title);
  chart.append(svg('line', { x1: 20, x2: width - 10, y1: plotBottom, y2: plotBottom, class: 'axis' }));
  series.forEach((serie, i) => {
    chart.append(
      svg('rect', { x: 20 + i * 140, y: 6, width: 12, height: 12, rx: 2, class: `bar series-${i % 6}` }),
      svg('text', { x: 38 + i * 140, y: 17, class: 'axis-label' }, serie.name));
  });
  groups.forEach((group, g) => {
    const values = group.values.map((v) => (Number.isFinite(v) ? v : 0));
    const max = Math.max(...values) || 1;
    const barWidth = Math.min(34, (groupWidth - 40) / series.length);
    const x0 = 30 + g * groupWidth;
    group.values.forEach((value, i) => {
      const h = ((Number.isFinite(value) ? value : 0) / max) * (plotBottom - plotTop - 16);
      const x = x0 + i * (barWidth + 4);
      chart.append(
        svg('rect', { x, y: plotBottom - h, width: barWidth, height: Math.max(h, 0.5), rx: 2, class: `bar series-${i % 6}` },
          svg('title', null, `${series[i].name} – ${group.label}: ${Number.isFinite(value) ? group.format(value) : 'no data'}`)),
        svg('text', { x: x + barWidth / 2, y: plotBottom - h - 4, class: 'value-label small-label', 'text-anchor': 'middle' },
          Number.isFinite(value) ? group.format(value) : '–'));
    });
    const centre = x0 + (series.length * (barWidth + 4)) / 2;
    chart.append(svg('text', { x: centre, y: plotBottom + 16, class: 'axis-label', 'text-anchor': 'middle' }, group.label));
    if (group.note) {
      chart.append(svg('text', { x: centre, y: plotBottom + 32, class: `axis-label ${group.significant ? 'significant' : 'muted-label'}`, 'text-anchor': 'middle' }, group.note));
    }
  });
  return chart;
}

/**
 * Reliability diagram: per confidence bin the share of answers that were right (bars), the diagonal of perfect
 * calibration, and the bin's mean confidence (dots). bins: [{from, to, count, meanConfidence, accuracy}].
 */
export function reliabilityChart({ title, bins }) {
  const size = 360;
  const pad = 40;
  const plot = size - pad - 14;
  const chart = frame(size + 20, size, title);
  const x = (v) => pad + v * plot;
  const y = (v) => size - pad - v * plot;
  chart.append(
    svg('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(0), class: 'axis' }),
    svg('line', { x1: x(0), y1: y(0), x2: x(0), y2: y(1), class: 'axis' }),
    svg('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: 'diagonal' }),
    svg('text', { x: x(0.5), y: size - 8, class: 'axis-label', 'text-anchor': 'middle' }, 'confidence'),
    svg('text', { x: 12, y: y(0.5), class: 'axis-label', 'text-anchor': 'middle', transform: `rotate(-90 12 ${y(0.5)})` }, 'share right'));
  for (const tick of [0, 0.5, 1]) {
    chart.append(
      svg('text', { x: x(tick), y: y(0) + 14, class: 'axis-label small-label', 'text-anchor': 'middle' }, tick),
      svg('text', { x: x(0) - 6, y: y(tick) + 4, class: 'axis-label small-label', 'text-anchor': 'end' }, tick));
  }
  for (const bin of bins) {
    if (!bin.count) {
      continue;
    }
    const left = x(bin.from) + 2;
    const width = x(bin.to) - x(bin.from) - 4;
    chart.append(
      svg('rect', { x: left, y: y(bin.accuracy), width, height: y(0) - y(bin.accuracy), class: 'bar ok' },
        svg('title', null, `confidence ${fmt(bin.from, 1)}–${fmt(bin.to, 1)}: ${bin.count} answers, ${fmt(bin.accuracy * 100, 0)}% right, mean confidence ${fmt(bin.meanConfidence)}`)),
      svg('circle', { cx: x(bin.meanConfidence), cy: y(bin.meanConfidence), r: 3.5, class: 'dot' }),
      svg('text', { x: left + width / 2, y: y(bin.accuracy) - 4, class: 'value-label small-label', 'text-anchor': 'middle' }, bin.count));
  }
  return chart;
}

/** A small line over time: points [{t, value}], newest last, with an optional threshold line. */
export function sparkline({ title, points, threshold }) {
  const width = 240;
  const height = 48;
  const chart = frame(width, height, title);
  chart.classList.add('sparkline');
  if (points.length < 2) {
    chart.append(svg('text', { x: 4, y: 28, class: 'axis-label' }, 'not enough history yet'));
    return chart;
  }
  const max = Math.max(threshold ?? 0, ...points.map((p) => p.value)) * 1.1 || 1;
  const x = (i) => 4 + (i / (points.length - 1)) * (width - 8);
  const y = (v) => height - 4 - (v / max) * (height - 8);
  if (threshold !== undefined) {
    chart.append(svg('line', { x1: 4, x2: width - 4, y1: y(threshold), y2: y(threshold), class: 'threshold' }));
  }
  chart.append(svg('polyline', { points: points.map((p, i) => `${x(i)},${y(p.value)}`).join(' '), class: 'line' }));
  const last = points[points.length - 1];
  chart.append(svg('circle', { cx: x(points.length - 1), cy: y(last.value), r: 3, class: `dot ${threshold !== undefined && last.value > threshold ? 'over' : ''}` }));
  return chart;
}
