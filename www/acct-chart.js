// The accounting file's timeline as a picture: per ISP, the share of its records deferred
// or bounced over time, drawn as SVG (a few lines and paths, no chart library), with a
// text summary (start, peak, trend per affected ISP) and the numbers as a table. The ISPs
// the report calls affected are drawn in colour, the others thin and grey; the guide's
// 10% and 30% boundaries are drawn, and each detected start is marked. Times are shown in
// the reader's time zone, with UTC beside the starts. acct.js loads this module from the
// content-hashed URL the page gives (data-chart) when a report has a timeline.

const SVG = 'http://www.w3.org/2000/svg';
/**
 * Intervals are pooled into points of at least this many records (the start rule pools
 * 20; a line drawn from fewer shows the noise more than the trend), and of at least one
 * point per 3 pixels.
 */
const MIN_RECORDS = 50;
const PIXELS_PER_POINT = 3;
/** Colours for affected ISPs (.acct-c1 ... in acct.css); more share the last. */
const COLOURS = 4;
const BOUNDARIES = [10, 30];

/**
 * Fills the timeline section: `box` holds `section`, `summary`, `chart`, `zone`, `legend`,
 * `numbers` (a <details>) and `table`; `ui` is `{ h, name, localMinute, zoneName }`.
 * Returns a function that redraws the chart at its box's width.
 */
export function renderTimeline(box, report, ui) {
  const t = report.timeline;
  box.section.hidden = !t;
  if (!t) return () => {};
  box.zone.textContent = ui.zoneName(new Date(t.start));
  const lines = t.isps.map((line, i) => ({ isp: line.isp, stats: report.isps[i], line }));
  let colour = 0;
  for (const s of lines) s.colour = s.stats.affected ? Math.min(++colour, COLOURS) : 0;
  box.summary.replaceChildren(...summary(lines, ui).map((text) => ui.h('li', {}, text)));
  box.legend.replaceChildren(...legend(lines, ui));
  const draw = () => box.chart.replaceChildren(chart(lines, t, box.chart.clientWidth || 640, ui));
  draw();
  box.numbers.open = false;
  box.table.replaceChildren();
  box.numbers.ontoggle = () => {
    if (box.numbers.open && !box.table.firstChild) fillTable(box.table, t, report, ui);
  };
  return draw;
}

/**
 * One ISP's points pooled into groups of at least MIN_RECORDS records spanning at least
 * `span` ms: [{t, rate}], t the middle of the group.
 */
function pool(line, interval, span) {
  const groups = [];
  let open = null;
  for (const p of line.points) {
    const start = Date.parse(p.t);
    open ??= { from: start, to: start, failed: 0, records: 0 };
    open.to = start + interval * 1000;
    open.failed += p.deferred + p.bounced;
    open.records += p.delivered + p.deferred + p.bounced;
    if (open.records >= MIN_RECORDS && open.to - open.from >= span) {
      groups.push(open);
      open = null;
    }
  }
  if (open && groups.length) {
    const last = groups[groups.length - 1];
    Object.assign(last, { to: open.to, failed: last.failed + open.failed, records: last.records + open.records });
  } else if (open) groups.push(open);
  return groups.map((g) => ({ t: (g.from + g.to) / 2, rate: (100 * g.failed) / g.records }));
}

const percent = (n) => `${n.toFixed(1)}%`;

/** The start in the reader's zone with UTC beside: `2026-09-21 16:20 (Europe/Tallinn, UTC+02:00; 14:20 UTC)`. */
export function startText(iso, { localMinute, zoneName }) {
  const d = new Date(iso);
  return `${localMinute(d)} (${zoneName(d)}; ${iso.slice(11, 16)} UTC)`;
}

function trendText(stats) {
  const end = stats.latest_rate == null ? '' : ` (${percent(stats.latest_rate)} at the end of the file)`;
  return { rising: `still rising${end}`, recovering: `recovering${end}`, flat: `steady${end}` }[stats.trend] || '';
}

/** One sentence per affected ISP; one for none. */
function summary(lines, ui) {
  const affected = lines.filter((s) => s.stats.affected);
  if (!affected.length) {
    const top = lines.reduce((a, s) => (s.stats.peak && (!a || s.stats.peak.rate > a.stats.peak.rate) ? s : a), null);
    const highest = top ? `; the highest stretch was ${ui.name('isp', top.isp)} at ${percent(top.stats.peak.rate)} around ${ui.localMinute(new Date(top.stats.peak.t))}` : '';
    return [`No ISP rose to the 10% boundary${highest}.`];
  }
  return affected.map(({ isp, stats }) => {
    const parts = [stats.started_at ? `started ${startText(stats.started_at, ui)}` : 'above 10% over the file, with no lasting start'];
    if (stats.peak) parts.push(`peak ${percent(stats.peak.rate)} around ${ui.localMinute(new Date(stats.peak.t))}`);
    const trend = trendText(stats);
    if (trend) parts.push(trend);
    return `${ui.name('isp', isp)}: ${parts.join('; ')}.`;
  });
}

function legend(lines, { h, name }) {
  const items = lines.filter((s) => s.colour).map((s) => h('li', { 'data-isp': s.isp },
    h('span', { class: `acct-swatch acct-c${s.colour}`, 'aria-hidden': 'true' }), name('isp', s.isp)));
  if (lines.some((s) => !s.colour)) {
    items.push(h('li', {}, h('span', { class: 'acct-swatch acct-quiet', 'aria-hidden': 'true' }), 'Other ISPs (not affected)'));
  }
  items.push(h('li', {}, h('span', { class: 'acct-swatch acct-boundary', 'aria-hidden': 'true' }), 'The guide\'s 10% and 30% boundaries'));
  return items;
}

function el(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Tick step (ms) giving at most `count` ticks over `span` ms. */
function tickStep(span, count) {
  const minutes = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 43200];
  for (const m of minutes) if (span / (m * 60000) <= count) return m * 60000;
  return Math.ceil(span / count / 86400000) * 86400000;
}

function chart(lines, t, width, { localMinute }) {
  const narrow = width < 500;
  const height = narrow ? 200 : 260;
  const m = { left: 40, right: 12, top: 18, bottom: 26 };
  const from = Date.parse(t.start);
  const to = Date.parse(t.end);
  const span = ((to - from) * PIXELS_PER_POINT) / Math.max(width - m.left - m.right, 1);
  for (const s of lines) s.points = pool(s.line, t.interval_seconds, span);
  const highest = Math.max(0, ...lines.flatMap((s) => s.points.map((p) => p.rate)));
  const top = Math.min(100, Math.max(40, Math.ceil(highest / 10) * 10));
  const x = (ms) => m.left + ((ms - from) / Math.max(to - from, 1)) * (width - m.left - m.right);
  const y = (rate) => m.top + (1 - rate / top) * (height - m.top - m.bottom);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, 'aria-hidden': 'true', focusable: 'false', 'data-acct-svg': '' });
  svg.append(el('line', { class: 'acct-axis', x1: m.left, x2: width - m.right, y1: y(0), y2: y(0) }));
  for (const v of [0, ...BOUNDARIES.filter((b) => b < top), top]) {
    if (BOUNDARIES.includes(v)) {
      svg.append(el('line', { class: `acct-boundary${v === 30 ? ' acct-high' : ''}`, 'data-boundary': v, x1: m.left, x2: width - m.right, y1: y(v), y2: y(v) }));
    }
    svg.append(el('text', { x: m.left - 5, y: y(v) + 4, 'text-anchor': 'end' }, `${v}%`));
  }
  const step = tickStep(to - from, narrow ? 3 : 6);
  const long = to - from > 36 * 3600000;
  for (let tick = Math.ceil(from / step) * step; tick <= to; tick += step) {
    const d = new Date(tick);
    const label = long ? d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' }) : localMinute(d).slice(11);
    svg.append(el('line', { class: 'acct-axis', x1: x(tick), x2: x(tick), y1: y(0), y2: y(0) + 4 }));
    svg.append(el('text', { x: x(tick), y: height - 8, 'text-anchor': 'middle' }, label));
  }
  // Quiet ISPs first, so the affected ones are drawn over them.
  for (const s of [...lines].sort((a, b) => a.colour - b.colour)) {
    if (!s.points.length) continue;
    const d = s.points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)} ${y(p.rate).toFixed(1)}`).join('');
    const cls = s.colour ? `acct-series acct-c${s.colour}` : 'acct-series acct-quiet';
    svg.append(el('path', { class: cls, d, 'data-isp': s.isp }));
  }
  let row = 0;
  for (const s of lines) {
    if (!s.colour || !s.stats.started_at) continue;
    const at = x(Date.parse(s.stats.started_at));
    svg.append(el('line', { class: `acct-start acct-c${s.colour}`, 'data-acct-start': s.isp, x1: at, x2: at, y1: m.top - 4, y2: y(0) }));
    const right = at > width / 2;
    svg.append(el('text', { class: 'acct-start-label', x: right ? at - 4 : at + 4, y: m.top + 8 + 13 * row++, 'text-anchor': right ? 'end' : 'start' },
      `start ${localMinute(new Date(s.stats.started_at)).slice(11)}`));
  }
  return svg;
}

/** The chart's numbers: a row per interval, a column per ISP. */
function fillTable(table, t, report, { h, name, localMinute }) {
  const byTime = new Map();
  t.isps.forEach((line, i) => {
    for (const p of line.points) {
      if (!byTime.has(p.t)) byTime.set(p.t, new Array(t.isps.length).fill(null));
      byTime.get(p.t)[i] = p;
    }
  });
  const cell = (p) => {
    if (!p) return h('td', {}, '–');
    const records = p.delivered + p.deferred + p.bounced;
    return h('td', {}, `${percent((100 * (p.deferred + p.bounced)) / records)} of ${records.toLocaleString('en')}`);
  };
  const head = h('tr', {}, h('th', { scope: 'col' }, 'From (your time)'),
    ...t.isps.map((line) => h('th', { scope: 'col' }, name('isp', line.isp))));
  const rows = [...byTime.keys()].sort().map((iso) => h('tr', {},
    h('th', { scope: 'row' }, localMinute(new Date(iso))), ...byTime.get(iso).map(cell)));
  const minutes = Math.round(t.interval_seconds / 60);
  table.replaceChildren(
    h('caption', {}, `Deferred or bounced, percent of the records of each ISP, per ${minutes >= 60 ? `${minutes / 60} h` : `${minutes} min`} (${report.records.toLocaleString('en')} records)`),
    h('thead', {}, head), h('tbody', {}, ...rows));
}
