import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, open, assertClean, publicDir } from './lib.mjs';

test('the built home page loads in Chromium without errors or foreign requests', async () => {
  assert.ok(fs.existsSync(path.join(publicDir, 'index.html')), `no site built in ${publicDir}`);
  const server = await serve();
  const browser = await launch();
  try {
    const { page, problems } = await open(browser.context, `${server.origin}/`, { origin: server.origin });
    assert.ok((await page.title()).length > 0);
    assertClean(problems);
  } finally {
    await browser.close();
    await server.close();
  }
});
