// The self-diagnosis widget: runs the guide's bounce/severity classifier (Rust, compiled
// to WebAssembly) on what the reader pastes and ticks, live, and prefills the incident
// report email. Nothing leaves the browser. The form markup is server-rendered
// (themes/default/templates/partials/diagnose.html); the contacts and levels come from
// the page's <script type="application/json" id="guide-data">. Pasted text is only ever
// shown through textContent. If anything here fails, the server-rendered note and the
// plain mailto link stay, and the console stays clean.
//
// The shared module (dom.js), the wasm-bindgen glue and the wasm are loaded from the
// content-hashed URLs the page gives on the widget's root (data-dom, data-glue,
// data-wasm), never from plain names, so a deploy cannot mix this module with a stale
// glue or wasm from a cache. The names of categories, ISPs and blocklists come from the
// wasm (the classifier's own table).
//
// A whole bounce message (an .eml dropped on the form or chosen with the file picker, or
// pasted as the mail client shows it) is read by the message reader, a wasm of its own
// (data-mail-glue, data-mail-wasm) loaded with the first message: its answer is the most
// severe failed recipient's, the report email quotes what the receiver said about it, and
// a message that is not a bounce (an automatic reply, a spam-complaint report) says so
// with no severity.

const SCOPE = { one: 'one ISP', several: 'several ISPs', all: 'all ISPs' };
// The reader's time zone, looked up once, not on every keystroke.

const root = document.getElementById('diagnose');
if (root) start(root).catch(() => {
  // The wasm or the page data could not load: the server-rendered note and plain
  // contact link remain. Deliberately silent (no console error); the mark tells tests
  // the widget has given up.
  root.setAttribute('data-dg-failed', '');
});

async function start(root) {
  const data = JSON.parse(document.getElementById('guide-data').textContent);
  const contactsJson = JSON.stringify({ contact: data.contact, levels: data.levels });
  if (!root.dataset.dom) throw new Error('the page gives no dom.js URL');
  const { h, loadWasm, names, pad, zoneName } = await import(root.dataset.dom);
  const localInputValue = (d) =>
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const widget = await loadWasm(root.dataset);
  const { classify, reportEmail, maxInputBytes, isMessage, maxMessageBytes } = widget;
  const ui = { h, name: names(widget), reference: referencePages() };
  const max = maxInputBytes();
  const maxMessage = maxMessageBytes();
  // The message reader, loaded with the first whole message.
  const mail = { module: null, loading: null, failed: null };
  const loadMail = () => {
    mail.loading ??= loadWasm({ glue: root.dataset.mailGlue, wasm: root.dataset.mailWasm })
      .then((m) => { mail.module = m; }, (e) => { mail.failed = e; })
      .then(() => schedule());
  };
  const $ = (sel) => root.querySelector(sel);
  const form = $('[data-dg-form]');
  const el = {
    result: $('[data-dg-result]'), badge: $('[data-severity]'), summary: $('[data-dg-summary]'),
    detail: $('[data-dg-detail]'), limit: $('[data-dg-limit]'), mail: $('[data-report-email]'),
    copy: $('[data-dg-copy]'), copied: $('[data-dg-copied]'), full: $('[data-dg-full]'),
    text: $('[data-dg-report-text]'), shortened: $('[data-dg-shortened]'),
  };
  const plainMailto = el.mail.getAttribute('href');
  const plainLabel = el.mail.textContent;
  const started = form.elements.started;
  started.value = localInputValue(new Date());
  $('[data-dg-tz]').textContent = `Your local time: ${zoneName(new Date())}.`;

  const update = () => {
    const text = form.elements.bounce.value;
    const message = isMessage(text);
    const bytes = utf8Length(text);
    const tooLong = bytes > (message ? maxMessage : max);
    el.limit.hidden = !tooLong;
    el.limit.textContent = !tooLong ? '' : message
      ? `This message is ${kb(bytes)}; the widget reads messages of at most ${kb(maxMessage)}.`
      : `This text is ${kb(bytes)}; the widget reads at most ${kb(max)}. Paste only the bounce message (the lines with the error code).`;
    const { context, signal } = readContext(form);
    if (tooLong || (!text.trim() && !signal)) {
      render(el, null, null, data, ui);
      resetReport(el, plainMailto, plainLabel);
      return;
    }
    const fields = reportFields(form, context, zoneName);
    let classification;
    let recipients = null;
    if (message) {
      if (mail.failed) throw mail.failed;
      if (!mail.module) {
        loadMail();
        renderWaiting(el, 'Reading the message…');
        resetReport(el, plainMailto, plainLabel);
        return;
      }
      recipients = JSON.parse(mail.module.classifyMessage(text, JSON.stringify(context)));
      const answer = mostSevere(recipients);
      if (answer.not_a_bounce) {
        renderNotABounce(el, answer, ui);
        resetReport(el, plainMailto, plainLabel);
        return;
      }
      // The report quotes what the receiver said, not the whole message.
      fields.bounce = answer.text;
      classification = JSON.stringify(answer);
    } else {
      classification = classify(text, JSON.stringify(context));
    }
    const email = JSON.parse(reportEmail(classification, JSON.stringify(fields), contactsJson));
    render(el, JSON.parse(classification), email, data, ui, recipients);
    el.mail.href = email.mailto || plainMailto;
    el.mail.textContent = `Email the report to ${email.to || data.contact.email}`;
    el.copy.hidden = false;
    el.full.hidden = false;
    el.text.value = reportText(email);
    el.shortened.hidden = !email.shortened;
  };

  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      const t = performance.now();
      try { update(); } catch (e) { showError(el, e); }
      // For tests/browser/bench-widget.mjs (the per-keystroke budget): one entry per render.
      try { performance.measure('diagnose-update', { start: t, end: performance.now() }); } catch { /* older User Timing */ }
    });
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', (e) => e.preventDefault());
  // A bounce message file, chosen or dropped on the form, goes into the bounce field.
  const readFile = async (file) => {
    if (!file) return;
    if (file.size > maxMessage) {
      el.limit.hidden = false;
      el.limit.textContent = `${file.name} is ${kb(file.size)}; the widget reads messages of at most ${kb(maxMessage)}.`;
      return;
    }
    form.elements.bounce.value = await file.text();
    schedule();
  };
  const picker = $('[data-dg-eml-file]');
  picker.addEventListener('change', () => readFile(picker.files[0]).catch((e) => showError(el, e)));
  form.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  form.addEventListener('drop', (e) => {
    if (!e.dataTransfer?.files.length) return;
    e.preventDefault();
    readFile(e.dataTransfer.files[0]).catch((err) => showError(el, err));
  });
  el.copy.addEventListener('click', () => copyReport(el));

  form.hidden = false;
  $('[data-dg-eml]').hidden = false;
  el.result.hidden = false;
  $('[data-dg-lede]').hidden = false;
  $('[data-dg-fallback]').hidden = true;
  update();
  root.setAttribute('data-dg-ready', '');
  performance.mark('diagnose-ready');
}

/** The classifier's Context from the form, and whether the reader told us anything. */
function readContext(form) {
  const f = form.elements;
  const rateText = f.rate.value.trim();
  const rate = rateText === '' ? null : Number(rateText);
  const flags = ['full_outage', 'powermta_down', 'mailwizz_down', 'complaint_spike'];
  const context = {
    rate: rate !== null && rate >= 0 && rate <= 100 ? rate : null,
    scope: f.scope.value || null,
    volume: form.querySelector('input[name=volume]:checked')?.value || 'many',
    snds: f.snds.value || null,
  };
  for (const name of flags) context[name] = f[name].checked;
  const signal = context.rate !== null || context.snds !== null || flags.some((n) => context[n]);
  return { context, signal };
}

/**
 * classify::report::ReportFields: the guide's "What to include" items, as text. The
 * ticked situation (outage, SNDS, complaints, a few messages) reaches the email through
 * the classification's reasons, which the body lists.
 */
function reportFields(form, context, zoneName) {
  const f = form.elements;
  const changes = [...form.querySelectorAll('input[name=change]:checked')].map((c) => c.value);
  if (f.changes.value.trim()) changes.push(f.changes.value.trim());
  const isps = [f.isps.value.trim(), context.scope ? SCOPE[context.scope] : ''].filter(Boolean);
  return {
    domains: f.domains.value.trim(),
    started: f.started.value ? `${f.started.value.replace('T', ' ')} (${zoneName(new Date(f.started.value))})` : '',
    changes: changes.join('; '),
    isps: isps.length === 2 ? `${isps[0]} (${isps[1]})` : isps.join(''),
    rate: context.rate !== null ? `${context.rate}%` : '',
    bounce: form.elements.bounce.value,
  };
}

/** The answer of a whole message to show: its most severe failed recipient's. */
function mostSevere(answers) {
  return answers.reduce((a, b) => (b.severity && (!a.severity || b.severity < a.severity) ? b : a));
}

/** A message that is not a bounce: what it is, and no severity. */
function renderNotABounce(el, c, { h }) {
  renderWaiting(el, c.title);
  el.detail.replaceChildren(
    h('p', { class: 'dg-hint', 'data-dg-not-a-bounce': c.not_a_bounce }, ...c.reasons),
    ...c.next_steps.map((s) => h('p', {}, s)));
}

/** No answer (yet): an empty badge and a line saying why. */
function renderWaiting(el, text) {
  el.badge.setAttribute('data-severity', '');
  el.badge.textContent = '';
  setText(el.summary, text);
  el.detail.replaceChildren();
}

function render(el, c, email, data, { h, name, reference }, recipients = null) {
  const detail = [];
  if (!c) {
    renderWaiting(el, 'Paste a bounce, or tick what you see, to get a suggested severity.');
    return;
  }
  const level = (data.levels || []).find((l) => l.id === c.severity) || {};
  el.badge.setAttribute('data-severity', c.severity);
  el.badge.textContent = c.severity;
  // The badge shows the level; the title may repeat it ("P2: ...").
  setText(el.summary, [level.name, c.title.replace(/^P[1-4]\s*[:\u2014-]\s*/, '')].filter(Boolean).join(': '));

  const how = [];
  if (level.contact_method) how.push(`Contact: ${level.contact_method}.`);
  if (level.coverage) how.push(`Coverage: ${level.coverage}.`);
  if (how.length) detail.push(h('p', { class: 'dg-how' }, how.join(' ')));
  if (email.tel) {
    detail.push(h('p', { class: 'dg-call' }, h('a', { href: email.tel, 'data-dg-tel': '' }, `Call ${data.contact.phone}`),
      ' now, then send the report email.'));
  }
  const codes = [c.basic, c.enhanced].filter((x) => x !== null && x !== undefined).join(' ');
  // [label, shown text, fact name, machine value (data-value, for support staff and tests)]
  const facts = [
    ...(recipients ? [['Recipient', c.recipient || 'not named', 'recipient', c.recipient || '']] : []),
    ['Codes', codes || 'none found', 'codes', codes],
    ['Category', name('category', c.category), 'category', c.category],
    ['ISP', c.isp ? name('isp', c.isp) : 'not named', 'isp', c.isp || ''],
    ['Blocklist', c.blocklist ? name('blocklist', c.blocklist) : 'none cited', 'blocklist', c.blocklist || ''],
  ];
  detail.push(h('dl', { class: 'dg-facts' }, ...facts.flatMap(([k, v, fact, value]) =>
    [h('dt', {}, k), h('dd', { 'data-dg-fact': fact, 'data-value': value }, v)])));
  if (recipients?.length > 1) {
    detail.push(h('p', { class: 'dg-recipients', 'data-dg-recipients': recipients.length },
      `This bounce names ${recipients.length} recipients; the most severe is shown. `,
      recipients.map((r) => `${r.recipient || 'not named'}: ${name('category', r.category)} (${r.severity})`).join('; '), '.'));
  }
  const pages = referenceLinks(c, reference, name);
  if (pages.length) {
    detail.push(h('p', { class: 'dg-reference' }, 'Reference: ',
      ...pages.flatMap(([kind, href, label], i) => [i ? ', ' : '', h('a', { href, 'data-dg-reference': kind }, label)]), '.'));
  }
  if (c.meaning) detail.push(h('p', { class: 'dg-meaning' }, h('strong', {}, `${c.enhanced || c.basic || 'This code'}: `), c.meaning));
  if (c.hint) detail.push(h('p', { class: 'dg-hint' }, c.hint));
  if (c.reasons?.length) detail.push(h('h3', {}, 'Why'), h('ul', {}, ...c.reasons.map((r) => h('li', {}, r))));
  if (c.next_steps?.length) detail.push(h('h3', {}, 'What to do now'), h('ol', {}, ...c.next_steps.map((s) => h('li', {}, s))));
  el.detail.replaceChildren(...detail);
}

/**
 * The reference pages of the site, by the classifier's spellings: the map the page gives
 * in <script type="application/json" id="dg-reference"> (the build's paths of the pages
 * made from the classifier's tables). Empty when the page gives none.
 */
function referencePages() {
  const node = document.getElementById('dg-reference');
  const pages = node ? JSON.parse(node.textContent) : {};
  return { code: pages.code || {}, isp: pages.isp || {}, blocklist: pages.blocklist || {} };
}

/** The reference pages of an answer's code, ISP and list: [kind, path, label]. */
function referenceLinks(c, reference, name) {
  const links = [];
  const add = (kind, key, label) => {
    const href = key && Object.hasOwn(reference[kind], key) ? reference[kind][key] : null;
    if (href) links.push([kind, href, label]);
  };
  add('code', c.enhanced, `code ${c.enhanced}`);
  add('isp', c.isp, c.isp && name('isp', c.isp));
  add('blocklist', c.blocklist, c.blocklist && name('blocklist', c.blocklist));
  return links;
}

function resetReport(el, plainMailto, plainLabel) {
  el.mail.href = plainMailto;
  el.mail.textContent = plainLabel;
  el.copy.hidden = true;
  el.full.hidden = true;
  el.text.value = '';
  el.shortened.hidden = true;
  el.copied.textContent = '';
}

function showError(el, e) {
  el.limit.hidden = false;
  el.limit.textContent = `The diagnosis failed: ${e && e.message ? e.message : e}`;
}

/** Copies the report text the widget shows (empty while there is no report). */
async function copyReport(el) {
  const text = el.text.value;
  if (!text) return;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API (or no permission): select the visible report text instead.
    el.full.open = true;
    el.text.focus();
    el.text.select();
    if (!document.execCommand('copy')) {
      el.copied.textContent = 'Select the report text below and copy it.';
      return;
    }
  }
  el.copied.textContent = 'Copied: paste it into your email.';
}

const reportText = (e) => `To: ${e.to}\nSubject: ${e.subject}\n\n${e.body}`;

/** Changes a live region only when its text changes, so screen readers hear news only. */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** UTF-8 bytes of `s`, counted as wasm-bindgen encodes it for the classifier. */
const utf8 = new TextEncoder();
const utf8Length = (s) => utf8.encode(s).length;

const kb = (bytes) => `${Math.ceil(bytes / 1024)} KB`;
