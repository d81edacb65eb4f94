/* triobog search engine: the query side of the index that `triobog build` writes to search/.
 *
 * What it is for: Danish folding, tokenising and Snowball stemming (mirroring src/fold.rs,
 * src/search/normalize.rs and the rust-stemmers Danish stemmer the build uses); loading the
 * index parts, only those a query needs; matching and ranking; what a result shows, and its
 * highlighted words and snippet written into an element the caller gives.
 * What it is not for: the search box, the search page or any other control on screen, which are
 * js/search/ui.js; nor building the index, which is src/search/.
 *
 * Its surface is window.triobogSearchEngine (getEngine, runQuery, lookAhead, suggestions), all
 * that ui.js uses. The index parts are .js files that register themselves with
 * window.triobogSearch.add…(); they are loaded with <script> elements only when someone starts
 * to search. window.triobogSearch.search(query) runs a query for scripts and tests, and
 * window.triobogSearch.core is for the tests that run this file under Node (tests/search/*.mjs):
 * tests/search_js.rs checks that its folding, tokenising and stemming agree with the Rust side,
 * tests/search_index.rs that it finds every key's lists in a built index.
 *
 * Plain script, no dependencies, no eval, no WebAssembly, no workers: it runs from disk
 * (file://), under any subpath and under a strict Content-Security-Policy. The page loads it
 * before ui.js, both with `defer` (templates/partials/search-box.html).
 */
(function (global) {
  'use strict';

  /* ---------------------------------------------------------------- Danish folding */

  // The one letter table of src/fold.rs: å, æ, ø (and ä, ö) the old Danish way, ü and ß as
  // German writes them without the letter, a few letters with no accent to drop; any other
  // accent is dropped by canonical decomposition.
  var FOLD = {
    'å': 'aa', 'æ': 'ae', 'ä': 'ae', 'ø': 'oe', 'ö': 'oe', 'ü': 'ue', 'ß': 'ss',
    'œ': 'oe', 'ð': 'd', 'þ': 'th', 'ł': 'l', 'đ': 'd'
  };
  var COMBINING = /\p{M}/u;
  var ASCII_LETTER = /^[a-z]$/;

  /** The ASCII letter under an accented one (é → e), or the character itself. */
  function withoutAccent(c) {
    var parts = Array.from(c.normalize('NFD'));
    var base = parts.filter(function (p) { return !COMBINING.test(p); });
    return base.length === 1 && ASCII_LETTER.test(base[0]) ? base[0] : c;
  }
  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
  var LETTER = /\p{Alphabetic}/u;
  var UPPER = /\p{Uppercase}/u;
  var HYPHEN = /^[-\u2010\u2011]$/;
  var APOSTROPHE = /^['\u2019]$/;

  /** Lower-cases a word and writes å, æ, ø the old way (aa, ae, oe); drops other accents. */
  function fold(word) {
    var out = '';
    for (var c of word.toLowerCase()) out += c < '\u0080' ? c : FOLD[c] || withoutAccent(c);
    return out;
  }

  function isUpper(raw) {
    var letters = Array.from(raw).filter(function (c) { return LETTER.test(c); });
    return letters.length >= 2 && letters.every(function (c) { return UPPER.test(c); });
  }

  /**
   * Splits text into words: {folded, pieces: [[folded, upper]], upper, start, end} with start
   * and end as string offsets. A hyphen between letters joins; an apostrophe ends a word and
   * drops what follows ("TRIO'en" → "trio").
   */
  function tokenize(text) {
    var chars = [], offsets = [], at = 0;
    for (var c of text) { chars.push(c); offsets.push(at); at += c.length; }
    offsets.push(at);
    var tokens = [], i = 0, n = chars.length;
    var word = function (k) { return k < n && WORD_CHAR.test(chars[k]); };
    while (i < n) {
      if (!word(i)) { i++; continue; }
      var start = i, pieces = [], piece = '';
      for (;;) {
        while (word(i)) piece += chars[i++];
        pieces.push(piece);
        piece = '';
        if (i + 1 < n && HYPHEN.test(chars[i]) && word(i + 1)) { i++; continue; }
        break;
      }
      var end = i;
      if (i + 1 < n && APOSTROPHE.test(chars[i]) && word(i + 1)) {
        i++;
        while (word(i)) i++;
      }
      var raw = pieces.join('');
      tokens.push({
        folded: fold(raw),
        pieces: pieces.length > 1 ? pieces.map(function (p) { return [fold(p), isUpper(p)]; }) : [],
        upper: isUpper(raw),
        start: offsets[start],
        end: offsets[end]
      });
    }
    return tokens;
  }

  /* ------------------------------------------------- Snowball Danish stemmer (port) */

  var VOWELS = 'aeiouyæåø';
  var S_ENDING = 'abcdfghjklmnoprtvyzå';
  var MAIN_SUFFIXES = ['hed', 'ethed', 'ered', 'e', 'erede', 'ende', 'erende', 'ene', 'erne', 'ere', 'en', 'heden',
    'eren', 'er', 'heder', 'erer', 'heds', 'es', 'endes', 'erendes', 'enes', 'ernes', 'eres', 'ens', 'hedens', 'erens',
    'ers', 'ets', 'erets', 'et', 'eret', 's'].sort(function (a, b) { return b.length - a.length; });
  var OTHER_SUFFIXES = ['elig', 'løst', 'lig', 'els', 'ig'];
  var CONSONANT_PAIRS = ['gd', 'dt', 'gt', 'kt'];

  function isVowel(c) { return VOWELS.indexOf(c) >= 0; }

  /** Start of region R1: after the first non-vowel that follows a vowel, and at least 3. */
  function regionR1(w) {
    var n = w.length, i = 0;
    if (n < 3) return n;
    while (i < n && !isVowel(w[i])) i++;
    while (i < n && isVowel(w[i])) i++;
    if (i >= n) return n;
    return Math.max(i + 1, 3);
  }

  /** The longest suffix of the list that `w` ends with inside R1, or null. */
  function suffixInR1(w, p1, suffixes) {
    for (var k = 0; k < suffixes.length; k++) {
      var s = suffixes[k];
      if (w.length - s.length >= p1 && w.slice(-s.length) === s) return s;
    }
    return null;
  }

  function consonantPair(w, p1) {
    return suffixInR1(w, p1, CONSONANT_PAIRS) ? w.slice(0, -1) : w;
  }

  /** The Snowball Danish stemmer. */
  function stem(word) {
    var w = word, p1 = regionR1(w);
    var s = suffixInR1(w, p1, MAIN_SUFFIXES);
    if (s === 's') {
      if (w.length >= 2 && S_ENDING.indexOf(w[w.length - 2]) >= 0) w = w.slice(0, -1);
    } else if (s) {
      w = w.slice(0, -s.length);
    }
    w = consonantPair(w, p1);
    if (w.slice(-4) === 'igst') w = w.slice(0, -2);
    s = suffixInR1(w, p1, OTHER_SUFFIXES);
    if (s === 'løst') {
      w = w.slice(0, -1);
    } else if (s) {
      w = consonantPair(w.slice(0, -s.length), p1);
    }
    var last = w[w.length - 1];
    if (w.length - 1 >= p1 && w.length >= 2 && !isVowel(last) && w[w.length - 2] === last) w = w.slice(0, -1);
    return w;
  }

  /* ------------------------------------------------------------ loading index parts */

  var registry = { manifest: null, vocab: {}, postings: {}, heads: {}, typos: {}, pages: {} };
  var loading = {};
  /** The site's root (index files and result links are under it): this file is js/search/engine.js there. */
  var base = typeof document !== 'undefined' && document.currentScript
    ? document.currentScript.src.replace(/js\/search\/engine\.js(\?.*)?$/, '') : '';

  /**
   * Loads one index file as a script, once. The manifest is asked for afresh each time a page
   * starts searching; every other file with the build the manifest names (`?v=`), so that a
   * browser's cached file of an earlier build is never read with this build's manifest.
   */
  function loadPart(file) {
    if (!loading[file]) {
      var version = file === 'manifest.js' ? 't=' + Date.now() : 'v=' + ((registry.manifest && registry.manifest.build) || '');
      loading[file] = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = base + 'search/' + file + '?' + version;
        script.async = true;
        script.onload = function () { resolve(); };
        script.onerror = function () { delete loading[file]; reject(new Error('kunne ikke hente ' + file)); };
        document.head.appendChild(script);
      });
    }
    return loading[file];
  }

  /** Starts loading an index file that a later key is likely to need, without waiting for it. */
  function prefetch(file) {
    loadPart(file).catch(function () {});
  }

  /*
   * Postings, heads and display data are packed many to a file (src/search/index/files.rs and
   * pages.rs), one registration call a line. Over HTTP a query reads only the lines it needs, as
   * byte ranges (a vocabulary shard says where its keys' chunks are; a display pack is records of
   * one size). From disk (file://, where fetch is not allowed), or
   * from a server that answers a range with the whole file, a pack is read whole.
   */
  var byRange = typeof location !== 'undefined' && /^https?:$/.test(location.protocol) && typeof fetch === 'function';

  function partUrl(file) {
    return base + 'search/' + file + '?v=' + ((registry.manifest && registry.manifest.build) || '');
  }

  /** The text of bytes `start..end` of an index file, or null when the server sent the whole file (then registered). */
  function fetchRange(file, start, end) {
    // Each range its own address (`&r=`): a browser's cache takes the ranges of one address one
    // at a time, and a query asks for many of one pack at once.
    return fetch(partUrl(file) + '&r=' + start, { headers: { Range: 'bytes=' + start + '-' + (end - 1) } }).then(function (res) {
      if (res.status === 206) return res.text();
      if (!res.ok) throw new Error('kunne ikke hente ' + file);
      // The whole file: a server without ranges. Register all of it, and read whole from now on.
      byRange = false;
      return res.text().then(function (text) {
        registerLines(text);
        loading[file] = Promise.resolve();
        return null;
      });
    });
  }

  var REGISTERED = /^triobogSearch\.(add[A-Za-z]+)\((.*)\); *$/;

  /** Runs the registration calls of an index file's lines (read as text, so without eval). */
  function registerLines(text) {
    text.split('\n').forEach(function (line) {
      var call = REGISTERED.exec(line);
      if (call && typeof api[call[1]] === 'function') api[call[1]].apply(null, JSON.parse('[' + call[2] + ']'));
    });
  }

  /**
   * Ranges of one pack asked for in the same turn, and close together (chunks of neighbouring
   * keys: "arbejde", "arbejder", "arbejdet"), are asked for as one: a browser asks a server
   * only a few things at a time, and the lines between them are whole lines too, registered
   * with the rest.
   */
  var RANGE_GAP = 2048;
  var pendingRanges = null;

  /** Loads bytes `start..end` of `file` with the other ranges asked for in this turn. */
  function requestRange(file, start, end) {
    return new Promise(function (resolve, reject) {
      if (!pendingRanges) {
        pendingRanges = new Map();
        Promise.resolve().then(flushRanges);
      }
      if (!pendingRanges.has(file)) pendingRanges.set(file, []);
      pendingRanges.get(file).push({ start: start, end: end, resolve: resolve, reject: reject });
    });
  }

  function flushRanges() {
    var batch = pendingRanges;
    pendingRanges = null;
    batch.forEach(function (asked, file) {
      asked.sort(function (a, b) { return a.start - b.start; });
      var groups = [];
      asked.forEach(function (r) {
        var last = groups[groups.length - 1];
        if (last && r.start - last.end <= RANGE_GAP) {
          last.end = Math.max(last.end, r.end);
          last.members.push(r);
        } else {
          groups.push({ start: r.start, end: r.end, members: [r] });
        }
      });
      groups.forEach(function (g) {
        fetchRange(file, g.start, g.end).then(function (text) {
          if (text !== null) registerLines(text);
          g.members.forEach(function (m) { m.resolve(); });
        }, function (err) {
          g.members.forEach(function (m) { m.reject(err); });
        });
      });
    });
  }

  /**
   * The first range asked for, until its answer says whether the server reads ranges: the others
   * wait for it, so that a server without them sends each pack whole once, not once a range.
   */
  var firstRange = null;

  /**
   * Loads bytes `start..end` of a pack file, once, under the name `name`; the whole pack when
   * ranges cannot be used, or when the range fails.
   */
  function loadRange(name, file, start, end) {
    if (!byRange) return loadPart(file);
    if (!loading[name]) {
      var ask = function () { return byRange ? requestRange(file, start, end) : loadPart(file); };
      var asked = firstRange ? firstRange.then(ask, ask) : (firstRange = ask());
      loading[name] = asked.catch(function () {
        delete loading[name];
        return loadPart(file);
      });
    }
    return loading[name];
  }

  /** Loads the chunk a key's list is in (see Engine.listOf). */
  function loadList(list) {
    return list.span ? loadRange(list.file, list.pack, list.span[0], list.span[1]) : loadPart(list.pack);
  }

  /** The first document of each page, counted through the pages (manifest.docCounts), for display packs. */
  var firstDocs = null;

  /**
   * Loads the display data of document `local` of `page`: its record, of a fixed size
   * (manifest.recordBytes), in the display packs (src/search/index/pages.rs).
   */
  function loadDoc(page, local) {
    var m = registry.manifest;
    if (!firstDocs) {
      firstDocs = [];
      decodeList(m.docCounts).reduce(function (sum, n) { firstDocs.push(sum); return sum + n; }, 0);
    }
    var doc = firstDocs[page] + local, at = (doc % m.packs.d) * m.recordBytes;
    return loadRange('d:' + doc, 'd-' + Math.floor(doc / m.packs.d) + '.js', at, at + m.recordBytes);
  }

  function loadManifest() {
    return loadPart('manifest.js').then(function () {
      if (!registry.manifest) throw new Error('søgeindekset mangler');
      return registry.manifest;
    });
  }

  /* ------------------------------------------------------------------- the engine */

  /** How a key matches a term: as typed, a form of its stem, a form spelt or inflected loosely
   * (looseForms), a completion, one typo away as a whole (fuzzy) or at its start (a completion
   * of a near miss). */
  var TYPE_WEIGHT = { exact: 1, stem: 0.8, loose: 0.7, prefix: 0.6, fuzzy: 0.4, fuzzyStart: 0.25 };
  /** What a query word counts as when it is found as another: an abbreviation as its words, a
   * word of the thesaurus as the entry's other words, two words typed apart as the one word the
   * handbook writes, a compound the handbook does not have as its parts, or as its last part
   * alone when its first is not a word of the handbook. */
  var SYNONYM_WEIGHT = 0.9;
  var THESAURUS_WEIGHT = 0.7;
  var JOINED_WEIGHT = 1;
  var SPLIT_WEIGHT = 1;
  var TAIL_WEIGHT = 0.6;
  var PART_WEIGHT = 0.7;
  /** Stop words and function words ("hvordan", "vi") count this much, and are never required. */
  var OPTIONAL_WEIGHT = 0.3;
  /** A section counts what its page's opening (its title, above all) has of a query word at this much. */
  var INHERIT_WEIGHT = 0.5;
  /** A document's score for each required word of the query it does not have. */
  var MISSING_WEIGHT = 0.5;
  /** Fewer documents than this with every word of a query, and those with one word less follow them. */
  var FEW_RESULTS = 8;
  /** Each further result from the same page counts this much less, so that a few pages do not fill the list. */
  var REPEAT_WEIGHT = 0.6;
  var FIELD_WEIGHT = [1, 7, 10];
  /** Shortest word matched loosely, and shortest compound split. */
  var MIN_LOOSE = 6;
  var MIN_COMPOUND = 7;
  var MIN_HEAD = 3;
  var MIN_TAIL = 4;
  /** Heads of a compound tried, longest first, and tails looked for when its head is not a word. */
  var MAX_SPLIT_HEADS = 3;
  var MAX_LONE_TAILS = 2;
  /** Shortest head of a compound that stands for the compound alone, when its tail is not a word of the handbook. */
  var MIN_LONE_HEAD = 5;
  /** A compound's parts put in the thesaurus's other words: at most this many ways. */
  var MAX_PART_SYNONYMS = 4;
  var MAX_CANDIDATES = 24;
  var MAX_NEW_CHUNKS = 2;
  var MAX_TYPO_SHARDS = 3;
  /** Forms and completions in fewer documents than this leave a word's first letters open to a typo. */
  var FEW_DOCUMENTS = 10;
  /** Forms of a word being typed whose whole lists load ahead at most (see prefetchLikelyWord). */
  var MAX_FORMS_AHEAD = 6;
  /** Abbreviations answered ahead at most while their first letters are typed (see abbreviationsAhead). */
  var MAX_ABBREVIATIONS_AHEAD = 3;
  var STOP_MARK = '~';
  var PAGE_STRIDE = 4096;

  /** Places in a shard's sorted `words` of those with stem `s`: it and a suffix of at most seven letters ("-erendes"). */
  function sameStem(words, s) {
    var found = [];
    for (var k = lowerBound(words, s); k < words.length && words[k].slice(0, s.length) === s; k++) {
      if (words[k].length <= s.length + 7 && stem(words[k]) === s) found.push(k);
    }
    return found;
  }

  /** Whether a synonym group's member `m` is the one word `word` (whose stem is `s`) in some form. */
  function isOneWordOf(m, word, s) {
    return m.length === 1 && (m[0] === word || stem(m[0]) === s);
  }

  /** Index of the first element of sorted `list` that is >= `key`. */
  function lowerBound(list, key) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Whether a and b differ by at most one insertion, deletion, substitution or swap of neighbours. */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /** Edit distance counting a swap of neighbours as one edit, cut off above `max`. */
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var before = [], prev = [], cur = [];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (var k = 1; k <= b.length; k++) {
        cur[k] = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
        if (i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) cur[k] = Math.min(cur[k], before[k - 2] + 1);
        if (cur[k] < best) best = cur[k];
      }
      if (best > max) return max + 1;
      before = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /* ------------------------------------------------ loose spelling and inflection */

  /** A folded word as people confuse its letters: a doubled letter once, æ (ae) as e, ø (oe) as o. */
  function skeleton(w) {
    return w.replace(/ae/g, 'e').replace(/oe/g, 'o').replace(/(.)\1+/g, '$1');
  }

  var looseMemo = new Map();

  /**
   * The forms a folded word is loosely matched by, each a skeleton: of its stem; of its stem with
   * the e that Danish drops before a last r, l or n put back ("rygcentret" → "rygcenter", "trusler"
   * → "trussel") and, before r, of its stem without that r (the stem of "rygcenter" is "rygcent");
   * of a participle's -ede as -et ("nyuddannede" → "nyuddannet"). Two words with a form in common
   * are the same word spelt or inflected otherwise: dillemaværksted, komunikation, rygcentret.
   */
  function looseForms(word) {
    var forms = looseMemo.get(word);
    if (forms) return forms;
    var s = stem(word);
    forms = [skeleton(s)];
    var last = /[^aeiouyæøå]([rln])$/.exec(s);
    if (last) {
      forms.push(skeleton(s.slice(0, -1) + 'e' + last[1]));
      if (last[1] === 'r') forms.push(skeleton(s.slice(0, -1)));
    }
    if (/[^e]ede$/.test(word)) forms.push(skeleton(stem(word.slice(0, -3) + 'et')));
    if (looseMemo.size > 20000) looseMemo.clear();
    looseMemo.set(word, forms);
    return forms;
  }

  /** A shard's keys by their loose forms (form → places), made once, when first needed. */
  function looseIndex(shard) {
    if (!shard.loose) {
      var index = new Map();
      shard.words.forEach(function (word, i) {
        if (word.length < MIN_LOOSE || word[0] === STOP_MARK) return;
        looseForms(word).forEach(function (form) {
          var places = index.get(form);
          if (places) places.push(i); else index.set(form, [i]);
        });
      });
      shard.loose = index;
    }
    return shard.loose;
  }

  /**
   * Where a phrase (folded words) typed from query word `from` on ends, or -1: each of its words
   * in turn, in some form, with the query's stop and function words between them passed over
   * ("kommer vi i gang" for "komme i gang").
   */
  function phraseEnd(words, from, phrase) {
    var at = from;
    for (var k = 0; k < phrase.length; k++) {
      while (k > 0 && at < words.length && words[at].optional && !sameWord(words[at].word, phrase[k])) at++;
      if (at >= words.length || !sameWord(words[at].word, phrase[k])) return -1;
      at++;
    }
    return at;
  }

  /** Whether two folded words are one: the same, with the same stem, or (long enough) loosely. */
  function sameWord(a, b) {
    if (a === b || stem(a) === stem(b)) return true;
    if (a.length < MIN_LOOSE || b.length < MIN_LOOSE) return false;
    var forms = looseForms(b);
    return looseForms(a).some(function (f) { return forms.indexOf(f) >= 0; });
  }

  function Engine(manifest) {
    this.m = manifest;
    this.stop = new Set(manifest.stop);
    this.soft = new Set(manifest.soft || []);
    this.shardIndex = new Map(manifest.vocab.map(function (p, i) { return [p, i]; }));
    var members = function (group) {
      return group.map(function (member) { return member.split(' ').filter(function (w) { return w.length >= 2; }); });
    };
    this.synonyms = manifest.synonyms.map(members);
    this.thesaurus = (manifest.thesaurus || []).map(members);
  }

  /**
   * The words of a query: [{word, upper, prefix, optional, stop}]. Stop words and function words
   * ("hvordan", "får") are optional: they add to a match and are never required, unless every
   * word of the query is one.
   */
  Engine.prototype.queryWords = function (query) {
    var self = this;
    var tokens = tokenize(query).filter(function (t) { return t.folded.length >= 2 && t.folded.length <= 40; });
    var open = query.length > 0 && !/[\s.,;:!?)"»]$/.test(query);
    var words = tokens.map(function (t, i) {
      // Stop words are indexed only in titles and headings, function words as any word.
      var stop = !t.upper && self.stop.has(t.folded);
      return {
        word: t.folded,
        upper: t.upper,
        // Search as you type: the last word may be unfinished, unless written as an abbreviation.
        prefix: open && i === tokens.length - 1 && t.folded.length >= 3 && !t.upper,
        optional: stop || (!t.upper && self.soft.has(t.folded)),
        stop: stop
      };
    });
    if (words.every(function (w) { return w.optional; })) words.forEach(function (w) { w.optional = false; w.stop = false; });
    return words;
  };

  /** The vocabulary shard that holds keys starting like `word`, or -1. */
  Engine.prototype.shardFor = function (word) {
    for (var len = Math.min(3, word.length); len >= 0; len--) {
      var i = this.shardIndex.get(word.slice(0, len));
      if (i !== undefined) return i;
    }
    return -1;
  };

  /** Index of the first element of sorted `list` that is > `value`. */
  function upperBound(list, value) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] <= value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /**
   * Bytes `[start, end]` of a chunk in its pack file, from its shard's spans ([start of the
   * first chunk, length, length, …]: a chunk starts where the one before ends, or at 0 as the
   * first of its pack); null when the shard has none.
   */
  function chunkSpan(chunks, chunk, perPack) {
    var spans = chunks.spans, k = chunk - chunks.first;
    if (!spans || k < 0 || k + 1 >= spans.length) return null;
    var start = spans[0];
    for (var c = chunks.first; c < chunk; c++) start = (c + 1) % perPack === 0 ? 0 : start + spans[1 + c - chunks.first];
    return [start, start + spans[1 + k]];
  }

  /** The chunk of the key at place `i` of a shard: keys fill the chunks in order. */
  function chunkAt(chunks, i) {
    return chunks.first + upperBound(chunks.steps, i);
  }

  /**
   * The file and list of a shard's key at place `i`. A word being typed is matched by its
   * completions; of a completion in many documents only its head is loaded (its best
   * documents, the ones that can reach the first results), so that the first letters of a word
   * do not download whole lists. The word itself, its stem's forms and its near misses (what a
   * mistyped word means) count in full: their lists are in the chunks of their neighbours.
   */
  Engine.prototype.listOf = function (shard, i, completion) {
    var head = completion && shard.df[i] > this.m.head && shard.heads;
    var chunks = head ? shard.heads : shard.chunks, chunk = chunkAt(chunks, i), kind = head ? 'h' : 'p';
    var perPack = this.m.packs[kind];
    return {
      file: kind + ':' + chunk,
      pack: kind + '-' + Math.floor(chunk / perPack) + '.js',
      span: chunkSpan(chunks, chunk, perPack),
      store: head ? registry.heads : registry.postings,
      chunk: chunk
    };
  };

  /** The ways one query word is found as itself: as typed (with its forms), or as a stop word. */
  Engine.prototype.alternatives = function (w) {
    var stopAlt = { terms: [{ word: STOP_MARK + w.word, prefix: false, exactOnly: true }], weight: 1 };
    // Stop words are indexed, marked, only in titles and headings; they match exactly.
    if (w.stop) return [stopAlt];
    var alts = [{ terms: [{ word: w.word, prefix: w.prefix }], weight: 1 }];
    if (!w.upper && this.stop.has(w.word)) alts.push(stopAlt);
    return alts;
  };

  /** The terms of a synonym's or thesaurus entry's member; stop words are not in the index's body text. */
  Engine.prototype.memberTerms = function (member) {
    var self = this;
    var words = member.filter(function (word) { return !self.stop.has(word); });
    return (words.length ? words : member).map(function (word) { return { word: word, prefix: false }; });
  };

  /**
   * The query's words found as others, each a run of its words [from, to) with an alternative
   * ({terms, weight}) that counts for every word of the run: an abbreviation and its words (TR,
   * tillidsrepræsentant), a thesaurus entry's word or phrase and its other members ("ny
   * medarbejder" and "introduktion"), two words typed apart and the one word the handbook writes
   * ("fremtids værksted"). A compound's parts are found later, once the vocabulary is in (splits).
   */
  Engine.prototype.expansions = function (words) {
    var self = this, runs = [];
    var add = function (from, to, terms, weight) { runs.push({ from: from, to: to, alt: { terms: terms, weight: weight } }); };
    // A member that is another word of the query is not looked for again as this one: in
    // "stress og travlhed" a page saying only travlhed must not count as having both words.
    var typedElsewhere = function (member, from, to) {
      return member.length === 1 && words.some(function (w, k) {
        return (k < from || k >= to) && !w.stop && (w.word === member[0] || stem(w.word) === stem(member[0]));
      });
    };
    words.forEach(function (w, i) {
      if (w.stop) return;
      var s = stem(w.word);
      var isMember = function (m) { return isOneWordOf(m, w.word, s); };
      self.synonyms.forEach(function (group) {
        if (!group.some(isMember)) return;
        group.forEach(function (m) { if (!isMember(m) && !typedElsewhere(m, i, i + 1)) add(i, i + 1, self.memberTerms(m), SYNONYM_WEIGHT); });
      });
    });
    // One way: the word or phrase people type (an entry's first member) is also looked for as the
    // words the handbook uses (the others), not those as it, which the handbook rarely has.
    this.thesaurus.forEach(function (group) {
      var typed = group[0];
      for (var i = 0; typed.length && i < words.length; i++) {
        var end = phraseEnd(words, i, typed);
        if (end < 0) continue;
        group.forEach(function (other, oi) {
          if (oi > 0 && other.length && !typedElsewhere(other, i, end)) add(i, end, self.memberTerms(other), THESAURUS_WEIGHT);
        });
      }
    });
    for (var i = 0; i + 1 < words.length; i++) {
      var a = words[i], b = words[i + 1];
      if (a.optional || b.optional || a.upper || b.upper) continue;
      add(i, i + 2, [{ word: a.word + b.word, prefix: b.prefix }], JOINED_WEIGHT);
    }
    return runs;
  };

  /**
   * Keys of the vocabulary that match a term, each with how: exact, stem, loose, prefix or fuzzy.
   * A term that only `probe`s (is this a word of the handbook?) looks for no near misses and
   * starts loading nothing ahead.
   */
  Engine.prototype.candidates = function (term) {
    var shard = registry.vocab[this.shardFor(term.word)];
    if (!shard) return [];
    var self = this, words = shard.words, df = shard.df, found = new Map();
    var add = function (from, i, type, list) {
      var key = from.words[i];
      var old = found.get(key);
      if (!old || TYPE_WEIGHT[type] > TYPE_WEIGHT[old.type]) found.set(key, { key: key, type: type, df: from.df[i], list: list || self.listOf(from, i, false) });
    };
    var t = term.word, i = lowerBound(words, t), k;
    if (words[i] === t) add(shard, i, 'exact');
    if (term.exactOnly) return Array.from(found.values());
    var s = stem(t);
    sameStem(words, s).forEach(function (k) { if (words[k] !== t) add(shard, k, 'stem'); });
    var extra = [];
    // Spelt or inflected loosely (looseForms), where the word as typed is not in the handbook.
    if (words[i] !== t && t.length >= MIN_LOOSE) {
      var loose = looseIndex(shard);
      looseForms(t).forEach(function (form) {
        (loose.get(form) || []).forEach(function (at) {
          if (words[at] !== t && !found.has(words[at])) extra.push({ shard: shard, i: at, type: 'loose', completion: false });
        });
      });
    }
    if (term.prefix) {
      for (k = i; k < words.length && words[k].slice(0, t.length) === t; k++) {
        if (words[k] !== t) extra.push({ shard: shard, i: k, type: 'prefix', completion: true });
      }
    }
    // A typo is forgiven only where the word, as typed, is not in the handbook.
    if (t.length >= 5 && !found.size && !extra.length && !term.probe) {
      for (k = 0; k < words.length; k++) {
        if (words[k] !== t && nearMiss(t, words[k], term.prefix)) extra.push(nearMissAt(shard, k, t));
      }
    }
    // A word found as typed in more documents than a head holds is most likely the word meant:
    // its completions count where their lists are loaded, and load none of their own.
    var exactlyFrequent = words[i] === t && df[i] > this.m.head;
    this.addMostFrequent(extra, add, exactlyFrequent ? 0 : MAX_NEW_CHUNKS);
    if (term.prefix && words[i] !== t && !term.probe) this.prefetchLikelyWord(extra, t);
    return Array.from(found.values());
  };

  /** Whether a word is one of the handbook's, in some form (its vocabulary shard loaded). */
  Engine.prototype.isKnown = function (word, prefix) {
    if (word.length < MIN_HEAD) return false;
    return this.candidates({ word: word, prefix: !!prefix, probe: true }).length > 0;
  };

  /**
   * A word being typed that is not a word yet is likely to end as its most frequent completion
   * a letter or two longer, which is matched by its head until then and by its whole list once
   * typed, with the whole lists of its other forms (same stem: "-en", "-er", "-erne"), which
   * `candidates` then takes as stems: those lists start loading now, without being waited for,
   * so that the last key finds them there and the answer needs one round trip (display
   * records), not two. (Its best documents' display files are not loaded ahead: a word is as
   * often the start of a compound, and each wrong guess would cost a first query ~20 KB.)
   */
  Engine.prototype.prefetchLikelyWord = function (extra, typed) {
    var likely = null;
    extra.forEach(function (e) {
      if (e.type === 'prefix' && e.shard.words[e.i].length <= typed.length + 2 && (!likely || e.shard.df[e.i] > likely.shard.df[likely.i])) likely = e;
    });
    if (!likely) return;
    var word = likely.shard.words[likely.i];
    this.prefetchForms(word);
    // An abbreviation's words are looked for too once the word is typed ("AMR" for
    // arbejdsmiljørepræsentant): their shards are in by now (loadVocab, synonymsBecoming).
    var self = this, s = stem(word);
    this.synonyms.forEach(function (group) {
      var isMember = function (m) { return isOneWordOf(m, word, s); };
      if (!group.some(isMember)) return;
      group.forEach(function (m) { if (!isMember(m) && m.length === 1) self.prefetchForms(m[0]); });
    });
  };

  /**
   * Starts loading the whole lists of `word` and its other forms (same stem) in the index, where
   * its vocabulary shard is in; waits for nothing.
   */
  Engine.prototype.prefetchForms = function (word) {
    var shard = registry.vocab[this.shardFor(word)];
    if (!shard) return;
    var words = shard.words, at = lowerBound(words, word), forms = sameStem(words, stem(word));
    if (words[at] === word && forms.indexOf(at) < 0) forms.unshift(at);
    var self = this;
    forms.slice(0, MAX_FORMS_AHEAD).forEach(function (i) {
      var whole = self.listOf(shard, i, false);
      if (!whole.store[whole.chunk]) loadList(whole).catch(function () {});
    });
  };

  /**
   * The near miss of `typed` at place `i` of a shard, for addMostFrequent: fuzzy when the whole
   * key is one typo away, fuzzyStart when its start is. Its list is whole either way: a near
   * miss is what a mistyped word means.
   */
  function nearMissAt(shard, i, typed) {
    return { shard: shard, i: i, type: withinOneEdit(typed, shard.words[i]) ? 'fuzzy' : 'fuzzyStart', completion: false };
  }

  /** Whether `key` is `typed` with one typo, or, for a word being typed, begins so. */
  function nearMiss(typed, key, prefix) {
    if (withinOneEdit(typed, key)) return true;
    if (!prefix || key.length <= typed.length) return false;
    var n = typed.length;
    return withinOneEdit(typed, key.slice(0, n)) || withinOneEdit(typed, key.slice(0, n + 1)) || withinOneEdit(typed, key.slice(0, n - 1));
  }

  /**
   * Adds the most frequent of these completions and near misses ({shard, i, type, completion}),
   * from at most `newChunks` postings chunks not yet loaded, so that the first letters of a word
   * do not download half the index.
   */
  Engine.prototype.addMostFrequent = function (extra, add, newChunks) {
    extra.sort(function (a, b) { return b.shard.df[b.i] - a.shard.df[a.i]; });
    var chunks = new Set(), taken = 0;
    for (var k = 0; k < extra.length && taken < MAX_CANDIDATES; k++) {
      var list = this.listOf(extra[k].shard, extra[k].i, extra[k].completion);
      if (!list.store[list.chunk] && !chunks.has(list.file)) {
        if (chunks.size >= newChunks) continue;
        chunks.add(list.file);
      }
      add(extra[k].shard, extra[k].i, extra[k].type, list);
      taken++;
    }
  };

  /**
   * The tails (src/search/index.rs, typo_tail: what follows a key's first three letters) the
   * word meant has when `word` was mistyped in its first three letters: the typed word's
   * letters from the 4th (a letter changed, or two of the first three swapped), from the 3rd
   * (one left out), from the 5th (one too many), the 3rd and those from the 5th (the 3rd and
   * 4th swapped). Keys of five letters or more have one, so tails of fewer than two letters are
   * left out.
   */
  function typoTails(word) {
    var c = Array.from(word);
    if (c.length < 5) return [];
    var tails = [c.slice(3), c.slice(2), c.slice(4), [c[2]].concat(c.slice(4))];
    return tails.filter(function (t) { return t.length >= 2; }).map(function (t) { return t.join(''); });
  }

  /** The typo file a tail is in: the manifest lists each file's first tail, cut short. */
  Engine.prototype.typoFileOf = function (tail) {
    return upperBound(this.m.typos || [], tail) - 1;
  };

  /**
   * The typo files that hold the keys with this tail, or, for a word being typed, with a tail
   * that starts with it: at most two, so that a short tail does not load many.
   */
  Engine.prototype.typoFilesFor = function (tail, prefix) {
    var first = this.typoFileOf(tail), files = [];
    if (first < 0) return files;
    var last = prefix ? Math.min(this.typoFileOf(tail + '\uffff'), first + 1) : first;
    for (var n = first; n <= last; n++) files.push(n);
    return files;
  };

  /** A typo file's keys with the tail of each, read once. */
  function typoFile(n) {
    var file = registry.typos[n];
    if (typeof file === 'string') {
      var keys = file.split(' ');
      file = registry.typos[n] = { keys: keys, tails: keys.map(function (k) { return Array.from(k).slice(3).join(''); }) };
    }
    return file;
  }

  /**
   * Near misses of a word that matched nothing, mistyped in its first three letters, where the
   * vocabulary shard of its first letters could not find them: loads the typo files of its
   * tails, then the shards of the keys one typo away, at most MAX_TYPO_SHARDS, and resolves to
   * the most frequent as fuzzy candidates.
   */
  Engine.prototype.typoCandidates = function (term) {
    var self = this, tails = typoTails(term.word), files = new Set();
    tails.forEach(function (tail) { self.typoFilesFor(tail, term.prefix).forEach(function (n) { files.add(n); }); });
    var missing = Array.from(files).filter(function (n) { return !registry.typos[n]; });
    return Promise.all(missing.map(function (n) { return loadPart('t-' + n + '.js'); })).then(function () {
      var near = [];
      tails.forEach(function (tail) {
        self.typoFilesFor(tail, term.prefix).forEach(function (n) {
          var file = typoFile(n);
          if (!file) return;
          for (var i = lowerBound(file.tails, tail); i < file.keys.length && file.tails[i].slice(0, tail.length) === tail; i++) {
            var key = file.keys[i];
            if ((term.prefix || file.tails[i] === tail) && key !== term.word && near.indexOf(key) < 0 && nearMiss(term.word, key, term.prefix)) near.push(key);
          }
        });
      });
      var shards = [];
      near.forEach(function (key) {
        var n = self.shardFor(key);
        if (n >= 0 && shards.indexOf(n) < 0 && shards.length < MAX_TYPO_SHARDS) shards.push(n);
      });
      var missingShards = shards.filter(function (n) { return !registry.vocab[n]; });
      return Promise.all(missingShards.map(function (n) { return loadPart(self.vocabFile(n)); })).then(function () {
        var found = new Map(), extra = [];
        near.forEach(function (key) {
          var shard = registry.vocab[self.shardFor(key)];
          if (!shard) return;
          var i = lowerBound(shard.words, key);
          if (shard.words[i] === key) extra.push(nearMissAt(shard, i, term.word));
        });
        self.addMostFrequent(extra, function (shard, i, type, list) {
          found.set(shard.words[i], { key: shard.words[i], type: type, df: shard.df[i], list: list });
        }, MAX_NEW_CHUNKS);
        return Array.from(found.values());
      });
    });
  };

  /**
   * The abbreviations worth answering ahead while `query` is typed: of the synonym groups'
   * abbreviations (their words of at most five letters) that start with it and are longer, those
   * of the one group it can become ("T" of TR), or from two letters on of each of the few it can
   * ("AM" of AMR, AMiR, AMO and AMG). Written in capitals when the letters typed are, as the
   * abbreviation will be: "MED" is matched as written, "med" also by its completions.
   */
  Engine.prototype.abbreviationsAhead = function (query) {
    var raw = query.trim(), typed = fold(raw);
    var groups = this.groupsOfAbbreviationsStarting(typed), starting = abbreviationStarting(typed);
    if (groups.length !== 1 && (typed.length < 2 || groups.length > MAX_ABBREVIATIONS_AHEAD)) return [];
    var capitals = raw === raw.toUpperCase() && raw !== raw.toLowerCase();
    var ahead = [];
    groups.forEach(function (group) {
      group.filter(starting).forEach(function (member) { ahead.push(capitals ? member[0].toUpperCase() : member[0]); });
    });
    return ahead;
  };

  /**
   * Starts loading, without waiting, the vocabulary shards of the words of every synonym group
   * with an abbreviation that starts with `query` ("A" of AMR, AMO, AMG and APV): when the
   * letters narrow them down to a few, their answers are fetched (abbreviationsAhead) a round of
   * script loads sooner.
   */
  Engine.prototype.prefetchAbbreviationShards = function (query) {
    var self = this;
    this.groupsOfAbbreviationsStarting(fold(query.trim())).forEach(function (group) {
      group.forEach(function (member) {
        member.forEach(function (word) {
          var file = self.shardFileOf(word);
          if (file) prefetch(file);
        });
      });
    });
  };

  /**
   * Whether a search box answers `query` as it is typed: from its third letter, when prefix
   * matching starts, or at two letters that are one of the synonym groups' words (TR, SU) or a
   * word ended with a space. Other two letters ("pr" of "presset") would show results that the
   * third letter replaces, each with its display file.
   */
  Engine.prototype.answersAsTyped = function (query) {
    var typed = fold(query.trim());
    if (typed.length >= 3 || /\s$/.test(query)) return true;
    return this.synonyms.some(function (group) {
      return group.some(function (member) { return member.length === 1 && member[0] === typed; });
    });
  };

  /** The synonym groups with an abbreviation (a word of at most five letters) longer than `typed` that starts with it. */
  Engine.prototype.groupsOfAbbreviationsStarting = function (typed) {
    if (!typed || typed.length > 3 || /\s/.test(typed)) return [];
    var starting = abbreviationStarting(typed);
    return this.synonyms.filter(function (group) { return group.some(starting); });
  };

  /** Whether a synonym group's member is an abbreviation longer than `typed` that starts with it. */
  function abbreviationStarting(typed) {
    return function (member) {
      return member.length === 1 && member[0].length <= 5 && member[0].length > typed.length && member[0].slice(0, typed.length) === typed;
    };
  }

  /**
   * Loads the vocabulary shards a query needs. A word being typed that is becoming a word of a
   * synonym group (half of it typed, five letters or more) starts loading the shards of the
   * group's other words without waiting for them, so that its last key finds them there.
   */
  Engine.prototype.loadVocab = function (alts) {
    var self = this, files = new Set();
    alts.forEach(function (alt) {
      alt.terms.forEach(function (term) {
        var file = self.shardFileOf(term.word);
        if (file) files.add(file);
        if (term.prefix) self.synonymsBecoming(term.word).forEach(function (word) {
          var ahead = self.shardFileOf(word);
          if (ahead) prefetch(ahead);
        });
      });
    });
    return Promise.all(Array.from(files).map(loadPart));
  };

  /** The vocabulary shard file that holds keys starting like `word`, when not loaded yet; else null. */
  Engine.prototype.shardFileOf = function (word) {
    var i = this.shardFor(word);
    return i >= 0 && !registry.vocab[i] ? this.vocabFile(i) : null;
  };

  /** The file vocabulary shard `i` is in: neighbouring shards share one (the manifest's vocabFiles: the first shard of each). */
  Engine.prototype.vocabFile = function (i) {
    var firsts = this.m.vocabFiles;
    if (!firsts) return 'v-' + i + '.js';
    var lo = 0, hi = firsts.length;
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= i) lo = mid; else hi = mid;
    }
    return 'v-' + lo + '.js';
  };

  /** The words of the synonym groups with a word that `typed` is becoming (see loadVocab). */
  Engine.prototype.synonymsBecoming = function (typed) {
    if (typed.length < 5) return [];
    var words = [];
    this.synonyms.forEach(function (group) {
      var becoming = group.some(function (m) {
        return m.length === 1 && m[0].length > typed.length && 2 * typed.length >= m[0].length && m[0].slice(0, typed.length) === typed;
      });
      if (becoming) group.forEach(function (m) { words.push.apply(words, m); });
    });
    return words;
  };

  /** Loads the postings or head chunks of these candidates. */
  Engine.prototype.loadPostings = function (cands) {
    var lists = new Map();
    cands.forEach(function (c) { if (!c.list.store[c.list.chunk]) lists.set(c.list.file, c.list); });
    return Promise.all(Array.from(lists.values()).map(loadList));
  };

  /* A key's list is a string of these digits (src/search/index.rs, DIGITS): each number in
   * groups of five bits, lowest first; a digit from 32 on says that more groups follow. */
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT_VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

  function decodeList(text) {
    var out = [], n = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var v = DIGIT_VALUE[text.charCodeAt(i)];
      if (v >= 32) {
        n += (v - 32) * scale;
        scale *= 32;
      } else {
        out.push(n + v * scale);
        n = 0;
        scale = 1;
      }
    }
    return out;
  }

  /** A candidate's list as numbers [page delta, packed, …], decoded once, or undefined. */
  function listOfCandidate(cand) {
    var chunk = cand.list.store[cand.list.chunk], list = chunk && chunk[cand.key];
    if (typeof list === 'string') list = chunk[cand.key] = decodeList(list);
    return list;
  }

  /** Whether a candidate is a near miss of a mistyped word rather than the word in some form. */
  function isNearMiss(cand) {
    return cand.type === 'fuzzy' || cand.type === 'fuzzyStart';
  }

  /**
   * Doc id → best score of one term's candidates, and the documents it found as the word in some
   * form (`sure`), not only as a near miss of a mistyped one.
   */
  Engine.prototype.termScores = function (cands) {
    var scores = new Map(), sure = new Set();
    for (var c = 0; c < cands.length; c++) {
      var cand = cands[c], list = listOfCandidate(cand);
      if (!list) continue;
      var page = 0, typeWeight = TYPE_WEIGHT[cand.type], near = isNearMiss(cand);
      for (var p = 0; p < list.length; p += 2) {
        page += list[p];
        var packed = list[p + 1], code = packed & 31, local = packed >> 5;
        var field = code >> 3, tf = code & 3;
        var score = typeWeight * (field === 0 ? FIELD_WEIGHT[0] + 0.25 * tf : FIELD_WEIGHT[field]) * ((code & 4) ? PART_WEIGHT : 1);
        var doc = page * PAGE_STRIDE + local, old = scores.get(doc);
        if (old === undefined || score > old) scores.set(doc, score);
        if (!near) sure.add(doc);
      }
    }
    return { scores: scores, sure: sure };
  };

  /** Each alternative's terms' candidates, from the vocabulary shards loaded. */
  Engine.prototype.findCandidates = function (alts) {
    var self = this;
    alts.forEach(function (alt) {
      if (!alt.cands) alt.cands = alt.terms.map(function (term) { return self.candidates(term); });
    });
  };

  /**
   * Runs a query. Resolves to {words, keys, ranked: [{doc, page, local, score}], counts}: the
   * documents that match every word (all but one, of three or more), best first; if there are
   * none, those that match fewer.
   *
   * Each query word is found as itself (alternatives) and as others (expansions: synonyms, the
   * thesaurus, words typed apart; splits: a compound's parts), each way an alternative: a set of
   * terms a document must all have, each term matched by keys of the vocabulary (candidates).
   */
  Engine.prototype.search = function (query) {
    var self = this;
    var words = this.queryWords(query);
    if (!words.length) return Promise.resolve({ words: [], keys: [], ranked: [], counts: {} });
    var own = words.map(function (w) { return self.alternatives(w); });
    var runs = this.expansions(words);
    var allAlts = [].concat.apply([], own).concat(runs.map(function (r) { return r.alt; }));
    return this.loadVocab(allAlts).then(function () {
      self.findCandidates(allAlts);
      // Near misses first: a word mistyped ("prespektivsamtale") is the word meant, not a
      // compound of whatever short words its letters start with; a word that matches nothing,
      // not even as a near miss, is split.
      return self.addTypoCandidates(words, own, runs);
    }).then(function (guessing) {
      return self.addSplits(words, own, runs).then(function () { return guessing; });
    }).then(function (guessing) {
      var keys = new Set(), all = [];
      own.concat(runs.map(function (r) { return [r.alt]; })).forEach(function (alts) {
        alts.forEach(function (alt) { alt.cands.forEach(function (cands) { cands.forEach(function (c) { keys.add(c.key); all.push(c); }); }); });
      });
      return self.loadPostings(all).then(function () {
        var res = self.rank(words, own, runs, keys);
        res.guessing = guessing;
        return res;
      });
    });
  };

  /**
   * For each query word of a compound's length that is not a word of the handbook in any form,
   * its parts (split), as a run of that word: "samarbejdsproblemer" as samarbejde and problemer,
   * "trusselsituationer" as trussel and situationer, "langtidssygemeldt" as sygemeldt alone.
   * A word with near misses is not split: it was mistyped (addTypoCandidates runs first).
   */
  Engine.prototype.addSplits = function (words, own, runs) {
    var self = this;
    return Promise.all(words.map(function (w, i) {
      if (w.optional || w.upper || w.word.length < MIN_COMPOUND || own[i][0].cands[0].length) return null;
      return self.split(w.word, w.prefix, 1).then(function (alt) {
        if (!alt) return null;
        var alts = [alt].concat(self.partsInOtherWords(alt));
        var others = [];
        alts.slice(1).forEach(function (a) { a.terms.forEach(function (t) { others.push(t.word); }); });
        return self.loadShardsOf(others).then(function () {
          self.findCandidates(alts);
          alts.forEach(function (a) { runs.push({ from: i, to: i + 1, alt: a }); });
          own[i].forEach(function (a) { a.cands = a.cands.map(function (cands) { return cands.filter(function (c) { return !isNearMiss(c); }); }); });
          w.split = true;
        });
      });
    }));
  };

  /**
   * A compound's parts in the thesaurus's other words: "samarbejdsproblemer" is also samarbejde
   * and udfordringer, as "problem" is an entry for "udfordring". Each a part put in other
   * words, at most MAX_PART_SYNONYMS alternatives.
   */
  Engine.prototype.partsInOtherWords = function (alt) {
    var self = this, out = [];
    alt.terms.forEach(function (term, k) {
      self.thesaurus.forEach(function (group) {
        if (group[0].length !== 1 || !sameWord(term.word, group[0][0])) return;
        group.forEach(function (other, oi) {
          if (oi === 0 || !other.length || out.length >= MAX_PART_SYNONYMS) return;
          var terms = alt.terms.slice(0, k).concat(self.memberTerms(other), alt.terms.slice(k + 1));
          out.push({ terms: terms, weight: alt.weight * THESAURUS_WEIGHT });
        });
      });
    });
    return out;
  };

  /**
   * A compound's parts as an alternative ({terms, weight}), or null. Its heads (its first letters
   * that are a word of the handbook in some form, with or without a joining s or e) are in the
   * vocabulary shard of the word itself; the longest few are tried, each with what follows as its
   * tail, a word of the handbook or, `depth` allowing, a compound itself. Without such a head,
   * a tail after a joining s or e alone, at less weight, as the index counts a compound's last
   * part (src/search/compound.rs); with a head but no known tail, the longest head alone. `prefix`: the word is being typed, so its tail may be too.
   */
  Engine.prototype.split = function (word, prefix, depth) {
    var self = this, n = word.length, heads = [], tails = [];
    for (var h = n - MIN_TAIL; h >= MIN_HEAD && heads.length < MAX_SPLIT_HEADS; h--) {
      var head = word.slice(0, h), joint = /[se]$/.test(head) && h > MIN_HEAD + 1;
      if (this.isKnown(head)) heads.push({ at: h, word: head });
      else if (joint && this.isKnown(head.slice(0, -1))) heads.push({ at: h, word: head.slice(0, -1) });
      if (joint && n - h >= MIN_TAIL + 1 && tails.length < MAX_LONE_TAILS) tails.unshift(h);
    }
    var tailOf = function (at) { return word.slice(at); };
    // A head of the handbook's with a tail it does not have ("symptom|behandling"): the head alone,
    // as less than the word, where it is long enough to say what the word is about.
    var headAlone = function () {
      return heads[0].word.length >= MIN_LONE_HEAD ? self.partsAlt([heads[0].word], false, TAIL_WEIGHT) : null;
    };
    return this.loadShardsOf(heads.map(function (hd) { return tailOf(hd.at); })).then(function () {
      for (var k = 0; k < heads.length; k++) {
        if (self.isKnown(tailOf(heads[k].at), prefix)) return self.partsAlt([heads[k].word, tailOf(heads[k].at)], prefix, SPLIT_WEIGHT);
      }
      var longest = heads[0];
      if (longest && depth > 0 && n - longest.at >= MIN_COMPOUND) {
        return self.split(tailOf(longest.at), prefix, depth - 1).then(function (rest) {
          if (rest) return self.partsAlt([longest.word].concat(rest.terms.map(function (t) { return t.word; })), prefix, rest.weight);
          return headAlone();
        });
      }
      if (heads.length) return headAlone();
      return self.loadShardsOf(tails.map(tailOf)).then(function () {
        for (var t = 0; t < tails.length; t++) {
          if (self.isKnown(tailOf(tails[t]), prefix)) return self.partsAlt([tailOf(tails[t])], prefix, TAIL_WEIGHT);
        }
        return null;
      });
    });
  };

  /** An alternative of a compound's parts; the last is being typed when the compound is. */
  Engine.prototype.partsAlt = function (parts, prefix, weight) {
    return {
      terms: parts.map(function (part, k) { return { word: part, prefix: prefix && k === parts.length - 1 }; }),
      weight: weight
    };
  };

  /** Loads the vocabulary shards of these words. */
  Engine.prototype.loadShardsOf = function (words) {
    var self = this, files = new Set();
    words.forEach(function (word) {
      var file = self.shardFileOf(word);
      if (file) files.add(file);
    });
    return Promise.all(Array.from(files).map(loadPart));
  };

  /**
   * For each query word of five letters or more that is not a word of the handbook as typed,
   * and matched at most near misses that share its first letters or forms and completions in a
   * few documents, its near misses mistyped in the first three letters too (typoCandidates):
   * "rtyghed" means "tryghed" more likely than a rare word that starts with "r", and "ygcenter"
   * "rygcenter" as likely as the rare "ygcenteret". Resolves to whether a word was matched by
   * near misses only: a guess at a mistyped word.
   */
  Engine.prototype.addTypoCandidates = function (words, own) {
    var self = this;
    var unsure = function (cands) {
      var documents = 0;
      for (var c = 0; c < cands.length; c++) {
        if (cands[c].type === 'exact') return false;
        if (!isNearMiss(cands[c])) documents += cands[c].df;
      }
      return documents < FEW_DOCUMENTS;
    };
    return Promise.all(own.map(function (alts, w) {
      var term = alts[0].terms[0], cands = alts[0].cands;
      if (term.exactOnly || words[w].split || Array.from(term.word).length < 5 || !unsure(cands[0])) return null;
      return self.typoCandidates(term).then(function (found) {
        var keys = new Set(cands[0].map(function (c) { return c.key; }));
        cands[0] = cands[0].concat(found.filter(function (c) { return !keys.has(c.key); }));
      });
    })).then(function () {
      return own.some(function (alts) {
        return alts[0].cands[0].length > 0 && alts[0].cands[0].every(isNearMiss);
      });
    });
  };

  /**
   * Ranks the documents the query's words found. A word's score in a document is the best of
   * its alternatives and of the runs it is in (an alternative counts with all its terms there),
   * or half its page's opening's (a section of the page titled so); each word counts by how
   * rare it is (IDF), an optional one by OPTIONAL_WEIGHT. Order: documents with every required
   * word (or all but one, of three or more), then those with a word found only as a near miss
   * below those found as typed, then by score, each further document of a page a little lower.
   */
  Engine.prototype.rank = function (words, own, runs, keys) {
    var self = this, n = words.length;
    var best = words.map(function () { return new Map(); }), sure = words.map(function () { return new Set(); });
    var apply = function (from, to, alt) {
      var perTerm = alt.cands.map(function (cands) { return self.termScores(cands); });
      perTerm[0].scores.forEach(function (score, doc) {
        var sum = score, isSure = perTerm[0].sure.has(doc);
        for (var t = 1; t < perTerm.length; t++) {
          var s = perTerm[t].scores.get(doc);
          if (s === undefined) return;
          sum += s;
          isSure = isSure && perTerm[t].sure.has(doc);
        }
        var value = alt.weight * sum / perTerm.length;
        for (var k = from; k < to; k++) {
          if (value > (best[k].get(doc) || 0)) best[k].set(doc, value);
          if (isSure) sure[k].add(doc);
        }
      });
    };
    own.forEach(function (alts, i) { alts.forEach(function (alt) { apply(i, i + 1, alt); }); });
    runs.forEach(function (r) { apply(r.from, r.to, r.alt); });
    var docsInIndex = this.m.docs || 1;
    var idf = best.map(function (b) { return Math.log(1 + docsInIndex / (1 + b.size)); });
    var required = words.map(function (w) { return !w.optional; });
    var need = required.filter(Boolean).length, enough = need >= 3 ? need - 1 : need;
    var docs = new Set();
    best.forEach(function (b) { b.forEach(function (_, doc) { docs.add(doc); }); });
    var ranked = [];
    docs.forEach(function (doc) {
      var page = Math.floor(doc / PAGE_STRIDE), intro = page * PAGE_STRIDE;
      var score = 0, matched = 0, near = 0;
      for (var k = 0; k < n; k++) {
        var own = best[k].get(doc) || 0, inherited = doc === intro ? 0 : INHERIT_WEIGHT * (best[k].get(intro) || 0);
        var value = Math.max(own, inherited);
        if (!value) continue;
        if (required[k]) matched++;
        if (!sure[k].has(own >= inherited ? doc : intro)) near++;
        score += (required[k] ? 1 : OPTIONAL_WEIGHT) * idf[k] * value;
      }
      // A document without one of the words (allowed, of three or more) counts less than one with all.
      if (matched) ranked.push({ doc: doc, page: page, local: doc % PAGE_STRIDE, score: score * Math.pow(MISSING_WEIGHT, need - matched), matched: Math.min(matched, enough), near: near });
    });
    // Documents with every word (enough of them) only; but where they are fewer than a list
    // shows, those with one word less follow them ("mobning på arbejdspladsen": the few
    // sections with both words, then the cards about a harsh tone, which do not say arbejdspladsen).
    var full = ranked.filter(function (r) { return r.matched === enough; }).length;
    if (full >= FEW_RESULTS) ranked = ranked.filter(function (r) { return r.matched === enough; });
    else if (full) ranked = ranked.filter(function (r) { return r.matched >= enough - 1; });
    var order = function (a, b) { return b.matched - a.matched || a.near - b.near || b.score - a.score || a.doc - b.doc; };
    ranked.sort(order);
    var seen = new Map();
    ranked.forEach(function (r) {
      var before = seen.get(r.page) || 0;
      r.score *= Math.pow(REPEAT_WEIGHT, before);
      seen.set(r.page, before + 1);
    });
    ranked.sort(order);
    var counts = {};
    ranked.forEach(function (r) {
      var kind = self.m.pages[r.page];
      r.kind = kind;
      counts[kind] = (counts[kind] || 0) + 1;
    });
    return { words: words.map(function (w) { return w.word; }), keys: Array.from(keys), ranked: ranked, counts: counts };
  };

  /** Loads the display data of the pages of these results. */
  function loadPages(results) {
    return Promise.all(results.filter(function (r) {
      return !(registry.pages[r.page] && registry.pages[r.page][3][r.local]);
    }).map(function (r) { return loadDoc(r.page, r.local); }));
  }

  /** What a result shows: {url, title, kind, heading, text}. */
  function display(engine, r) {
    var page = registry.pages[r.page], doc = page[3][r.local] || ['', '', ''];
    return {
      url: base + page[0] + (doc[0] ? '#' + doc[0] : ''),
      title: page[1],
      kind: engine.m.kinds[page[2]] || '',
      heading: doc[1],
      text: doc[2]
    };
  }

  /* ------------------------------------------------------- snippets and highlighting */

  var SNIPPET_CHARS = 180;

  function Highlighter(keys) {
    this.keys = new Set(keys);
    this.stopWords = new Set(keys.filter(function (k) { return k[0] === STOP_MARK; }).map(function (k) { return k.slice(1); }));
    this.tails = keys.filter(function (k) { return k.length >= 4 && k[0] !== STOP_MARK; });
  }

  /** Whether a token of a text is a match; stop words count only in titles and headings. */
  Highlighter.prototype.matches = function (token, withStopWords) {
    if (this.keys.has(token.folded)) return true;
    if (withStopWords && this.stopWords.has(token.folded)) return true;
    for (var i = 0; i < token.pieces.length; i++) if (this.keys.has(token.pieces[i][0])) return true;
    for (var k = 0; k < this.tails.length; k++) {
      var tail = this.tails[k];
      if (token.folded.length > tail.length && token.folded.slice(-tail.length) === tail) return true;
    }
    return false;
  };

  /** Appends `text` to `el`, the matched words in <mark>; cut to a window around the first match when `window` is set. */
  Highlighter.prototype.fill = function (el, text, window) {
    var self = this;
    var hits = tokenize(text).filter(function (t) { return self.matches(t, !window); });
    var from = 0, to = text.length;
    if (window && text.length > SNIPPET_CHARS) {
      var first = hits.length ? hits[0].start : 0;
      from = Math.max(0, first - 50);
      if (from > 0) {
        var space = text.indexOf(' ', from);
        from = space >= 0 && space < first ? space + 1 : from;
      }
      to = Math.min(text.length, from + SNIPPET_CHARS);
      var cut = text.lastIndexOf(' ', to);
      if (to < text.length && cut > from + SNIPPET_CHARS / 2) to = cut;
    }
    if (from > 0) el.appendChild(document.createTextNode('… '));
    var at = from;
    hits.forEach(function (t) {
      if (t.start < at || t.end > to) return;
      el.appendChild(document.createTextNode(text.slice(at, t.start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(t.start, t.end);
      el.appendChild(mark);
      at = t.end;
    });
    el.appendChild(document.createTextNode(text.slice(at, to)));
    if (to < text.length) el.appendChild(document.createTextNode(' …'));
  };

  /* ---------------------------------------------- a page's queries: one engine, recent searches */

  var engine = null;
  var enginePromise = null;

  function getEngine() {
    if (!enginePromise) {
      enginePromise = loadManifest().then(function (m) { engine = new Engine(m); return engine; });
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  /**
   * Runs a query and loads the display data of its first `shown` results (a number, or a
   * function of the results that returns one).
   */
  function runQuery(query, shown, filter) {
    var started = now();
    return getEngine().then(function (e) {
      return searchOnce(e, query).then(function (found) {
        var res = Object.assign({}, found);
        var visible = filter ? res.ranked.filter(function (r) { return filter.indexOf(r.kind) >= 0; }) : res.ranked;
        var first = visible.slice(0, typeof shown === 'function' ? shown(res) : shown);
        return loadPages(first).then(function () {
          res.visible = visible;
          res.shown = first.map(function (r) { return display(e, r); });
          res.highlighter = new Highlighter(res.keys);
          res.ms = now() - started;
          return res;
        });
      });
    });
  }

  /** The last few searches, by query: an abbreviation answered ahead is not ranked again when typed. */
  var recentSearches = new Map();
  var RECENT_SEARCHES = 4;

  function searchOnce(e, query) {
    var found = recentSearches.get(query);
    if (found) return found;
    found = e.search(query);
    recentSearches.set(query, found);
    if (recentSearches.size > RECENT_SEARCHES) recentSearches.delete(recentSearches.keys().next().value);
    found.catch(function () { recentSearches.delete(query); });
    return found;
  }

  function now() {
    return global.performance ? global.performance.now() : Date.now();
  }

  /** Words close to the query's, for "Mente du …?" when nothing is found. */
  function suggestions(query) {
    if (!engine) return [];
    var out = [];
    engine.queryWords(query).forEach(function (w) {
      var shard = registry.vocab[engine.shardFor(w.word)];
      if (!shard) return;
      var close = [];
      shard.words.forEach(function (word, i) {
        if (word.length >= 3 && editDistance(w.word, word, 2) <= 2) close.push([word, shard.df[i]]);
      });
      close.sort(function (a, b) { return b[1] - a[1]; });
      close.slice(0, 3).forEach(function (c) { out.push(c[0]); });
    });
    return out.slice(0, 5);
  }

  /**
   * What a box being typed in starts loading before it is asked: the first letter the manifest,
   * so that the second finds it there. While an abbreviation is typed, the answers of those it
   * can become, or, while it can still become many, the vocabulary shards their answers need;
   * an abbreviation's answer is prepared with the display data of its first `shown` results.
   */
  function lookAhead(query, shown) {
    if (!query.trim()) return;
    getEngine().then(function (e) {
      var ahead = e.abbreviationsAhead(query);
      ahead.forEach(function (abbreviation) {
        runQuery(abbreviation, shown, null).catch(function () {});
      });
      if (!ahead.length) e.prefetchAbbreviationShards(query);
    }, function () {});
  }

  /* ------------------------------------------------------------------- the surface */

  /** What js/search/ui.js uses: the engine once its manifest is in, queries, look-ahead, suggestions. */
  global.triobogSearchEngine = {
    getEngine: getEngine,
    runQuery: runQuery,
    lookAhead: lookAhead,
    suggestions: suggestions
  };

  /* The index parts register themselves here (src/search/index.rs writes the calls). */
  var api = global.triobogSearch = global.triobogSearch || {};
  api.addManifest = function (m) { registry.manifest = m; };
  /** chunks and heads: [the chunk of the first key with one, the places where the next starts, …]. */
  function chunkSteps(list) {
    return list && list.length ? { first: list[0], steps: list.slice(1) } : null;
  }
  /** spans: [start, end, …] of each chunk from the first, in its pack file. */
  function withSpans(steps, spans) {
    if (steps) steps.spans = spans || null;
    return steps;
  }
  api.addVocab = function (i, words, df, chunks, heads, chunkSpans, headSpans) {
    registry.vocab[i] = {
      words: words ? words.split(' ') : [],
      df: df,
      chunks: withSpans(chunkSteps(chunks), chunkSpans),
      heads: withSpans(chunkSteps(heads), headSpans)
    };
  };
  api.addPostings = function (i, postings) { registry.postings[i] = postings; };
  api.addHeads = function (i, heads) { registry.heads[i] = heads; };
  api.addTypos = function (i, typos) { registry.typos[i] = typos; };
  /** One document's display data: its page's [url, title, kind] and its own [anchor, heading, text]. */
  api.addDoc = function (page, local, head, doc) {
    var known = registry.pages[page] || (registry.pages[page] = [head[0], head[1], head[2], []]);
    known[3][local] = doc;
  };
  // For the tests that run this file under Node (tests/search/*.mjs) and look inside in a browser.
  api.core = { decodeList: decodeList, fold: fold, tokenize: tokenize, stem: stem, withinOneEdit: withinOneEdit, typoTails: typoTails, typoFile: typoFile, Engine: Engine, registry: registry, listOfCandidate: listOfCandidate };
  /** A query with the display data of its first ten results, for scripts and tests. */
  api.search = function (query) { return runQuery(query, 10, null); };
})(typeof window !== 'undefined' ? window : globalThis);
