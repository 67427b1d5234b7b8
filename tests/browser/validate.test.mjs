// Every built HTML page validates with html-validate (its recommended rule set), and
// holds no inline script, style attribute or inline event handler (the theme's CSP
// forbids them).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { publicDir, htmlFiles } from './lib.mjs';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Long lines of HTML and the generator's formatting are not errors.
    'no-trailing-whitespace': 'off',
    // Bounce examples quote real replies verbatim, including their own quotes.
    'no-raw-characters': ['error', { relaxed: true }],
    // Phone numbers stay on one line by CSS (a[href^="tel:"] { white-space: nowrap }), so
    // the number in the text remains the plain, copyable, searchable one from the data.
    'tel-non-breaking': 'off',
  },
});

const pages = fs.existsSync(publicDir) ? htmlFiles() : [];

/** The theme's policy (themes/default/README.md): own files only, wasm for the widget's module. */
const CSP = {
  'default-src': "'self'", 'script-src': "'self' 'wasm-unsafe-eval'", 'style-src': "'self'", 'img-src': "'self' data:",
  'connect-src': "'self'", 'object-src': "'none'", 'base-uri': "'self'", 'form-action': "'self'",
};

// The one exemption: WCAG technique H32 ("forms have a submit button") does not apply to
// the self-diagnosis form, which is live (classified as you type, nothing is submitted;
// www/diagnose.js prevents submission). Only that form, found by its hook, is exempt.
function liveForm(m, lines) {
  return m.ruleId === 'wcag/h32' && /<form\b[^>]*\bdata-dg-form\b/.test(lines[m.line - 1] || '');
}

test('a built site exists', () => {
  assert.ok(pages.length >= 8, `expected the built site in ${publicDir}, found ${pages.length} pages`);
});

for (const rel of pages) {
  test(`html-validate: ${rel}`, async () => {
    const html = fs.readFileSync(path.join(publicDir, rel), 'utf8');
    const report = await validator.validateString(html, rel);
    const lines = html.split('\n');
    const messages = report.results.flatMap((r) => r.messages)
      .filter((m) => !liveForm(m, lines))
      .map((m) => `${rel}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    assert.deepEqual(messages, []);
  });

  test(`CSP-safe markup: ${rel}`, () => {
    const html = fs.readFileSync(path.join(publicDir, rel), 'utf8');
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      const [, attrs, body] = m;
      const json = /type="application\/json"/.test(attrs);
      assert.ok(json || /\bsrc=/.test(attrs), `${rel}: inline script ${attrs}`);
      if (!json) assert.equal(body.trim(), '', `${rel}: script with both src and a body`);
    }
    assert.doesNotMatch(html, /\sstyle\s*=/i, `${rel}: style attribute`);
    assert.doesNotMatch(html, /<style[\s>]/i, `${rel}: <style> element`);
    assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i, `${rel}: inline event handler`);
    // The whole policy, not just its start: an added 'unsafe-inline' or a foreign host fails.
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert.ok(csp, `${rel}: no Content-Security-Policy meta tag`);
    const policy = Object.fromEntries(csp[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    assert.deepEqual(policy, CSP, `${rel}: Content-Security-Policy`);
  });
}
