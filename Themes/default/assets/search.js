// Search on a static site: loads this language's index (search/index.json, with the kinds' names)
// and its shards side by side (the page names them in data-shards), splits the query into words with Intl.Segmenter (Lao, Khmer, Burmese
// and Thai write no spaces between words), and lists the entries whose text holds every word,
// titles first. No server, no library.
(function () {
  'use strict';
  var input = document.getElementById('search-query');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  if (!input || !list || !status || !window.fetch) return;
  var lang = input.getAttribute('data-lang') || 'en';
  var index = null;
  var requested = performance.now();
  var base = new URL(input.getAttribute('data-index'), location.href);
  function json(url) { return fetch(url).then(function (r) { return r.json(); }); }
  // The page names the shards, so they are asked for with the index, not after it.
  var named = (input.getAttribute('data-shards') || '').split(' ').filter(Boolean);
  var manifest = json(base);
  var names = named.length ? Promise.resolve(named) : manifest.then(function (m) { return m.shards; });
  var shards = names.then(function (list) {
    return Promise.all(list.map(function (shard) { return json(new URL(shard, base)); }));
  });
  var loading = Promise.all([manifest, shards]).then(function (both) {
    index = { kinds: both[0].kinds, entries: [].concat.apply([], both[1]) };
    window.citysdgIndexMilliseconds = performance.now() - requested;
  });
  // Equal scores: cities first, then projects, countries, programmes, pages, goals and targets; then by title.
  var order = ['city', 'project', 'country', 'programme', 'page', 'goal', 'target'];
  function rank(e) { var r = order.indexOf(e[0]); return r === -1 ? order.length : r; }

  // The same folding as the index: lower case, Latin accents dropped, other scripts' marks kept.
  function fold(text) {
    return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  }

  function words(query) {
    var folded = fold(query).trim();
    if (!folded) return [];
    if (window.Intl && Intl.Segmenter) {
      var out = [];
      var segments = new Intl.Segmenter(lang, { granularity: 'word' }).segment(folded);
      for (var s of segments) if (s.isWordLike) out.push(s.segment);
      if (out.length) return out;
    }
    return folded.split(/\s+/);
  }

  function plural(n) {
    var rule = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang).select(n) : (n === 1 ? 'one' : 'other');
    var text = (rule === 'one' && status.getAttribute('data-one')) || status.getAttribute('data-other');
    return text.replace('{n}', n.toLocaleString(lang));
  }

  function search() {
    var query = input.value;
    var terms = words(query);
    list.textContent = '';
    if (!terms.length) return;
    var started = performance.now();
    var found = [];
    for (var i = 0; i < index.entries.length; i++) {
      var e = index.entries[i];
      var text = e[4], all = true;
      for (var t = 0; t < terms.length && all; t++) all = text.indexOf(terms[t]) !== -1;
      if (!all) continue;
      var title = fold(e[1]), score = 0;
      for (var k = 0; k < terms.length; k++) if (title.indexOf(terms[k]) !== -1) score += 10;
      // A title may hold more than one name (a city in its script, then in Latin letters): the
      // query that is one of them whole comes first, then one that a name starts with.
      var names = title.split(' · '), whole = terms.join(' ');
      if (names.some(function (n) { return n === whole; })) score += 20;
      else if (names.some(function (n) { return n.indexOf(terms[0]) === 0; })) score += 5;
      found.push([score, i]);
    }
    found.sort(function (a, b) {
      var x = index.entries[a[1]], y = index.entries[b[1]];
      return b[0] - a[0] || rank(x) - rank(y) || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0);
    });
    var fragment = document.createDocumentFragment();
    found.slice(0, 50).forEach(function (hit) {
      var e = index.entries[hit[1]];
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = new URL(e[2], base).href;
      link.textContent = e[1];
      var kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = index.kinds[e[0]] || e[0];
      var snippet = document.createElement('p');
      snippet.textContent = e[3];
      item.appendChild(link);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(kind);
      if (e[3]) item.appendChild(snippet);
      fragment.appendChild(item);
    });
    list.appendChild(fragment);
    status.textContent = found.length ? plural(found.length) : status.getAttribute('data-none');
    window.citysdgSearchMilliseconds = performance.now() - started;
    var url = new URL(location.href);
    url.searchParams.set('q', query);
    history.replaceState(null, '', url);
  }

  input.addEventListener('input', function () { loading.then(search); });
  input.form.addEventListener('submit', function (event) { event.preventDefault(); loading.then(search); });
  // Arrow keys move from the box through the results and back.
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    var links = Array.prototype.slice.call(list.querySelectorAll('a'));
    var at = links.indexOf(document.activeElement);
    if (document.activeElement !== input && at === -1) return;
    event.preventDefault();
    var next = event.key === 'ArrowDown' ? at + 1 : at - 1;
    if (next < 0) input.focus(); else if (next < links.length) links[next].focus();
  });
  var initial = new URL(location.href).searchParams.get('q');
  if (initial) { input.value = initial; loading.then(search); }
})();
