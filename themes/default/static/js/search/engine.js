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

  function loadManifest() {
    return loadPart('manifest.js').then(function () {
      if (!registry.manifest) throw new Error('søgeindekset mangler');
      return registry.manifest;
    });
  }

  /* ------------------------------------------------------------------- the engine */

  /** How a key matches a term: as typed, a form of its stem, a completion, one typo away as a
   * whole (fuzzy) or at its start (a completion of a near miss). */
  var TYPE_WEIGHT = { exact: 1, stem: 0.8, prefix: 0.6, fuzzy: 0.4, fuzzyStart: 0.25 };
  var SYNONYM_WEIGHT = 0.9;
  var PART_WEIGHT = 0.7;
  var OPTIONAL_WEIGHT = 0.3;
  var FIELD_WEIGHT = [1, 7, 10];
  var MAX_CANDIDATES = 24;
  var MAX_NEW_CHUNKS = 2;
  var MAX_TYPO_SHARDS = 3;
  /** Forms and completions in fewer documents than this leave a word's first letters open to a typo. */
  var FEW_DOCUMENTS = 10;
  /** Abbreviations answered ahead at most while their first letters are typed (see abbreviationsAhead). */
  var MAX_ABBREVIATIONS_AHEAD = 3;
  var STOP_MARK = '~';
  var PAGE_STRIDE = 4096;

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

  function Engine(manifest) {
    this.m = manifest;
    this.stop = new Set(manifest.stop);
    this.shardIndex = new Map(manifest.vocab.map(function (p, i) { return [p, i]; }));
    this.synonyms = manifest.synonyms.map(function (group) {
      return group.map(function (member) { return member.split(' '); });
    });
  }

  /** The words of a query: [{word, upper, prefix}], stop words left out where others remain. */
  Engine.prototype.queryWords = function (query) {
    var self = this;
    var tokens = tokenize(query).filter(function (t) { return t.folded.length >= 2 && t.folded.length <= 40; });
    var open = query.length > 0 && !/[\s.,;:!?)"»]$/.test(query);
    var words = tokens.map(function (t, i) {
      return {
        word: t.folded,
        upper: t.upper,
        // Search as you type: the last word may be unfinished, unless written as an abbreviation.
        prefix: open && i === tokens.length - 1 && t.folded.length >= 3 && !t.upper,
        // Stop words are indexed only in titles and headings: they add to a match, never required.
        optional: !t.upper && self.stop.has(t.folded)
      };
    });
    if (words.every(function (w) { return w.optional; })) words.forEach(function (w) { w.optional = false; });
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
    var chunk = head ? chunkAt(shard.heads, i) : chunkAt(shard.chunks, i);
    return { file: (head ? 'h-' : 'p-') + chunk + '.js', store: head ? registry.heads : registry.postings, chunk: chunk };
  };

  /** The alternatives for one query word: itself, and the other members of its synonym groups. */
  Engine.prototype.alternatives = function (w) {
    var stopAlt = { terms: [{ word: STOP_MARK + w.word, prefix: false, exactOnly: true }], weight: 1 };
    // Stop words are indexed, marked, only in titles and headings; they match exactly.
    if (w.optional) return [stopAlt];
    var alts = [{ terms: [{ word: w.word, prefix: w.prefix }], weight: 1 }];
    if (!w.upper && this.stop.has(w.word)) alts.push(stopAlt);
    var s = stem(w.word);
    this.synonyms.forEach(function (group) {
      var hit = group.some(function (m) { return m.length === 1 && (m[0] === w.word || stem(m[0]) === s); });
      if (!hit) return;
      group.forEach(function (m) {
        if (m.length === 1 && (m[0] === w.word || stem(m[0]) === s)) return;
        alts.push({ terms: m.map(function (word) { return { word: word, prefix: false }; }), weight: SYNONYM_WEIGHT });
      });
    });
    return alts;
  };

  /** Keys of the vocabulary that match a term, each with how: exact, stem, prefix or fuzzy. */
  Engine.prototype.candidates = function (term) {
    var shard = registry.vocab[this.shardFor(term.word)];
    if (!shard) return [];
    var self = this, words = shard.words, df = shard.df, found = new Map();
    var add = function (from, i, type, list) {
      var key = from.words[i];
      var old = found.get(key);
      if (!old || TYPE_WEIGHT[type] > TYPE_WEIGHT[old.type]) found.set(key, { key: key, type: type, df: from.df[i], list: list || self.listOf(from, i, false) });
    };
    var t = term.word, i = lowerBound(words, t);
    if (words[i] === t) add(shard, i, 'exact');
    if (term.exactOnly) return Array.from(found.values());
    var s = stem(t);
    // Words with the same stem differ from it by a suffix of at most seven letters ("-erendes").
    for (var k = lowerBound(words, s); k < words.length && words[k].slice(0, s.length) === s; k++) {
      if (words[k] !== t && words[k].length <= s.length + 7 && stem(words[k]) === s) add(shard, k, 'stem');
    }
    var extra = [];
    if (term.prefix) {
      for (k = i; k < words.length && words[k].slice(0, t.length) === t; k++) {
        if (words[k] !== t) extra.push({ shard: shard, i: k, type: 'prefix', completion: true });
      }
    }
    // A typo is forgiven only where the word, as typed, is not in the handbook.
    if (t.length >= 5 && !found.size && !extra.length) {
      for (k = 0; k < words.length; k++) {
        if (words[k] !== t && nearMiss(t, words[k], term.prefix)) extra.push(nearMissAt(shard, k, t));
      }
    }
    // A word found as typed in more documents than a head holds is most likely the word meant:
    // its completions count where their lists are loaded, and load none of their own.
    var exactlyFrequent = words[i] === t && df[i] > this.m.head;
    this.addMostFrequent(extra, add, exactlyFrequent ? 0 : MAX_NEW_CHUNKS);
    if (term.prefix && words[i] !== t) this.prefetchLikelyWord(extra, t);
    return Array.from(found.values());
  };

  /**
   * A word being typed that is not a word yet is likely to end as its most frequent completion
   * a letter or two longer, which is matched by its head until then and by its whole list once
   * typed: that list starts loading now, without being waited for, so that the last key finds
   * it there. (Its best documents' display files are not loaded ahead: a word is as often the
   * start of a compound, and each wrong guess would cost a first query ~20 KB.)
   */
  Engine.prototype.prefetchLikelyWord = function (extra, typed) {
    var likely = null;
    extra.forEach(function (e) {
      if (e.type === 'prefix' && e.shard.words[e.i].length <= typed.length + 2 && (!likely || e.shard.df[e.i] > likely.shard.df[likely.i])) likely = e;
    });
    if (!likely) return;
    var whole = this.listOf(likely.shard, likely.i, false);
    if (!whole.store[whole.chunk]) prefetch(whole.file);
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
      return Promise.all(missingShards.map(function (n) { return loadPart('v-' + n + '.js'); })).then(function () {
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
    return i >= 0 && !registry.vocab[i] ? 'v-' + i + '.js' : null;
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
    var files = new Set();
    cands.forEach(function (c) { if (!c.list.store[c.list.chunk]) files.add(c.list.file); });
    return Promise.all(Array.from(files).map(loadPart));
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

  /** Doc id → best score of one term's candidates. */
  Engine.prototype.termScores = function (cands) {
    var scores = new Map();
    for (var c = 0; c < cands.length; c++) {
      var cand = cands[c], list = listOfCandidate(cand);
      if (!list) continue;
      var page = 0, typeWeight = TYPE_WEIGHT[cand.type];
      for (var p = 0; p < list.length; p += 2) {
        page += list[p];
        var packed = list[p + 1], code = packed & 31, local = packed >> 5;
        var field = code >> 3, tf = code & 3;
        var score = typeWeight * (field === 0 ? FIELD_WEIGHT[0] + 0.25 * tf : FIELD_WEIGHT[field]) * ((code & 4) ? PART_WEIGHT : 1);
        var doc = page * PAGE_STRIDE + local, old = scores.get(doc);
        if (old === undefined || score > old) scores.set(doc, score);
      }
    }
    return scores;
  };

  /**
   * Runs a query. Resolves to {words, keys, ranked: [{doc, page, local, score}], counts}:
   * documents matching every word first (summed scores), then those matching fewer.
   */
  Engine.prototype.search = function (query) {
    var self = this;
    var words = this.queryWords(query);
    if (!words.length) return Promise.resolve({ words: [], keys: [], ranked: [], counts: {} });
    var altsPerWord = words.map(function (w) {
      var alts = self.alternatives(w);
      alts.optional = w.optional;
      return alts;
    });
    var allAlts = [].concat.apply([], altsPerWord);
    return this.loadVocab(allAlts).then(function () {
      var candsPerWord = altsPerWord.map(function (alts) {
        return alts.map(function (alt) {
          return alt.terms.map(function (term) { return self.candidates(term); });
        });
      });
      return self.addTypoCandidates(altsPerWord, candsPerWord);
    }).then(function (candsPerWord) {
      var keys = new Set(), all = [];
      candsPerWord.forEach(function (alts) { alts.forEach(function (terms) { terms.forEach(function (cands) { cands.forEach(function (c) { keys.add(c.key); all.push(c); }); }); }); });
      return self.loadPostings(all).then(function () {
        var res = self.rank(altsPerWord, candsPerWord, keys);
        res.guessing = !!candsPerWord.guessing;
        return res;
      });
    });
  };

  /**
   * For each query word of five letters or more that is not a word of the handbook as typed,
   * and matched at most near misses that share its first letters or forms and completions in a
   * few documents, its near misses mistyped in the first three letters too (typoCandidates):
   * "rtyghed" means "tryghed" more likely than a rare word that starts with "r", and "ygcenter"
   * "rygcenter" as likely as the rare "ygcenteret". Resolves to `candsPerWord`.
   */
  Engine.prototype.addTypoCandidates = function (altsPerWord, candsPerWord) {
    var self = this;
    var unsure = function (cands) {
      var documents = 0;
      for (var c = 0; c < cands.length; c++) {
        if (cands[c].type === 'exact') return false;
        if (cands[c].type === 'stem' || cands[c].type === 'prefix') documents += cands[c].df;
      }
      return documents < FEW_DOCUMENTS;
    };
    return Promise.all(altsPerWord.map(function (alts, w) {
      var term = alts[0].terms[0], cands = candsPerWord[w][0];
      if (term.exactOnly || Array.from(term.word).length < 5 || !unsure(cands[0])) return null;
      return self.typoCandidates(term).then(function (found) {
        var keys = new Set(cands[0].map(function (c) { return c.key; }));
        cands[0] = cands[0].concat(found.filter(function (c) { return !keys.has(c.key); }));
      });
    })).then(function () {
      // A word matched by near misses only is a guess at a mistyped one.
      candsPerWord.guessing = candsPerWord.some(function (alts) {
        return alts[0][0].length > 0 && alts[0][0].every(function (c) { return c.type === 'fuzzy' || c.type === 'fuzzyStart'; });
      });
      return candsPerWord;
    });
  };

  Engine.prototype.rank = function (altsPerWord, candsPerWord, keys) {
    var self = this, total = new Map(), matched = new Map();
    candsPerWord.forEach(function (alts, w) {
      var best = new Map();
      alts.forEach(function (terms, a) {
        var weight = altsPerWord[w][a].weight;
        var perTerm = terms.map(function (cands) { return self.termScores(cands); });
        perTerm[0].forEach(function (score, doc) {
          var sum = score;
          for (var t = 1; t < perTerm.length; t++) {
            var s = perTerm[t].get(doc);
            if (s === undefined) return;
            sum += s;
          }
          var value = weight * sum / perTerm.length, old = best.get(doc);
          if (old === undefined || value > old) best.set(doc, value);
        });
      });
      var required = !altsPerWord[w].optional, factor = required ? 1 : OPTIONAL_WEIGHT;
      best.forEach(function (score, doc) {
        total.set(doc, (total.get(doc) || 0) + factor * score);
        if (required) matched.set(doc, (matched.get(doc) || 0) + 1);
      });
    });
    var ranked = [];
    total.forEach(function (score, doc) {
      var n = matched.get(doc) || 0;
      if (n) ranked.push({ doc: doc, page: Math.floor(doc / PAGE_STRIDE), local: doc % PAGE_STRIDE, score: score, matched: n });
    });
    var all = altsPerWord.filter(function (alts) { return !alts.optional; }).length;
    if (ranked.some(function (r) { return r.matched === all; })) ranked = ranked.filter(function (r) { return r.matched === all; });
    ranked.sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.doc - b.doc; });
    var counts = {};
    ranked.forEach(function (r) {
      var kind = self.m.pages[r.page];
      r.kind = kind;
      counts[kind] = (counts[kind] || 0) + 1;
    });
    return { words: altsPerWord.map(function (a) { return a[0].terms[0].word; }), keys: Array.from(keys), ranked: ranked, counts: counts };
  };

  /** Loads the display data of the pages of these results. */
  function loadPages(results) {
    var files = new Set();
    results.forEach(function (r) { if (!registry.pages[r.page]) files.add('pages/' + r.page + '.js'); });
    return Promise.all(Array.from(files).map(loadPart));
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
  api.addVocab = function (i, words, df, chunks, heads) {
    registry.vocab[i] = { words: words ? words.split(' ') : [], df: df, chunks: chunkSteps(chunks), heads: chunkSteps(heads) };
  };
  api.addPostings = function (i, postings) { registry.postings[i] = postings; };
  api.addHeads = function (i, heads) { registry.heads[i] = heads; };
  api.addTypos = function (i, typos) { registry.typos[i] = typos; };
  api.addPage = function (i, page) { registry.pages[i] = page; };
  // For the tests that run this file under Node (tests/search/*.mjs) and look inside in a browser.
  api.core = { fold: fold, tokenize: tokenize, stem: stem, withinOneEdit: withinOneEdit, typoTails: typoTails, typoFile: typoFile, Engine: Engine, registry: registry, listOfCandidate: listOfCandidate };
  /** A query with the display data of its first ten results, for scripts and tests. */
  api.search = function (query) { return runQuery(query, 10, null); };
})(typeof window !== 'undefined' ? window : globalThis);
