// What only the print tests need: printing a page to PDF as the print dialog does, reading the
// PDF with poppler's pdfinfo and pdftoppm, and measuring the cards in print layout. Building,
// serving and the browser are the harness's (lib/).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./lib/tmp.mjs";

/** Millimetres per CSS pixel (96 px = 25.4 mm). */
export const MM_PER_PX = 25.4 / 96;

/** Prints the page to a PDF as a browser's print dialog would (CSS page size) and reads it. */
export async function printToPdf(page, name) {
  const dir = tempDir("triobog-pdf-");
  const file = join(dir, `${name}.pdf`);
  // Undo any media emulation: page.pdf() prints with whatever media is emulated.
  await page.emulateMedia({ media: null, colorScheme: null });
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true, tagged: true });
  return { file, ...pdfinfo(file) };
}

/** Page count and page size of a PDF, from pdfinfo. */
export function pdfinfo(file) {
  const text = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(text)[1]);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(text);
  return { pages, widthMm: (Number(w) * 25.4) / 72, heightMm: (Number(h) * 25.4) / 72, a4: /\(A4\)/.test(text), tagged: /^Tagged:\s+yes/m.test(text), info: text };
}

/** Every `[data-card]` box in print layout, in mm: { side, id, left, top, width, height, sheetTop, sheetBottom, overflow }. */
export async function measureCards(page) {
  await page.emulateMedia({ media: "print" });
  return page.$$eval("[data-card]", (cards, mmPerPx) =>
    cards
      .filter((c) => c.getClientRects().length > 0)
      .map((c) => {
        const r = c.getBoundingClientRect();
        const sheet = c.closest(".sheet").getBoundingClientRect();
        const text = c.querySelector(".print-card__text");
        const y = window.scrollY;
        return {
          side: c.dataset.card,
          id: c.dataset.cardId || "",
          left: r.left * mmPerPx,
          top: (r.top + y) * mmPerPx,
          width: r.width * mmPerPx,
          height: r.height * mmPerPx,
          sheetTop: (sheet.top + y) * mmPerPx,
          sheetBottom: (sheet.bottom + y) * mmPerPx,
          overflow: text ? text.scrollHeight > text.clientHeight + 1 : false,
          fontPt: text ? (parseFloat(getComputedStyle(text).fontSize) * 72) / 96 : null,
        };
      }),
    MM_PER_PX,
  );
}

/** Page `n` of a PDF rendered in grey at 10 pixels per mm: { width, height, at(xPx, yPx) }. */
export function renderPage(file, n) {
  const base = join(tempDir("triobog-pgm-"), "page");
  execFileSync("pdftoppm", ["-r", "254", "-gray", "-f", String(n), "-l", String(n), "-singlefile", file, base]);
  const data = readFileSync(`${base}.pgm`);
  // Binary PGM: "P5", width, height, maxval, each followed by one whitespace, then the pixels.
  const fields = [];
  let pos = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[pos]))) pos++;
    let start = pos;
    while (!/\s/.test(String.fromCharCode(data[pos]))) pos++;
    fields.push(data.subarray(start, pos).toString("latin1"));
  }
  pos++;
  const [width, height] = [Number(fields[1]), Number(fields[2])];
  return { width, height, at: (x, y) => data[pos + y * width + x] };
}

/** Centres, in mm, of the dark runs along a row (`axis` "x") or a column ("y") at `atMm`. */
export function darkRuns(pageImage, axis, atMm) {
  const pxPerMm = 10;
  const fixed = Math.round(atMm * pxPerMm);
  const length = axis === "x" ? pageImage.width : pageImage.height;
  const runs = [];
  let start = -1;
  for (let i = 0; i <= length; i++) {
    const dark = i < length && (axis === "x" ? pageImage.at(i, fixed) : pageImage.at(fixed, i)) < 128;
    if (dark && start < 0) start = i;
    if (!dark && start >= 0) {
      runs.push({ from: start / pxPerMm, to: i / pxPerMm, centre: (start + i) / 2 / pxPerMm });
      start = -1;
    }
  }
  return runs;
}

/** The printed geometry of a card sheet, read from the PDF's pixels: the spacing of the crop
 *  marks (which stand on the cards' cutting lines) and the length of the 50 mm scale bar. */
export function sheetGeometry(file, n) {
  const img = renderPage(file, n);
  const xs = darkRuns(img, "x", 14.5).map((r) => r.centre);
  const ys = darkRuns(img, "y", 7).map((r) => r.centre);
  const gaps = (list) => list.slice(1).map((v, i) => v - list[i]);
  let scale = 0;
  for (let y = 50; y < 110; y++) {
    for (const r of darkRuns(img, "x", y / 10)) scale = Math.max(scale, r.to - r.from);
  }
  return { cardWidths: gaps(xs), cardHeights: gaps(ys), scaleBar: scale };
}

/**
 * Runs of pixels darker than `threshold` (0–255) along a row (`axis` "x") or a column ("y") at
 * `atMm`, between `fromMm` and `toMm`: [{ from, to, centre }] in mm, as darkRuns.
 */
export function runsAlong(pageImage, axis, atMm, threshold, fromMm = 0, toMm = Infinity) {
  const pxPerMm = 10;
  const fixed = Math.round(atMm * pxPerMm);
  const length = axis === "x" ? pageImage.width : pageImage.height;
  const start = Math.max(0, Math.round(fromMm * pxPerMm));
  const end = Math.min(length, Math.round(toMm * pxPerMm));
  const runs = [];
  let begin = -1;
  for (let i = start; i <= end; i++) {
    const dark = i < end && (axis === "x" ? pageImage.at(i, fixed) : pageImage.at(fixed, i)) < threshold;
    if (dark && begin < 0) begin = i;
    if (!dark && begin >= 0) {
      runs.push({ from: begin / pxPerMm, to: i / pxPerMm, centre: (begin + i) / 2 / pxPerMm });
      begin = -1;
    }
  }
  return runs;
}

/**
 * A card as printed on page image `img`, found from where the browser laid it out (`near`, a
 * measureCards entry: left and top in mm on its page): { side, left, right, top, centreX,
 * centreY, width }, all read from the printed pixels. A front's left and right come from its
 * thin outline just above its bottom edge and its top from the start of its coloured edge; a
 * back's from its 2 mm coloured frame, 3.5 mm inside the card, whose middle is the card's.
 */
export function printedCard(img, near) {
  const { left, top } = near;
  if (near.side === "front") {
    const edges = runsAlong(img, "x", top + 86.5, 235, left - 2, left + 65);
    const l = edges.find((r) => Math.abs(r.centre - left) < 1.5);
    const r = edges.find((e) => Math.abs(e.centre - (left + 63)) < 1.5);
    const band = runsAlong(img, "y", left + 1.5, 128, top - 2, top + 10)[0];
    if (!l || !r || !band) return null;
    return { side: "front", left: l.centre, right: r.centre, top: band.from, centreX: (l.centre + r.centre) / 2, centreY: band.from + 44, width: r.centre - l.centre };
  }
  // A row that crosses the frame's two sides and none of the back's lettering (which sits around
  // the middle, or around the other middle on a back turned round for a short-edge flip).
  // The window may also catch a neighbour's frame, so the two sides are the pair 56 mm apart.
  const frameAt = (dy) => {
    const runs = runsAlong(img, "x", top + dy, 128, left - 3, left + 66).filter((r) => r.to - r.from >= 1.5 && r.to - r.from <= 2.5);
    for (const l of runs) {
      const r = runs.find((x) => Math.abs(x.to - l.from - 56) < 1);
      if (r) return [l, r];
    }
    return null;
  };
  const borders = [72, 16, 80, 8].map(frameAt).find(Boolean);
  if (!borders) return null;
  const [l, r] = borders;
  const side = runsAlong(img, "y", l.centre, 128, top - 3, top + 91).sort((a, b) => b.to - b.from - (a.to - a.from))[0];
  return { side: "back", left: l.from - 3.5, right: r.to + 3.5, top: side.centre - 44, centreX: (l.from + r.to) / 2, centreY: side.centre, width: r.to - l.from + 7 };
}

/** The dashes of a dashed line down page image `img` at `xMm`, between `fromMm` and `toMm`. */
export function dashesDown(img, xMm, fromMm, toMm) {
  return runsAlong(img, "y", xMm, 128, fromMm, toMm);
}
