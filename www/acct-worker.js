// Reads a PowerMTA accounting file in chunks (File.slice) off the main thread and feeds
// them to the Rust reader (AcctSession, compiled to WebAssembly). Posts progress, then the
// report and the report-email inputs as JSON. Nothing leaves the browser.
import init, { AcctSession } from './pkg/acct.js';

const CHUNK = 4 << 20;

self.onmessage = async (event) => {
  const { file } = event.data;
  try {
    self.postMessage(await analyse(file, (p) => self.postMessage(p)));
  } catch (e) {
    self.postMessage({ type: 'error', message: String((e && e.message) || e) });
  }
};

/** Shared with the main-thread fallback of acct.js. */
export async function analyse(file, progress) {
  await init();
  const session = new AcctSession();
  const started = performance.now();
  try {
    let last = 0;
    for (let offset = 0; offset < file.size; offset += CHUNK) {
      const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
      session.push(bytes);
      const now = performance.now();
      if (now - last > 100) {
        last = now;
        progress({ type: 'progress', bytes: offset + bytes.length, size: file.size, records: session.records() });
      }
    }
    const report = session.finish();
    const inputs = session.emailInputs();
    return { type: 'done', report, inputs, ms: performance.now() - started, size: file.size };
  } finally {
    session.free();
  }
}
