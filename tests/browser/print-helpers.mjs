// What only the print tests need: printing a page to PDF as the print dialog does, reading the
// PDF with poppler's pdfinfo and pdftoppm, and measuring the cards in print layout. Building,
// serving and the browser are the harness's (lib/).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Millimetres per CSS pixel (96 px = 25.4 mm). */
export const MM_PER_PX = 25.4 / 96;

/** Prints the page to a PDF as a browser's print dialog would (CSS page size) and reads it. */
export async function printToPdf(page, name) {
  const dir = mkdtempSync(join(tmpdir(), "triobog-pdf-"));
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
  const base = join(mkdtempSync(join(tmpdir(), "triobog-pgm-")), "page");
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
