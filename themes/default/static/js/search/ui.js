/* triobog search UI: the header's search box (an ARIA combobox, shortcut /) and the search page
 * (soeg/, ?q= and &type=).
 *
 * What it is for: reading what is typed, answering as it is typed, and showing the results,
 * counts, filters and suggestions, with keyboard use and live announcements.
 * What it is not for: folding, stemming, loading the index or ranking, which are
 * js/search/engine.js; it uses only that file's surface, window.triobogSearchEngine, and must
 * be loaded after it (both `defer`, templates/partials/search-box.html).
 *
 * After each answer it sets window.triobogSearch.lastTiming ({query, ms, results}) and sends a
 * `triobog-search-results` event (bubbling, with that as its detail) from the box or the page.
 * Plain script, no dependencies, no inline script or eval: it runs from disk (file://), under
 * any subpath and under a strict Content-Security-Policy.
 */
(function (global) {
  'use strict';

  var search = global.triobogSearchEngine;
  if (!search || typeof document === 'undefined') return;
  var getEngine = search.getEngine, runQuery = search.runQuery, lookAhead = search.lookAhead, suggestions = search.suggestions;

  /* ------------------------------------------------------------------ a result */

  function span(className, tag) {
    var el = document.createElement(tag || 'span');
    el.className = className;
    return el;
  }

  /** The parts of a result, filled into `el`: kind, title, heading, snippet. */
  function fillResult(el, d, hl, titleTag, titleLink) {
    var kind = span('search-result__kind');
    kind.textContent = d.kind;
    var title = span('search-result__title', titleTag);
    var titleTarget = title;
    if (titleLink) {
      titleTarget = document.createElement('a');
      titleTarget.href = d.url;
      title.appendChild(titleTarget);
    }
    hl.fill(titleTarget, d.title, false);
    el.appendChild(kind);
    el.appendChild(document.createTextNode(' '));
    el.appendChild(title);
    if (d.heading) {
      var heading = span('search-result__heading');
      hl.fill(heading, d.heading, false);
      el.appendChild(document.createTextNode(' '));
      el.appendChild(heading);
    }
    if (d.text) {
      var snippet = span('search-result__snippet');
      hl.fill(snippet, d.text, true);
      el.appendChild(document.createTextNode(' '));
      el.appendChild(snippet);
    }
  }

  function countText(n) {
    return n === 0 ? 'Ingen resultater' : n === 1 ? '1 resultat' : n + ' resultater';
  }

  /* -------------------------------------------------- the header's search combobox */

  var COMBO_RESULTS = 8;
  /** Results the box shows while the words typed are a guess at mistyped ones: each letter of a
   * mistyped word guesses anew, and each guess brings its results' display files. */
  var COMBO_GUESSES = 4;
  function comboShown(res) { return res.guessing ? COMBO_GUESSES : COMBO_RESULTS; }
  var ANNOUNCE_DELAY = 600;

  function Combobox(form) {
    this.form = form;
    this.input = form.querySelector('input[type="search"]');
    this.status = form.querySelector('[role="status"]');
    this.listbox = document.createElement('div');
    this.listbox.id = this.input.id + '-listbox';
    this.listbox.className = 'site-search__listbox';
    this.listbox.setAttribute('role', 'listbox');
    this.listbox.setAttribute('aria-label', 'Søgeresultater');
    this.listbox.hidden = true;
    form.appendChild(this.listbox);
    this.input.setAttribute('role', 'combobox');
    this.input.setAttribute('aria-autocomplete', 'list');
    this.input.setAttribute('aria-expanded', 'false');
    this.input.setAttribute('aria-controls', this.listbox.id);
    this.active = -1;
    this.seq = 0;
    this.waiting = false;
    this.announceTimer = 0;
    this.bind();
  }

  Combobox.prototype.bind = function () {
    var self = this;
    this.input.addEventListener('input', function () { self.update(); });
    this.input.addEventListener('keydown', function (ev) { self.onKey(ev); });
    this.form.addEventListener('focusout', function (ev) {
      if (!ev.relatedTarget || !self.form.contains(ev.relatedTarget)) self.close();
    });
    document.addEventListener('mousedown', function (ev) {
      if (!self.form.contains(ev.target)) self.close();
    });
  };

  Combobox.prototype.options = function () {
    return Array.from(this.listbox.querySelectorAll('[role="option"]'));
  };

  Combobox.prototype.update = function () {
    var self = this, query = this.input.value, seq = ++this.seq;
    lookAhead(query, COMBO_RESULTS);
    if (query.trim().length < 2) {
      this.clear();
      return;
    }
    this.waiting = true;
    getEngine().then(function (e) {
      if (seq !== self.seq) return null;
      if (e.answersAsTyped(query)) return runQuery(query, comboShown, null);
      self.clear();
      return null;
    }).then(function (res) {
      if (seq !== self.seq || !res) return;
      self.waiting = false;
      self.render(query, res);
      global.triobogSearch.lastTiming = { query: query, ms: res.ms, results: res.ranked.length };
      self.input.dispatchEvent(new CustomEvent('triobog-search-results', { bubbles: true, detail: global.triobogSearch.lastTiming }));
    }, function () {
      if (seq !== self.seq) return;
      self.waiting = false;
      self.listbox.textContent = '';
      self.close();
      self.announce('Søgningen kunne ikke indlæses.');
    });
  };

  Combobox.prototype.render = function (query, res) {
    var self = this;
    // Answers to the last keys can arrive after an arrow key: the chosen result stays chosen.
    var chosen = this.active >= 0 && this.options()[this.active] ? this.options()[this.active].getAttribute('href') : null;
    this.listbox.textContent = '';
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    res.shown.forEach(function (d, i) {
      var a = document.createElement('a');
      a.setAttribute('role', 'option');
      a.setAttribute('aria-selected', 'false');
      a.id = self.listbox.id + '-' + i;
      a.href = d.url;
      a.tabIndex = -1;
      a.className = 'search-result';
      fillResult(a, d, res.highlighter, 'span', false);
      self.listbox.appendChild(a);
    });
    var all = document.createElement('a');
    all.setAttribute('role', 'option');
    all.setAttribute('aria-selected', 'false');
    all.id = this.listbox.id + '-all';
    all.href = this.form.getAttribute('action') + '?q=' + encodeURIComponent(query);
    all.tabIndex = -1;
    all.className = 'search-result search-result--all';
    all.textContent = res.ranked.length ? 'Se alle ' + countText(res.ranked.length) + ' på søgesiden' : 'Ingen resultater – prøv søgesiden';
    this.listbox.appendChild(all);
    this.open();
    if (chosen !== null) {
      var again = this.options().findIndex(function (o) { return o.getAttribute('href') === chosen; });
      if (again >= 0) this.setActive(again);
    }
    var n = res.ranked.length;
    this.announce(n ? countText(n) + '. Brug pil ned for at vælge.' : 'Ingen resultater for ' + query + '.');
  };

  /** Closes the list and empties it: too little typed to answer. */
  Combobox.prototype.clear = function () {
    this.close();
    this.listbox.textContent = '';
    this.announce('');
  };

  Combobox.prototype.announce = function (text) {
    var status = this.status;
    clearTimeout(this.announceTimer);
    if (!text) { status.textContent = ''; return; }
    this.announceTimer = setTimeout(function () { status.textContent = text; }, ANNOUNCE_DELAY);
  };

  Combobox.prototype.open = function () {
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  };

  Combobox.prototype.close = function () {
    // An answer still on its way must not open the list again once it is closed.
    this.seq++;
    this.waiting = false;
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.setActive(-1);
  };

  Combobox.prototype.setActive = function (i) {
    var options = this.options();
    options.forEach(function (o, k) { o.setAttribute('aria-selected', k === i ? 'true' : 'false'); });
    this.active = i;
    if (i >= 0 && options[i]) {
      this.input.setAttribute('aria-activedescendant', options[i].id);
      options[i].scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  };

  Combobox.prototype.onKey = function (ev) {
    var options = this.options(), n = options.length;
    var isOpen = !this.listbox.hidden;
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!isOpen && this.input.value.trim().length >= 2) {
        // Reopening asks again (an answer that came after Escape was dropped) and shows what was there meanwhile.
        ev.preventDefault();
        this.update();
        if (n) this.open();
      }
      if (!n) return;
      ev.preventDefault();
      var step = ev.key === 'ArrowDown' ? 1 : -1;
      var next = this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n;
      this.setActive(next);
    } else if (ev.key === 'Enter') {
      if (isOpen && this.active >= 0 && options[this.active]) {
        ev.preventDefault();
        global.location.href = options[this.active].href;
      }
    } else if (ev.key === 'Escape') {
      // A list still on its way counts as open: Escape closes it and keeps the words typed.
      if (isOpen || this.waiting) {
        ev.preventDefault();
        this.close();
      } else if (this.input.value) {
        ev.preventDefault();
        this.input.value = '';
        this.clear();
      }
    }
  };

  /* --------------------------------------------------------------- the search page */

  /** Results a page of the search page shows, and "Vis flere" adds: about two screens. */
  var PAGE_RESULTS = 10;
  /** While a query is typed, the search page shows as many results as the header box (each
   * letter brings new results, each with its display file); the rest come when the typing stops
   * for SETTLE_DELAY ms. */
  var SETTLE_DELAY = 400;

  function SearchPage(root) {
    this.root = root;
    this.form = root.querySelector('form');
    this.input = root.querySelector('input[type="search"]');
    this.status = root.querySelector('#search-page-status');
    this.list = root.querySelector('#search-page-results');
    this.more = root.querySelector('#search-page-more');
    this.empty = root.querySelector('#search-page-empty');
    this.suggest = root.querySelector('#search-page-suggestions');
    this.filters = Array.from(root.querySelectorAll('input[name="type"]'));
    this.shown = PAGE_RESULTS;
    this.seq = 0;
    this.settleTimer = 0;
    var params = new URLSearchParams(global.location.search);
    this.input.value = params.get('q') || '';
    var type = params.get('type') || '';
    this.filters.forEach(function (f) { f.checked = f.value === type; });
    this.bind();
    if (this.input.value) this.update(false);
  }

  SearchPage.prototype.filter = function () {
    var checked = this.filters.filter(function (f) { return f.checked; })[0];
    return checked && checked.value ? checked.value : null;
  };

  SearchPage.prototype.bind = function () {
    var self = this;
    this.form.addEventListener('submit', function (ev) { ev.preventDefault(); self.shown = PAGE_RESULTS; self.update(true); });
    this.input.addEventListener('input', function () { self.shown = PAGE_RESULTS; self.update(true, true); });
    this.filters.forEach(function (f) { f.addEventListener('change', function () { self.shown = PAGE_RESULTS; self.update(true); }); });
    this.more.addEventListener('click', function () { self.shown += PAGE_RESULTS; self.update(false); });
  };

  SearchPage.prototype.rememberInUrl = function () {
    var params = new URLSearchParams();
    if (this.input.value) params.set('q', this.input.value);
    if (this.filter()) params.set('type', this.filter());
    try {
      global.history.replaceState(null, '', '?' + params.toString());
    } catch (e) { /* some browsers refuse on file://; the search still works */ }
  };

  /**
   * Searches for what is in the box and shows the results. While `typing`, the query is answered
   * as the header box answers it (two letters only when they are an abbreviation, eight results
   * or four guesses) until the typing stops.
   */
  SearchPage.prototype.update = function (remember, typing) {
    var self = this, query = this.input.value, seq = ++this.seq, filter = this.filter();
    if (remember) this.rememberInUrl();
    clearTimeout(this.settleTimer);
    if (typing) lookAhead(query, COMBO_RESULTS);
    if (query.trim().length < 2) {
      this.clear(query.trim() ? 'Skriv mindst to bogstaver.' : '');
      return;
    }
    var all = this.shown;
    var shown = typing ? function (res) { return Math.min(all, comboShown(res)); } : all;
    getEngine().then(function (e) {
      if (seq !== self.seq) return null;
      if (!typing || e.answersAsTyped(query)) return runQuery(query, shown, filter);
      self.clear('Skriv et bogstav mere, eller tryk Enter for at søge efter »' + query.trim() + '«.');
      return null;
    }).then(function (res) {
      if (seq !== self.seq || !res) return;
      self.render(query, res, typing);
      if (typing && res.visible.length > res.shown.length) {
        self.settleTimer = setTimeout(function () { self.update(false, false); }, SETTLE_DELAY);
      }
      global.triobogSearch.lastTiming = { query: query, ms: res.ms, results: res.visible.length };
      self.root.dispatchEvent(new CustomEvent('triobog-search-results', { bubbles: true, detail: global.triobogSearch.lastTiming }));
    }, function () {
      if (seq !== self.seq) return;
      self.status.textContent = 'Søgningen kunne ikke indlæses.';
    });
  };

  SearchPage.prototype.clear = function (status) {
    this.list.textContent = '';
    this.more.hidden = true;
    this.empty.hidden = true;
    this.status.textContent = status;
  };

  /** Shows the results; while `typing`, the rest come when it stops, not by "Vis flere". */
  SearchPage.prototype.render = function (query, res, typing) {
    var self = this;
    this.list.textContent = '';
    res.shown.forEach(function (d) {
      var li = document.createElement('li');
      li.className = 'search-result';
      fillResult(li, d, res.highlighter, 'h2', true);
      self.list.appendChild(li);
    });
    this.more.hidden = typing || res.visible.length <= res.shown.length;
    this.filters.forEach(function (f) {
      var count = f.value ? f.value.split('').reduce(function (sum, k) { return sum + (res.counts[k] || 0); }, 0) : res.ranked.length;
      var label = self.root.querySelector('label[for="' + f.id + '"] .search-filter__count');
      if (label) label.textContent = '(' + count + ')';
    });
    var n = res.visible.length;
    this.status.textContent = countText(n) + ' for »' + query + '«' + (this.filter() ? ' med det valgte filter.' : '.');
    this.empty.hidden = n > 0;
    if (!n) {
      this.suggest.textContent = '';
      suggestions(query).forEach(function (word) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = '?q=' + encodeURIComponent(word);
        a.textContent = word;
        li.appendChild(a);
        self.suggest.appendChild(li);
      });
      this.suggest.parentNode.hidden = !this.suggest.children.length;
    }
  };

  /* ------------------------------------------------------------------- start-up */

  function focusShortcut(input) {
    document.addEventListener('keydown', function (ev) {
      if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var t = ev.target, tag = t && t.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (t && t.isContentEditable)) return;
      ev.preventDefault();
      input.focus();
      input.select();
    });
  }

  function start() {
    var form = document.querySelector('form.site-search');
    if (form) {
      new Combobox(form);
      focusShortcut(form.querySelector('input[type="search"]'));
    }
    var page = document.getElementById('search-page');
    if (page) new SearchPage(page);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})(typeof window !== 'undefined' ? window : globalThis);
