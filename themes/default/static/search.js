// Site search: full text, as you type. The box is rendered `hidden` and only revealed
// here, so it is absent without JavaScript. The reader (search-index.js, by the
// content-hashed URL in data-engine) and the index's entry file (data-index) are loaded
// on first use; a query then loads only the index chunks of its words and the
// fragments of the results shown. Nothing leaves the site. Result text is page text,
// always set through textContent.

const MAX = 8;
/** Words that look like a bounce code: 550, 5.7.26, 5726, S3150. */
const BOUNCE_CODE = /^(?:[245]\d\d|[245]\.\d{1,3}\.\d{1,3}|[245]\d{3,4}|s\d{4})$/i;

const box = document.querySelector('.search[data-index][data-engine]');
if (box && window.fetch && window.DecompressionStream) start(box);

function start(box) {
  const input = box.querySelector('input');
  const list = box.querySelector('.search-results');
  const status = box.querySelector('[aria-live]');
  let opening = null;
  let shown = 0;

  const open = () => {
    opening ??= import(box.dataset.engine)
      .then((engine) => engine.SearchIndex.open(new URL(box.dataset.index, location.href).href).then((index) => ({ engine, index })));
    opening.catch(() => { opening = null; });
    return opening;
  };

  const update = async (event) => {
    const query = input.value;
    const turn = ++shown;
    const typed = event?.timeStamp ?? performance.now();
    if (!query.trim()) { clear(list); list.hidden = true; delete list.dataset.query; status.textContent = ''; return; }
    try {
      const { engine, index } = await open();
      const found = await index.search(query);
      const top = found.hits.slice(0, MAX);
      const fragments = await Promise.all(top.map((hit) => index.fragment(hit.doc)));
      if (turn !== shown) return;
      draw(query, found, top.map((hit, i) => result(engine, hit, fragments[i], found.keys)));
      // From the keystroke to the results on screen (read by tests/browser/bench-search.mjs).
      performance.measure('search-results', { start: typed, end: performance.now() });
    } catch {
      if (turn !== shown) return;
      draw(query, { total: 0 }, [], 'Search is not available right now');
    }
  };

  function draw(query, found, items, failure) {
    clear(list);
    const offer = diagnoseOffer(query);
    if (offer) list.append(offer);
    items.forEach((item) => list.append(item));
    if (!items.length) list.append(h('li', { className: 'none' }, failure || 'No match'));
    list.hidden = false;
    list.dataset.query = query;
    const count = found.total === 1 ? '1 page' : `${found.total} pages`;
    status.textContent = failure || (found.total ? `${count} found${found.total > MAX ? `, the first ${MAX} shown` : ''}` : 'No match');
  }

  function diagnoseOffer(query) {
    const target = document.getElementById('diagnose') ? '#diagnose' : box.dataset.diagnose;
    if (!target || !query.split(/\s+/).some((w) => BOUNCE_CODE.test(w.replace(/^\W+|\W+$/g, '')))) return null;
    return h('li', { className: 'offer' }, h('a', { href: target },
      h('span', { className: 'title' }, 'Diagnose this bounce'),
      h('span', { className: 'excerpt' }, 'Paste the whole bounce message into the self-diagnosis widget: it gives the severity and what to send us.')));
  }

  input.addEventListener('input', update);
  input.addEventListener('focus', () => { open(); if (input.value.trim() && list.hidden) update(); });
  box.addEventListener('keydown', (e) => {
    const links = [...list.querySelectorAll('a')];
    const at = links.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && links.length) {
      e.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (e.key === 'ArrowUp' && links.length) {
      e.preventDefault();
      if (at <= 0) input.focus(); else links[at - 1].focus();
    } else if (e.key === 'Escape') {
      input.value = '';
      update();
      input.focus();
    }
  });
  document.addEventListener('click', (e) => { if (!box.contains(e.target)) list.hidden = true; });
  box.hidden = false;
}

/** One result: the page title, the section the match is in, an excerpt with the matches marked. */
function result(engine, hit, fragment, keys) {
  const [id, heading, text] = fragment.s[hit.section] || fragment.s[0] || ['', '', ''];
  const href = id ? `${fragment.u}#${id}` : fragment.u;
  const source = text || fragment.d;
  const excerpt = h('span', { className: 'excerpt' });
  for (const piece of engine.excerpt(source, keys)) {
    excerpt.append(piece.mark ? h('mark', {}, piece.text) : piece.text);
  }
  return h('li', {}, h('a', { href },
    h('span', { className: 'title' }, fragment.t || fragment.u),
    heading ? h('span', { className: 'in' }, heading) : '',
    excerpt));
}

/** An element with properties and children (strings become text nodes). */
function h(tag, props, ...children) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}
