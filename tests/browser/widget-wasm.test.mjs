// Node-run tests of the generated wasm module of the widget (the facade over the
// classifier, as shipped in the built site's /widget/pkg/): the exports, JSON in and
// out, errors as real JS Errors with clear messages (never a wasm trap), the input cap,
// and the report email from the page's own contact data.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { publicDir } from './lib.mjs';

const pkg = path.join(publicDir, 'widget', 'pkg');
assert.ok(fs.existsSync(path.join(pkg, 'widget_bg.wasm')), `no widget wasm in ${pkg}: build the site first (.ci/build-site)`);
const wasm = await import(pathToFileURL(path.join(pkg, 'widget.js')).href);
wasm.initSync({ module: fs.readFileSync(path.join(pkg, 'widget_bg.wasm')) });

/** The page's data (content/data/incident.toml as JSON), as the widget reads it. */
const guideData = (() => {
  const html = fs.readFileSync(path.join(publicDir, 'index.html'), 'utf8');
  const m = html.match(/<script type="application\/json" id="guide-data">([\s\S]*?)<\/script>/);
  assert.ok(m, 'no guide-data on the home page');
  return JSON.parse(m[1]);
})();
const contacts = JSON.stringify(guideData);

const SPAMHAUS = 'smtp;550 5.7.1 Service unavailable, Client host [x.xx.xx.xx] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/0.0.0.0 (AS16012611)';
const FIELDS = ['basic', 'enhanced', 'category', 'isp', 'blocklist', 'severity', 'title', 'reasons', 'next_steps', 'meaning', 'hint'];

/** Calls `fn` and returns the thrown value (fails when nothing is thrown). */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an exception');
}

test('the page module is the facade only; the accounting session is its own module', () => {
  assert.deepEqual(['classify', 'maxInputBytes', 'reportEmail'].filter((f) => typeof wasm[f] !== 'function'), []);
  assert.equal(wasm.AcctSession, undefined, 'the accounting session would weigh on every widget page');
  assert.ok(fs.existsSync(path.join(pkg, 'acct_bg.wasm')), 'no accounting wasm (pkg/acct_bg.wasm)');
  assert.equal(wasm.classifyMessage, undefined, 'the message reader would weigh on every widget page');
});

test('the message reader is its own module: classifyMessage only, one answer per failed recipient', async () => {
  const mail = await import(pathToFileURL(path.join(pkg, 'mail.js')).href);
  mail.initSync({ module: fs.readFileSync(path.join(pkg, 'mail_bg.wasm')) });
  assert.equal(mail.classify, undefined, 'the page module classifies texts');
  assert.equal(mail.reportEmail, undefined, 'the page module builds the report');
  const message = 'From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n\n<a@example.org>: host mx.example.org said: 550 5.1.1 user unknown\n\n<b@gmail.com>: host gmail-smtp-in.l.google.com said: 452 4.2.2 over quota\n';
  assert.equal(wasm.isMessage(message), true);
  const answers = JSON.parse(mail.classifyMessage(message, '{}'));
  assert.deepEqual(answers.map((a) => [a.recipient, a.category]), [['a@example.org', 'recipient'], ['b@gmail.com', 'mailbox_full']]);
  assert.match(answers[1].text, /over quota/);
  // The answer is a classification the page module's reportEmail takes.
  const email = JSON.parse(wasm.reportEmail(JSON.stringify(answers[0]), JSON.stringify({ bounce: answers[0].text }), contacts));
  assert.match(email.body, /550 5\.1\.1 user unknown/);
  assert.match(thrown(() => mail.classifyMessage(message, '{"volume": 3}')).message, /^invalid context JSON: /);
});

test('classify returns the JSON contract of docs/contracts.md', () => {
  const c = JSON.parse(wasm.classify(SPAMHAUS, '{}'));
  for (const key of FIELDS) assert.ok(key in c, `missing ${key}`);
  assert.match(c.severity, /^P[1-4]$/);
  assert.ok(Array.isArray(c.reasons) && Array.isArray(c.next_steps));
  assert.equal(wasm.classify(SPAMHAUS, ''), wasm.classify(SPAMHAUS, '{}'), 'an empty context is the default context');
});

test('labels() names every value the classifier answers with, as the bounce examples of the site do', () => {
  const labels = JSON.parse(wasm.labels());
  assert.deepEqual(Object.keys(labels).sort(), ['blocklist', 'category', 'isp']);
  for (const [kind, names] of Object.entries(labels)) {
    const shown = Object.values(names);
    assert.ok(shown.length > 1 && shown.every((n) => typeof n === 'string' && n.trim()), `${kind}: ${JSON.stringify(names)}`);
    assert.equal(new Set(shown).size, shown.length, `${kind}: two values share a name`);
  }
  const c = JSON.parse(wasm.classify(SPAMHAUS, '{}'));
  assert.ok(labels.category[c.category] && labels.blocklist[c.blocklist], JSON.stringify(c));
  // The build's templates get the same names: every category, provider and blocklist a
  // bounce example of the site shows is one of them.
  const decode = (s) => s.replace(/&#x2F;/g, '/').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
  const facts = { Category: 'category', 'Receiving provider': 'isp', Blocklist: 'blocklist' };
  let seen = 0;
  for (const page of ['incidents/blacklisting', 'incidents/snds-outlook', 'incidents/gmail-rejections']) {
    const html = fs.readFileSync(path.join(publicDir, page, 'index.html'), 'utf8');
    for (const [, dt, dd] of html.matchAll(/<dt>(Category|Receiving provider|Blocklist)<\/dt><dd>([^<]*)<\/dd>/g)) {
      assert.ok(Object.values(labels[facts[dt]]).includes(decode(dd)), `${page}: ${dt} "${dd}" is not a name from labels()`);
      seen += 1;
    }
  }
  assert.ok(seen > 5, `only ${seen} facts in the bounce examples`);
});

test('the context reaches the classifier', () => {
  const plain = JSON.parse(wasm.classify('', '{}'));
  const down = JSON.parse(wasm.classify('', JSON.stringify({ powermta_down: true, rate: null, scope: null, snds: null })));
  assert.equal(down.severity, 'P1', 'classifier: PowerMTA not delivering is P1');
  assert.notDeepEqual(down, plain);
});

test('bad context JSON is a JS Error with a clear message, and the module keeps working', () => {
  for (const bad of ['{', '{"volume": "lots"}', '{"rate": "high"}', 'null']) {
    const e = thrown(() => wasm.classify(SPAMHAUS, bad));
    assert.ok(e instanceof Error, `not an Error: ${e}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `a wasm trap (panic) for ${bad}`);
    assert.match(e.message, /^invalid context JSON: /);
  }
  assert.ok(JSON.parse(wasm.classify(SPAMHAUS, '{}')).severity);
});

test('the input cap: the limit passes, one byte more is a clear error', () => {
  const max = wasm.maxInputBytes();
  assert.equal(max, 64 * 1024);
  assert.ok(JSON.parse(wasm.classify('x'.repeat(max), '{}')).severity);
  const e = thrown(() => wasm.classify('é'.repeat(max / 2) + 'x', '{}'));
  assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError));
  assert.match(e.message, new RegExp(`${max + 1} bytes`));
});

test('any text classifies without an exception (no panic on odd input)', () => {
  let seed = 42;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
  const pieces = ['550', '5.7.1', '4.', '\u0000', '\ud800', '\u{1f4e7}', 'spamhaus', ' ', '\r\n', '-', '#', '(', 'Status:', 'dsn=', '550-', 'é', '\ufeff'];
  for (let i = 0; i < 300; i++) {
    let s = '';
    const n = rand(60);
    for (let j = 0; j < n; j++) s += pieces[rand(pieces.length)];
    const c = JSON.parse(wasm.classify(s, '{}'));
    assert.match(c.severity, /^P[1-4]$/, JSON.stringify(s));
  }
});

test('reportEmail uses the page data: to, subject tag, mailto and tel for P1', () => {
  const fields = JSON.stringify({ domains: 'news.example.com', started: '2026-11-28 09:15 (UTC+00:00)', changes: 'new campaign', isps: 'Gmail', rate: '35%', bounce: SPAMHAUS });
  for (const context of ['{}', '{"full_outage": true}']) {
    const c = wasm.classify(SPAMHAUS, context);
    const severity = JSON.parse(c).severity;
    const level = guideData.levels.find((l) => l.id === severity);
    const email = JSON.parse(wasm.reportEmail(c, fields, contacts));
    assert.equal(email.to, guideData.contact.email);
    if (level.subject_tag) assert.ok(email.subject.includes(level.subject_tag), email.subject);
    assert.ok(email.mailto.startsWith(`mailto:${guideData.contact.email}?`), email.mailto);
    assert.ok(!/[\s<>"]/.test(email.mailto), 'the mailto URI is not percent-encoded');
    for (const part of ['news.example.com', '2026-11-28 09:15', 'new campaign', 'Gmail', '35%', SPAMHAUS]) {
      assert.ok(email.body.includes(part), `body lacks ${part}`);
    }
    assert.equal(email.tel, level.call ? `tel:${guideData.contact.phone_tel}` : null);
  }
});

test('reportEmail names the argument that is not valid JSON', () => {
  const c = wasm.classify(SPAMHAUS, '{}');
  const cases = [
    [() => wasm.reportEmail('{', '{}', contacts), /^invalid classification JSON/],
    [() => wasm.reportEmail(c, '{"bounce": 1}', contacts), /^invalid report fields JSON/],
    [() => wasm.reportEmail(c, '{}', '{"contact": {}}'), /^invalid contact data JSON/],
  ];
  for (const [fn, message] of cases) {
    const e = thrown(fn);
    assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), String(e));
    assert.match(e.message, message);
  }
});
