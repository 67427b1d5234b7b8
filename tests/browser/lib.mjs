// Shared harness of the browser tests: serves a built site from disk on 127.0.0.1 and
// launches Debian's headless Chromium through playwright-core (never a downloaded
// browser). Every test file imports from here.
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built site under test: $GUIDE_PUBLIC or <repo>/public (built by .ci/test). */
export const publicDir = process.env.GUIDE_PUBLIC || path.join(repoRoot, 'public');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dir` as a static host would (clean URLs -> index.html, 404.html on a miss).
 * `log`, if given, gets the path of every request (the page's, its workers' and
 * preloads alike).
 */
export function serve(dir = publicDir, { headers = {}, log = null } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    log?.push(url.pathname);
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!fs.existsSync(file)) { status = 404; file = path.join(dir, '404.html'); }
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    res.writeHead(status, { 'content-type': type, ...headers });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/**
 * Launches headless Chromium with the flags a root, offline CI machine needs (no sandbox, no background networking, a fresh profile). `options`
 * go to the browser context (e.g. `{ javaScriptEnabled: false }`).
 */
export async function launch(options = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...options,
  });
  return {
    context,
    async close() { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); },
  };
}

/**
 * Opens `url` in a new page and records console errors, page errors, every response
 * with a status >= 400 and every request that leaves `origin`. `setup(page)`, if given,
 * runs before the navigation (routes, response waits).
 */
export async function open(context, url, { origin, viewport, setup } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems = { consoleErrors: [], pageErrors: [], failedResponses: [], foreignRequests: [] };
  page.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) problems.failedResponses.push(`${r.status()} ${r.url()}`); });
  page.on('request', (r) => {
    const u = r.url();
    if (origin && !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.foreignRequests.push(u);
  });
  await setup?.(page);
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

/** No page error, no console error, no request that left the origin. */
export function assertClean(problems) {
  assert.deepEqual(problems.pageErrors, [], 'page errors');
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
  assert.deepEqual(problems.foreignRequests, [], 'requests that left the origin');
}

/** The URL path of a built HTML file (`a/index.html` -> `/a/`). */
export const urlOf = (rel) => '/' + rel.replace(/(^|\/)index\.html$/, '$1');

/**
 * The first built page whose HTML holds `marker` (e.g. `id="diagnose"`): `{ file, html,
 * url }` (file relative to the site, url a path); fails with a hint to build the site
 * when there is none.
 */
export function pageWith(marker) {
  for (const file of htmlFiles()) {
    const html = fs.readFileSync(path.join(publicDir, file), 'utf8');
    if (html.includes(marker)) return { file, html, url: urlOf(file) };
  }
  assert.fail(`no page with ${marker} in ${publicDir}: build the site first (.ci/build-site)`);
}

/** The axe rule tags every accessibility check runs: WCAG 2.0-2.2 A and AA, best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
let axeSource = null;

/**
 * Injects axe-core (through DevTools: the page's CSP does not apply) and lists the
 * violations of `AXE_TAGS` in `selector`, one line each.
 */
export async function axeViolations(page, selector = 'html') {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(([sel, tags]) => window.axe.run(sel, { runOnly: { type: 'tag', values: tags } }), [selector, AXE_TAGS]);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${(n.failureSummary || '').replace(/\s+/g, ' ')}`).join('\n    ')}`);
}

/** Lists the HTML files of the built site, relative to `dir`. */
export function htmlFiles(dir = publicDir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else if (e.name.endsWith('.html')) out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
