// Reads a PowerMTA accounting file in chunks (File.slice, or the browser's gzip
// DecompressionStream for a gzipped file) off the main thread and feeds
// them to the Rust reader (AcctSession, compiled to WebAssembly). Posts progress, then the
// report and the report-email inputs as JSON. Nothing leaves the browser. A file that
// ends early (a cut-off or damaged gzip file, bytes after its first gzip part, a failed
// read) is still reported: the rows read so far, marked truncated, with a warning.
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
      for (let at = 0; at !== null;) at = await gzipMember(file, at, session, tick);
    } else {
      for (let offset = 0; offset < file.size; offset += CHUNK) {
        let bytes;
        try {
          bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
        } catch (e) {
          if (!offset) throw e;
          session.endedEarly(`reading failed (${message(e)})`);
          break;
        }
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

const message = (e) => String((e && e.message) || e);

/** Compressed bytes given to the browser's gzip reader at a time (smaller pieces are slower). */
const GZIP_PIECE = 256 << 10;
/** Piece size when a piece that met foreign bytes is written again, before single bytes. */
const GZIP_RETRY_STEP = 512;

/**
 * Unpacks the gzip member that starts at byte `start` of `file` into `session`; returns
 * where the next member starts, or null at the end (or when the data ends early: then
 * the session is told why).
 *
 * The browser's DecompressionStream reads one member and fails on any byte after it
 * ("Junk found"), dropping what it unpacked in that same write. So the bytes are written
 * in pieces that also end wherever a gzip header (1f 8b 08) could start: when a joined
 * file's next member starts there, the failing write holds none of this member's data,
 * and the next member is read with a new stream. The output is read as it comes (the
 * stream holds at most one write's worth). When bytes that are not gzip follow the data,
 * the member is read again, skipping the `retry.skip` bytes already given to the session,
 * with the bytes `retry.from` to `retry.to` that failed written `retry.step` at a time (512,
 * then single bytes), so that in the end only the foreign bytes fail and no row is lost.
 */
async function gzipMember(file, start, session, tick, retry = null) {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let out = 0;
  const pump = (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const skip = Math.min(r.value.length, Math.max(0, (retry?.skip ?? 0) - out));
      out += r.value.length;
      if (skip < r.value.length) session.push(r.value.subarray(skip));
    }
  })().catch(() => {});
  const fail = async (why) => {
    await pump;
    session.endedEarly(why);
    return null;
  };
  let at = start;
  try {
    while (at < file.size) {
      let bytes = new Uint8Array(await file.slice(at, at + GZIP_PIECE).arrayBuffer());
      // A header cut by the slice's end goes whole into the next slice.
      const n = bytes.length;
      if (at + n < file.size) bytes = bytes.subarray(0, n - (bytes[n - 1] === 0x1f ? 1 : bytes[n - 2] === 0x1f && bytes[n - 1] === 0x8b ? 2 : 0));
      for (const [from, to] of pieces(bytes)) {
        for (let i = from, j; i < to; i = j) {
          j = writeEnd(at, i, to, retry);
          try {
            await writer.write(bytes.subarray(i, j));
          } catch (e) {
            if (!/junk/i.test(message(e))) return fail(`the gzip data is damaged (${message(e)})`);
            await pump;
            // The member ended exactly here: a joined file's next member starts.
            if (i === from && isHeader(bytes, i)) return at + i;
            if (j - i === 1) return fail('bytes that are not gzip follow the gzip data');
            const step = j - i > GZIP_RETRY_STEP ? GZIP_RETRY_STEP : 1;
            const skip = Math.max(out, retry?.skip ?? 0);
            return gzipMember(file, start, session, tick, { from: at + i, to: at + j, step, skip });
          }
        }
        tick(at + to);
      }
      at += bytes.length;
    }
    await writer.close();
  } catch (e) {
    return fail(`the gzip data is cut off or damaged (${message(e)})`);
  }
  await pump;
  return null;
}

/**
 * Where a write that starts at `bytes[i]` (file offset `at + i`) ends, in a piece ending at
 * `to`: the whole piece, except on a retry, where the bytes `retry.from` to `retry.to` go
 * `retry.step` at a time.
 */
function writeEnd(at, i, to, retry) {
  if (!retry || at + i >= retry.to) return to;
  if (at + i < retry.from) return Math.min(to, retry.from - at);
  return Math.min(to, i + retry.step);
}

/** `1f 8b 08`: where a gzip member may start. */
const isHeader = (b, i) => b[i] === 0x1f && b[i + 1] === 0x8b && b[i + 2] === 0x08;

/** [from, to) pieces of `bytes`, cut before every possible gzip header. */
function pieces(bytes) {
  const cuts = [0];
  for (let i = 1; i + 2 < bytes.length; i++) if (isHeader(bytes, i)) cuts.push(i);
  cuts.push(bytes.length);
  return cuts.slice(1).map((to, k) => [cuts[k], to]);
}
