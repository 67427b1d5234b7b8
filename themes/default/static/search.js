// Site search: reads the build's search-index.json ([{t, u, d, h: [[heading, url]]}]) on
// first use and lists matching pages and headings as the reader types. Offline, no
// external service. The search box is rendered `hidden` and only revealed here, so it is
// absent without JavaScript.
(function () {
  'use strict';
  var box = document.querySelector('.search[data-index]');
  if (!box || !window.fetch) return;
  var input = box.querySelector('input');
  var list = box.querySelector('.search-results');
  var status = box.querySelector('#search-status');
  var index = null;
  var loading = null;
  var MAX = 8;

  function load() {
    if (!loading) {
      loading = fetch(box.getAttribute('data-index'))
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; })
        .then(function (data) { index = (Array.isArray(data) ? data : []).map(prepare); });
    }
    return loading;
  }

  // Normalised once when the index loads, not on every keystroke.
  function prepare(p) {
    var title = norm(p.t);
    return {
      text: p.t, url: p.u, title: title, titleDesc: title + ' ' + norm(p.d),
      heads: (p.h || []).map(function (h) {
        var head = norm(h[0]);
        return { text: h[0], url: h[1], head: head, titleHead: title + ' ' + head };
      })
    };
  }

  function norm(s) {
    return String(s || '').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u2010-\u2015]/g, '-');
  }

  function allIn(terms, text) {
    for (var i = 0; i < terms.length; i++) if (text.indexOf(terms[i]) < 0) return false;
    return true;
  }

  // Scores: a page whose title holds every term ranks first, then headings, then
  // descriptions, then headings whose page title holds the rest of the terms.
  function find(q) {
    var terms = norm(q).split(/\s+/).filter(Boolean);
    if (!terms.length || !index) return [];
    var out = [];
    index.forEach(function (p) {
      var inTitle = allIn(terms, p.title);
      if (inTitle) out.push({ s: 3, text: p.text, url: p.url });
      else if (allIn(terms, p.titleDesc)) out.push({ s: 1, text: p.text, url: p.url });
      p.heads.forEach(function (h) {
        if (allIn(terms, h.head)) out.push({ s: 2, text: h.text, url: h.url, page: p.text });
        // Terms split between the page title and a heading ("gmail codes"); not when
        // the title alone matches, or every heading of that page would be listed.
        else if (!inTitle && allIn(terms, h.titleHead)) out.push({ s: 0.5, text: h.text, url: h.url, page: p.text });
      });
    });
    out.sort(function (a, b) { return b.s - a.s; });
    return out.slice(0, MAX);
  }

  function render(q) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!q.trim()) { list.hidden = true; status.textContent = ''; return; }
    var hits = find(q);
    hits.forEach(function (h) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = h.url;
      a.textContent = h.text;
      if (h.page) {
        var inPage = document.createElement('span');
        inPage.className = 'in';
        inPage.textContent = 'in ' + h.page;
        a.appendChild(inPage);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    if (!hits.length) {
      var none = document.createElement('li');
      none.className = 'none';
      none.textContent = 'No match';
      list.appendChild(none);
    }
    list.hidden = false;
    status.textContent = hits.length ? hits.length + (hits.length === 1 ? ' result' : ' results') : 'No match';
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }

  input.addEventListener('input', function () {
    var q = input.value;
    if (index) render(q); else load().then(function () { render(input.value); });
  });
  input.addEventListener('focus', load);
  box.addEventListener('keydown', function (e) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && all.length) {
      e.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (e.key === 'ArrowUp' && all.length) {
      e.preventDefault();
      if (at <= 0) input.focus(); else all[at - 1].focus();
    } else if (e.key === 'Escape') {
      input.value = '';
      render('');
      input.focus();
    }
  });
  document.addEventListener('click', function (e) {
    if (!box.contains(e.target)) list.hidden = true;
  });
  box.hidden = false;
}());
