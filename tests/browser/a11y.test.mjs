// axe-core on every page of the built site, in light and dark colour schemes and at
// phone and desktop widths: no violations of WCAG 2.0/2.1/2.2 A and AA (contrast
// included) or of axe's best practices.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, open, htmlFiles, publicDir, urlOf, axeViolations } from './lib.mjs';

const pages = fs.existsSync(publicDir) ? htmlFiles() : [];

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
            assert.deepEqual(await axeViolations(page), []);
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
