// Browser tests of the PowerMTA accounting-file analysis on the built site: a
// generated accounting file is chosen with setInputFiles, read in chunks in the Web
// Worker by the wasm reader, and the per-ISP table, the severity, the bad rows and the
// prefilled report email are checked against the numbers the file was made with; the
// timeline (chart, summary, start marked, the email's "When it started"), the table's fit
// at 360 and 1280 px, and files that end early.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, assertClean, pageWith, axeViolations, repoRoot } from './lib.mjs';

const HEADER = 'type,timeLogged,timeQueued,orig,rcpt,orcpt,dsnAction,dsnStatus,dsnDiag,dsnMta,bounceCat,srcType,'
  + 'srcMta,dlvType,dlvSourceIp,dlvDestinationIp,dlvEsmtpAvailable,dlvSize,vmta,jobId,envId,queue,vmtaPool';
const GMAIL_MTA = 'gmail-smtp-in.l.google.com (142.250.27.26)';
const GMAIL_421 = 'smtp;421-4.7.28 [203.0.113.10] Our system has detected an unusual rate of unsolicited mail '
  + 'originating from your IP address. To protect our users from spam, mail sent from your IP address has been '
  + 'temporarily rate limited. https://support.google.com/mail/?p=UnsolicitedRateLimitError';
const NO_SUCH_USER = 'smtp;550-5.1.1 The email account that you tried to reach does not exist. '
  + 'https://support.google.com/mail/?p=NoSuchUser';

const quote = (s) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function row(kind, minute, rcpt, status, diag, mta, cat) {
  const action = { d: 'relayed', b: 'failed', t: 'delayed' }[kind];
  return [kind, `2026-09-21 12:${String(minute).padStart(2, '0')}:00+0000`, '2026-09-21 11:59:00+0000',
    'bounces@news.example.net', rcpt, '', action, quote(status), quote(diag), mta, cat, 'smtp',
    'mw1.example.net (10.0.0.5)', 'smtp', '203.0.113.10', '142.250.27.26', '"PIPELINING,SIZE,STARTTLS"', '24567',
    'vmta-news-1', 'campaign-42', '', 'q', 'pool-news'].join(',');
}
const delivered = (rcpt, mta) => row('d', 0, rcpt, '2.0.0 (success)', 'smtp;250 2.0.0 OK', mta, '');

/**
 * Gmail 1000 records (220 deferred, 15 bounced), Outlook 500 (10 deferred), Yahoo 300
 * (3 bounced), other domains 200 (20 deferred); two bad rows (lines 4 and 1000); CRLF.
 */
function accountingFile() {
  const rows = [HEADER];
  for (let i = 0; i < 1000; i++) {
    const rcpt = `user${i}@${i % 4 ? 'gmail.com' : 'googlemail.com'}`;
    if (i % 100 < 22) rows.push(row('t', i % 60, rcpt, '4.7.28 (delivery not authorized, message refused)', GMAIL_421, GMAIL_MTA, 'policy-related'));
    else if (i % 100 === 22 && i < 500 || i % 100 === 23) rows.push(row('b', i % 60, rcpt, '5.1.1', NO_SUCH_USER, GMAIL_MTA, 'bad-mailbox'));
    else rows.push(delivered(rcpt, GMAIL_MTA));
    if (i % 2 === 0) {
      const j = i / 2;
      const mta = 'hotmail-com.olc.protection.outlook.com (52.101.1.1)';
      const to = `u${j}@${['hotmail.com', 'outlook.fr', 'live.co.uk', 'msn.com'][j % 4]}`;
      rows.push(j % 50 === 7
        ? row('t', 30, to, '4.7.650', 'smtp;451 4.7.650 The mail server [203.0.113.10] has been temporarily rate limited due to IP reputation.', mta, '')
        : delivered(to, mta));
    }
    if (i % 10 < 3) {
      const j = Math.floor(i / 10) * 3 + (i % 10);
      const mta = 'mta6.am0.yahoodns.net (67.195.204.72)';
      const to = `y${j}@${['yahoo.com', 'aol.com', 'ymail.com'][j % 3]}`;
      rows.push(j % 100 === 50 ? row('b', 45, to, '5.0.0', 'smtp;552 1 Requested mail action aborted, mailbox not found', mta, 'bad-mailbox') : delivered(to, mta));
    }
    if (i % 5 === 0) {
      const j = i / 5;
      const to = `c${j}@company${j % 7}.example`;
      rows.push(j % 10 === 3
        ? row('t', 59, to, '4.4.1 (no answer from host)', 'smtp;421 4.4.1 Connection timed out', '', 'no-answer-from-host')
        : delivered(to, 'mx.company.example (198.51.100.7)'));
    }
  }
  rows.splice(3, 0, 'd,2026-09-21 12:00:00+0000,only three fields');
  rows.splice(999, 0, 'd,"unterminated,x@gmail.com');
  return rows.join('\r\n') + '\r\n';
}

let server;
let browser;
let pageUrl;
let dir;

before(async () => {
  const page = pageWith('id="acct"');
  server = await serve();
  browser = await launch();
  pageUrl = `${server.origin}${page.url}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acct-test-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function openPage({ viewport, context = browser.context } = {}) {
  const opened = await open(context, pageUrl, { origin: server.origin, viewport });
  await opened.page.waitForSelector('#acct[data-acct-ready]', { timeout: 10000 });
  return opened;
}

async function load(page, name, content) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  await page.setInputFiles('#acct input[data-acct-file]', file);
  await page.waitForSelector('#acct[data-acct-done]', { timeout: 20000 });
}

/** The table's cells by ISP key (`gmail`, ..., `all`). */
const table = (page) => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('#acct [data-acct-table] tr[data-isp]')]
    .map((tr) => [tr.dataset.isp, [...tr.children].map((c) => c.textContent.trim())]),
));

test('a generated accounting file gives the per-ISP table and P3 for 22% Gmail deferrals', async () => {
  const { page, problems } = await openPage();
  try {
    await load(page, 'acct-mixed.csv', accountingFile());
    const rows = await table(page);
    assert.deepEqual(Object.keys(rows), ['gmail', 'outlook', 'yahoo', 'other', 'all']);
    assert.deepEqual(rows.gmail.slice(0, 7), ['Gmail', '1,000', '765', '220', '15', '22.0%', '1.5%']);
    assert.match(rows.gmail[7], /^Rate limiting \(220\)$/);
    assert.deepEqual(rows.outlook.slice(1, 7), ['500', '490', '10', '0', '2.0%', '0.0%']);
    assert.deepEqual(rows.yahoo.slice(1, 7), ['300', '297', '0', '3', '0.0%', '1.0%']);
    assert.deepEqual(rows.other.slice(1, 7), ['200', '180', '20', '0', '10.0%', '0.0%']);
    assert.deepEqual(rows.all.slice(0, 7), ['All ISPs', '2,000', '1,732', '250', '18', '12.5%', '0.9%']);

    assert.equal(await page.getAttribute('#acct [data-acct-severity]', 'data-severity'), 'P3');
    const reasons = await page.locator('#acct [data-acct-reasons] li').allTextContents();
    assert.match(reasons[0], /^P3: Gmail: deferral rate 22\.0% \(220 of 1000 records\)/);
    const notes = (await page.locator('#acct [data-acct-note]').allTextContents()).join('\n');
    assert.match(notes, /2 unreadable rows, not counted: line 4 \(3 fields where the header has 23\); line 1000 \(unterminated quoted field\)\./);
    assert.match(notes, /Time window: 2026-09-21 12:00:00\+0000 to 2026-09-21 12:59:00\+0000/);

    const rules = await page.locator('#acct [data-acct-rules] li').allTextContents();
    assert.ok(rules.includes('P3: deferral rate 10-30% at one ISP'), rules.join('\n'));

    // The report email carries the computed rates, through the widget's reportEmail.
    const data = await page.evaluate(() => JSON.parse(document.getElementById('guide-data').textContent));
    const href = await page.getAttribute('#acct a[data-acct-report-email]', 'href');
    assert.ok(href.startsWith(`mailto:${data.contact.email}?`), href);
    const body = decodeURIComponent(href.split('body=')[1]);
    assert.match(body, /Gmail 22\.0% deferred, 1\.5% bounced; all ISPs 12\.5% deferred and 0\.9% bounced of 2000/);
    assert.match(decodeURIComponent(href), /subject=[^&]*P3/);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('the sending domains typed in the widget go into the accounting report email', async () => {
  const { page, problems } = await openPage();
  try {
    await load(page, 'acct-domains.csv', accountingFile());
    await page.fill('#diagnose input[name=domains]', 'news.example.com');
    const href = await page.getAttribute('#acct a[data-acct-report-email]', 'href');
    assert.match(decodeURIComponent(href.split('body=')[1]), /news\.example\.com/);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('more than 30% deferred overall is P2, and a second file replaces the first', async () => {
  const { page, problems } = await openPage();
  try {
    await load(page, 'acct-first.csv', accountingFile());
    assert.equal(await page.getAttribute('#acct [data-acct-severity]', 'data-severity'), 'P3');
    const rows = ['type,rcpt,dsnDiag'];
    for (let i = 0; i < 100; i++) rows.push(i < 40 ? `t,a${i}@orange.fr,"smtp;421 4.2.1 Service refused, try later"` : `d,a${i}@wanadoo.fr,smtp;250 ok`);
    await page.evaluate(() => document.querySelector('#acct [data-acct-severity]').setAttribute('data-severity', ''));
    assert.equal(await page.getAttribute('#acct .dg-badge', 'data-acct-severity'), 'P3');
    await load(page, 'acct-p2.csv', rows.join('\n'));
    assert.equal(await page.getAttribute('#acct [data-acct-severity]', 'data-severity'), 'P2');
    const t = await table(page);
    assert.deepEqual(Object.keys(t), ['orange', 'all']);
    assert.doesNotMatch((await page.locator('#acct [data-acct-note]').allTextContents()).join('\n'), /VirtualMTA/);
    assert.deepEqual(t.orange.slice(1, 6), ['100', '60', '40', '0', '40.0%']);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('a file dropped on the drop zone is analysed the same way', async () => {
  const { page, problems } = await openPage();
  try {
    await page.evaluate((text) => {
      const zone = document.querySelector('#acct [data-acct-drop]');
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, 'type,rcpt\nd,a@icloud.com\nt,b@me.com\nd,c@mac.com\nb,d@icloud.com\n');
    await page.waitForFunction(() => document.querySelector('#acct [data-acct-severity]')?.getAttribute('data-severity'), null, { timeout: 20000 });
    const rows = await table(page);
    assert.deepEqual(rows.apple.slice(0, 7), ['Apple iCloud', '4', '2', '1', '1', '25.0%', '25.0%']);
    // Four records are too few for the rate rules: P4.
    assert.equal(await page.getAttribute('#acct [data-acct-severity]', 'data-severity'), 'P4');
    assert.match(await page.locator('#acct [data-acct-status]').innerText(), /^Read dropped\.csv/);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('a gzipped accounting file is unpacked in the browser, joined gzip files too', async () => {
  const { gzipSync } = await import('node:zlib');
  const { page, problems } = await openPage();
  try {
    await load(page, 'acct.csv.gz', gzipSync(accountingFile()));
    const rows = await table(page);
    assert.deepEqual(rows.gmail.slice(1, 7), ['1,000', '765', '220', '15', '22.0%', '1.5%']);
    assert.deepEqual(rows.all.slice(1, 5), ['2,000', '1,732', '250', '18']);
    assert.equal(await page.getAttribute('#acct [data-acct-severity]', 'data-severity'), 'P3');
    assert.match(await page.locator('#acct [data-acct-status]').innerText(), /^Read acct\.csv\.gz/);
    // One VirtualMTA only: no per-VirtualMTA note.
    assert.doesNotMatch((await page.locator('#acct [data-acct-note]').allTextContents()).join('\n'), /VirtualMTA/);

    // `cat a.csv.gz b.csv.gz`: Chromium's DecompressionStream reads one gzip member; the
    // worker starts a new one at the next.
    await load(page, 'joined.csv.gz', Buffer.concat([gzipSync(accountingFile()), gzipSync('type,rcpt\nd,x@orange.fr\n')]));
    assert.equal(await page.getAttribute('#acct', 'data-acct-truncated'), null);
    const joined = await table(page);
    assert.deepEqual(joined.all.slice(1, 5), ['2,001', '1,733', '250', '18']);
    assert.deepEqual(joined.orange.slice(1, 3), ['1', '1']);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('no axe-core violations in the accounting section with a result, in light and dark schemes', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, problems } = await openPage();
    try {
      await page.emulateMedia({ colorScheme });
      await load(page, 'acct-axe.csv', accountingFile());
      await page.evaluate(() => { document.querySelector('#acct details').open = true; });
      assert.deepEqual(await axeViolations(page, '#acct'), [], colorScheme);
      assertClean(problems);
    } finally {
      await page.close();
    }
  }
});

test('with several VirtualMTAs, their rates are listed', async () => {
  const { page, problems } = await openPage();
  try {
    const rows = ['type,rcpt,vmta'];
    for (let i = 0; i < 30; i++) rows.push(`${i % 3 ? 'd' : 't'},u${i}@gmail.com,${i < 20 ? 'ip-203-0-113-10' : 'ip-203-0-113-11'}`);
    await load(page, 'acct-vmta.csv', rows.join('\n'));
    const notes = (await page.locator('#acct [data-acct-note]').allTextContents()).join('\n');
    assert.match(notes, /Per VirtualMTA \(sending IP or pool\): ip-203-0-113-10 35\.0% deferred, 0\.0% bounced of 20; ip-203-0-113-11 30\.0% deferred, 0\.0% bounced of 10\./);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('a cut-off or damaged gzip file still gives the report of the rows before the damage', async () => {
  const { gzipSync } = await import('node:zlib');
  const big = Array.from({ length: 20 }, accountingFile).join('');
  const packed = gzipSync(big);
  const damaged = Buffer.from(packed);
  for (let i = 0; i < 64; i++) damaged[(damaged.length >> 1) + i] ^= 0x5a;
  const { page, problems } = await openPage();
  try {
    for (const [name, bytes] of [['cut.csv.gz', packed.subarray(0, packed.length >> 1)], ['damaged.csv.gz', damaged]]) {
      await load(page, name, bytes);
      assert.equal(await page.getAttribute('#acct', 'data-acct-truncated'), '', name);
      assert.match(await page.locator('#acct [data-acct-status]').innerText(), /The file ends early/);
      const notes = (await page.locator('#acct [data-acct-note]').allTextContents()).join('\n');
      assert.match(notes, /Note: the file ends early: the gzip data is (cut off or )?damaged \(.+\) after \d+ unpacked bytes, in line \d+; the report covers the rows read before that/, name);
      const all = (await table(page)).all;
      const records = Number(all[1].replace(/,/g, ''));
      assert.ok(records > 0 && records < 20 * 2000, `${name}: ${records} records`);
    }
    // Bytes that are not gzip after the data: every row is there, and the report says so.
    await load(page, 'trailing.csv.gz', Buffer.concat([packed, Buffer.from('this is not gzip\n')]));
    assert.equal(await page.getAttribute('#acct', 'data-acct-truncated'), '');
    assert.deepEqual((await table(page)).all.slice(1, 5), ['40,000', '34,640', '5,000', '360']);
    const notes = (await page.locator('#acct [data-acct-note]').allTextContents()).join('\n');
    assert.match(notes, /the file ends early: bytes that are not gzip follow the gzip data after \d+ unpacked bytes/);
    // A whole file afterwards is not marked.
    await load(page, 'whole.csv.gz', packed);
    assert.equal(await page.getAttribute('#acct', 'data-acct-truncated'), null);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

/**
 * An hour of Gmail (60 records a minute) and Yahoo (20 a minute): Gmail's deferrals go
 * from 2% to 40% at 12:30 UTC and stay there; Yahoo stays at 5%.
 */
function incidentFile() {
  const rows = [HEADER];
  for (let m = 0; m < 60; m++) {
    for (let i = 0; i < 60; i++) {
      const rcpt = `u${m}-${i}@gmail.com`;
      const failed = m < 30 ? i < 1 : i < 24;
      rows.push(failed
        ? row('t', m, rcpt, '4.7.28 (delivery not authorized, message refused)', GMAIL_421, GMAIL_MTA, 'policy-related')
        : row('d', m, rcpt, '2.0.0 (success)', 'smtp;250 2.0.0 OK', GMAIL_MTA, ''));
    }
    for (let i = 0; i < 20; i++) {
      const mta = 'mta6.am0.yahoodns.net (67.195.204.72)';
      rows.push(i === 0 ? row('t', m, `y${m}-${i}@yahoo.com`, '4.7.0', 'smtp;421 4.7.0 [TSS04] try later', mta, '')
        : row('d', m, `y${m}-${i}@yahoo.com`, '2.0.0 (success)', 'smtp;250 ok', mta, ''));
    }
  }
  return rows.join('\n') + '\n';
}

test('the timeline: a chart with its summary, the start marked, the email\'s time filled in the reader\'s zone', async () => {
  // A zone without summer time, so the expected local time is fixed.
  const zoned = await launch({ timezoneId: 'Asia/Tokyo' });
  const { page, problems } = await openPage({ context: zoned.context });
  try {
    await load(page, 'acct-incident.csv', incidentFile());
    assert.equal(await page.locator('#acct [data-acct-timeline]').isVisible(), true);
    const summary = await page.locator('#acct [data-acct-chart-summary] li').allTextContents();
    assert.equal(summary.length, 1, summary.join('\n'));
    assert.match(summary[0], /^Gmail: started 2026-09-21 21:30 \(Asia\/Tokyo, UTC\+09:00; 12:30 UTC\); peak 40\.0% around 2026-09-21 21:\d\d; steady \(40\.0% at the end of the file\)\.$/);
    const chart = await page.evaluate(() => {
      const svg = document.querySelector('#acct [data-acct-chart] svg');
      const start = svg.querySelector('[data-acct-start]');
      const x = (iso) => Number(start.getAttribute('x1'));
      return {
        affected: [...svg.querySelectorAll('path.acct-series:not(.acct-quiet)')].map((p) => p.dataset.isp),
        quiet: [...svg.querySelectorAll('path.acct-quiet')].map((p) => p.dataset.isp),
        boundaries: [...svg.querySelectorAll('[data-boundary]')].map((l) => l.dataset.boundary),
        start: start?.dataset.acctStart,
        // Where the start line is, as a share of the plot's width (the hour is 12:00-13:00 UTC).
        share: (() => {
          const axis = svg.querySelector('.acct-axis');
          const [a, b] = [Number(axis.getAttribute('x1')), Number(axis.getAttribute('x2'))];
          return (x() - a) / (b - a);
        })(),
        hidden: svg.getAttribute('aria-hidden'),
      };
    });
    assert.deepEqual(chart.affected, ['gmail']);
    assert.deepEqual(chart.quiet, ['yahoo']);
    assert.deepEqual(chart.boundaries, ['10', '30']);
    assert.equal(chart.start, 'gmail');
    assert.ok(Math.abs(chart.share - 0.5) < 0.02, `start at ${chart.share} of the hour`);
    // The picture is for the eyes; the summary and the numbers are the text.
    assert.equal(chart.hidden, 'true');
    await page.click('#acct [data-acct-numbers] summary');
    // The table is filled by the <details>' toggle event, which comes after the click.
    await page.locator('#acct [data-acct-chart-table] tbody tr').first().waitFor();
    const numbers = await page.locator('#acct [data-acct-chart-table] tbody tr').count();
    assert.equal(numbers, 60);
    const firstRow = await page.locator('#acct [data-acct-chart-table] tbody tr').first().allInnerTexts();
    assert.match(firstRow[0], /^2026-09-21 21:00\s+1\.7% of 60\s+5\.0% of 20$/);

    const body = decodeURIComponent((await page.getAttribute('#acct a[data-acct-report-email]', 'href')).split('body=')[1]);
    assert.match(body, /started: 2026-09-21 21:30 \(Asia\/Tokyo, UTC\+09:00; 12:30 UTC\) at Gmail, from the accounting file's timeline/);
    assert.match(body, /affected[^:]*: Gmail 20\.8% deferred, 0\.0% bounced of 3600 records\r?\n/);
    assert.match(body, /Gmail: steady since 2026-09-21 12:30 UTC \(40\.0% deferred or bounced at the end of the file\)/);
    assertClean(problems);
  } finally {
    await page.close();
    await zoned.close();
  }
});

test('the headline, the reasons and the rules name ISPs and blocklists by their display names, and give the start rule', async () => {
  const { page, problems } = await openPage();
  try {
    const spamhaus = 'smtp;554 5.7.1 Service unavailable; Client host [203.0.113.10] blocked using zen.spamhaus.org';
    const mta = 'hotmail-com.olc.protection.outlook.com (52.101.1.1)';
    const rows = [HEADER];
    for (let i = 0; i < 400; i++) {
      rows.push(i % 10 === 0 ? row('b', i % 60, `o${i}@hotmail.com`, '5.7.1', spamhaus, mta, 'spam-related') : delivered(`o${i}@hotmail.com`, mta));
    }
    await load(page, 'acct-blocklist.csv', rows.join('\n') + '\n');
    // The names the page shows in its table and notes (the widget's labels).
    const isp = (await table(page)).outlook[0];
    const list = (await page.locator('#acct [data-acct-note]').allTextContents()).join('\n').match(/Blocklist cited: (.+) in 40 replies/)[1];
    assert.deepEqual([isp, list].filter((n) => /^(outlook|spamhaus)$/.test(n)), []);
    const headline = await page.locator('#acct [data-acct-summary]').innerText();
    const reasons = (await page.locator('#acct [data-acct-reasons] li').allTextContents()).join('\n');
    for (const text of [headline, reasons]) {
      assert.ok(text.includes(`${isp}: blocklist ${list} cited in 40`), text);
      assert.doesNotMatch(text, /\b(outlook|spamhaus)\b/, text);
    }
    const rules = await page.locator('#acct [data-acct-rules] li').allTextContents();
    assert.ok(rules.some((r) => /^When it started: .*at least 3 groups in a row are at or above 10%/.test(r)), rules.join('\n'));
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('the per-ISP table shows every column at 1280 px and scrolls in its own box at 360 px', async () => {
  for (const width of [1280, 360]) {
    const { page, problems } = await openPage({ viewport: { width, height: 900 } });
    try {
      await load(page, `acct-${width}.csv`, accountingFile());
      const fit = await page.evaluate(() => {
        const box = document.querySelector('#acct [data-acct-table]').closest('.acct-scroll');
        const hint = document.querySelector('#acct .acct-scroll-hint');
        return {
          page: document.documentElement.scrollWidth, box: box.clientWidth, table: box.scrollWidth,
          overflow: getComputedStyle(box).overflowX, hint: hint.offsetParent !== null,
          chart: document.querySelector('#acct [data-acct-chart] svg').getBoundingClientRect().width,
        };
      });
      assert.ok(fit.page <= width, `${width}: the page scrolls sideways (${fit.page} px)`);
      assert.ok(fit.chart <= fit.box + 1, `${width}: the chart is wider than its box`);
      if (width === 1280) {
        assert.ok(fit.table <= fit.box, `every column visible at 1280 px: ${fit.table} > ${fit.box}`);
        assert.equal(fit.hint, false);
      } else {
        assert.equal(fit.overflow, 'auto');
        assert.ok(fit.table > fit.box, 'at 360 px the table scrolls in its box');
        assert.equal(fit.hint, true, 'with a visible cue');
      }
      assertClean(problems);
    } finally {
      await page.close();
    }
  }
});

test('a report on show prints: the summary, the chart and the table, not the file picker', async () => {
  const { page, problems } = await openPage();
  try {
    await load(page, 'acct-print.csv', incidentFile());
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      const visible = (sel) => { const e = document.querySelector(sel); return !!e && e.getBoundingClientRect().height > 0; };
      return {
        section: visible('#acct'), chart: visible('#acct [data-acct-chart] svg'), table: visible('#acct [data-acct-table]'),
        drop: visible('#acct [data-acct-drop]'), mail: visible('#acct a[data-acct-report-email]'),
      };
    });
    assert.deepEqual(shown, { section: true, chart: true, table: true, drop: false, mail: false });
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('screenshots of a report with its timeline: 360 and 1280 px, light and dark, and print', async () => {
  // Written to tests/browser/artifacts/ for a person to look at (beside site.test.mjs's).
  const artifacts = path.join(repoRoot, 'tests/browser/artifacts');
  fs.mkdirSync(artifacts, { recursive: true });
  for (const width of [360, 1280]) {
    for (const scheme of ['light', 'dark', 'print']) {
      const { page } = await openPage({ viewport: { width, height: width === 360 ? 740 : 900 } });
      try {
        await page.emulateMedia(scheme === 'print' ? { media: 'print' } : { colorScheme: scheme });
        await load(page, 'acct-incident.csv', incidentFile());
        await page.locator('#acct [data-acct-chart] svg').scrollIntoViewIfNeeded();
        const file = path.join(artifacts, `acct-${width}-${scheme}.png`);
        await page.locator('#acct').screenshot({ path: file });
        assert.ok(fs.statSync(file).size > 1000);
      } finally {
        await page.close();
      }
    }
  }
});
