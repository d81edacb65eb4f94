// Printing in a real browser: every printable page printed to PDF by headless Chromium, as the
// print dialog does (CSS page size), then measured. Run: cd tests/browser && node --test
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { axeViolations, describeViolations } from "./lib/browser.mjs";
import { useSite } from "./lib/harness.mjs";
import { fixtureSite } from "./lib/site.mjs";
import { measureCards, printToPdf, sheetGeometry } from "./print-helpers.mjs";

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
    const decks = await cornerLinks("udsagnskort");
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

  test("the deck builder prints chosen and own statements as one deck, under a strict CSP", async (t) => {
    const page = await site.open("print/kortbygger/index.html");
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    assert.equal(await page.isVisible("#builder"), true, "the script shows the form");
    const boxes = await page.$$('input[name="card"]');
    for (const i of [0, 1, 30, 31, 60]) await boxes[i].check();
    await page.fill("#builder-name", "Vores bunke");
    await page.fill("#builder-own", "Hos os hjælper vi hinanden.\nDet bedste ved vores arbejde er…");
    await page.fill("#builder-jokers", "2");
    await page.click('#builder button[type="submit"]');
    const fronts = await page.$$eval('#builder-sheets [data-card="front"]', (cs) => cs.map((c) => ({ text: c.textContent.trim(), unfinished: c.classList.contains("print-card--unfinished"), joker: c.classList.contains("print-card--joker") })));
    assert.equal(fronts.length, 9);
    assert.equal(fronts.filter((c) => c.joker).length, 2);
    assert.ok(fronts.some((c) => c.unfinished && c.text.includes("Det bedste ved vores arbejde er…")));
    assert.ok(fronts.every((c) => c.text.startsWith("Vores bunke")), "every card carries the new deck's name");
    assert.equal(await page.$$eval('#builder-sheets [data-card="back"]', (cs) => cs.length), 9);
    const pdf = await printToPdf(page, "builder");
    assert.ok(pdf.a4);
    assert.equal(pdf.pages, 2);
    t.diagnostic(`${assertCardsFitTheirSheets(await measureCards(page), "builder")}; ${pdf.file}`);
    await page.emulateMedia({ media: "screen" });
    await page.reload();
    assert.equal(await page.$$eval('input[name="card"]:checked', (b) => b.length), 5, "the choice is kept in this browser");
    site.assertClean(page);
    await page.close();
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
    for (const path of ["print/index.html", "print/vaerktoejer/dilemmavaerksted/index.html", "print/udsagnskort/haard-tone/index.html", "print/spoergsmaal/dilemma-spoergsmaal/index.html", "print/kortbygger/index.html", "print/aarshjul/index.html", "print/aarshjul/dagsorden/index.html", "print/aarshjul/dagsorden/maj/index.html", "print/aarshjul/plakat/index.html", "print/aarshjul/plakat-a3/index.html", "print/arbejdsmiljoefortaelling/index.html", "print/noter/index.html"]) {
      const page = await site.open(path);
      site.assertClean(page);
      await page.emulateMedia({ media: "screen" });
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `${path}\n${describeViolations(violations)}`);
      await page.close();
    }
  });
});
