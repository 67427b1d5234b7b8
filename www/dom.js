// What the widget's modules share: building elements, loading a wasm-bindgen module,
// the classifier's display names, and local times. diagnose.js and acct.js import this module, and
// the accounting worker too, from the content-hashed URL the page gives them
// (data-dom), never by a plain name.

/** Element builder; strings become text nodes, never markup. */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/**
 * Imports the wasm-bindgen glue from `glue` and instantiates the wasm from `wasm` (both
 * content-hashed URLs given by the page); returns the glue's exports.
 */
export async function loadWasm({ glue, wasm }) {
  if (!glue || !wasm) throw new Error('the page gives no glue or wasm URL');
  const mod = await import(glue);
  await mod.default({ module_or_path: wasm });
  return mod;
}

/**
 * The classifier's display names from the widget's wasm (`labels()`: `{category, isp,
 * blocklist}`, each keyed by the JSON value); `name(kind, value)` gives one, or the value
 * itself if the wasm has no name for it.
 */
export function names(widget) {
  const labels = JSON.parse(widget.labels());
  return (kind, value) => labels[kind]?.[value] ?? value;
}

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
export const pad = (n) => String(n).padStart(2, '0');

/** `2026-09-21 16:20`: date `d` in the reader's time zone. */
export const localMinute = (d) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** `Europe/Tallinn, UTC+02:00` for the local zone at date `d`. */
export function zoneName(d) {
  const off = Number.isNaN(d.getTime()) ? 0 : -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const utc = `UTC${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return ZONE && ZONE !== 'UTC' ? `${ZONE}, ${utc}` : utc;
}
