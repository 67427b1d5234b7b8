// Reads a PowerMTA accounting file in chunks (File.slice, or the browser's gzip
// DecompressionStream for a gzipped file) off the main thread and feeds
// them to the Rust reader (AcctSession, compiled to WebAssembly). Posts progress, then the
// report and the report-email inputs as JSON. Nothing leaves the browser.
// The reader's glue and wasm, and the shared dom.js that loads them, come from the
// content-hashed URLs that acct.js posts with the file ({ file, reader: { glue, wasm,
// dom } }), never from plain names.

const CHUNK = 4 << 20;

self.onmessage = async (event) => {
  const { file, reader } = event.data;
  try {
    self.postMessage(await analyse(file, (p) => self.postMessage(p), reader));
  } catch (e) {
    self.postMessage({ type: 'error', message: String((e && e.message) || e) });
  }
};

/**
 * Loads the reader's glue (`reader.glue`) and wasm (`reader.wasm`) once, through the
 * shared module's loadWasm (`reader.dom`); the URLs are the page's content-hashed ones.
 */
let loaded = null;
function loadReader(reader) {
  if (!reader || !reader.glue || !reader.wasm || !reader.dom) return Promise.reject(new Error('no reader URLs given'));
  loaded ??= import(reader.dom).then(({ loadWasm }) => loadWasm(reader)).catch((e) => {
    loaded = null;
    throw e;
  });
  return loaded;
}

/** Shared with the main-thread fallback of acct.js. */
export async function analyse(file, progress, reader) {
  const { AcctSession } = await loadReader(reader);
  const session = new AcctSession();
  const started = performance.now();
  try {
    let last = 0;
    const tick = (stored) => {
      const now = performance.now();
      if (now - last > 100) {
        last = now;
        progress({ type: 'progress', bytes: stored, size: file.size, records: session.records() });
      }
    };
    const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
    if (head[0] === 0x1f && head[1] === 0x8b) {
      // A gzipped (rotated) file: unpacked on the way by the browser, still in chunks.
      if (typeof DecompressionStream === 'undefined') throw new Error('this browser cannot unpack gzip files; unpack it first');
      let stored = 0;
      const counted = new TransformStream({ transform(chunk, out) { stored += chunk.length; out.enqueue(chunk); } });
      const unpacked = file.stream().pipeThrough(counted).pipeThrough(new DecompressionStream('gzip')).getReader();
      for (;;) {
        let chunk;
        try {
          chunk = await unpacked.read();
        } catch (e) {
          // The browser unpacks one gzip member only ("Junk found after end of compressed data").
          if (/junk/i.test(String(e && e.message))) throw new Error('this gzip file holds several compressed files joined together; unpack it (gunzip) and choose the CSV, or use guide classify --acct');
          throw e;
        }
        if (chunk.done) break;
        session.push(chunk.value);
        tick(stored);
      }
    } else {
      for (let offset = 0; offset < file.size; offset += CHUNK) {
        const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
        session.push(bytes);
        tick(offset + bytes.length);
      }
    }
    const report = session.finish();
    const inputs = session.emailInputs();
    return { type: 'done', report, inputs, ms: performance.now() - started, size: file.size };
  } finally {
    session.free();
  }
}
