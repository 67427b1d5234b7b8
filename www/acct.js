// PowerMTA accounting files in the widget: choose or drop a file, read it in chunks in a
// Web Worker (www/acct-worker.js) with the Rust reader, show the per-ISP rates, the
// guide's severity and the timeline (www/acct-chart.js: when it started, as a chart), and
// prefill the report email through the widget's reportEmail.
// Everything happens in the browser; the markup is server-rendered
// (themes/default/templates/partials/acct.html) and only ever filled via textContent.
// The shared module (dom.js), the chart module, the worker script and every glue/wasm
// file are loaded from the content-hashed URLs the page gives on #acct (data-dom,
// data-chart, data-glue, data-wasm, data-worker, data-worker-glue, data-worker-wasm),
// never from plain names. The names
// of ISPs, categories and blocklists come from the widget's wasm.

const root = document.getElementById('acct');
if (root) start(root).catch(() => {
  // No wasm or no page data: the section stays hidden, the guide and the widget remain.
  // The mark tells tests it has given up.
  root.setAttribute('data-acct-failed', '');
});

async function start(root) {
  const data = JSON.parse(document.getElementById('guide-data').textContent);
  const contactsJson = JSON.stringify({ contact: data.contact, levels: data.levels });
  const { dom, chart, worker: workerUrl, workerGlue, workerWasm } = root.dataset;
  if (!dom || !chart || !workerUrl || !workerGlue || !workerWasm) throw new Error('the page gives no widget URLs');
  const { h, loadWasm, names, localMinute, zoneName } = await import(dom);
  const widget = await loadWasm(root.dataset);
  const ui = { h, name: names(widget), localMinute, zoneName };
  // What the worker loads: the reader's glue and wasm, and dom.js for loadWasm.
  const reader = { glue: workerGlue, wasm: workerWasm, dom };
  const $ = (sel) => root.querySelector(sel);
  const el = {
    input: $('[data-acct-file]'), drop: $('[data-acct-drop]'), status: $('[data-acct-status]'),
    progress: $('[data-acct-progress]'), result: $('[data-acct-result]'), badge: $('[data-acct-severity]'),
    summary: $('[data-acct-summary]'), reasons: $('[data-acct-reasons]'), rows: $('[data-acct-rows]'),
    total: $('[data-acct-total]'), notes: $('[data-acct-notes]'), definition: $('[data-acct-definition]'),
    rules: $('[data-acct-rules]'),
    mail: $('[data-acct-report-email]'),
    timeline: {
      section: $('[data-acct-timeline]'), summary: $('[data-acct-chart-summary]'), chart: $('[data-acct-chart]'), zone: $('[data-acct-zone]'),
      legend: $('[data-acct-legend]'), numbers: $('[data-acct-numbers]'), table: $('[data-acct-chart-table]'),
    },
  };
  // The chart module is loaded with the first report that has a timeline.
  let loading = null;
  let charts = null;
  let redraw = () => {};
  let width = 0;
  new ResizeObserver(() => {
    const now = el.timeline.chart.clientWidth;
    if (now && now !== width) {
      width = now;
      redraw();
    }
  }).observe(el.timeline.chart);
  // The widget's "sending domains" field also goes into this report email.
  const domains = document.querySelector('#diagnose [name=domains]');
  let worker = null;
  // The last file's report and report-email inputs (the classification kept as JSON).
  let last = null;

  const updateEmail = () => {
    const fields = { ...last.fields };
    if (domains && domains.value.trim()) fields.domains = domains.value.trim();
    if (last.start && charts) {
      const { isp, iso } = last.start;
      fields.started = `${charts.startText(iso, ui)} at ${ui.name('isp', isp)}, from the accounting file's timeline`;
    }
    const email = JSON.parse(widget.reportEmail(last.classification, JSON.stringify(fields), contactsJson));
    el.mail.href = email.mailto;
    el.mail.textContent = `Email the ${last.report.severity} report to ${email.to || data.contact.email}`;
  };

  const analyse = (file) => {
    if (!file) return;
    if (worker) worker.terminate();
    root.removeAttribute('data-acct-done');
    el.result.hidden = true;
    el.progress.hidden = false;
    el.progress.value = 0;
    say(el, `Reading ${file.name} (${mb(file.size)})…`);
    const done = (msg) => {
      worker = null;
      el.progress.hidden = true;
      if (msg.type === 'error') {
        say(el, `Could not read ${file.name}: ${msg.message}`);
        return;
      }
      const inputs = JSON.parse(msg.inputs);
      const report = JSON.parse(msg.report);
      last = { report, classification: JSON.stringify(inputs.classification), fields: inputs.fields, start: firstStart(report) };
      const secs = Math.max(msg.ms, 1) / 1000;
      const early = report.truncated ? ' The file ends early: the report covers the rows before that (see the notes).' : '';
      say(el, `Read ${file.name}: ${mb(msg.size)} in ${secs.toFixed(1)} s.${early}`);
      root.setAttribute('data-acct-mbps', (msg.size / 1e6 / secs).toFixed(1));
      root.toggleAttribute('data-acct-truncated', report.truncated);
      render(el, report, inputs.classification.title, ui);
      updateEmail();
      if (!report.timeline) {
        el.timeline.section.hidden = true;
        root.setAttribute('data-acct-done', '');
        return;
      }
      loading ??= import(chart);
      loading.then((m) => {
        charts = m;
        if (last.report !== report) return;
        redraw = m.renderTimeline(el.timeline, report, ui);
        updateEmail();
        root.setAttribute('data-acct-done', '');
      }, () => {
        // No chart: the table and the email are there all the same.
        loading = null;
        el.timeline.section.hidden = true;
        root.setAttribute('data-acct-done', '');
      });
    };
    const progress = (msg) => {
      el.progress.value = msg.size ? Math.round((msg.bytes * 100) / msg.size) : 0;
      say(el, `Reading ${file.name}: ${mb(msg.bytes)} of ${mb(msg.size)}, ${msg.records} records…`);
    };
    try {
      worker = new Worker(workerUrl, { type: 'module' });
      worker.onmessage = (e) => (e.data.type === 'progress' ? progress(e.data) : done(e.data));
      worker.onerror = () => done({ type: 'error', message: 'the reader stopped' });
      worker.postMessage({ file, reader });
    } catch {
      // No module workers: read on the main thread (slower to respond, same result).
      import(workerUrl)
        .then((m) => m.analyse(file, progress, reader))
        .then(done, (e) => done({ type: 'error', message: String((e && e.message) || e) }));
    }
  };

  el.input.addEventListener('change', () => analyse(el.input.files[0]));
  for (const type of ['dragenter', 'dragover']) {
    el.drop.addEventListener(type, (e) => { e.preventDefault(); el.drop.classList.add('acct-over'); });
  }
  el.drop.addEventListener('dragleave', () => el.drop.classList.remove('acct-over'));
  el.drop.addEventListener('drop', (e) => {
    e.preventDefault();
    el.drop.classList.remove('acct-over');
    analyse(e.dataTransfer.files[0]);
  });
  if (domains) domains.addEventListener('input', () => last && updateEmail());

  root.hidden = false;
  root.setAttribute('data-acct-ready', '');
}

function render(el, r, title, ui) {
  const { h, name } = ui;
  el.result.hidden = false;
  // data-severity drives the widget's badge colours; data-acct-severity is this section's hook.
  el.badge.setAttribute('data-severity', r.severity);
  el.badge.setAttribute('data-acct-severity', r.severity);
  el.badge.textContent = r.severity;
  el.summary.textContent = title;
  el.reasons.replaceChildren(...r.reasons.map((reason) => h('li', {}, reason)));
  el.rows.replaceChildren(...r.isps.map((s) => row(s, name('isp', s.isp), s.isp, ui)));
  el.total.replaceChildren(row(r, 'All ISPs', 'all', ui));
  const notes = [];
  if (r.time_window) notes.push(`Time window: ${r.time_window.first} to ${r.time_window.last}.`);
  const other = Object.entries(r.other_records).map(([k, v]) => `${v} ${k}`);
  if (other.length) notes.push(`Other records, not in the rates: ${other.join(', ')}.`);
  if (r.bad_rows) {
    // Line numbers grouped by reason: "line 4 (3 fields where the header has 23)".
    const byReason = new Map();
    for (const b of r.bad_row_samples) byReason.set(b.reason, [...(byReason.get(b.reason) || []), b.line]);
    const groups = [...byReason].map(([reason, lines]) => `line${lines.length > 1 ? 's' : ''} ${lines.join(', ')} (${reason})`);
    const more = r.bad_rows > r.bad_row_samples.length ? `; the first ${r.bad_row_samples.length} are listed` : '';
    notes.push(`${r.bad_rows} unreadable rows, not counted${more}: ${groups.join('; ')}.`);
  }
  if (r.vmtas.length > 1) {
    const top = r.vmtas.slice(0, 5).map((v) => `${v.vmta} ${v.deferral_rate.toFixed(1)}% deferred, ${v.bounce_rate.toFixed(1)}% bounced of ${v.records.toLocaleString('en')}`);
    notes.push(`Per VirtualMTA (sending IP or pool): ${top.join('; ')}${r.vmtas.length > 5 ? '; …' : ''}.`);
  }
  for (const b of r.blocklists) notes.push(`Blocklist cited: ${name('blocklist', b.blocklist)} in ${b.count} replies, e.g. “${b.example}”.`);
  for (const w of r.warnings) notes.push(`Note: ${w}.`);
  el.notes.replaceChildren(...notes.map((n) => h('p', { 'data-acct-note': '' }, n)));
  el.rules.replaceChildren(...r.rules.map((rule) => h('li', {}, rule)));
  el.definition.textContent = r.rate_definition;
}

function row(s, title, key, { h, name }) {
  const [top] = Object.entries(s.categories);
  const cause = top ? h('span', { title: top[1].example }, `${name('category', top[0])} (${top[1].count})`) : '–';
  const head = h('th', { scope: 'row' }, title);
  return h('tr', { 'data-isp': key }, head,
    ...[s.records, s.delivered, s.deferred, s.bounced].map((n) => h('td', {}, n.toLocaleString('en'))),
    h('td', { 'data-rate': 'deferral' }, `${s.deferral_rate.toFixed(1)}%`),
    h('td', { 'data-rate': 'bounce' }, `${s.bounce_rate.toFixed(1)}%`),
    h('td', {}, cause));
}

/** The earliest start found at an ISP, as `{ isp, iso }`, or null. */
function firstStart(report) {
  const starts = report.isps.filter((s) => s.started_at).map((s) => ({ isp: s.isp, iso: s.started_at }));
  return starts.sort((a, b) => (a.iso < b.iso ? -1 : 1))[0] || null;
}

function say(el, text) {
  el.status.textContent = text;
}

function mb(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} KB`;
}
