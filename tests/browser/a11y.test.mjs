// axe-core on every page of the built site, in light and dark colour schemes and at
// phone and desktop widths: no violations of WCAG 2.0/2.1/2.2 A and AA (contrast
// included) or of axe's best practices.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, open, htmlFiles, publicDir } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const pages = fs.existsSync(publicDir) ? htmlFiles() : [];
const urlOf = (rel) => '/' + rel.replace(/(^|\/)index\.html$/, '$1');

const RUNS = [
  { name: 'light 1280', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  { name: 'dark 1280', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
  { name: 'light 360', viewport: { width: 360, height: 740 }, colorScheme: 'light' },
  { name: 'dark 360', viewport: { width: 360, height: 740 }, colorScheme: 'dark' },
];

test('axe-core finds no violations on any page', async (t) => {
  assert.ok(pages.length >= 8, `expected the built site in ${publicDir}`);
  const server = await serve();
  const browser = await launch();
  try {
    for (const rel of pages) {
      for (const run of RUNS) {
        await t.test(`${rel} (${run.name})`, async () => {
          const { page } = await open(browser.context, `${server.origin}${urlOf(rel)}`, { viewport: run.viewport });
          try {
            await page.emulateMedia({ colorScheme: run.colorScheme });
            // axe is injected through the DevTools protocol: the page's CSP does not apply.
            await page.evaluate(axeSource);
            const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
            const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ')).join('\n    ')}`);
            assert.deepEqual(violations, []);
          } finally {
            await page.close();
          }
        });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
