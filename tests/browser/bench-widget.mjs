// Budgets of the self-diagnosis widget, measured on the built site in headless Chromium
// (a bench run on demand, not a test):  node bench-widget.mjs [runs]
//
//   wasm                 <= 72 KB gzipped, each module a page loads: the page's
//                        (pkg/widget_bg.wasm) and the message reader's
//                        (pkg/mail_bg.wasm, loaded with the first whole message)
//   widget JS + CSS      <= 10 KB gzipped (diagnose.js, the dom.js it imports and
//                        diagnose.css; the wasm-bindgen glue pkg/widget.js is reported
//                        beside it)
//   first answer         <= 100 ms after the page's load event, on loopback
//   re-classification    <= 16 ms per keystroke (the widget's own render, as measured
//                        by its `diagnose-update` performance entries)
//
// GUIDE_PUBLIC selects the built site (default <repo>/public).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, open, publicDir, pageWith } from './lib.mjs';

const runs = Number(process.argv[2] || 5);
const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(publicDir, 'widget', file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const row = (name, value, budget, ok) => console.log(`${ok ? 'ok  ' : 'OVER'}  ${name.padEnd(42)} ${value.padStart(10)}   budget ${budget}`);

const wasm = gz('pkg/widget_bg.wasm');
const mailWasm = gz('pkg/mail_bg.wasm');
const own = gz('diagnose.js') + gz('dom.js') + gz('diagnose.css');
const glue = gz('pkg/widget.js');
console.log(`site: ${publicDir}\n`);
row('wasm (gzip -9)', kb(wasm), '72 KB', wasm <= 72 * 1024);
row('message reader wasm pkg/mail_bg.wasm (gzip -9)', kb(mailWasm), '72 KB', mailWasm <= 72 * 1024);
row('diagnose.js, dom.js, diagnose.css (gzip -9)', kb(own), '10 KB', own <= 10 * 1024);
row('  + wasm-bindgen glue pkg/widget.js', kb(own + glue), '10 KB', own + glue <= 10 * 1024);

const { url: pageUrl } = pageWith('id="diagnose"');
const server = await serve();
const browser = await launch();
const BOUNCE = '550 5.7.1 Service unavailable, Client host [x.xx.xx.xx] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/0.0.0.0 (AS16012611) and see https://www.spamhaus.org/query/ip/0.0.0.0 again';
const firsts = [];
const keys = [];
const bigKeys = [];
try {
  for (let i = 0; i < runs; i++) {
    const { page: p } = await open(browser.context, `${server.origin}${pageUrl}`, { origin: server.origin });
    await p.waitForSelector('#diagnose[data-dg-ready]');
    // The first answer: from the load event to the widget's first answer to a bounce.
    const first = await p.evaluate(async (text) => {
      const ready = performance.getEntriesByName('diagnose-ready')[0].startTime;
      const load = performance.getEntriesByType('navigation')[0].loadEventEnd;
      const ta = document.querySelector('#diagnose textarea[name=bounce]');
      ta.value = text;
      ta.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const m = performance.getEntriesByName('diagnose-update').at(-1);
      // Ready (wasm loaded, form live) plus the time of the first classification: the
      // moment a bounce pasted at load would be answered (the bench's own round trips
      // to the page are not the widget's).
      return { ready, load, answered: ready + m.duration, severity: document.querySelector('#diagnose [data-severity]').dataset.severity };
    }, BOUNCE);
    firsts.push(first);
    // Typing: one character per frame, as a fast typist would.
    await p.fill('#diagnose textarea[name=bounce]', '');
    await p.focus('#diagnose textarea[name=bounce]');
    await p.evaluate(() => performance.clearMeasures('diagnose-update'));
    await p.keyboard.type(BOUNCE, { delay: 20 });
    keys.push(...(await p.evaluate(() => performance.getEntriesByName('diagnose-update').map((m) => m.duration))));
    // Typing at the end of a near-limit paste (a whole DSN with a quoted message, 60 KB).
    await p.fill('#diagnose textarea[name=bounce]', `${BOUNCE}\n${'X-Quoted: a line of the original message, quoted back in the DSN\n'.repeat(900)}`);
    await p.evaluate(() => performance.clearMeasures('diagnose-update'));
    await p.keyboard.press('End');
    await p.keyboard.type('more text', { delay: 20 });
    bigKeys.push(...(await p.evaluate(() => performance.getEntriesByName('diagnose-update').map((m) => m.duration))));
    await p.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (f) => s[Math.min(s.length - 1, Math.floor(f * s.length))];
  return { median: q(0.5), p95: q(0.95), max: s.at(-1) };
};
const ms = (x) => `${x.toFixed(1)} ms`;
const afterLoad = stat(firsts.map((f) => Math.max(0, f.answered - f.load)));
const fromNav = stat(firsts.map((f) => f.answered));
const key = stat(keys);
console.log(`\n${runs} page loads (${firsts[0]?.severity} for the test bounce), ${keys.length} keystroke renders:`);
row('first answer after load event (median)', ms(afterLoad.median), '100 ms', afterLoad.median <= 100);
row('first answer after load event (max)', ms(afterLoad.max), '100 ms', afterLoad.max <= 100);
row('  (from navigation start, median)', ms(fromNav.median), '-', true);
row('keystroke re-classification (median)', ms(key.median), '16 ms', key.median <= 16);
row('keystroke re-classification (p95)', ms(key.p95), '16 ms', key.p95 <= 16);
row('keystroke re-classification (max)', ms(key.max), '16 ms', key.max <= 16);
const big = stat(bigKeys);
row('  in a 60 KB paste (median)', ms(big.median), '16 ms', big.median <= 16);
row('  in a 60 KB paste (p95)', ms(big.p95), '16 ms', big.p95 <= 16);
