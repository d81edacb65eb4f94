// The drawn figures in a real browser: the annual wheel marks the current month (a faked date)
// and shows the whole year without JavaScript; the text in the wheel has enough contrast on
// what it is drawn on; the posters print on one A4 and one A3 page with nothing cut, the
// narrative's template on one A4 page on its side and the notes sheet on one A4 page.
// Served under /trio/ with the strict Content-Security-Policy.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';

import { axeViolations, describeViolations, PHONE } from './lib/browser.mjs';
import { useSite } from './lib/harness.mjs';
import { MM_PER_PX, printToPdf, renderPage } from './print-helpers.mjs';

const site = useSite();
const WHEEL = 'sygefravaer-og-aarshjul/aarshjul/';
const FREE_MONTHS = ['2', '6', '7', '8'];

/** What the wheel page shows of the current month. */
function currentMonth() {
  return {
    drawn: [...document.querySelectorAll('svg[data-wheel] .wheel-svg__month--current')].map((g) => g.dataset.month),
    listed: [...document.querySelectorAll('.wheel__month[aria-current="date"]')].map((li) => li.dataset.month),
    badge: document.querySelector('.wheel__month[aria-current="date"] .wheel__now')?.textContent ?? null,
    months: document.querySelectorAll('svg[data-wheel] g[data-month]').length,
  };
}

describe('the annual wheel on its page', () => {
  for (const [date, month] of [['2026-03-16T09:00:00', '3'], ['2026-07-06T09:00:00', '7']]) {
    test(`on ${date.slice(0, 10)} the wheel and the list mark month ${month}, and nothing else`, async () => {
      const page = await site.page();
      await page.clock.setFixedTime(new Date(date));
      await page.goto(site.url(WHEEL), { waitUntil: 'load' });
      const s = await page.evaluate(currentMonth);
      assert.deepEqual(s.drawn, [month]);
      assert.deepEqual(s.listed, [month]);
      assert.equal(s.badge, 'Denne måned');
      assert.equal(s.months, 12, 'the marked month is still one of twelve');
      // Marked by more than colour: the outline is thick and in the accent colour.
      const stroke = await page.$eval(`g[data-month="${month}"] .wheel-svg__wedge`, (w) => parseFloat(getComputedStyle(w).strokeWidth));
      assert.ok(stroke >= 8, `the current month's outline is ${stroke} wide`);
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, describeViolations(violations));
      site.assertClean(page);
    });
  }

  test('without JavaScript the wheel shows the whole year: twelve months, the free ones hatched, none marked', async () => {
    const page = await site.open(WHEEL, { javaScriptEnabled: false });
    const s = await page.evaluate(currentMonth);
    assert.deepEqual([s.drawn, s.listed, s.months], [[], [], 12]);
    const wheel = await page.$eval('svg[data-wheel]', (svg) => {
      const box = svg.getBoundingClientRect();
      return {
        width: box.width,
        height: box.height,
        names: [...svg.querySelectorAll('.wheel-svg__name')].map((t) => t.textContent.trim()),
        free: [...svg.querySelectorAll('.wheel-svg__month--free')].map((g) => g.dataset.month),
        topics: [...svg.querySelectorAll('g:not(.wheel-svg__month--free) .wheel-svg__topic')].length,
        label: [...svg.getAttribute('aria-labelledby').split(' ')].map((id) => document.getElementById(id).textContent).join(' '),
      };
    });
    assert.ok(wheel.width > 300 && Math.abs(wheel.width - wheel.height) < 1, `a round wheel: ${wheel.width} × ${wheel.height}`);
    assert.equal(wheel.names.length, 12);
    assert.deepEqual(wheel.free, FREE_MONTHS);
    assert.equal(wheel.topics, 8);
    assert.match(wheel.label, /Januar: .+\. Februar: intet møde\./);
    site.assertClean(page);
  });

  test('every text in the wheel has a contrast of at least 4.5:1 on what it is drawn on', async () => {
    const page = await site.open(WHEEL, { javaScriptEnabled: false });
    const pairs = await page.$$eval('svg[data-wheel] g[data-month]', (months) => {
      const fill = (el) => getComputedStyle(el).fill;
      return months.flatMap((g) => {
        const free = g.classList.contains('wheel-svg__month--free');
        const topic = g.querySelector('.wheel-svg__topic');
        return [
          { what: `month ${g.dataset.month} name`, text: fill(g.querySelector('.wheel-svg__name')), ground: fill(g.querySelector('.wheel-svg__ring')) },
          // A free month's words stand on a halo of the hatching's ground colour.
          { what: `month ${g.dataset.month} topic`, text: fill(topic), ground: free ? getComputedStyle(topic).stroke : fill(g.querySelector('.wheel-svg__wedge')) },
        ];
      });
    });
    assert.equal(pairs.length, 24);
    for (const p of pairs) {
      const ratio = contrast(parseColour(p.text), parseColour(p.ground));
      assert.ok(ratio >= 4.5, `${p.what}: ${p.text} on ${p.ground} is ${ratio.toFixed(2)}:1`);
    }
    site.assertClean(page);
  });

  test('on a 390 px phone the wheel fits the screen, and nothing scrolls sideways', async () => {
    const page = await site.open(WHEEL, { viewport: PHONE, isMobile: true, hasTouch: true });
    const { wheel, scroll } = await page.evaluate(() => ({ wheel: document.querySelector('svg[data-wheel]').getBoundingClientRect().toJSON(), scroll: document.documentElement.scrollWidth }));
    assert.ok(wheel.left >= 0 && wheel.right <= PHONE.width, JSON.stringify(wheel));
    assert.ok(scroll <= PHONE.width, `the page is ${scroll} px wide`);
    site.assertClean(page);
  });
});

/** An sRGB colour from a computed style: `rgb(…)`, `rgba(…)` or `color(srgb …)`. */
function parseColour(css) {
  let m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(css);
  if (m) return [m[1], m[2], m[3]].map(Number);
  m = /^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)/.exec(css);
  if (m) return [m[1], m[2], m[3]].map((v) => Number(v) * 255);
  throw new Error(`a colour I cannot read: ${css}`);
}

/** WCAG 2.1 contrast ratio of two sRGB colours. */
function contrast(a, b) {
  const lum = (rgb) => {
    const [r, g, bl] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/**
 * Checks that nothing on printed page `n` of `file` lies in the page's margins (left, right and
 * top; the footer sits in the bottom margin), so nothing ran off the sheet or was cut at its
 * edge. Returns the extent of the ink, in mm.
 */
function assertInkInsideMargins(file, n, { widthMm, heightMm, label }) {
  const img = renderPage(file, n);
  const pxPerMm = 10;
  let [left, right, top, bottom] = [Infinity, -Infinity, Infinity, -Infinity];
  // The footer's margin boxes start 4 mm below the content, in the bottom margin.
  const contentBottom = (heightMm - 16) * pxPerMm;
  for (let y = 0; y < contentBottom; y += 2) {
    for (let x = 0; x < img.width; x += 2) {
      if (img.at(x, y) < 200) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  const ink = { left: left / pxPerMm, right: right / pxPerMm, top: top / pxPerMm, bottom: bottom / pxPerMm };
  assert.ok(ink.left >= 15 && ink.right <= widthMm - 15 && ink.top >= 13, `${label}: ink from ${JSON.stringify(ink)} on a ${widthMm} × ${heightMm} mm page`);
  return ink;
}

describe('the posters and templates on paper', () => {
  for (const { path, paper, widthMm, heightMm, wheelMm } of [
    { path: 'print/aarshjul/plakat/', paper: 'A4', widthMm: 210, heightMm: 297, wheelMm: 172 },
    { path: 'print/aarshjul/plakat-a3/', paper: 'A3', widthMm: 297, heightMm: 420, wheelMm: 250 },
  ]) {
    test(`the wheel's poster prints on one ${paper} page, the wheel whole and round, nothing cut`, async (t) => {
      const page = await site.open(path);
      const pdf = await printToPdf(page, `poster-${paper}`);
      assert.equal(pdf.pages, 1, pdf.info);
      assert.ok(new RegExp(`\\(${paper}\\)`).test(pdf.info), pdf.info);
      assert.ok(Math.abs(pdf.widthMm - widthMm) < 1 && Math.abs(pdf.heightMm - heightMm) < 1, pdf.info);
      const ink = assertInkInsideMargins(pdf.file, 1, { widthMm, heightMm, label: paper });
      // The wheel as printed: its ring's left and right edges across its middle row, centred on
      // the page and as wide as it is drawn.
      await page.setViewportSize({ width: Math.round((widthMm - 32) / MM_PER_PX), height: 900 });
      await page.emulateMedia({ media: 'print' });
      const box = await page.$eval('svg[data-wheel]', (svg) => svg.getBoundingClientRect().toJSON());
      // 5 mm below the middle: along the middle itself run the white lines between two months.
      const middle = 14 + (box.top + box.height / 2) * MM_PER_PX + 5;
      const img = renderPage(pdf.file, 1);
      const row = Math.round(middle * 10);
      let [left, right] = [null, null];
      for (let x = 0; x < img.width; x++) {
        if (img.at(x, row) < 160) {
          left ??= x / 10;
          right = x / 10;
        }
      }
      // The ring's outer edge is at 490 of the drawing's 1000 units from its centre.
      const ringMm = wheelMm * 0.98;
      assert.ok(Math.abs(right - left - ringMm) < 2, `${paper}: the wheel is ${(right - left).toFixed(1)} mm across, drawn ${ringMm} mm`);
      assert.ok(Math.abs(left + right - widthMm) < 3, `${paper}: the wheel from ${left} to ${right} mm is centred`);
      const text = execFileSync('pdftotext', [pdf.file, '-'], { encoding: 'utf8' });
      assert.match(text, /Årets TRIO-møder/);
      assert.match(text, /Fast dagsorden for hvert møde/, 'the standing agenda, the poster\'s last part, is on the page');
      assert.match(text, /Hvad skal kollegerne vide/);
      t.diagnostic(`${paper}: 1 page, ${pdf.widthMm.toFixed(0)} × ${pdf.heightMm.toFixed(0)} mm, ink ${ink.left.toFixed(1)}–${ink.right.toFixed(1)} × ${ink.top.toFixed(1)}–${ink.bottom.toFixed(1)} mm, wheel ${(right - left).toFixed(1)} mm`);
      site.assertClean(page);
    });
  }

  test('the narrative\'s template prints on one A4 page on its side, with all eight fields', async (t) => {
    const page = await site.open('print/arbejdsmiljoefortaelling/');
    const pdf = await printToPdf(page, 'narrative');
    assert.equal(pdf.pages, 1, pdf.info);
    assert.ok(Math.abs(pdf.widthMm - 297) < 1 && Math.abs(pdf.heightMm - 210) < 1, pdf.info);
    const ink = assertInkInsideMargins(pdf.file, 1, { widthMm: 297, heightMm: 210, label: 'template' });
    const text = execFileSync('pdftotext', [pdf.file, '-'], { encoding: 'utf8' });
    assert.equal(text.match(/svækker/g)?.length, 8 + 1, 'eight fields to tick, and the instruction');
    assert.match(text, /Problemet eller temaet i midten/);
    assert.match(text, /Tegn pile mellem felterne/, 'the instruction under the drawing is on the page');
    t.diagnostic(`template: ink ${ink.left.toFixed(1)}–${ink.right.toFixed(1)} × ${ink.top.toFixed(1)}–${ink.bottom.toFixed(1)} mm`);
    site.assertClean(page);
  });

  test('the notes sheet prints on one A4 page with the handbook\'s header and lines to its foot', async () => {
    const page = await site.open('print/noter/');
    const pdf = await printToPdf(page, 'notes');
    assert.equal(pdf.pages, 1, pdf.info);
    assert.ok(pdf.a4 && pdf.heightMm > pdf.widthMm, pdf.info);
    const ink = assertInkInsideMargins(pdf.file, 1, { widthMm: 210, heightMm: 297, label: 'notes' });
    assert.ok(ink.bottom > 250, `the lines reach ${ink.bottom} mm down the page`);
    const text = execFileSync('pdftotext', [pdf.file, '-'], { encoding: 'utf8' });
    assert.match(text, /Egne noter/);
    assert.match(text, /TRIO-håndbogen/);
    site.assertClean(page);
  });

  for (const { path, first, last } of [
    { path: 'om-trio/formelt-og-uformelt-samarbejde/', first: 'Formelle møder mellem lederen', last: 'har besluttet' },
    { path: 'laerende-arbejdsmiljoearbejde/fremstilling-af-arbejdsmiljoefortaellingen/', first: 'Et godt kollegaskab', last: 'Trækker i en dårlig retning' },
  ]) {
    test(`the figure on /${path} prints whole on one A4 page`, async (t) => {
      const page = await site.open(path);
      const pdf = await printToPdf(page, 'figure-page');
      assert.ok(pdf.a4, pdf.info);
      const pageOf = (words) => {
        for (let n = 1; n <= pdf.pages; n++) {
          const text = execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf.file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
          if (text.includes(words)) return n;
        }
        return null;
      };
      const [from, to] = [pageOf(first), pageOf(last)];
      assert.ok(from !== null && from === to, `the figure runs from page ${from} to page ${to} of ${pdf.pages}`);
      t.diagnostic(`${path}: the figure on page ${from} of ${pdf.pages}`);
      site.assertClean(page);
    });
  }

  test('the wheel page itself prints the wheel whole on one page', async () => {
    const page = await site.open(WHEEL);
    const pdf = await printToPdf(page, 'wheel-page');
    assert.ok(pdf.a4, pdf.info);
    await page.setViewportSize({ width: Math.round(180 / MM_PER_PX), height: 900 });
    await page.emulateMedia({ media: 'print' });
    const box = await page.$eval('svg[data-wheel]', (svg) => svg.getBoundingClientRect().toJSON());
    assert.ok(box.width * MM_PER_PX <= 151, `the wheel is ${box.width * MM_PER_PX} mm wide on paper`);
    assert.equal(await page.$eval('.wheel-figure', (f) => getComputedStyle(f).breakInside), 'avoid');
    site.assertClean(page);
  });
});
