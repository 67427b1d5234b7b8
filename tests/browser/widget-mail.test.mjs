// Browser tests of whole bounce messages in the self-diagnosis widget: an .eml dropped
// onto the form, chosen with the file picker, or pasted raw is read by the classifier's
// message reader (its own wasm, loaded with the first message): one answer per failed
// recipient, the most severe shown, the report quoting what the receiver said (never the
// bounce's own header or the returned original), and a message that is not a bounce said
// plainly, with no severity.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, assertClean, pageWith } from './lib.mjs';

// A Postfix bounce with two failed recipients. Its own header carries failed
// authentication results and the returned original talks about DMARC: neither is why it
// bounced (a user unknown at one receiver, a full mailbox at Gmail).
const BOUNCE = [
  'Return-Path: <>',
  'Authentication-Results: mx.example.com; dkim=fail; spf=fail; dmarc=fail',
  'From: MAILER-DAEMON@mx.example.com (Mail Delivery System)',
  'To: news@example.com',
  'Subject: Undelivered Mail Returned to Sender',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"',
  '',
  '--B1',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'This is the mail system at host mx.example.com.',
  '',
  "I'm sorry to have to inform you that your message could not",
  'be delivered to one or more recipients.',
  '',
  '<nobody@example.org>: host mx.example.org[192.0.2.7] said: 550 5.1.1',
  '    <nobody@example.org>: Recipient address rejected: User unknown (in reply to',
  '    RCPT TO command)',
  '',
  '<full@gmail.com>: host gmail-smtp-in.l.google.com[192.0.2.8] said: 452-4.2.2',
  '    The email account that you tried to reach is over quota. 452 4.2.2 Please',
  '    direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp -',
  '    gsmtp (in reply to RCPT TO command)',
  '',
  '--B1',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.example.com',
  '',
  'Final-Recipient: rfc822; nobody@example.org',
  'Action: failed',
  'Status: 5.1.1',
  'Remote-MTA: dns; mx.example.org',
  'Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown',
  '',
  'Final-Recipient: rfc822; full@gmail.com',
  'Action: failed',
  'Status: 4.2.2',
  'Remote-MTA: dns; gmail-smtp-in.l.google.com',
  'Diagnostic-Code: smtp; 452-4.2.2 The email account that you tried to reach is over quota. 452 4.2.2 gsmtp',
  '',
  '--B1',
  'Content-Type: message/rfc822',
  '',
  'From: news@example.com',
  'To: nobody@example.org',
  'Subject: DMARC policy: 550 5.7.26 unauthenticated senders are blocked',
  '',
  'Our newsletter about SPF, DKIM and DMARC.',
  '',
  '--B1--',
  '',
].join('\r\n');

const AUTO_REPLY = [
  'From: someone@example.org',
  'To: news@example.com',
  'Subject: Automatic reply: Our newsletter',
  'Auto-Submitted: auto-replied',
  'Content-Type: text/plain',
  '',
  'I am out of the office until Monday.',
  '',
].join('\n');

let server;
let browser;
let widgetUrl;

before(async () => {
  server = await serve();
  browser = await launch();
  widgetUrl = `${server.origin}${pageWith('id="diagnose"').url}`;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openWidget() {
  const opened = await open(browser.context, widgetUrl, { origin: server.origin });
  await opened.page.waitForSelector('#diagnose[data-dg-ready]', { timeout: 10000 });
  return opened;
}

/** Waits until the widget shows a recipient (the message reader answered). */
const answered = (page) => page.waitForSelector('#diagnose [data-dg-fact=recipient]', { timeout: 10000 });
const severity = (page) => page.locator('#diagnose [data-severity]').getAttribute('data-severity');
const fact = (page, name) => page.locator(`#diagnose [data-dg-fact=${name}]`).getAttribute('data-value');

/** Drops a file holding `text` onto the widget's form, as a file manager would. */
async function drop(page, name, text) {
  const dataTransfer = await page.evaluateHandle(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'message/rfc822' }));
    return dt;
  }, [name, text]);
  await page.dispatchEvent('#diagnose form', 'dragover', { dataTransfer });
  await page.dispatchEvent('#diagnose form', 'drop', { dataTransfer });
}

/** The most severe recipient is shown, with the other one named, and the report quotes the receiver. */
async function assertTwoRecipients(page) {
  await answered(page);
  assert.equal(await fact(page, 'recipient'), 'nobody@example.org');
  assert.equal(await fact(page, 'category'), 'recipient', 'not decided by the header (auth) nor the original (DMARC)');
  assert.equal(await fact(page, 'codes'), '550 5.1.1');
  assert.match(await severity(page), /^P[1-4]$/);
  const others = await page.locator('#diagnose [data-dg-recipients]').innerText();
  assert.match(others, /2 recipients/);
  assert.match(others, /full@gmail\.com/);
  const href = await page.locator('a[data-report-email]').getAttribute('href');
  const body = decodeURIComponent(href.split('body=')[1] || '');
  assert.match(body, /User unknown/);
  for (const header of ['dkim=fail', 'Authentication-Results', 'Our newsletter']) {
    assert.ok(!body.includes(header), `the report quotes ${header}`);
  }
}

test('a bounce .eml dropped onto the form is read per recipient, by its structure', async () => {
  const { page, problems } = await openWidget();
  try {
    await drop(page, 'bounce.eml', BOUNCE);
    await assertTwoRecipients(page);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('a bounce .eml chosen with the file picker is read the same way', async () => {
  const { page, problems } = await openWidget();
  try {
    assert.equal(await page.locator('#diagnose input[type=file]').isVisible(), true);
    await page.setInputFiles('#diagnose input[type=file]', { name: 'bounce.eml', mimeType: 'message/rfc822', buffer: Buffer.from(BOUNCE) });
    await assertTwoRecipients(page);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('a raw message pasted into the bounce field is read as a message', async () => {
  const { page, problems } = await openWidget();
  try {
    await page.fill('#diagnose textarea[name=bounce]', BOUNCE);
    await assertTwoRecipients(page);
    // Back to a plain reply: read as a text again, no recipient line.
    await page.fill('#diagnose textarea[name=bounce]', '550 5.7.1 blocked using zen.spamhaus.org');
    await page.waitForSelector('#diagnose [data-dg-fact=recipient]', { state: 'detached' });
    assert.equal(await fact(page, 'category'), 'blocklist');
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('a message that is not a bounce is said to be one, with no severity', async () => {
  const { page, problems } = await openWidget();
  try {
    await drop(page, 'reply.eml', AUTO_REPLY);
    const said = await page.waitForSelector('#diagnose [data-dg-not-a-bounce]', { timeout: 10000 });
    assert.equal(await said.getAttribute('data-dg-not-a-bounce'), 'auto_reply');
    assert.equal(await severity(page), '');
    assert.match(await page.locator('#diagnose [data-dg-summary]').innerText(), /not a bounce|automatic reply/i);
    assertClean(problems);
  } finally {
    await page.close();
  }
});
