// The browser editor of `citysdg serve --edit`. Every form is made from the field list the
// server sends (FrontMatterSchema.swift): no field is written here. Values travel as the text
// the file holds ("11.7", "90313", "true"), so what the form did not touch is saved unchanged.
(function () {
  'use strict';
  var base = '/__citysdg/edit/';
  var site = null, lang = 'en', doc = null, values = {}, uid = 0, checkTimer = null, previewTimer = null, checkSeq = 0;
  // Which of the site's lists a slug field picks from, by the field's name (the field list types them all `slug`).
  var slugLists = { city: 'cities', programme: 'programmes', programmes: 'programmes' };

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'class') e.className = attrs[k]; else if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function t(key, n) {
    var s = (site && ((site.strings[lang] || {})[key] || (site.strings[site.languages[0]] || {})[key])) || key;
    return n === undefined ? s : s.replace('{n}', String(n));
  }
  function api(method, name, body) {
    return fetch(base + name, {
      method: method, credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) { return r.json().then(function (j) { j._status = r.status; return j; }); });
  }
  function label(name) {
    var own = site.strings[lang] && site.strings[lang]['editor_field_' + name];
    if (own) return own;
    var s = name.replace(/_/g, ' ');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  function nextId(prefix) { uid += 1; return prefix + '-' + uid; }

  // ---- values, by path ("expectations/0/stage") ----
  function getAt(path) {
    return path.split('/').reduce(function (v, k) { return v === undefined || v === null ? undefined : v[k]; }, values);
  }
  function setAt(path, value) {
    var keys = path.split('/'), v = values;
    for (var i = 0; i < keys.length - 1; i++) {
      if (v[keys[i]] === undefined || v[keys[i]] === null || typeof v[keys[i]] !== 'object') v[keys[i]] = /^\d+$/.test(keys[i + 1]) ? [] : {};
      v = v[keys[i]];
    }
    v[keys[keys.length - 1]] = value;
    changed();
  }
  function asText(v) { return v === undefined || v === null ? '' : (typeof v === 'object' ? '' : String(v)); }

  // ---- the interface's words ----
  function translate() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-t]').forEach(function (e) { e.textContent = t(e.getAttribute('data-t')); });
    $('page-frame').title = t('editor_page_preview');
  }

  // ---- fields ----
  function help(field, input, box) {
    if (!field.help) return;
    var id = nextId('help');
    box.appendChild(el('p', { 'class': 'help', id: id }, field.help));
    describe(input, id);
  }
  function describe(input, id) {
    var now = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    if (now.indexOf(id) < 0) now.push(id);
    input.setAttribute('aria-describedby', now.join(' '));
  }
  function textInput(path, kind, id) {
    var input = el('input', { id: id, type: kind === 'url' ? 'url' : 'text', 'data-path': path, autocomplete: 'off' });
    if (['integer', 'number', 'decimal', 'year', 'source'].indexOf(kind) >= 0) input.setAttribute('inputmode', 'decimal');
    if (kind === 'date') input.setAttribute('placeholder', 'YYYY-MM-DD');
    if (kind === 'target') input.setAttribute('list', 'targets-list');
    if (kind === 'indicator') input.setAttribute('list', 'indicators-list');
    input.value = asText(getAt(path));
    input.addEventListener('input', function () { setAt(path, input.value); });
    return input;
  }
  function scalarInput(path, type, id, name) {
    var kind = type.kind, input;
    if (kind === 'choice' || kind === 'country' || (kind === 'slug' && slugLists[name])) {
      input = el('select', { id: id, 'data-path': path });
      input.appendChild(el('option', { value: '' }, t('editor_choose')));
      var options = kind === 'choice' ? type.choices.map(function (c) { return [c, c]; })
        : kind === 'country' ? site.countries.map(function (c) { return [c.code, c.code + ' — ' + c.title]; })
        : site[slugLists[name]].map(function (c) { return [c.slug, c.title + ' (' + c.slug + ')']; });
      var now = asText(getAt(path));
      if (now && !options.some(function (o) { return o[0] === now; })) options.push([now, now]);
      options.forEach(function (o) { input.appendChild(el('option', { value: o[0] }, o[1])); });
      input.value = now;
      input.addEventListener('change', function () { setAt(path, input.value); });
      return input;
    }
    if (kind === 'boolean') {
      input = el('input', { id: id, type: 'checkbox', 'data-path': path });
      var was = asText(getAt(path));
      input.checked = was === 'true';
      input.addEventListener('change', function () { setAt(path, input.checked ? 'true' : (was === 'false' ? 'false' : '')); });
      return input;
    }
    if (kind === 'source') {
      // A source by its number and title, from the file's own `sources:` list as it is now.
      input = el('select', { id: id, 'data-path': path });
      var fill = function () {
        var now = asText(getAt(path));
        input.textContent = '';
        input.appendChild(el('option', { value: '' }, t('editor_choose')));
        (values.sources || []).forEach(function (s, i) {
          input.appendChild(el('option', { value: String(i + 1) }, (i + 1) + ' — ' + ((s && s.title) || '')));
        });
        if (now && !input.querySelector('option[value="' + now + '"]')) input.appendChild(el('option', { value: now }, now));
        input.value = now;
      };
      fill();
      input.addEventListener('focus', fill);
      input.addEventListener('change', function () { setAt(path, input.value); });
      return input;
    }
    if (kind === 'goal') {
      input = el('select', { id: id, 'data-path': path });
      input.appendChild(el('option', { value: '' }, t('editor_choose')));
      site.goals.forEach(function (g) { input.appendChild(el('option', { value: String(g.number) }, g.number + ' — ' + g.short)); });
      input.value = asText(getAt(path));
      input.addEventListener('change', function () { setAt(path, input.value); });
      return input;
    }
    return textInput(path, kind, id);
  }

  function field(field, path, box) {
    var type = field.type, id = nextId('f');
    var wrap = el('div', { 'class': 'field field-' + type.kind, 'data-field': path });
    box.appendChild(wrap);
    if (type.kind === 'list' && type.item.kind === 'object') return objectList(field, path, wrap);
    if (type.kind === 'object') return group(field, path, wrap, type.fields);
    if (type.kind === 'names') return names(field, path, wrap);
    if (type.kind === 'coordinates') return coordinates(field, path, wrap);
    if (type.kind === 'list' && type.item.kind === 'goal') return goalTiles(field, path, wrap);
    if (type.kind === 'list' && type.item.kind === 'slug' && slugLists[field.name]) return checkboxes(field, path, wrap);
    if (type.kind === 'list') return scalarList(field, path, wrap);
    var input = scalarInput(path, type, id, field.name);
    var l = el('label', { 'for': id }, label(field.name) + (field.required ? ' *' : ''));
    if (type.kind === 'boolean') { wrap.appendChild(input); wrap.appendChild(l); } else { wrap.appendChild(l); wrap.appendChild(input); }
    if (field.required) input.setAttribute('aria-required', 'true');
    help(field, input, wrap);
    original(path, wrap);
  }

  // For a translation: the original's words beside the field.
  function original(path, wrap) {
    if (!doc || !doc.original) return;
    var v = path.split('/').reduce(function (v, k) { return v === undefined || v === null ? undefined : v[k]; }, doc.original.frontMatter);
    if (path.match(/^expectations\/\d+\/expectation$/)) {
      var target = getAt(path.replace(/expectation$/, 'target'));
      var match = (doc.original.frontMatter.expectations || []).filter(function (e) { return e.target === target; })[0];
      v = match && match.expectation;
    }
    if (typeof v !== 'string' || !v) return;
    wrap.appendChild(el('p', { 'class': 'original', lang: site.languages[0] }, t('editor_original_says') + ' ' + v));
  }

  function fieldset(field, wrap) {
    var set = el('fieldset');
    set.appendChild(el('legend', {}, label(field.name) + (field.required ? ' *' : '')));
    if (field.help) set.appendChild(el('p', { 'class': 'help' }, field.help));
    wrap.appendChild(set);
    return set;
  }

  function group(field, path, wrap, fields) {
    var set = fieldset(field, wrap);
    fields.forEach(function (f) { window.citysdgField(f, path + '/' + f.name, set); });
  }

  function objectList(field, path, wrap) {
    var set = fieldset(field, wrap), list = el('div', { 'class': 'items' });
    set.appendChild(list);
    function draw() {
      list.textContent = '';
      var items = getAt(path) || [];
      items.forEach(function (item, i) {
        var box = el('fieldset', { 'class': 'item', 'data-field': path + '/' + i });
        box.appendChild(el('legend', {}, label(field.name) + ' ' + (i + 1)));
        field.type.item.fields.forEach(function (f) { window.citysdgField(f, path + '/' + i + '/' + f.name, box); });
        var remove = el('button', { type: 'button', 'class': 'remove' }, t('editor_remove') + ': ' + label(field.name) + ' ' + (i + 1));
        remove.addEventListener('click', function () {
          var now = getAt(path) || [];
          now.splice(i, 1);
          setAt(path, now);
          draw();
          add.focus();
        });
        box.appendChild(remove);
        list.appendChild(box);
      });
    }
    var add = el('button', { type: 'button', 'class': 'add' }, t('editor_add') + ': ' + label(field.name));
    add.addEventListener('click', function () {
      var now = getAt(path);
      if (!Array.isArray(now)) now = [];
      now.push({});
      setAt(path, now);
      draw();
      var inputs = list.lastChild.querySelectorAll('input, select, textarea');
      if (inputs.length) inputs[0].focus();
    });
    set.appendChild(add);
    draw();
  }

  function scalarList(field, path, wrap) {
    var set = fieldset(field, wrap), list = el('div', { 'class': 'items' });
    set.appendChild(list);
    function draw() {
      list.textContent = '';
      (getAt(path) || []).forEach(function (v, i) {
        var row = el('div', { 'class': 'row' }), id = nextId('f');
        row.appendChild(el('label', { 'for': id, 'class': 'row-label' }, label(field.name) + ' ' + (i + 1)));
        row.appendChild(scalarInput(path + '/' + i, field.type.item, id, field.name));
        var remove = el('button', { type: 'button', 'class': 'remove' }, t('editor_remove') + ': ' + (i + 1));
        remove.addEventListener('click', function () { var now = getAt(path); now.splice(i, 1); setAt(path, now); draw(); add.focus(); });
        row.appendChild(remove);
        list.appendChild(row);
      });
    }
    var add = el('button', { type: 'button', 'class': 'add' }, t('editor_add') + ': ' + label(field.name));
    add.addEventListener('click', function () {
      var now = getAt(path);
      if (!Array.isArray(now)) now = [];
      now.push('');
      setAt(path, now);
      draw();
      var inputs = list.querySelectorAll('input, select');
      inputs[inputs.length - 1].focus();
    });
    set.appendChild(add);
    draw();
  }

  function goalTiles(field, path, wrap) {
    var set = fieldset(field, wrap), tiles = el('div', { 'class': 'tiles', role: 'group' });
    set.appendChild(tiles);
    site.goals.forEach(function (g) {
      var number = String(g.number);
      var b = el('button', { type: 'button', 'class': 'tile', 'data-path': path, 'aria-pressed': 'false', title: g.title,
                             style: '--goal:#' + g.colour.replace('#', '') });
      b.appendChild(el('span', { 'class': 'tile-number' }, number));
      b.appendChild(el('span', { 'class': 'tile-name' }, g.short));
      function selected() { return (getAt(path) || []).map(String).indexOf(number) >= 0; }
      b.setAttribute('aria-pressed', selected() ? 'true' : 'false');
      b.addEventListener('click', function () {
        var now = (getAt(path) || []).map(String);
        if (now.indexOf(number) >= 0) now.splice(now.indexOf(number), 1); else now.push(number);
        b.setAttribute('aria-pressed', now.indexOf(number) >= 0 ? 'true' : 'false');
        setAt(path, now);
      });
      tiles.appendChild(b);
    });
  }

  function checkboxes(field, path, wrap) {
    var set = fieldset(field, wrap);
    site[slugLists[field.name]].forEach(function (p) {
      var id = nextId('f'), row = el('div', { 'class': 'check' });
      var box = el('input', { type: 'checkbox', id: id, 'data-path': path });
      box.checked = (getAt(path) || []).indexOf(p.slug) >= 0;
      box.addEventListener('change', function () {
        var now = (getAt(path) || []).slice();
        if (box.checked && now.indexOf(p.slug) < 0) now.push(p.slug);
        if (!box.checked) now = now.filter(function (s) { return s !== p.slug; });
        setAt(path, now);
      });
      row.appendChild(box);
      row.appendChild(el('label', { 'for': id }, p.title));
      set.appendChild(row);
    });
  }

  function coordinates(field, path, wrap) {
    var set = fieldset(field, wrap), row = el('div', { 'class': 'row' });
    var map = el('div', { 'class': 'mini-map', 'aria-hidden': 'true' });
    ['editor_latitude', 'editor_longitude'].forEach(function (key, i) {
      var id = nextId('f'), part = el('div');
      part.appendChild(el('label', { 'for': id }, t(key)));
      var input = textInput(path + '/' + i, 'number', id);
      input.addEventListener('input', function () { draw(); });
      part.appendChild(input);
      row.appendChild(part);
    });
    set.appendChild(row);
    set.appendChild(map);
    // A small map to check the dot: the outlines the site's maps draw, and this city's dot in red.
    function draw() {
      var c = getAt(path) || [], lat = parseFloat(c[0]), lon = parseFloat(c[1]), r = site.outlines.region;
      var svg = '<svg viewBox="' + r[0] + ' ' + (-r[3]) + ' ' + (r[2] - r[0]) + ' ' + (r[3] - r[1]) + '" width="320" height="237" xmlns="http://www.w3.org/2000/svg">'
        + '<rect x="' + r[0] + '" y="' + (-r[3]) + '" width="' + (r[2] - r[0]) + '" height="' + (r[3] - r[1]) + '" fill="#dcebf5"/>'
        + '<path d="' + site.outlines.path + '" fill="#fbfbf7" stroke="#7a8793" stroke-width="0.08"/>';
      if (!isNaN(lat) && !isNaN(lon)) svg += '<circle cx="' + lon + '" cy="' + (-lat) + '" r="0.6" fill="#c5192d" stroke="#fff" stroke-width="0.15"/>';
      map.innerHTML = svg + '</svg>';
    }
    draw();
  }

  function names(field, path, wrap) {
    var set = fieldset(field, wrap), list = el('div', { 'class': 'items' });
    set.appendChild(list);
    function draw() {
      list.textContent = '';
      var now = getAt(path) || {};
      Object.keys(now).filter(function (k) { return k !== 'source'; }).forEach(function (language) {
        var id = nextId('f'), row = el('div', { 'class': 'row' });
        row.appendChild(el('label', { 'for': id }, label(field.name) + ' (' + language + ')'));
        row.appendChild(textInput(path + '/' + language, 'text', id));
        list.appendChild(row);
      });
      var id = nextId('f'), row = el('div', { 'class': 'row' });
      row.appendChild(el('label', { 'for': id }, label('source')));
      row.appendChild(scalarInput(path + '/source', { kind: 'source' }, id, 'source'));
      list.appendChild(row);
    }
    var id = nextId('f'), adder = el('div', { 'class': 'row' });
    adder.appendChild(el('label', { 'for': id }, t('editor_add') + ': ' + t('editor_language_code')));
    var code = el('input', { id: id, size: 4, autocomplete: 'off' });
    adder.appendChild(code);
    var add = el('button', { type: 'button', 'class': 'add' }, t('editor_add'));
    add.addEventListener('click', function () {
      if (!/^[a-z]{2,3}$/.test(code.value)) return;
      setAt(path + '/' + code.value, getAt(path + '/' + code.value) || '');
      code.value = '';
      draw();
    });
    adder.appendChild(add);
    set.appendChild(adder);
    draw();
  }
  window.citysdgField = field;

  // ---- problems beside their fields ----
  function clearProblems() {
    document.querySelectorAll('.problem').forEach(function (p) {
      document.querySelectorAll('[aria-describedby~="' + p.id + '"]').forEach(function (input) {
        input.setAttribute('aria-describedby', input.getAttribute('aria-describedby').split(' ').filter(function (x) { return x !== p.id; }).join(' '));
        input.removeAttribute('aria-invalid');
      });
      p.remove();
    });
    $('summary').textContent = '';
  }
  function placeOf(problem) {
    var path = problem.field || '';
    // "an expectation needs a `target`": beside that field of the item, where the item has one.
    var named = (problem.message.match(/`([a-z_]+)`/) || [])[1];
    if (path && named && document.querySelector('[data-path="' + path + '/' + named + '"]')) path = path + '/' + named;
    while (path) {
      var input = document.querySelector('[data-path="' + path + '"]');
      var box = document.querySelector('[data-field="' + path + '"]');
      if (input || box) return { input: input || (box && box.querySelector('input, select, textarea, button')), box: box || input.parentNode };
      path = path.split('/').slice(0, -1).join('/');
    }
    return null;
  }
  function showProblems(problems) {
    clearProblems();
    var own = problems.filter(function (p) { return !p.elsewhere; });
    var errors = own.filter(function (p) { return p.severity === 'error'; }).length;
    var summary = $('summary');
    summary.appendChild(el('p', { 'class': errors ? 'bad' : 'good' }, errors ? t('editor_problems', errors) : t('editor_no_problems')));
    var list = el('ul');
    problems.forEach(function (p) {
      var id = nextId('problem');
      var text = t(p.severity === 'error' ? 'editor_error' : 'editor_warning') + ': ' + p.message + (p.hint ? ' — ' + t('editor_hint') + ': ' + p.hint : '');
      var place = p.elsewhere ? null : placeOf(p);
      var item = el('li', { 'class': p.severity });
      if (place && place.input) {
        var note = el('p', { 'class': 'problem ' + p.severity, id: id }, text);
        place.box.appendChild(note);
        describe(place.input, id);
        if (p.severity === 'error') place.input.setAttribute('aria-invalid', 'true');
        var a = el('a', { href: '#' }, text);
        a.addEventListener('click', function (e) { e.preventDefault(); place.input.focus(); });
        item.appendChild(a);
      } else {
        item.textContent = (p.elsewhere ? p.file + ':' + p.line + ' (' + t('editor_other_files') + '): ' : '') + text;
      }
      list.appendChild(item);
    });
    if (problems.length) summary.appendChild(list);
  }

  // ---- checking as one types ----
  function payload() {
    return { path: doc.path, frontMatter: values, body: $('body').value, fingerprint: doc.fingerprint };
  }
  function changed() {
    clearTimeout(checkTimer);
    $('save-status').textContent = t('editor_checking');
    checkTimer = setTimeout(check, 500);
  }
  function check() {
    var seq = ++checkSeq;
    return api('POST', 'check', payload()).then(function (r) {
      if (seq !== checkSeq) return;
      if (r._status !== 200) { $('save-status').textContent = r.error || String(r._status); return; }
      showProblems(r.problems);
      $('save-status').textContent = '';
    });
  }
  function previewBody() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      api('POST', 'preview', { markdown: $('body').value }).then(function (r) { $('body-preview').innerHTML = r.html || ''; });
    }, 300);
  }

  // ---- opening and saving ----
  function open(path) {
    return api('GET', 'file?path=' + encodeURIComponent(path)).then(function (r) {
      if (r._status !== 200) { $('intro').textContent = r.error; return; }
      if (r.unreadable) {
        $('intro').hidden = false;
        $('form').hidden = true;
        $('intro').textContent = path + ': ' + r.unreadable;
        return;
      }
      doc = r;
      values = r.frontMatter || {};
      $('intro').hidden = true;
      $('form').hidden = false;
      $('doc-title').textContent = (values.title || path) + ' — ' + path;
      var box = $('fields');
      box.textContent = '';
      site.kinds[r.kind].forEach(function (f) { field(f, f.name, box); });
      $('body').value = r.body || '';
      previewBody();
      $('conflict').hidden = true;
      $('open-page').href = r.page || '/';
      $('page-frame').src = r.page || 'about:blank';
      clearProblems();
      check();
      history.replaceState(null, '', base + '?open=' + encodeURIComponent(path));
      $('main').focus();
    });
  }
  function save(e) {
    e.preventDefault();
    clearTimeout(checkTimer);
    $('save-status').textContent = t('editor_checking');
    api('POST', 'save', payload()).then(function (r) {
      if (r._status === 200) {
        doc.fingerprint = r.fingerprint;
        $('save-status').textContent = t('editor_saved');
        showProblems([]);
        $('page-frame').src = r.page + '?saved=' + Date.now();
        loadSite();
      } else if (r._status === 409) {
        conflict(r);
      } else if (r._status === 422) {
        showProblems(r.problems || []);
        $('save-status').textContent = t('editor_not_saved');
        var first = document.querySelector('[aria-invalid="true"]');
        if (first) first.focus();
      } else {
        $('save-status').textContent = r.error || String(r._status);
      }
    });
  }
  function conflict(r) {
    var box = $('conflict');
    box.hidden = false;
    box.textContent = '';
    box.appendChild(el('p', { 'class': 'bad' }, t('editor_conflict')));
    [['editor_on_disk', r.disk], ['editor_yours', r.yours]].forEach(function (pair) {
      var id = nextId('f');
      box.appendChild(el('label', { 'for': id }, t(pair[0])));
      var area = el('textarea', { id: id, readonly: 'readonly', rows: 12 });
      area.value = pair[1];
      box.appendChild(area);
    });
    var reload = el('button', { type: 'button' }, t('editor_reload'));
    reload.addEventListener('click', function () { open(doc.path); });
    box.appendChild(reload);
    $('save-status').textContent = t('editor_conflict');
  }

  // ---- the file list and new files ----
  function loadSite() {
    return api('GET', 'site').then(function (r) {
      if (r._status !== 200) { document.body.textContent = r.error; return; }
      site = r;
      drawFiles();
      return r;
    });
  }
  // The files by kind, each kind under its heading (the site's own words for its sections).
  var kindHeadings = [['city', 'nav_cities'], ['project', 'nav_projects'], ['country', 'nav_countries'],
                      ['programme', 'nav_programmes'], ['page', 'editor_pages'], ['translation', 'editor_translations']];
  function drawFiles() {
    var list = $('file-list'), filter = $('filter').value.toLowerCase();
    list.textContent = '';
    kindHeadings.forEach(function (pair) {
      var files = site.files.filter(function (f) {
        return f.kind === pair[0] && (!filter || (f.title + ' ' + f.path).toLowerCase().indexOf(filter) >= 0);
      }).sort(function (a, b) { return a.title.localeCompare(b.title); });
      if (!files.length) return;
      var group = el('li', { 'class': 'group' }), inner = el('ul');
      group.appendChild(el('h3', {}, t(pair[1])));
      files.forEach(function (f) {
        var li = el('li'), a = el('a', { href: base + '?open=' + encodeURIComponent(f.path) }, f.title);
        a.appendChild(el('span', { 'class': 'path' }, ' ' + f.path));
        a.addEventListener('click', function (e) { e.preventDefault(); open(f.path); });
        li.appendChild(a);
        inner.appendChild(li);
      });
      group.appendChild(inner);
      list.appendChild(group);
    });
  }
  function fillNewForms() {
    function fill(select, options) {
      select.textContent = '';
      select.appendChild(el('option', { value: '' }, t('editor_choose')));
      options.forEach(function (o) { select.appendChild(el('option', { value: o[0] }, o[1])); });
    }
    fill($('new-city-country'), site.countries.map(function (c) { return [c.code, c.code + ' — ' + c.title]; }));
    fill($('new-project-city'), site.cities.map(function (c) { return [c.slug, c.title]; }));
    fill($('new-translation-original'), site.files.filter(function (f) { return f.kind !== 'translation' && f.kind !== 'page'; })
      .map(function (f) { return [f.path, f.title + ' (' + f.path + ')']; }));
    fill($('new-translation-language'), site.languages.slice(1).map(function (l) { return [l, l]; }));
    var lists = [['targets-list', site.targets], ['indicators-list', site.indicators]];
    lists.forEach(function (pair) {
      var d = $(pair[0]) || document.body.appendChild(el('datalist', { id: pair[0] }));
      d.textContent = '';
      pair[1].forEach(function (x) { d.appendChild(el('option', { value: x.code, label: x.code + ' ' + x.title })); });
    });
  }
  function create(body) {
    $('new-status').textContent = t('editor_checking');
    return api('POST', 'new', body).then(function (r) {
      if (r._status !== 200) { $('new-status').textContent = r.error; return; }
      $('new-status').textContent = '';
      return loadSite().then(function () { fillNewForms(); return open(r.path); });
    });
  }

  function start() {
    loadSite().then(function () {
      if (!site) return;
      var wanted = localStorage.getItem('citysdg-editor-language') || (navigator.language || 'en').slice(0, 2);
      lang = site.languages.indexOf(wanted) >= 0 ? wanted : site.languages[0];
      var select = $('language');
      site.languages.forEach(function (l) { select.appendChild(el('option', { value: l, lang: l }, (site.strings[l] || {}).language_name || l)); });
      select.value = lang;
      select.addEventListener('change', function () {
        lang = select.value;
        localStorage.setItem('citysdg-editor-language', lang);
        translate();
        fillNewForms();
        drawFiles();
        if (doc) open(doc.path);
      });
      translate();
      fillNewForms();
      $('commit').hidden = !site.git;
      var params = new URLSearchParams(location.search);
      if (params.get('open')) open(params.get('open'));
      else if (params.get('translate')) create({ kind: 'translation', original: params.get('translate'), language: params.get('language') });
    });
    $('filter').addEventListener('input', drawFiles);
    $('form').addEventListener('submit', save);
    $('body').addEventListener('input', function () { previewBody(); changed(); });
    $('new-city').addEventListener('submit', function (e) {
      e.preventDefault();
      create({ kind: 'city', name: $('new-city-name').value, country: $('new-city-country').value });
    });
    $('new-project').addEventListener('submit', function (e) {
      e.preventDefault();
      create({ kind: 'project', title: $('new-project-title').value, city: $('new-project-city').value });
    });
    $('new-translation').addEventListener('submit', function (e) {
      e.preventDefault();
      create({ kind: 'translation', original: $('new-translation-original').value, language: $('new-translation-language').value });
    });
    $('commit-button').addEventListener('click', function () {
      api('POST', 'commit', { message: $('commit-message').value }).then(function (r) {
        $('commit-status').textContent = r._status === 200 ? t('editor_committed') : (r.error || r.output || String(r._status));
      });
    });
  }
  start();
})();
