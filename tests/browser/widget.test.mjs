// Browser tests of the self-diagnosis widget on the built site: real bounces
// pasted into the form, the severity and category shown, the prefilled report email,
// the P1 phone link, the "a few messages" rule, privacy (no foreign request), safety
// (pasted markup shown as text), the no-JS / no-wasm fallback, the input cap,
// accessibility (axe, keyboard) and a 360 px screenshot.
//
// Severity expectations follow the severity policy of docs/contracts.md; when one fails while the classifier
// is unfinished, the message says "classifier".
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, open, assertClean, pageWith, axeViolations, repoRoot } from './lib.mjs';

const BOUNCES = {
  spamhaus:
    'smtp;550 5.7.1 Service unavailable, Client host [x.xx.xx.xx] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/0.0.0.0 (AS16012611)',
  gmail5726: `This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  Elena.verbitskaya@gmail.com
    host gmail-smtp-in.l.google.com [2a00:1450:4010:c0b::1a]
    SMTP error from remote mail server after pipelined end of data:
    550-5.7.26 This mail has been blocked because the sender is unauthenticated.
    550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.
    550-5.7.26
    550-5.7.26  Authentication results:
    550-5.7.26  DKIM = did not pass
    550-5.7.26  SPF [clinpharm-spbgmu.ru] with ip:
    [2a02:408:7722:1:77:222:41:79] =
    550-5.7.26 did not pass
    550-5.7.26
    550-5.7.26  To mitigate this issue, please visit Gmail's authentication guide
    550-5.7.26 for instructions on setting up authentication:
    550 5.7.26  https://support.google.com/mail/answer/81126#authentication f18-20020a2e1f12000000b002c50bd6d1c8si1069648ljf.488 - gsmtp
Reporting-MTA: dns; smtpout13.sweb.ru

Action: failed
Final-Recipient: rfc822;Elena.verbitskaya@gmail.com
Status: 5.0.0
Remote-MTA: dns; gmail-smtp-in.l.google.com`,
  yahooTss04:
    'smtp;421 4.7.0 [TSS04] Messages from 0.0.0.0 temporarily deferred due to user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
  userUnknown:
    "smtp;550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. Learn more at https://support.google.com/mail/?p=NoSuchUser - gsmtp",
};

const RANK = { P1: 1, P2: 2, P3: 3, P4: 4 };

let server;
let browser;
let widgetUrl;

before(async () => {
  const page = pageWith('id="diagnose"');
  server = await serve();
  browser = await launch();
  widgetUrl = `${server.origin}${page.url}`;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the widget page and waits until the wasm answered once. */
async function openWidget({ viewport } = {}) {
  const opened = await open(browser.context, widgetUrl, { origin: server.origin, viewport });
  await opened.page.waitForSelector('#diagnose[data-dg-ready]', { timeout: 10000 });
  return opened;
}

/** Waits until the widget re-rendered (it renders in the next animation frame). */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function paste(page, text) {
  await page.fill('#diagnose textarea[name=bounce]', text);
  await settle(page);
}

const severity = (page) => page.locator('#diagnose [data-severity]').getAttribute('data-severity');
const fact = (page, name) => page.locator(`#diagnose [data-dg-fact=${name}]`).getAttribute('data-value');
const guideData = (page) => page.evaluate(() => JSON.parse(document.getElementById('guide-data').textContent));

/** RFC 6068: `mailto:to?subject=..&body=..`, percent-decoded (a `+` stays a `+`). */
function parseMailto(href) {
  assert.ok(href.startsWith('mailto:'), href);
  const [to, query = ''] = href.slice('mailto:'.length).split('?');
  const params = {};
  for (const pair of query.split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    params[decodeURIComponent(k).toLowerCase()] = decodeURIComponent(v);
  }
  return { to: decodeURIComponent(to), ...params };
}

test('the widget starts: form shown, fallback hidden, nothing suggested yet', async () => {
  const { page, problems } = await openWidget();
  try {
    assert.equal(await page.locator('#diagnose form').isVisible(), true);
    assert.equal(await page.locator('#diagnose [data-dg-fallback]').isVisible(), false);
    assert.equal(await severity(page), '');
    const data = await guideData(page);
    assert.equal(await page.locator('a[data-report-email]').getAttribute('href'), `mailto:${data.contact.email}`);
    // The start time defaults to now, and its time zone is shown.
    assert.match(await page.inputValue('#diagnose input[name=started]'), /^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    assert.match(await page.locator('#diagnose [data-dg-tz]').innerText(), /UTC[+-]\d\d:\d\d/);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

for (const [name, text, want] of [
  ['a Spamhaus blocklist bounce', BOUNCES.spamhaus, { severity: 'P2', category: 'blocklist', blocklist: 'spamhaus' }],
  ['a Gmail 5.7.26 DSN', BOUNCES.gmail5726, { severity: 'P2', category: 'auth', isp: 'gmail', codes: '550 5.7.26' }],
  ['a Yahoo TSS04 deferral', BOUNCES.yahooTss04, { severity: 'P3', category: 'rate_limit', isp: 'yahoo' }],
  ['a user-unknown bounce', BOUNCES.userUnknown, { severity: 'P4', category: 'recipient' }],
]) {
  test(`pasting ${name} shows ${want.severity} ${want.category}`, async () => {
    const { page, problems } = await openWidget();
    try {
      await paste(page, text);
      const got = {
        severity: await severity(page),
        category: await fact(page, 'category'),
        isp: await fact(page, 'isp'),
        blocklist: await fact(page, 'blocklist'),
        codes: await fact(page, 'codes'),
      };
      for (const key of Object.keys(want)) {
        assert.equal(got[key], want[key], `classifier: ${key} of ${name} (got ${JSON.stringify(got)})`);
      }
      // The facts are shown by the names the wasm gives (the classifier's one table).
      const labels = await page.evaluate(async () => JSON.parse((await import(document.getElementById('diagnose').dataset.glue)).labels()));
      for (const kind of ['category', 'isp', 'blocklist'].filter((k) => want[k])) {
        assert.equal(await page.locator(`#diagnose [data-dg-fact=${kind}]`).innerText(), labels[kind][want[kind]], `shown ${kind}`);
      }
      // The level's name, contact method and coverage come from the page's data.
      const level = (await guideData(page)).levels.find((l) => l.id === want.severity);
      const result = await page.locator('#diagnose [data-dg-result]').innerText();
      for (const part of [level.name, level.contact_method, level.coverage]) assert.ok(result.includes(part), `"${part}" not shown`);
      assertClean(problems);
    } finally {
      await page.close();
    }
  });
}

test('the report link carries to, subject and a body with the bounce and every filled field', async () => {
  const { page, problems } = await openWidget();
  try {
    const data = await guideData(page);
    await page.fill('#diagnose input[name=domains]', 'news.example.com, mail.example.org');
    await page.check('#diagnose input[name=change][value="new campaign"]');
    await page.check('#diagnose input[name=change][value="list change"]');
    await page.fill('#diagnose input[name=changes]', 'moved to a new IP pool');
    await page.fill('#diagnose input[name=isps]', 'Gmail, Outlook');
    await page.selectOption('#diagnose select[name=scope]', 'several');
    await page.fill('#diagnose input[name=rate]', '35');
    await paste(page, BOUNCES.spamhaus);
    const started = (await page.inputValue('#diagnose input[name=started]')).replace('T', ' ');
    const sev = await severity(page);
    assert.ok(sev, 'no severity shown');
    const mail = parseMailto(await page.locator('a[data-report-email]').getAttribute('href'));
    assert.equal(mail.to, data.contact.email);
    const tag = data.levels.find((l) => l.id === sev).subject_tag;
    if (tag) assert.ok(mail.subject?.includes(tag), `subject ${JSON.stringify(mail.subject)} lacks ${tag}`);
    assert.ok(mail.subject?.length > 0, 'empty subject');
    const body = mail.body || '';
    for (const part of [BOUNCES.spamhaus, 'news.example.com, mail.example.org', started, 'new campaign', 'list change',
      'moved to a new IP pool', 'Gmail, Outlook', '35%']) {
      assert.ok(body.includes(part), `mailto body lacks ${JSON.stringify(part)}:\n${body}`);
    }
    assertClean(problems);
  } finally {
    await page.close();
  }
});

for (const flag of ['full_outage', 'powermta_down', 'mailwizz_down']) {
  test(`ticking ${flag} gives P1, an URGENT subject and a tel: link`, async () => {
    const { page, problems } = await openWidget();
    try {
      const data = await guideData(page);
      await paste(page, BOUNCES.yahooTss04);
      await page.check(`#diagnose input[name=${flag}]`);
      await settle(page);
      assert.equal(await severity(page), 'P1', 'classifier: an outage flag must give P1');
      const tel = page.locator('#diagnose a[href^="tel:"]');
      assert.equal(await tel.getAttribute('href'), `tel:${data.contact.phone_tel}`);
      assert.ok((await tel.innerText()).includes(data.contact.phone));
      const p1 = data.levels.find((l) => l.id === 'P1');
      const mail = parseMailto(await page.locator('a[data-report-email]').getAttribute('href'));
      assert.ok(mail.subject?.includes(p1.subject_tag), `subject ${JSON.stringify(mail.subject)}`);
      assertClean(problems);
    } finally {
      await page.close();
    }
  });
}

test('an outage flag alone, without a bounce, is enough for a suggestion', async () => {
  const { page, problems } = await openWidget();
  try {
    await page.check('#diagnose input[name=powermta_down]');
    await settle(page);
    assert.equal(await severity(page), 'P1', 'classifier: PowerMTA not delivering must give P1');
    await page.uncheck('#diagnose input[name=powermta_down]');
    await settle(page);
    assert.equal(await severity(page), '', 'nothing left to classify');
    assertClean(problems);
  } finally {
    await page.close();
  }
});

for (const [name, text, want] of [
  ['a Gmail 5.7.26 DSN', BOUNCES.gmail5726, { code: ['5.7.26', '/reference/codes/5-7-26/'], isp: ['Gmail', '/reference/isps/gmail/'] }],
  ['a Spamhaus blocklist bounce', BOUNCES.spamhaus, { blocklist: ['Spamhaus', '/reference/blocklists/spamhaus/'] }],
]) {
  test(`the answer to ${name} links to the reference pages of what it found`, async () => {
    const { page, problems } = await openWidget();
    try {
      await paste(page, text);
      for (const [kind, [named, href]] of Object.entries(want)) {
        const link = page.locator(`#diagnose a[data-dg-reference=${kind}]`);
        assert.equal(await link.getAttribute('href'), href, `${kind} link`);
        // The page linked is the one whose title names the code, ISP or list.
        const res = await fetch(`${server.origin}${href}`);
        assert.equal(res.status, 200, href);
        const title = (await res.text()).match(/<title>([^<]*)<\/title>/)[1];
        assert.ok(title.includes(named), `${href}: ${title}`);
      }
      assertClean(problems);
    } finally {
      await page.close();
    }
  });
}

test('"only a few messages" lowers a blocklist bounce', async () => {
  const { page, problems } = await openWidget();
  try {
    await paste(page, BOUNCES.spamhaus);
    const many = await severity(page);
    await page.check('#diagnose input[name=volume][value=few]');
    await settle(page);
    const few = await severity(page);
    assert.ok(RANK[few] > RANK[many], `classifier: few messages gave ${few}, many gave ${many}`);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('pasted markup is shown as text, never run', async () => {
  const { page, problems } = await openWidget();
  const imageRequests = [];
  // `<img src=x>` would load `x` relative to the widget's page (not `/x`).
  page.on('request', (r) => { if (r.url() === new URL('x', widgetUrl).href) imageRequests.push(r.url()); });
  try {
    const title = await page.title();
    const evil = `550 5.7.1 <img src=x onerror="document.title='pwned'"> rejected <script>document.title='pwned'</script> blocked using zen.spamhaus.org`;
    await paste(page, evil);
    // (The one script in the widget is the build's JSON map of reference pages.)
    assert.equal(await page.locator('#diagnose img, #diagnose script:not(#dg-reference)').count(), 0);
    assert.equal(await page.title(), title);
    assert.deepEqual(imageRequests, []);
    // The full report text (shown for copying) holds the markup as plain text.
    assert.ok((await page.inputValue('#diagnose [data-dg-report-text]')).includes(evil));
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('the copy button copies the full report, and a long bounce is shortened in the link only', async () => {
  const { page, problems } = await openWidget();
  try {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const long = `${BOUNCES.gmail5726}\n\n${'X-Original-Header: a long quoted original message line\n'.repeat(120)}`;
    await paste(page, long);
    await page.click('#diagnose [data-dg-copy]');
    await page.waitForFunction(() => document.querySelector('#diagnose [data-dg-copied]').textContent.length > 0);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.includes(long), 'the copied report lacks the full bounce');
    const href = await page.locator('a[data-report-email]').getAttribute('href');
    const body = parseMailto(href).body || '';
    assert.ok(!body.includes(long), 'the long bounce should be shortened in the mailto URI');
    assert.equal(await page.locator('#diagnose [data-dg-shortened]').isVisible(), true, 'no note about the shortened bounce');
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('an over-long paste gets a message instead of a suggestion', async () => {
  const { page, problems } = await openWidget();
  try {
    await paste(page, `${BOUNCES.spamhaus}\n${'y'.repeat(70 * 1024)}`);
    const limit = page.locator('#diagnose [data-dg-limit]');
    assert.equal(await limit.isVisible(), true);
    assert.match(await limit.innerText(), /at most 64 KB/);
    assert.equal(await severity(page), '');
    await paste(page, BOUNCES.spamhaus);
    assert.equal(await limit.isVisible(), false);
    assert.notEqual(await severity(page), '');
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('the widget is fully usable by keyboard', async () => {
  const { page, problems } = await openWidget();
  try {
    await page.focus('#diagnose textarea[name=bounce]');
    await page.keyboard.type('550 5.7.1 Service unavailable, Client host [x.xx.xx.xx] blocked using Spamhaus');
    await settle(page);
    const before = await severity(page);
    assert.notEqual(before, '');
    const visited = new Set();
    for (let i = 0; i < 80 && !visited.has('copy'); i++) {
      await page.keyboard.press('Tab');
      visited.add(await page.evaluate(() => {
        const a = document.activeElement;
        if (a.matches('[data-report-email]')) return 'report';
        if (a.matches('[data-dg-copy]')) return 'copy';
        return a.getAttribute('name') || a.tagName.toLowerCase();
      }));
    }
    for (const name of ['domains', 'started', 'isps', 'scope', 'rate', 'snds', 'volume', 'full_outage', 'powermta_down',
      'mailwizz_down', 'complaint_spike', 'change', 'changes', 'report', 'copy']) {
      assert.ok(visited.has(name), `${name} is not reachable with Tab (reached: ${[...visited].join(', ')})`);
    }
    // Space ticks a checkbox; the suggestion follows.
    await page.focus('#diagnose input[name=full_outage]');
    await page.keyboard.press('Space');
    await settle(page);
    assert.equal(await severity(page), 'P1', 'classifier: full outage must give P1');
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('no axe-core violations in the widget, before and after a suggestion', async () => {
  const { page, problems } = await openWidget();
  try {
    assert.deepEqual(await axeViolations(page, '#diagnose'), []);
    await paste(page, BOUNCES.gmail5726);
    await page.check('#diagnose input[name=mailwizz_down]');
    await settle(page);
    assert.deepEqual(await axeViolations(page, '#diagnose'), []);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('at 360 px the widget fits the screen (screenshot in tests/browser/artifacts/)', async () => {
  const { page, problems } = await openWidget({ viewport: { width: 360, height: 800 } });
  try {
    await paste(page, BOUNCES.gmail5726);
    await page.fill('#diagnose input[name=domains]', 'news.example.com');
    await settle(page);
    const box = await page.evaluate(() => {
      const w = document.getElementById('diagnose');
      const r = w.getBoundingClientRect();
      return { left: r.left, right: r.right, scroll: w.scrollWidth, client: w.clientWidth };
    });
    assert.ok(box.left >= 0 && box.right <= 360, `widget spans ${box.left}..${box.right}`);
    assert.ok(box.scroll <= box.client, `widget content overflows: ${box.scroll} > ${box.client}`);
    const dir = path.join(repoRoot, 'tests/browser/artifacts');
    fs.mkdirSync(dir, { recursive: true });
    await page.locator('#diagnose').screenshot({ path: path.join(dir, 'widget-360.png') });
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('if the wasm cannot load, the note and the plain contact link stay, the console stays clean', async () => {
  const setup = (p) => p.route('**/*.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: 'not wasm' }));
  const { page, problems } = await open(browser.context, widgetUrl, { origin: server.origin, setup });
  try {
    // Both modules tried and gave up.
    await page.waitForSelector('#diagnose[data-dg-failed]', { state: 'attached' });
    await page.waitForSelector('#acct[data-acct-failed]', { state: 'attached' });
    const email = (await guideData(page)).contact.email;
    assert.equal(await page.locator('#diagnose [data-dg-fallback]').isVisible(), true);
    assert.equal(await page.locator('#diagnose form').isVisible(), false);
    assert.equal(await page.locator('a[data-report-email]').getAttribute('href'), `mailto:${email}`);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('without JavaScript the note and a plain mailto link remain', async () => {
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    const { page } = await open(noJs.context, widgetUrl);
    const data = JSON.parse(await page.locator('#guide-data').textContent());
    assert.equal(await page.locator('#diagnose [data-dg-fallback]').isVisible(), true);
    assert.equal(await page.locator('#diagnose form').isVisible(), false);
    assert.equal(await page.locator('#diagnose [data-dg-lede]').isVisible(), false, 'the lede promises a form that is not there');
    const link = page.locator('#diagnose a[data-report-email]');
    assert.equal(await link.isVisible(), true);
    assert.equal(await link.getAttribute('href'), `mailto:${data.contact.email}`);
  } finally {
    await noJs.close();
  }
});
