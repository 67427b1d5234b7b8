// Browser benchmark of the accounting analysis (run on demand, never in the tests):
// generates a synthetic accounting file (gen-acct.py), loads it into the built site's
// widget with setInputFiles in headless Chromium, and prints the throughput the page
// measured (Web Worker + wasm reader, File.slice() chunks) and the counts' check.
//
//   node tests/acct/bench-browser.mjs [SIZE] [--gz]   SIZE like 200M (default); --gz: the
//                                                    file gzipped (the worker's gzip path)
//   GUIDE_PUBLIC=/path/to/public node tests/acct/bench-browser.mjs 500M
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, open, publicDir, htmlFiles } from '../browser/lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const gz = args.includes('--gz');
const size = args.find((a) => !a.startsWith('--')) || '200M';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acct-bench-browser-'));
const file = path.join(dir, `acct-${size}.csv`);
const expectFile = path.join(dir, 'expect.json');
execFileSync('python3', [path.join(here, 'gen-acct.py'), '--size', size, '--rate', 'gmail=22:1.5', '-o', file, '--expect', expectFile]);
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
const csvBytes = fs.statSync(file).size;
if (gz) execFileSync('gzip', ['-6', file]);
const chosen = gz ? `${file}.gz` : file;

const page = htmlFiles().find((f) => fs.readFileSync(path.join(publicDir, f), 'utf8').includes('id="acct"'));
if (!page) throw new Error(`no page with id="acct" in ${publicDir}: build the site first`);
const server = await serve();
const browser = await launch();
try {
  const { page: p } = await open(browser.context, `${server.origin}/${page.replace(/(^|\/)index\.html$/, '$1')}`, { origin: server.origin });
  await p.waitForSelector('#acct[data-acct-ready]', { timeout: 10000 });
  const started = Date.now();
  await p.setInputFiles('#acct input[data-acct-file]', chosen);
  await p.waitForFunction(() => document.querySelector('#acct [data-acct-severity]')?.getAttribute('data-severity'), null, { timeout: 600000 });
  const wall = (Date.now() - started) / 1000;
  const mbps = await p.getAttribute('#acct', 'data-acct-mbps');
  const gmail = await p.evaluate(() => [...document.querySelectorAll('#acct tr[data-isp=gmail] td')].map((c) => c.textContent));
  const bytes = fs.statSync(chosen).size;
  const want = expect.isps.gmail;
  const ok = gmail.slice(1, 4).join(',') === [want.delivered, want.deferred, want.bounced].map((n) => n.toLocaleString('en')).join(',');
  console.log(`file      ${(bytes / 1e6).toFixed(0)} MB${gz ? ` gzipped (${(csvBytes / 1e6).toFixed(0)} MB unpacked)` : ''}, ${expect.records} records`);
  console.log(`speed     ${mbps} MB/s of the file measured by the page (worker read + wasm), ${(bytes / 1e6 / wall).toFixed(0)} MB/s from setInputFiles to the table`);
  if (gz) console.log(`unpacked  ${(csvBytes / 1e6 / wall).toFixed(0)} MB/s of CSV from setInputFiles to the table`);
  console.log(`load      ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]} on ${os.cpus().length} cores`);
  console.log(`gmail     ${gmail.join(' | ')}`);
  console.log(`counts    ${ok ? 'match the generator' : 'DIFFER from the generator'}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
