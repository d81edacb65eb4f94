// A built deck, and how it is printed, as the fragment of the page's address (after #): the
// fragment never reaches a server, and a copied link opens the same deck on another machine,
// from the intranet or from disk. Read defensively: unknown keys are skipped, a value that
// cannot be read is dropped with a message, and a card or deck that no longer exists is left
// out and named, so a link from an older or edited handbook opens with what still exists.
//
//   #v1;k=haard-tone/hos-os-kan,/en-kort-tone,e1,vold/x;e=Vi%20hj%C3%A6lper;j=2;n=Vores%20bunke;
//    c=haard-tone;d=haard-tone;l=fold;f=short;o=1.5,-0.5;p=Kontorprinter
//
//   v1  the format's version, always first
//   k   the cards, top of the deck first: deck/card (the ids of the builder's checkboxes);
//       "/card" is a card of the same deck as the one before; eN is the Nth own statement
//   e   the TRIO's own statements, each percent-encoded, separated by commas
//   j   blank jokers to write on by hand      n  the deck's name      c  its colour (a deck, or egne)
//   d   the deck the builder was opened from (the builder shows its cards)
//   l   duplex (default) or fold              f  long (default) or short: the edge a duplex flips on
//   o   how far to move the backs, x,y in mm (plus is right and down)
//   p   the printer's name, as the TRIO calls it
//
// Shared by builder.js, card-sheets.js and present.js as window.TriobogLink; own statements,
// names and messages are only ever shown as text (textContent), never as markup.
(function () {
  "use strict";
  const VERSION = "v1";
  const DECK_KEYS = ["k", "e", "j", "n", "c"];
  const PRINT_KEYS = ["l", "f", "o", "p"];
  const MAX_ITEMS = 200;
  const MAX_STATEMENT = 300;
  const MAX_NAME = 40;
  const MAX_JOKERS = 27;
  const MAX_OFFSET = 10;
  const BUILDER_STORE = "triobog-kortbygger";
  const PRINTER_STORE = "triobog-printere";

  function defaultPrint() {
    return { layout: "duplex", flip: "long", offset: { x: 0, y: 0 }, printer: "" };
  }

  function emptyState() {
    return { items: [], jokers: 0, name: "", color: "", from: "", print: defaultPrint() };
  }

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, "%20"));
    } catch (e) {
      return null;
    }
  }

  function clean(text, max) {
    return text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, max);
  }

  /** A number of mm from a link or a field, or null when it is none; "1,5" reads as 1.5. */
  function readMm(text) {
    const t = String(text).trim().replace(",", ".").replace("\u2212", "-");
    return /^[-+]?\d{1,3}(\.\d+)?$/.test(t) ? Math.round(Number(t) * 10) / 10 : null;
  }

  /** The fields of a fragment, first of each key kept; null when it is not one of ours. */
  function fields(hash) {
    const parts = String(hash || "").replace(/^#/, "").split(";");
    const version = parts[0];
    if (!/^v\d{1,3}$/.test(version)) return null;
    const out = { version, values: new Map() };
    for (const part of parts.slice(1)) {
      const eq = part.indexOf("=");
      if (eq < 1) continue;
      const key = part.slice(0, eq);
      if (!out.values.has(key)) out.values.set(key, part.slice(eq + 1));
    }
    return out;
  }

  function parseStatements(text, problems) {
    const out = [];
    for (const piece of text.split(",")) {
      if (!piece) continue;
      const value = decode(piece);
      if (value === null) {
        problems.push("Et af jeres egne udsagn i linket kunne ikke læses og er udeladt.");
        out.push(null);
        continue;
      }
      const statement = clean(value, MAX_STATEMENT);
      out.push(statement || null);
    }
    return out;
  }

  function parseItems(text, own, problems) {
    const items = [];
    const used = new Set();
    let deck = "";
    for (const token of text.split(",")) {
      if (!token || items.length >= MAX_ITEMS) continue;
      const ownRef = /^e(\d{1,3})$/.exec(token);
      if (ownRef) {
        const n = Number(ownRef[1]) - 1;
        if (own[n] && !used.has("e" + n)) items.push({ own: own[n] });
        used.add("e" + n);
        if (own[n] === undefined) problems.push("Linket nævner et eget udsagn, som ikke er med i det; det er udeladt.");
        continue;
      }
      const decoded = decode(token);
      const match = decoded === null ? null : /^([^/]*)\/([^/]+)$/.exec(decoded);
      if (!match || (!match[1] && !deck)) {
        problems.push("Et kort i linket kunne ikke læses og er udeladt.");
        continue;
      }
      deck = match[1] || deck;
      const key = deck + "/" + match[2];
      if (!used.has(key)) items.push({ key });
      used.add(key);
    }
    // Own statements the card list does not name go at the bottom, as a hand-made link means.
    own.forEach((statement, n) => {
      if (statement && !used.has("e" + n) && items.length < MAX_ITEMS) items.push({ own: statement });
    });
    return items;
  }

  function parsePrint(values, print, problems) {
    if (values.has("l")) {
      const l = values.get("l");
      if (l === "duplex" || l === "fold") print.layout = l;
      else problems.push("Måden at printe på i linket kendes ikke; arkene er lavet til tosidet print.");
    }
    if (values.has("f")) {
      const f = values.get("f");
      if (f === "long" || f === "short") print.flip = f;
      else problems.push("Vendingen i linket kendes ikke; bagsiderne passer til vending på den lange kant.");
    }
    if (values.has("o")) {
      const parts = (decode(values.get("o")) || "").split(",");
      const x = readMm(parts[0] || "");
      const y = readMm(parts[1] || "");
      if (parts.length === 2 && x !== null && y !== null && Math.abs(x) <= MAX_OFFSET && Math.abs(y) <= MAX_OFFSET) {
        print.offset = { x, y };
      } else {
        problems.push("Forskydningen af bagsiderne i linket kunne ikke læses og er sprunget over.");
      }
    }
    if (values.has("p")) {
      const name = decode(values.get("p"));
      if (name === null) problems.push("Printerens navn i linket kunne ikke læses.");
      else print.printer = clean(name, MAX_NAME);
    }
  }

  /**
   * Reads a fragment: { state, problems, versioned, hasDeck, hasPrint, hasFrom }. The state's
   * cards are not yet checked against the handbook: see `resolve`.
   */
  function parse(hash) {
    const state = emptyState();
    const problems = [];
    const f = fields(hash);
    if (!f) return { state, problems, versioned: false, hasDeck: false, hasPrint: false, hasFrom: false };
    const values = f.values;
    if (f.version !== VERSION) problems.push("Linket er lavet af en nyere udgave af håndbogen. Det, der kunne læses, er med.");
    const own = values.has("e") ? parseStatements(values.get("e"), problems) : [];
    state.items = parseItems(values.get("k") || "", own, problems);
    if (values.has("j")) {
      const j = values.get("j");
      if (/^\d{1,3}$/.test(j) && Number(j) <= MAX_JOKERS) state.jokers = Number(j);
      else problems.push("Antallet af blanke jokere i linket kunne ikke læses og er sat til 0.");
    }
    if (values.has("n")) {
      const name = decode(values.get("n"));
      if (name === null) problems.push("Bunkens navn i linket kunne ikke læses.");
      else state.name = clean(name, MAX_NAME);
    }
    if (values.has("c")) state.color = decode(values.get("c")) || "";
    if (values.has("d")) state.from = decode(values.get("d")) || "";
    parsePrint(values, state.print, problems);
    return {
      state,
      problems,
      versioned: true,
      hasDeck: DECK_KEYS.some((k) => values.has(k)),
      hasPrint: PRINT_KEYS.some((k) => values.has(k)),
      hasFrom: values.has("d"),
    };
  }

  /**
   * Leaves out what this handbook does not have: cards (`cards` maps "deck/card" to anything),
   * a colour or a starting deck that is no deck (`decks` maps a deck's slug to its title).
   * Returns the messages that say what was left out.
   */
  function resolve(state, cards, decks) {
    const problems = [];
    const missing = new Map();
    state.items = state.items.filter((item) => {
      if (item.own || cards.has(item.key)) return true;
      const deck = item.key.split("/")[0];
      missing.set(deck, (missing.get(deck) || 0) + 1);
      return false;
    });
    for (const [deck, n] of missing) {
      const cardsText = n === 1 ? "1 kort" : n + " kort";
      if (decks.has(deck)) {
        problems.push(cardsText + " fra " + decks.get(deck) + " findes ikke i denne udgave af håndbogen og er udeladt.");
      } else {
        problems.push("Bunken »" + deck + "« findes ikke i denne udgave af håndbogen; " + cardsText + " fra den er udeladt.");
      }
    }
    if (state.color && state.color !== "egne" && !decks.has(state.color)) {
      problems.push("Farven i linket findes ikke; bunken har fået sidens farve.");
      state.color = "";
    }
    if (state.from && !decks.has(state.from)) {
      problems.push("Bunken »" + state.from + "« findes ikke i denne udgave af håndbogen; kort fra alle bunker vises.");
      state.from = "";
    }
    return problems;
  }

  function encode(text) {
    return encodeURIComponent(text);
  }

  function formatItems(items) {
    const keys = [];
    const own = [];
    let deck = "";
    for (const item of items) {
      if (item.own) {
        own.push(encode(item.own));
        keys.push("e" + own.length);
        continue;
      }
      const slash = item.key.indexOf("/");
      const itemDeck = item.key.slice(0, slash);
      keys.push((itemDeck === deck ? "" : encode(itemDeck)) + "/" + encode(item.key.slice(slash + 1)));
      deck = itemDeck;
    }
    return { keys, own };
  }

  /**
   * The fragment of `state`, "#v1;…", with only what differs from the defaults. `parts` picks
   * what goes in: `deck` (the cards, own statements, jokers, name, colour and starting deck) and
   * `print` (layout, flip, offset, printer).
   */
  function format(state, parts) {
    const { deck = true, print = true } = parts || {};
    const out = [VERSION];
    if (deck) {
      const { keys, own } = formatItems(state.items);
      if (keys.length) out.push("k=" + keys.join(","));
      if (own.length) out.push("e=" + own.join(","));
      if (state.jokers) out.push("j=" + state.jokers);
      if (state.name) out.push("n=" + encode(state.name));
      if (state.color && state.color !== "egne") out.push("c=" + encode(state.color));
      if (state.from) out.push("d=" + encode(state.from));
    }
    if (print) {
      const p = state.print;
      if (p.layout === "fold") out.push("l=fold");
      if (p.flip === "short") out.push("f=short");
      if (p.offset.x || p.offset.y) out.push("o=" + p.offset.x + "," + p.offset.y);
      if (p.printer) out.push("p=" + encode(p.printer));
    }
    return "#" + out.join(";");
  }

  function storageGet(key) {
    try {
      return localStorage.getItem(key);
    } catch (e) {
      return null; // Storage may be off (private windows, some file:// setups); links still work.
    }
  }

  function storageSet(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch (e) {
      // As above: the address keeps everything anyway.
    }
  }

  /** The builder's last deck as a fragment (an older builder kept it as JSON: read that too). */
  function lastDeck() {
    const stored = storageGet(BUILDER_STORE);
    if (!stored) return "";
    if (stored.charAt(0) === "#") return stored;
    try {
      const old = JSON.parse(stored);
      const state = emptyState();
      if (old && Array.isArray(old.cards)) state.items = old.cards.filter((k) => typeof k === "string").map((key) => ({ key }));
      if (old && typeof old.own === "string") {
        for (const line of old.own.split("\n")) if (line.trim()) state.items.push({ own: clean(line, MAX_STATEMENT) });
      }
      if (old && typeof old.name === "string") state.name = clean(old.name, MAX_NAME);
      if (old && typeof old.color === "string") state.color = old.color.replace(/^deck--/, "");
      return format(state, { print: false });
    } catch (e) {
      return "";
    }
  }

  function rememberDeck(fragment) {
    storageSet(BUILDER_STORE, fragment);
  }

  /** The printers this browser knows: { last, printers: { name: print settings } }. */
  function printers() {
    try {
      const value = JSON.parse(storageGet(PRINTER_STORE) || "null");
      if (value && typeof value === "object" && value.printers && typeof value.printers === "object") return value;
    } catch (e) {
      // A broken entry is forgotten.
    }
    return { last: "", printers: {} };
  }

  /** The print settings remembered for `name`, or null. */
  function printerSettings(name) {
    const known = printers().printers[name];
    if (!known || typeof known !== "object") return null;
    const print = defaultPrint();
    print.printer = name;
    if (known.layout === "fold") print.layout = "fold";
    if (known.flip === "short") print.flip = "short";
    const x = readMm(known.x);
    const y = readMm(known.y);
    if (x !== null && y !== null && Math.abs(x) <= MAX_OFFSET && Math.abs(y) <= MAX_OFFSET) print.offset = { x, y };
    return print;
  }

  /** Remembers `print` for its printer, when it has a name, as the one used last. */
  function rememberPrinter(print) {
    if (!print.printer) return;
    const all = printers();
    all.printers[print.printer] = { layout: print.layout, flip: print.flip, x: print.offset.x, y: print.offset.y };
    all.last = print.printer;
    storageSet(PRINTER_STORE, JSON.stringify(all));
  }

  // A link pasted into the address bar of a page that is already open changes only the fragment,
  // which loads nothing: open the page again, so that it shows the new link's deck and settings.
  // (The pages write their own changes with history.replaceState, which fires no hashchange.)
  // A jump to a place in the page (the skip link's #main) would put that in the address instead
  // of the deck, and a link copied from the address bar would lose it: put the deck back. The
  // browser has jumped already, so the page stays where it went.
  window.addEventListener("hashchange", (event) => {
    if (fields(location.hash)) {
      location.reload();
      return;
    }
    const before = event.oldURL.indexOf("#") < 0 ? "" : event.oldURL.slice(event.oldURL.indexOf("#"));
    if (fields(before)) history.replaceState(null, "", location.pathname + location.search + before);
  });

  window.TriobogLink = {
    MAX_OFFSET,
    MAX_JOKERS,
    MAX_NAME,
    MAX_STATEMENT,
    defaultPrint,
    emptyState,
    parse,
    resolve,
    format,
    readMm,
    lastDeck,
    rememberDeck,
    printers,
    printerSettings,
    rememberPrinter,
  };
})();
