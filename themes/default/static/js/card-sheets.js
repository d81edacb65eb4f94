// Card sheets for every office printer. Lays a deck's cards out on sheets for a duplex printer
// that flips on the long edge (the default, and what the page holds without this script) or on
// the short edge, or on fold sheets for a printer without duplex (A4 on its side, fronts on the
// left half and their backs mirrored on the right); moves the backs by the offset a printer was
// measured to have (the calibration sheet); and keeps the choice in the page's address
// (#v1;l=…;f=…;o=…;p=…) and, for a printer with a name, in this browser.
//
// Deck sheets and the calibration sheet set themselves up here; the deck builder lays its own
// deck out with window.TriobogSheets. Needs js/deck-link.js first.
(function () {
  "use strict";
  const Link = window.TriobogLink;
  if (!Link) return;

  /** Cards per sheet, columns and rows of each layout; the places are css/sheets.css's. */
  const GRIDS = { duplex: { columns: 3, rows: 3 }, fold: { columns: 2, rows: 2 } };

  const HOW = {
    long: "Print på A4 i 100 % („Faktisk størrelse“), tosidet med vending på den lange kant, med baggrundsgrafik slået til.",
    short: "Print på A4 i 100 % („Faktisk størrelse“), tosidet med vending på den korte kant, med baggrundsgrafik slået til.",
    fold: "Print på A4 i 100 % („Faktisk størrelse“), enkeltsidet, med baggrundsgrafik slået til. Fold hvert ark på den stiplede linje, og klip kortene ud.",
  };

  function choice(print) {
    return print.layout === "fold" ? "fold" : print.flip;
  }

  function setSlot(element, row, col) {
    for (const c of Array.from(element.classList)) if (c.startsWith("slot-")) element.classList.remove(c);
    element.classList.add("slot-r" + row + "c" + col);
  }

  function setColor(element, colorClass) {
    if (!colorClass) return;
    for (const c of Array.from(element.classList)) if (c.startsWith("deck--")) element.classList.remove(c);
    element.classList.add(colorClass);
  }

  function fill(element, field, text) {
    for (const node of element.querySelectorAll('[data-field="' + field + '"]')) node.textContent = text;
  }

  function mm(v) {
    return String(Math.abs(v)).replace(".", ",") + " mm";
  }

  /** What a back sheet's head says about the offset, empty when there is none. */
  function offsetNote(print) {
    const { x, y } = print.offset;
    if (!x && !y) return "";
    const parts = [];
    if (x) parts.push(mm(x) + (x > 0 ? " mod højre" : " mod venstre"));
    if (y) parts.push(mm(y) + (y > 0 ? " ned" : " op"));
    return " · bagsiderne flyttet " + parts.join(" og ") + (print.printer ? " for printeren " + print.printer : "");
  }

  /**
   * The patterns a layout copies, from `root` (a page, or a <template>'s content): a front
   * sheet, a back sheet and a back card, without their cards, and a fold sheet.
   */
  function patternsFrom(root, foldRoot) {
    const front = root.querySelector(".sheet--front");
    const back = root.querySelector(".sheet--back");
    const fold = (foldRoot || root).querySelector(".sheet--fold");
    if (!front || !back || !fold) return null;
    const backCard = back.querySelector('[data-card="back"]');
    const bare = (sheet) => {
      const copy = sheet.cloneNode(true);
      for (const card of copy.querySelectorAll("[data-card]")) card.remove();
      return copy;
    };
    return { front: bare(front), back: bare(back), fold: bare(fold), backCard: backCard && backCard.cloneNode(true) };
  }

  function makeSheet(pattern, o, number, count, side) {
    const sheet = pattern.cloneNode(true);
    fill(sheet, "deck", o.name);
    fill(sheet, "sheet-number", String(number));
    fill(sheet, "sheet-count", String(count));
    fill(sheet, "how", o.print.flip === "short" ? "tosidet, vend på den korte kant" : "tosidet, vend på den lange kant");
    fill(sheet, "offset", offsetNote(o.print));
    const what = side ? "ark " + number + " af " + count + ", " + side : "foldeark " + number + " af " + count;
    sheet.setAttribute("aria-label", o.name + ", " + what);
    setColor(sheet, o.colorClass);
    return sheet;
  }

  function makeBack(o) {
    const back = o.patterns.backCard.cloneNode(true);
    fill(back, "theme", o.theme || o.name);
    return back;
  }

  /** One duplex sheet: a front with `cards` and a back with each card's back behind it. */
  function duplexSheet(o, cards, number, count) {
    const { columns, rows } = GRIDS.duplex;
    const front = makeSheet(o.patterns.front, o, number, count, "forside");
    const back = makeSheet(o.patterns.back, o, number, count, "bagside");
    cards.forEach((card, pos) => {
      const row = Math.floor(pos / columns);
      const col = pos % columns;
      setSlot(card, row, col);
      front.appendChild(card);
      const behind = makeBack(o);
      // A long-edge flip mirrors the columns; a short-edge flip mirrors the rows and turns the
      // back round, so that it reads the right way up when the card is turned over sideways.
      if (o.print.flip === "short") setSlot(behind, rows - 1 - row, col);
      else setSlot(behind, row, columns - 1 - col);
      behind.classList.toggle("print-card--turned", o.print.flip === "short");
      back.appendChild(behind);
    });
    return [front, back];
  }

  /** One fold sheet: fronts in columns 0–1, each back mirrored about the fold in columns 3–2. */
  function foldSheet(o, cards, number, count) {
    const { columns } = GRIDS.fold;
    const sheet = makeSheet(o.patterns.fold, o, number, count, "");
    cards.forEach((card, pos) => {
      const row = Math.floor(pos / columns);
      const col = pos % columns;
      setSlot(card, row, col);
      sheet.appendChild(card);
      const behind = makeBack(o);
      setSlot(behind, row, 2 * columns - 1 - col);
      behind.classList.remove("print-card--turned");
      sheet.appendChild(behind);
    });
    return [sheet];
  }

  /**
   * Lays `cards` (front card elements, top of the deck first) out on sheets in `output`, as
   * `o` says: { print: {layout, flip, offset, printer}, name, theme, colorClass, patterns }.
   */
  function layOut(output, cards, o) {
    const fold = o.print.layout === "fold";
    const grid = fold ? GRIDS.fold : GRIDS.duplex;
    const perSheet = grid.columns * grid.rows;
    const count = Math.ceil(cards.length / perSheet);
    output.textContent = "";
    output.classList.toggle("sheets--fold", fold);
    setOffset(output, o.print);
    for (let s = 0; s < count; s++) {
      const chunk = cards.slice(s * perSheet, (s + 1) * perSheet);
      const sheets = fold ? foldSheet(o, chunk, s + 1, count) : duplexSheet(o, chunk, s + 1, count);
      for (const sheet of sheets) output.appendChild(sheet);
    }
    return count;
  }

  /** Moves the backs by the printer's offset: custom properties that css/sheets.css reads. */
  function setOffset(output, print) {
    output.style.setProperty("--back-x", print.offset.x + "mm");
    output.style.setProperty("--back-y", print.offset.y + "mm");
  }

  /** The toolbar's line on how to print, for this layout. */
  function describe(print) {
    const how = document.querySelector(".sheet-toolbar__how");
    if (how) how.textContent = HOW[choice(print)];
    document.body.classList.toggle("sheet-page--fold", print.layout === "fold");
  }

  /**
   * Binds the panel of print choices (partials/sheet-options.html) to `print`, calling
   * `changed(print, how)` after every change made in it; `how` is "printer" when a remembered
   * printer's settings were filled in. Returns { set(print) } to show other settings.
   */
  function bindOptions(panel, print, changed) {
    panel.hidden = false;
    const radios = Array.from(panel.querySelectorAll('input[name="layout"]'));
    const printer = panel.querySelector('input[name="printer"]');
    const x = panel.querySelector('input[name="offset-x"]');
    const y = panel.querySelector('input[name="offset-y"]');
    const list = panel.querySelector("datalist");
    const offsetFields = panel.querySelector("[data-offset-fields]");
    const status = panel.querySelector("[data-options-status]");

    function show(p) {
      for (const radio of radios) radio.checked = radio.value === choice(p);
      printer.value = p.printer;
      x.value = String(p.offset.x);
      y.value = String(p.offset.y);
      if (offsetFields && radios.length) offsetFields.hidden = p.layout === "fold";
    }

    function known() {
      if (!list) return;
      list.textContent = "";
      for (const name of Object.keys(Link.printers().printers).sort()) {
        const option = document.createElement("option");
        option.value = name;
        list.appendChild(option);
      }
    }

    function read(event) {
      const checked = radios.find((r) => r.checked);
      if (checked) {
        print.layout = checked.value === "fold" ? "fold" : "duplex";
        if (checked.value !== "fold") print.flip = checked.value;
      }
      const name = printer.value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, Link.MAX_NAME);
      let how = "";
      if (event && event.target === printer && event.type === "change" && name !== print.printer) {
        const remembered = Link.printerSettings(name);
        if (remembered) {
          Object.assign(print, remembered);
          how = "printer";
        }
      }
      print.printer = name;
      if (how !== "printer") {
        const limit = Link.MAX_OFFSET;
        const value = (field) => {
          const v = Link.readMm(field.value || "0");
          return v === null ? 0 : Math.max(-limit, Math.min(limit, v));
        };
        print.offset = { x: value(x), y: value(y) };
      }
      // While a number is being typed, leave the field as it is ("-" is on its way to "-1").
      if (!event || event.type !== "input") show(print);
      Link.rememberPrinter(print);
      known();
      status.textContent = how === "printer" ? "Indstillingerne for " + name + " er hentet." : summary(print);
      changed(print, how);
    }

    show(print);
    known();
    panel.addEventListener("change", read);
    // The offset follows the typing; a printer's name counts when it has been typed (change).
    x.addEventListener("input", read);
    y.addEventListener("input", read);
    return { set: show };
  }

  /** One line on what the sheets are laid out for now. */
  function summary(print) {
    if (print.layout === "fold") return "Arkene er nu foldeark til enkeltsidet print.";
    const flip = print.flip === "short" ? "den korte kant" : "den lange kant";
    const note = offsetNote(print).replace(" · ", "");
    return "Bagsiderne passer til vending på " + flip + (note ? "; " + note : "") + ".";
  }

  /** The print settings a page starts with: its link's, else the printer used last here. */
  function startingPrint(parsed) {
    if (parsed.hasPrint) return parsed.state.print;
    const last = Link.printers().last;
    return (last && Link.printerSettings(last)) || Link.defaultPrint();
  }

  /** Writes `print` into the page's address, keeping the rest of a fragment of ours. */
  function keepInAddress(print) {
    const parsed = Link.parse(location.hash);
    const state = parsed.state;
    state.print = print;
    history.replaceState(null, "", location.pathname + location.search + Link.format(state));
  }

  /** A deck's print sheet (or the calibration sheet): the choice from its link, and the panel. */
  function setUpSheetPage(output) {
    const panel = document.querySelector("[data-sheet-options]");
    if (!panel) return;
    const parsed = Link.parse(location.hash);
    const print = startingPrint(parsed);
    const calibration = output.hasAttribute("data-calibration");
    const patterns = calibration ? null : patternsFrom(document, document.getElementById("fold-template").content);
    const first = output.querySelector(".sheet--front");
    const title = first && first.querySelector('[data-field="deck"]');
    const o = {
      print,
      name: title ? title.textContent : "",
      theme: "",
      colorClass: first ? Array.from(first.classList).find((c) => c.startsWith("deck--")) : "",
      patterns,
    };
    const backTheme = output.querySelector('[data-card="back"] [data-field="theme"]');
    o.theme = backTheme ? backTheme.textContent : o.name;
    const cards = Array.from(output.querySelectorAll('[data-card="front"]'));

    function apply() {
      if (calibration) {
        setOffset(output, print);
        fill(output, "offset", offsetNote(print));
      } else {
        layOut(output, cards, o);
        describe(print);
      }
    }

    const notice = parsed.problems.length ? parsed.problems.join(" ") : "";
    bindOptions(panel, print, () => {
      apply();
      keepInAddress(print);
    });
    apply();
    if (parsed.hasPrint || print.printer) keepInAddress(print);
    if (notice) panel.querySelector("[data-options-status]").textContent = notice;
  }

  window.TriobogSheets = { layOut, patternsFrom, bindOptions, describe, offsetNote, startingPrint };

  const output = document.querySelector("[data-card-sheets]");
  if (output) setUpSheetPage(output);
})();
