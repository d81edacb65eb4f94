// Printing in a real browser: every printable page printed to PDF by headless Chromium, as the
// print dialog does (CSS page size), then measured. Run: cd tests/browser && node --test
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { axeViolations, describeViolations, guardedPage } from "./lib/browser.mjs";
import { useSite } from "./lib/harness.mjs";
import { fixtureSite } from "./lib/site.mjs";
import { dashesDown, measureCards, printedCard, printToPdf, renderPage, runsAlong, sheetGeometry } from "./print-helpers.mjs";

const CARD = { width: 63, height: 88 };
const SHEET_HEIGHT = 297;
const TOLERANCE = 0.5;

const site = useSite();

/** Every link of the print corner in one section, as absolute URLs. */
async function cornerLinks(section) {
  const page = await site.open("print/index.html");
  const links = await page.$$eval(`section[aria-labelledby="${section}"] .print-entry__title`, (as) => as.map((a) => ({ href: a.href, title: a.textContent.trim() })));
  site.assertClean(page);
  await page.close();
  return links;
}

/** Checks that every card has the chosen size and lies wholly on one sheet, which is one page. */
function assertCardsFitTheirSheets(cards, label) {
  for (const c of cards) {
    assert.ok(Math.abs(c.width - CARD.width) <= TOLERANCE, `${label} ${c.side} card ${c.id}: ${c.width.toFixed(2)} mm wide`);
    assert.ok(Math.abs(c.height - CARD.height) <= TOLERANCE, `${label} ${c.side} card ${c.id}: ${c.height.toFixed(2)} mm high`);
    assert.ok(c.top >= c.sheetTop - 0.01 && c.top + c.height <= c.sheetBottom + 0.01, `${label} card ${c.id} leaves its sheet`);
    const sheetIndex = c.sheetTop / SHEET_HEIGHT;
    assert.ok(Math.abs(sheetIndex - Math.round(sheetIndex)) * SHEET_HEIGHT <= TOLERANCE, `${label}: a sheet starts at ${c.sheetTop.toFixed(2)} mm, not on a page boundary`);
    assert.equal(Math.floor((c.top + 0.01) / SHEET_HEIGHT), Math.floor((c.top + c.height - 0.01) / SHEET_HEIGHT), `${label} card ${c.id} crosses a page boundary`);
    assert.equal(c.overflow, false, `${label} card ${c.id}: the statement does not fit the card`);
    if (c.fontPt !== null) assert.ok(c.fontPt >= 14, `${label} card ${c.id}: statement set in ${c.fontPt} pt`);
  }
  const range = (key) => `${Math.min(...cards.map((c) => c[key])).toFixed(2)}–${Math.max(...cards.map((c) => c[key])).toFixed(2)}`;
  return `${label}: ${cards.length} cards measured ${range("width")} × ${range("height")} mm`;
}

describe("statement-card decks", () => {
  test("a 20-card deck with 3 jokers prints on 3 sheets, 6 pages with backs, cards 63 × 88 mm", async (t) => {
    const statements = Array.from({ length: 20 }, (_, i) => `- Udsagn nummer ${i + 1}: hos os siger vi tingene ligeud${i % 5 === 4 ? ", og når det bliver svært…" : "."}`).join("\n");
    const root = fixtureSite("minimal", {
      "content/kort/haard-tone.md": `+++\nkind = "deck"\ntitle = "Hård tone"\ntheme = "Hård tone"\ncolor = "#b5442c"\njokers = 3\n+++\n\n${statements}\n`,
    });
    const own = await site.serveOther(root);
    try {
      const page = await own.open("print/udsagnskort/haard-tone/index.html");
      const pdf = await printToPdf(page, "deck-20");
      assert.ok(pdf.a4, pdf.info);
      assert.equal(pdf.pages, 6);
      const cards = await measureCards(page);
      assert.equal(cards.filter((c) => c.side === "front").length, 23);
      assert.equal(cards.filter((c) => c.side === "back").length, 23);
      t.diagnostic(assertCardsFitTheirSheets(cards, "20-card deck"));
      t.diagnostic(`20-card deck: ${pdf.pages} pages, ${pdf.widthMm.toFixed(1)} × ${pdf.heightMm.toFixed(1)} mm, ${pdf.file}`);
      // On the printed pages themselves: the crop marks stand 63 and 88 mm apart, and the
      // scale bar is 50 mm long, on fronts and backs alike.
      for (let n = 1; n <= pdf.pages; n++) {
        const g = sheetGeometry(pdf.file, n);
        assert.equal(g.cardWidths.length, 3, `page ${n}: crop marks across the top ${JSON.stringify(g)}`);
        assert.equal(g.cardHeights.length, 3, `page ${n}: crop marks down the side ${JSON.stringify(g)}`);
        for (const w of g.cardWidths) assert.ok(Math.abs(w - CARD.width) <= TOLERANCE, `page ${n}: printed card width ${w} mm`);
        for (const h of g.cardHeights) assert.ok(Math.abs(h - CARD.height) <= TOLERANCE, `page ${n}: printed card height ${h} mm`);
        assert.ok(Math.abs(g.scaleBar - 50) <= TOLERANCE, `page ${n}: scale bar ${g.scaleBar} mm`);
        if (n === 1) t.diagnostic(`printed page 1: cards ${g.cardWidths.map((w) => w.toFixed(2)).join("/")} × ${g.cardHeights.map((h) => h.toFixed(2)).join("/")} mm, scale bar ${g.scaleBar.toFixed(2)} mm`);
      }
      await page.emulateMedia({ media: "screen" });
      await page.check("#one-sided");
      const oneSided = await printToPdf(page, "deck-20-one-sided");
      assert.equal(oneSided.pages, 3, "one-sided printing leaves out the backs");
      own.assertClean(page);
      await page.close();
    } finally {
      await own.close();
    }
  });

  test("every deck of the handbook prints on A4 with ceil(cards / 9) sheets and a back for each", async (t) => {
    const decks = (await cornerLinks("udsagnskort")).filter((d) => d.href.includes("/print/udsagnskort/"));
    assert.ok(decks.length >= 7, "the print corner lists every deck");
    for (const deck of decks) {
      const page = await site.open(deck.href);
      const fronts = await page.$$eval('[data-card="front"]', (c) => c.length);
      const sheets = Math.ceil(fronts / 9);
      const pdf = await printToPdf(page, "deck");
      assert.ok(pdf.a4 && Math.abs(pdf.widthMm - 210) < 1 && Math.abs(pdf.heightMm - 297) < 1, `${deck.title}: ${pdf.info}`);
      assert.equal(pdf.pages, 2 * sheets, `${deck.title}: ${fronts} cards`);
      t.diagnostic(`${assertCardsFitTheirSheets(await measureCards(page), deck.title)}; ${pdf.pages} pages`);
      // The back of each card lies behind it after a long-edge flip: same row, mirrored column.
      const mirrored = await page.$$eval(".sheet--front", (fronts) =>
        fronts.every((front) => {
          const back = front.nextElementSibling;
          const slot = (el) => [...el.classList].find((c) => c.startsWith("slot-"));
          const f = [...front.querySelectorAll("[data-card]")].map(slot);
          const b = [...back.querySelectorAll("[data-card]")].map(slot);
          return f.length === b.length && f.every((s, i) => b[i] === s.replace(/c(\d)$/, (_, c) => `c${2 - Number(c)}`));
        }),
      );
      assert.ok(mirrored, `${deck.title}: backs are mirrored`);
      // Print is always light, with exact colours, whatever the reader's scheme.
      await page.emulateMedia({ media: "print", colorScheme: "dark" });
      const paper = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, adjust: getComputedStyle(document.querySelector(".print-card__edge")).printColorAdjust }));
      assert.equal(paper.bg, "rgb(255, 255, 255)");
      assert.equal(paper.adjust, "exact");
      site.assertClean(page);
      await page.close();
    }
  });

});

/** The cards of `page` in print layout, each with the page of the PDF it lies on and its place there. */
async function cardsOnPages(page, sheetHeight) {
  return (await measureCards(page)).map((c) => ({ ...c, pageNo: Math.round(c.sheetTop / sheetHeight) + 1, top: c.top - c.sheetTop }));
}

/** What the builder shows now: its list, top first, and the statements of its printed fronts. */
function builderState() {
  const texts = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent.trim());
  return {
    order: texts("[data-order] .builder__item-text"),
    fronts: [...document.querySelectorAll('#builder-sheets [data-card="front"]')].map((c) => ({ id: c.dataset.cardId, text: (c.querySelector(".print-card__text") || c.querySelector(".print-card__prompt")).textContent.trim() })),
    heads: texts("#builder-sheets .sheet__head"),
    name: document.querySelector("#builder-name").value,
    color: document.querySelector('input[name="color"]:checked').value,
    jokers: document.querySelector("#builder-jokers").value,
    link: document.querySelector("#builder-link").value,
    notice: document.querySelector("[data-link-notice]").hidden ? "" : document.querySelector("[data-link-notice]").textContent.trim(),
  };
}

describe("the deck builder", () => {
  test("pick, reorder by buttons and keys, an own statement on a joker, copy the link: a fresh browser opens the same deck in the same order", async (t) => {
    const context = await site.context();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.origin });
    const page = await guardedPage(context);
    await page.goto(site.url("print/kortbygger/"));
    assert.equal(await page.isVisible("#builder"), true, "the script shows the form");
    const boxes = await page.$$eval('input[name="card"]', (bs) => bs.map((b) => ({ key: b.value, text: document.querySelector(`label[for="${b.id}"]`).textContent.trim() })));
    const [a, b, c] = [boxes[0], boxes[1], boxes[30]];
    const d = boxes[60];
    for (const card of [a, b, c, d]) await page.check(`input[name="card"][value="${card.key}"]`);
    let s = await page.evaluate(builderState);
    assert.deepEqual(s.order, [a, b, c, d].map((x) => x.text), "picked cards go to the bottom in the order picked");

    // Reorder: the third to the top with its button; the (new) second down with Alt+↓ from its
    // "Op" button; the last one up with Enter on its "Op" button; focus stays with the card.
    await page.click('[data-order] li:nth-child(3) [data-move="top"]');
    await page.focus('[data-order] li:nth-child(2) [data-move="up"]');
    await page.keyboard.press("Alt+ArrowDown");
    assert.equal(await page.evaluate(() => document.activeElement.closest("li").querySelector(".builder__item-text").textContent), a.text, "focus follows the moved card");
    await page.focus('[data-order] li:nth-child(4) [data-move="up"]');
    await page.keyboard.press("Enter");
    // c, a, b, d → c, b, a, d → c, b, d, a
    s = await page.evaluate(builderState);
    assert.deepEqual(s.order, [c, b, d, a].map((x) => x.text));
    assert.match(await page.textContent("#builder-status"), /nummer 3 af 4/);
    // Alt+Home puts a card on top; Alt+↓ twice takes it back down, the focus going with it.
    await page.focus('[data-order] li:nth-child(3) [data-move="down"]');
    await page.keyboard.press("Alt+Home");
    assert.deepEqual((await page.evaluate(builderState)).order, [d, c, b, a].map((x) => x.text));
    await page.keyboard.press("Alt+ArrowDown");
    await page.keyboard.press("Alt+ArrowDown");
    s = await page.evaluate(builderState);
    assert.deepEqual(s.order, [c, b, d, a].map((x) => x.text));

    // Own statements on jokers, typed and added with Enter; one sent to the top.
    const own = "Det bedste ved vores arbejde er…";
    await page.fill("#builder-own", own);
    await page.press("#builder-own", "Enter");
    await page.fill("#builder-own", "Hos os & <b>jer</b> hjælper vi hinanden.");
    await page.click("button[data-add-own]");
    await page.click('[data-order] li:nth-child(6) [data-move="top"]');
    await page.fill("#builder-jokers", "2");
    await page.dispatchEvent("#builder-jokers", "change");
    await page.fill("#builder-name", "Vores bunke");
    await page.check('input[name="color"][value="haard-tone"]');
    // Unpicking a card takes it out of the deck.
    await page.uncheck(`input[name="card"][value="${b.key}"]`);

    const expected = ["Hos os & <b>jer</b> hjælper vi hinanden.", c.text, d.text, a.text, own];
    s = await page.evaluate(builderState);
    assert.deepEqual(s.order, expected);
    assert.deepEqual(s.fronts.map((f) => f.text), [...expected, "Skriv jeres eget udsagn", "Skriv jeres eget udsagn"], "the printed deck: that order, then the blank jokers");
    assert.deepEqual(s.fronts.slice(1, 4).map((f) => f.id), [c.key, d.key, a.key]);
    assert.equal(await page.$$eval("#builder-sheets b, #builder-sheets img", (e) => e.length), 0, "an own statement is text, never markup");
    assert.ok(await page.$eval('#builder-sheets [data-card-id="eget-5"]', (e) => e.classList.contains("print-card--unfinished")), "a statement ending in … is a finish-the-sentence card");
    assert.deepEqual(s.heads.map((h) => h.replace(/\d{4}-\d{2}-\d{2}/, "DATO")), ["Vores bunke · ark 1 af 1 · udgave DATO · forside · tosidet, vend på den lange kant", "Vores bunke · ark 1 af 1 · udgave DATO · bagside"]);

    // The whole deck is in the address: copy it the way a TRIO would.
    assert.ok(page.url().includes("#v1;k="), page.url());
    await page.click("button[data-copy-link]");
    const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => ""));
    assert.equal(copied, page.url(), "the copied link is the page's address");
    assert.match(await page.textContent("#builder-status"), /kopieret/);
    t.diagnostic(`link: ${copied.slice(site.origin.length)}`);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    site.assertClean(page);

    // A fresh browser (nothing remembered) opens the same deck from the link.
    const fresh = await site.open(copied);
    const again = await fresh.evaluate(builderState);
    assert.deepEqual(again.order, s.order);
    assert.deepEqual(again.fronts, s.fronts);
    assert.equal(again.name, "Vores bunke");
    assert.equal(again.color, "haard-tone");
    assert.equal(again.jokers, "2");
    assert.equal(again.notice, "");
    // The skip link jumps to the content and leaves the deck in the address.
    await fresh.keyboard.press("Tab");
    await fresh.keyboard.press("Enter");
    assert.ok(await fresh.evaluate(() => document.activeElement.closest("#main") !== null), "the skip link went to the content");
    // The page puts the deck back when the browser tells it of the jump (hashchange, a task later).
    await fresh.waitForFunction((link) => location.href === link, copied);
    assert.equal(fresh.url(), copied, "the address still holds the deck");
    const pdf = await printToPdf(fresh, "builder");
    assert.ok(pdf.a4);
    assert.equal(pdf.pages, 2);
    t.diagnostic(`${assertCardsFitTheirSheets(await measureCards(fresh), "builder")}; ${pdf.file}`);
    site.assertClean(fresh);

    // And this browser remembers the last deck.
    const later = await guardedPage(context);
    await later.goto(site.url("print/kortbygger/"));
    assert.deepEqual((await later.evaluate(builderState)).order, expected, "the last deck is remembered here");
  });

  test("from a deck page the builder opens on that deck's cards; from the print corner on all of them", async () => {
    const page = await site.open("udsagnskort/haard-tone/");
    await Promise.all([page.waitForURL(/kortbygger\/index\.html#v1;d=haard-tone$/), page.click("a[data-builder]")]);
    const shown = () => page.$$eval("[data-deck-set]", (sets) => sets.filter((f) => f.getClientRects().length).map((f) => f.dataset.deckSet));
    assert.deepEqual(await shown(), ["haard-tone"]);
    assert.match(await page.textContent("[data-from]"), /Her er kortene fra Hård tone/);
    await page.click("button[data-show-all]");
    assert.ok((await shown()).length >= 7, "every deck after asking for them");
    assert.doesNotMatch(page.url(), /d=/);
    const corner = await site.open("print/");
    await Promise.all([corner.waitForURL(/kortbygger\//), corner.click('a:has-text("Kortbyggeren")')]);
    assert.ok((await corner.$$eval("[data-deck-set]", (sets) => sets.filter((f) => f.getClientRects().length).length)) >= 7);
    site.assertClean(page);
    site.assertClean(corner);
  });

  test("a link from an older or edited handbook opens with what still exists and says what was left out; markup in it stays text", async () => {
    const page = await site.open("print/kortbygger/");
    const known = await page.$$eval('input[name="card"]', (bs) => bs.slice(0, 2).map((b) => b.value));
    const statement = encodeURIComponent('<img src="x" onerror="document.title=1">Vi <script>alert(1)</script>siger til');
    const [deck, card] = known[1].split("/");
    const link = `print/kortbygger/#v1;k=${known[0]},/${card.replace(/^.{3}/, "zzz")},e1,vold-i-gamle-dage/kort,${deck}/${card},e7;e=${statement};j=fire;n=${encodeURIComponent("<i>Bunken</i>")};c=lilla;o=2,x;l=foldet;ukendt=1`;
    const opened = await site.open(link);
    const s = await opened.evaluate(builderState);
    assert.equal(s.order.length, 3, JSON.stringify(s.order));
    assert.equal(s.order[1], '<img src="x" onerror="document.title=1">Vi <script>alert(1)</script>siger til');
    assert.equal(s.name, "<i>Bunken</i>");
    assert.equal(await opened.$$eval('img[src="x"], #builder-sheets script, #builder-sheets i, [data-order] i', (e) => e.length), 0, "no markup from the link");
    assert.notEqual(await opened.title(), "1");
    for (const said of [/1 kort fra Hård tone findes ikke/, /Bunken »vold-i-gamle-dage« findes ikke/, /jokere i linket kunne ikke læses/, /Farven i linket findes ikke/, /Forskydningen af bagsiderne i linket kunne ikke læses/, /Måden at printe på i linket kendes ikke/, /eget udsagn, som ikke er med/]) {
      assert.match(s.notice, said);
    }
    assert.equal(s.color, "egne");
    assert.equal(s.jokers, "0");
    // The address now holds only what exists.
    assert.doesNotMatch(opened.url(), /vold-i-gamle-dage|zzz|ukendt|lilla|foldet/);
    site.assertClean(opened);
  });
});

describe("card sheets for every office printer", () => {
  test("fold sheets: A4 on its side, each card's back at the place mirrored about the fold line, measured in the PDF", async (t) => {
    const page = await site.open("print/udsagnskort/haard-tone/");
    const count = await page.$$eval('[data-card="front"]', (c) => c.length);
    await page.check("#layout-fold");
    assert.match(page.url(), /#v1;l=fold$/);
    assert.match(await page.textContent(".sheet-toolbar__how"), /enkeltsidet/);
    assert.equal(await page.isVisible("#one-sided"), false, "leaving out the backs means nothing on a fold sheet");
    const pdf = await printToPdf(page, "deck-fold");
    assert.ok(pdf.a4 && Math.abs(pdf.widthMm - 297) < 1 && Math.abs(pdf.heightMm - 210) < 1, pdf.info);
    assert.equal(pdf.pages, Math.ceil(count / 4), `${count} cards, four to a fold sheet`);
    const cards = await cardsOnPages(page, 210);
    assert.equal(cards.filter((c) => c.side === "back").length, count);
    const pairs = await page.$$eval(".sheet--fold", (sheets) => sheets.map((s) => s.getAttribute("aria-label")));
    assert.equal(pairs[1], `Hård tone, foldeark 2 af ${pdf.pages}`);
    let worst = 0;
    for (let n = 1; n <= pdf.pages; n++) {
      const img = renderPage(pdf.file, n);
      const fronts = cards.filter((c) => c.pageNo === n && c.side === "front");
      const backs = cards.filter((c) => c.pageNo === n && c.side === "back");
      assert.equal(fronts.length, backs.length);
      fronts.forEach((f, i) => {
        const front = printedCard(img, f);
        const back = printedCard(img, backs[i]);
        assert.ok(front && back, `page ${n} card ${i + 1}: found on paper ${JSON.stringify({ f, b: backs[i] })}`);
        assert.ok(front.centreX < 148.5 && back.centreX > 148.5, `page ${n}: fronts left of the fold, backs right`);
        for (const card of [front, back]) assert.ok(Math.abs(card.width - 63) <= TOLERANCE, `page ${n}: a ${card.side} ${card.width.toFixed(2)} mm wide`);
        const dx = Math.abs(back.centreX - (297 - front.centreX));
        const dy = Math.abs(back.centreY - front.centreY);
        worst = Math.max(worst, dx, dy);
        assert.ok(dx <= TOLERANCE && dy <= TOLERANCE, `page ${n} card ${i + 1}: front at ${front.centreX.toFixed(2)}, ${front.centreY.toFixed(2)}; back at ${back.centreX.toFixed(2)}, ${back.centreY.toFixed(2)} mm`);
      });
      // The dashed fold line down the middle, and the sheet's label.
      assert.ok(dashesDown(img, 148.5, 12, 198).length >= 20, `page ${n}: a dashed fold line at 148.5 mm`);
    }
    const text = execFileSync("pdftotext", ["-f", "1", "-l", "1", pdf.file, "-"], { encoding: "utf8" });
    assert.match(text, new RegExp(`Hård tone · foldeark 1 af ${pdf.pages} · udgave \\d{4}-\\d{2}-\\d{2} · forsider`));
    assert.match(text, /Fold her/);
    t.diagnostic(`fold: ${count} cards on ${pdf.pages} pages, fronts and backs mirrored within ${worst.toFixed(2)} mm; ${pdf.file}`);
    site.assertClean(page);
  });

  test("the backs move by the offset typed in from the calibration sheet, measured in the PDF; kept in the link and for the named printer", async (t) => {
    const plain = await site.open("print/udsagnskort/haard-tone/");
    const before = await printToPdf(plain, "deck-no-offset");
    const near = await cardsOnPages(plain, 297);
    const context = await site.context();
    const page = await guardedPage(context);
    await page.goto(site.url("print/udsagnskort/haard-tone/"));
    await page.fill("#printer-name", "Kontorprinteren");
    await page.press("#printer-name", "Tab");
    await page.fill("#offset-x", "2");
    await page.fill("#offset-y", "-1");
    await page.press("#offset-y", "Tab");
    assert.match(page.url(), /#v1;o=2,-1;p=Kontorprinteren$/);
    const after = await printToPdf(page, "deck-offset");
    assert.equal(after.pages, before.pages);
    let measured = 0;
    for (let n = 1; n <= before.pages; n++) {
      const [a, b] = [renderPage(before.file, n), renderPage(after.file, n)];
      for (const c of near.filter((x) => x.pageNo === n)) {
        const was = printedCard(a, c);
        const now = printedCard(b, c);
        assert.ok(was && now, `page ${n}: ${c.side} ${c.id} at ${c.left.toFixed(1)}, ${c.top.toFixed(1)} mm found before (${Boolean(was)}) and after (${Boolean(now)}) the offset`);
        const [dx, dy] = c.side === "back" ? [2, -1] : [0, 0];
        assert.ok(Math.abs(now.centreX - was.centreX - dx) <= 0.2 && Math.abs(now.centreY - was.centreY - dy) <= 0.2, `page ${n}, ${c.side} ${c.id}: moved ${(now.centreX - was.centreX).toFixed(2)}, ${(now.centreY - was.centreY).toFixed(2)} mm`);
        measured += 1;
      }
    }
    const head = execFileSync("pdftotext", ["-f", "2", "-l", "2", after.file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    assert.match(head, /bagsiderne flyttet 2 mm mod højre og 1 mm op for printeren Kontorprinteren/);
    t.diagnostic(`offset 2, −1 mm: ${measured} cards measured, backs moved by it within 0.2 mm; ${after.file}`);
    // A fresh browser with the link prints the same; this browser remembers the printer.
    const fresh = await site.open(page.url());
    assert.deepEqual(await fresh.evaluate(() => [document.querySelector("#offset-x").value, document.querySelector("#offset-y").value, document.querySelector("#printer-name").value]), ["2", "-1", "Kontorprinteren"]);
    const other = await guardedPage(context);
    await other.goto(site.url("print/udsagnskort/psykisk-arbejdsmiljoe/"));
    assert.equal(await other.inputValue("#offset-x"), "2", "the printer used last is remembered in this browser");
    assert.match(other.url(), /o=2,-1;p=Kontorprinteren$/);
    await other.fill("#printer-name", "Kopirummet");
    await other.press("#printer-name", "Tab");
    await other.fill("#printer-name", "Kontorprinteren");
    await other.press("#printer-name", "Tab");
    assert.equal(await other.inputValue("#offset-y"), "-1", "a named printer brings back its own offset");
    for (const p of [plain, page, fresh, other]) site.assertClean(p);
  });

  test("a short-edge flip puts each back behind its front with the rows mirrored and the back turned round", async () => {
    const page = await site.open("print/udsagnskort/haard-tone/#v1;f=short");
    assert.equal(await page.isChecked("#layout-short"), true);
    const pdf = await printToPdf(page, "deck-short");
    const cards = await cardsOnPages(page, 297);
    const img = renderPage(pdf.file, 1);
    const back = renderPage(pdf.file, 2);
    const fronts = cards.filter((c) => c.pageNo === 1 && c.side === "front");
    const backs = cards.filter((c) => c.pageNo === 2 && c.side === "back");
    assert.equal(fronts.length, 9);
    fronts.forEach((f, i) => {
      const front = printedCard(img, f);
      const behind = printedCard(back, backs[i]);
      // Turned over the short edge, a place (x, y) on the front is (x, 297 − y) on the back.
      assert.ok(Math.abs(behind.centreX - front.centreX) <= TOLERANCE && Math.abs(behind.centreY - (297 - front.centreY)) <= TOLERANCE, `card ${i + 1}: front ${front.centreX.toFixed(2)}, ${front.centreY.toFixed(2)}; back ${behind.centreX.toFixed(2)}, ${behind.centreY.toFixed(2)}`);
    });
    assert.ok(await page.$eval('.sheet--back [data-card="back"]', (b) => b.classList.contains("print-card--turned")));
    assert.match(execFileSync("pdftotext", ["-f", "1", "-l", "1", pdf.file, "-"], { encoding: "utf8" }), /vend på den korte kant/);
    site.assertClean(page);
  });

  test("the calibration sheet prints as one A4 sheet, front and back, and its ruler moves with the offset", async (t) => {
    const page = await site.open("print/kalibrering/");
    const pdf = await printToPdf(page, "calibration");
    assert.ok(pdf.a4);
    assert.equal(pdf.pages, 2);
    const text = execFileSync("pdftotext", [pdf.file, "-"], { encoding: "utf8" });
    assert.match(text, /Forside/);
    assert.match(text, /Bagside: aflæs her/);
    // The large cross of the front and the zero lines of the back's ruler meet at the sheet's
    // centre; with an offset the back's ruler moves by it.
    const centre = (file, n) => {
      const img = renderPage(file, n);
      // A column and a row that cross the lines away from their crossing and from the grid's lines.
      const across = runsAlong(img, "y", 117.5, 128, 120, 177);
      const down = runsAlong(img, "x", 141, 128, 75, 135);
      return { x: down.find((r) => Math.abs(r.centre - 105) < 3).centre, y: across.find((r) => Math.abs(r.centre - 148.5) < 3).centre };
    };
    const front = centre(pdf.file, 1);
    const back = centre(pdf.file, 2);
    assert.ok(Math.abs(front.x - 105) <= 0.2 && Math.abs(front.y - 148.5) <= 0.2, JSON.stringify(front));
    assert.ok(Math.abs(back.x - 105) <= 0.2 && Math.abs(back.y - 148.5) <= 0.2, JSON.stringify(back));
    await page.fill("#offset-x", "1.5");
    await page.fill("#offset-y", "-0.5");
    const moved = centre((await printToPdf(page, "calibration-offset")).file, 2);
    assert.ok(Math.abs(moved.x - 106.5) <= 0.2 && Math.abs(moved.y - 148) <= 0.2, JSON.stringify(moved));
    t.diagnostic(`calibration: front cross at ${front.x.toFixed(2)}, ${front.y.toFixed(2)}; back ruler at ${back.x.toFixed(2)}, ${back.y.toFixed(2)}, with 1.5, −0.5 mm at ${moved.x.toFixed(2)}, ${moved.y.toFixed(2)}; ${pdf.file}`);
    site.assertClean(page);
  });
});

describe("facilitator sheets, question sheets, the annual wheel", () => {
  test("every tool's facilitator sheet fits 2 A4 pages, body text at least 11 pt, with footer", async (t) => {
    const tools = await cornerLinks("facilitatorark");
    assert.ok(tools.length >= 6);
    for (const tool of tools) {
      const page = await site.open(tool.href);
      const pdf = await printToPdf(page, "tool");
      assert.ok(pdf.a4, `${tool.title}: ${pdf.info}`);
      assert.ok(pdf.pages <= 2, `${tool.title}: ${pdf.pages} pages`);
      assert.ok(pdf.tagged, `${tool.title}: a tagged PDF`);
      t.diagnostic(`${tool.title}: ${pdf.pages} pages`);
      await page.emulateMedia({ media: "print" });
      const smallest = await page.$$eval(".doc p:not(.doc__kicker), .doc li", (els) => Math.min(...els.map((e) => (parseFloat(getComputedStyle(e).fontSize) * 72) / 96)));
      assert.ok(smallest >= 11, `${tool.title}: body text in ${smallest} pt`);
      const chrome = await page.$$eval(".sheet-toolbar, .skip-link", (els) => els.filter((e) => getComputedStyle(e).display !== "none").length);
      assert.equal(chrome, 0, "no site navigation on paper");
      const text = await page.evaluate(() => document.body.innerText);
      assert.match(text, /Trin for trin/);
      site.assertClean(page);
      await page.close();
    }
  });

  test("question sheets and the annual wheel print on A4", async () => {
    // The posters (one of them A3) are measured in figures.test.mjs.
    const sheets = [...(await cornerLinks("spoergsmaalsark")), ...(await cornerLinks("aarshjul"))].filter((s) => !s.href.includes("/plakat"));
    assert.ok(sheets.length >= 11);
    for (const sheet of sheets) {
      const page = await site.open(sheet.href);
      const pdf = await printToPdf(page, "sheet");
      assert.ok(pdf.a4, `${sheet.title}: ${pdf.info}`);
      assert.ok(pdf.pages >= 1 && pdf.pages <= 4, `${sheet.title}: ${pdf.pages} pages`);
      site.assertClean(page);
      await page.close();
    }
  });

  test("the standing agenda and every month's agenda print on exactly one A4 page", async (t) => {
    const sheets = (await cornerLinks("aarshjul")).filter((s) => s.href.includes("/dagsorden/"));
    assert.ok(sheets.length >= 9, `the standing agenda and one per month with a meeting: ${sheets.length}`);
    for (const sheet of sheets) {
      const page = await site.open(sheet.href);
      const pdf = await printToPdf(page, "agenda");
      assert.ok(pdf.a4, `${sheet.title}: ${pdf.info}`);
      assert.equal(pdf.pages, 1, `${sheet.title}: ${pdf.pages} pages`);
      const text = execFileSync("pdftotext", [pdf.file, "-"], { encoding: "utf8" });
      assert.ok(text.includes(sheet.title), `${sheet.title}: the printed title`);
      assert.match(text, /Opfølgning siden sidste møde/, `${sheet.title}: the standing points`);
      if (/ i [a-z]+$/.test(sheet.title)) assert.match(text, /Månedens emne: /, `${sheet.title}: the month's topic`);
      const chrome = await page.evaluate(() => [...document.querySelectorAll(".sheet-toolbar, .site-header, .site-footer")].filter((e) => getComputedStyle(e).display !== "none").length);
      assert.ok(chrome > 0, "the site's header shows on screen");
      await page.emulateMedia({ media: "print" });
      assert.equal(await page.evaluate(() => [...document.querySelectorAll(".sheet-toolbar, .site-header, .site-footer")].filter((e) => getComputedStyle(e).display !== "none").length), 0, "and not on paper");
      site.assertClean(page);
      t.diagnostic(`${sheet.title}: ${pdf.pages} page, ${pdf.widthMm.toFixed(1)} × ${pdf.heightMm.toFixed(1)} mm`);
      await page.close();
    }
  });

  test("the print corner and the sheets have no accessibility violations", async () => {
    for (const path of ["print/index.html", "print/vaerktoejer/dilemmavaerksted/index.html", "print/udsagnskort/haard-tone/index.html", "print/spoergsmaal/dilemma-spoergsmaal/index.html", "print/kortbygger/index.html", "print/aarshjul/index.html", "print/aarshjul/dagsorden/index.html", "print/aarshjul/dagsorden/maj/index.html", "print/aarshjul/plakat/index.html", "print/aarshjul/plakat-a3/index.html", "print/arbejdsmiljoefortaelling/index.html", "print/noter/index.html", "print/kalibrering/index.html"]) {
      const page = await site.open(path);
      site.assertClean(page);
      await page.emulateMedia({ media: "screen" });
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `${path}\n${describeViolations(violations)}`);
      await page.close();
    }
  });
});
