// In the meeting, as a TRIO uses it: a deck presented on a shared screen by keyboard alone, a
// question set filled in, kept through a reload, printed to PDF and downloaded, the deck
// builder's own deck on the screen, and both working from disk (file://). Served under /trio/
// with the strict Content-Security-Policy; the page guard fails on any console or CSP error.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { axeViolations, describeViolations, openPage, PHONE } from './lib/browser.mjs';
import { useSite } from './lib/harness.mjs';
import { focusedInPage } from './lib/keyboard.mjs';
import { tempDir } from './lib/tmp.mjs';

const site = useSite();
const DECK = 'udsagnskort/haard-tone/';

/** What the present page shows now: the visible cards, the count, the live region. */
function presentState() {
  const visible = [...document.querySelectorAll('[data-card]')].filter((c) => c.getClientRects().length > 0);
  return {
    visible: visible.map((c) => c.id),
    text: visible.map((c) => c.querySelector('.present__text').textContent.trim()).join(' | '),
    count: document.querySelector('[data-present-count]').textContent.trim(),
    live: document.querySelector('[data-present-root] [role="status"]').textContent.trim(),
    total: document.querySelectorAll('[data-card]').length,
    order: [...document.querySelectorAll('[data-card]')].map((c) => c.id),
  };
}

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
async function tabTo(page, selector, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) {
      const focus = await page.evaluate(focusedInPage);
      assert.ok(focus.visibleFocus, `${selector} shows its focus`);
      return;
    }
  }
  assert.fail(`Tab never reached ${selector}`);
}

test('a deck is presented by keyboard alone: → → ← Space, shuffle, a new random card, the count, the live region, Escape back', async () => {
  const page = await site.open(DECK);
  const deckCards = await page.$$eval('.cards > li', (cards) => cards.map((c) => ({ id: c.id, text: c.querySelector('.card__text').textContent.trim() })));
  const n = deckCards.length;
  assert.ok(n >= 10, `the deck has ${n} cards`);

  await tabTo(page, 'a[data-present]');
  await Promise.all([page.waitForURL(/\/vis\/(index\.html)?$/), page.keyboard.press('Enter')]);
  let s = await page.evaluate(presentState);
  assert.equal(s.total, n, 'the present page holds every card');
  assert.deepEqual(s.visible, [deckCards[0].id], 'only the first card shows');
  assert.match(s.count, new RegExp(`^kort 1 af ${n}$`, 'i'));
  assert.ok(s.live.includes(deckCards[0].text), `the live region reads the card: ${s.live}`);

  const expectCard = async (k, how) => {
    s = await page.evaluate(presentState);
    assert.deepEqual(s.visible, [deckCards[k].id], `${how}: card ${k + 1} and only it shows`);
    assert.match(s.count, new RegExp(`^kort ${k + 1} af ${n}$`, 'i'), how);
    assert.match(s.live, new RegExp(`kort ${k + 1} af ${n}`, 'i'), how);
    assert.ok(s.live.includes(deckCards[k].text), `${how}: the live region reads "${s.live}"`);
  };
  await page.keyboard.press('ArrowRight');
  await expectCard(1, '→');
  await page.keyboard.press('ArrowRight');
  await expectCard(2, '→ →');
  await page.keyboard.press('ArrowLeft');
  await expectCard(1, '←');
  await page.keyboard.press(' ');
  await expectCard(2, 'Space');
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'Space does not scroll the page');

  // Shuffle: the same cards in a new order, starting from the first.
  await tabTo(page, '[data-present-shuffle]');
  await page.keyboard.press('Enter');
  s = await page.evaluate(presentState);
  assert.deepEqual([...s.order].sort(), deckCards.map((c) => c.id).sort(), 'shuffling keeps every card');
  assert.notDeepEqual(s.order, deckCards.map((c) => c.id), 'shuffling changes the order');
  assert.match(s.count, new RegExp(`^kort 1 af ${n}$`, 'i'));
  assert.match(s.live, /blandet/);
  assert.deepEqual(s.visible, [s.order[0]]);

  // A random card not yet shown, until every card has been shown once.
  await tabTo(page, '[data-present-random]');
  const seen = new Set(s.visible);
  for (let i = 1; i < n; i++) {
    await page.keyboard.press('Enter');
    s = await page.evaluate(presentState);
    assert.equal(s.visible.length, 1);
    assert.ok(!seen.has(s.visible[0]), `draw ${i}: ${s.visible[0]} has not been shown before`);
    seen.add(s.visible[0]);
    assert.match(s.count, new RegExp(`^kort ${s.order.indexOf(s.visible[0]) + 1} af ${n}$`, 'i'));
  }
  assert.equal(seen.size, n, 'every card was drawn once');
  await page.keyboard.press('Enter');
  s = await page.evaluate(presentState);
  assert.match(s.live, new RegExp(`Alle ${n} kort har været vist`));

  // Escape goes back to the deck.
  await Promise.all([page.waitForURL(site.url(DECK) + 'index.html'), page.keyboard.press('Escape')]);
  site.assertClean(page);
});

test('the present page fills the screen in the deck colour with the statement in very large type, on a desktop and a phone', async () => {
  for (const viewport of [undefined, PHONE]) {
    const page = await site.open(`${DECK}vis/`, viewport ? { viewport, isMobile: true, hasTouch: true } : {});
    const look = await page.evaluate(() => {
      const stage = document.querySelector('[data-present-root]');
      const card = [...document.querySelectorAll('[data-card]')].find((c) => c.getClientRects().length);
      const next = document.querySelector('[data-present-next]').getBoundingClientRect();
      const r = stage.getBoundingClientRect();
      return {
        bg: getComputedStyle(stage).backgroundColor,
        deck: getComputedStyle(stage).getPropertyValue('--deck').trim(),
        font: parseFloat(getComputedStyle(card.querySelector('.present__text')).fontSize),
        bottom: r.bottom,
        nextVisible: next.bottom <= innerHeight,
        height: innerHeight,
        width: document.documentElement.scrollWidth,
      };
    });
    const label = viewport ? 'phone' : 'desktop';
    assert.equal(look.deck, '#b5442c', `${label}: the deck's colour from vars.css`);
    assert.equal(look.bg, 'rgb(181, 68, 44)', `${label}: the stage is in the deck's colour`);
    assert.ok(look.font >= (viewport ? 28 : 56), `${label}: the statement is set in ${look.font} px`);
    assert.ok(look.bottom >= look.height - 16, `${label}: the stage reaches the bottom of the screen (${look.bottom} of ${look.height})`);
    assert.ok(look.nextVisible, `${label}: the "Næste" button is on the first screen`);
    assert.ok(look.width <= (viewport?.width ?? 1280), `${label}: nothing scrolls sideways`);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    site.assertClean(page);
  }
});

test('without JavaScript the present page lists every card', async () => {
  const page = await site.open(`${DECK}vis/`, { javaScriptEnabled: false });
  const shown = await page.$$eval('[data-card]', (cards) => cards.filter((c) => c.getClientRects().length > 0).length);
  const deck = await (await site.open(DECK)).$$eval('.cards > li', (c) => c.length);
  assert.equal(shown, deck);
  site.assertClean(page);
});

test('the deck builder presents exactly its deck, in its order, own statements as text; a copied link presents the same deck in a fresh browser', async () => {
  const page = await site.open('print/kortbygger/');
  const boxes = page.locator('input[name="card"]');
  for (const i of [3, 0, 40]) await boxes.nth(i).check();
  const label = (i) => boxes.nth(i).evaluate((b) => document.querySelector(`label[for="${b.id}"]`).textContent.trim());
  const [c3, c0, c40] = [await label(3), await label(0), await label(40)];
  await page.fill('#builder-own', 'Hos os siger vi <em>godmorgen</em> til hinanden.');
  await page.press('#builder-own', 'Enter');
  await page.fill('#builder-own', 'Det bedste ved vores arbejde er…');
  await page.press('#builder-own', 'Enter');
  // The last picked card to the top.
  await page.click('[data-order] li:nth-child(3) [data-move="top"]');
  await page.fill('#builder-name', 'Vores tone');
  await page.locator('input[name="color"]').nth(2).check();
  const color = `deck--${await page.locator('input[name="color"]').nth(2).inputValue()}`;
  await page.locator('#builder a[data-present]').focus();
  await Promise.all([page.waitForURL(/kortbygger\/vis\/index\.html#v1;k=/), page.keyboard.press('Enter')]);

  const texts = [c40, c3, c0, 'Hos os siger vi <em>godmorgen</em> til hinanden.', 'Det bedste ved vores arbejde er…'];
  const total = texts.length;
  const presented = async (p) => {
    const seen = [];
    for (let k = 0; k < total; k++) {
      const s = await p.evaluate(presentState);
      assert.equal(s.total, total, 'the deck of the link, nothing else');
      assert.match(s.count, new RegExp(`^kort ${k + 1} af ${total}$`, 'i'));
      seen.push(s.text);
      await p.keyboard.press('ArrowRight');
    }
    return seen;
  };
  assert.deepEqual(await presented(page), texts);
  assert.equal(await page.$$eval('.present em', (e) => e.length), 0, 'an own statement is text, never markup');
  assert.equal(await page.textContent('[data-present-name]'), 'Vores tone');
  assert.ok(await page.evaluate((c) => document.querySelector('[data-present-root]').classList.contains(c), color), `the chosen colour ${color}`);
  assert.equal(await page.isVisible('[data-present-empty]'), false);
  const link = page.url();
  await Promise.all([page.waitForURL(/kortbygger\/index\.html#v1;k=/), page.keyboard.press('Escape')]);
  assert.equal((await page.$$('[data-order] li')).length, total, 'back in the builder with the same deck');
  site.assertClean(page);

  // The link alone, in a browser that has never seen the builder.
  const fresh = await site.open(link);
  assert.deepEqual(await presented(fresh), texts);
  site.assertClean(fresh);
});

test('a present link from an older handbook shows the cards that still exist and says what was left out', async () => {
  const page = await site.open('print/kortbygger/vis/#v1;k=haard-tone/findes-ikke-mere,e1;e=Vi%20taler%20ordentligt.');
  const s = await page.evaluate(presentState);
  assert.equal(s.total, 1);
  assert.equal(s.text, 'Vi taler ordentligt.');
  assert.match(await page.textContent('[data-present-notice]'), /1 kort fra Hård tone findes ikke/);
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));
  site.assertClean(page);
});

test('with nothing picked, the builder’s present page says where to pick cards', async () => {
  const page = await site.open('print/kortbygger/vis/');
  assert.equal(await page.isVisible('[data-present-empty]'), true);
  assert.match(await page.textContent('[data-present-empty]'), /kortbyggeren/);
  assert.equal(await page.locator('[data-card]').count(), 0);
  site.assertClean(page);
});

/** The question texts and the answer fields of a question page, read from the page. */
function fieldsInPage() {
  return [...document.querySelectorAll('.question-body textarea')].map((area) => {
    const label = document.getElementById(area.getAttribute('aria-labelledby'));
    return { value: area.value, question: label?.textContent.trim() ?? null, labelIsQuestion: Boolean(label?.closest('li[id]')), visible: area.getClientRects().length > 0 };
  });
}

const QUESTIONS = 'spoergsmaal/trio-formaal/';
const ANSWER = 'Vi vil have et fælles sprog om trivsel; og vi mødes hver måned, første tirsdag.';

test('a question set is filled in, kept through a reload, printed with the answers and the date, downloaded, and cleared only after asking', async () => {
  const context = await site.context({ acceptDownloads: true });
  const page = await openPage(context, site.url(QUESTIONS));
  assert.match(await page.textContent('main'), /kun gemt i denne browser.*sendes ingen steder hen/s);
  assert.equal(await page.locator('.question-body textarea:visible').count(), 0, 'the fields come when asked for');

  // Turn on fill-in mode by keyboard and type the first answer.
  await tabTo(page, 'button[data-fill]');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('button[data-fill]', 'aria-pressed'), 'true');
  const fields = await page.evaluate(fieldsInPage);
  const questions = await page.$$eval('.question-body li[id]', (lis) => lis.length);
  assert.equal(fields.length, questions, 'a field for every question');
  assert.ok(fields.every((f) => f.visible && f.labelIsQuestion && f.question), JSON.stringify(fields));
  const first = page.getByRole('textbox', { name: fields[0].question, exact: true });
  assert.equal(await first.evaluate((el) => el === document.activeElement), true, 'focus goes to the first field, labelled by its question');
  await page.keyboard.type(ANSWER);
  await page.getByRole('textbox', { name: fields[2].question, exact: true }).fill('Et fælles referat,\nkort og på skift.');

  // A reload keeps it.
  await page.reload();
  let after = await page.evaluate(fieldsInPage);
  assert.equal(after[0].value, ANSWER);
  assert.equal(after[2].value, 'Et fælles referat,\nkort og på skift.');
  assert.ok(after[0].visible, 'fill-in mode stays on');

  // Printing gives the TRIO's notes: each answer under its question, with the date.
  const dir = tempDir('triobog-fill-');
  const pdf = path.join(dir, 'svar.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const months = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
  const now = new Date();
  const date = `${now.getDate()}. ${months[now.getMonth()]} ${now.getFullYear()}`;
  assert.ok(text.includes(`skrevet den ${date}`), `the printed page has the date ${date}: ${text.slice(0, 400)}`);
  const q1 = text.indexOf(fields[0].question);
  const a1 = text.indexOf(ANSWER);
  assert.ok(q1 >= 0 && a1 > q1, 'the answer is printed under its question');
  assert.ok(text.indexOf(fields[1].question) > a1, 'and before the next question');
  assert.ok(text.includes('Et fælles referat, kort og på skift.'));
  assert.ok(!text.includes('Ryd') && !text.includes('Hent svarene'), 'no controls on paper');

  // The download: a text file with the questions and the answers.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-fill-download]')]);
  assert.match(download.suggestedFilename(), /^trio-formaal-svar-\d{4}-\d{2}-\d{2}\.txt$/);
  const saved = path.join(dir, download.suggestedFilename());
  await download.saveAs(saved);
  const file = readFileSync(saved, 'utf8').replace(/^\ufeff/, '');
  assert.ok(file.startsWith("TRIO'ens formål\n"), file.slice(0, 200));
  assert.ok(file.includes(`1. ${fields[0].question}\n${ANSWER}\n`), file);
  assert.ok(file.includes(`3. ${fields[2].question}\nEt fælles referat,\nkort og på skift.\n`), file);
  assert.ok(file.includes(`2. ${fields[1].question}\n(ikke besvaret)`), file);
  assert.ok(file.includes(`skrevet den ${date}`), file);

  // "Ryd" asks first; "Fortryd" keeps the answers.
  await tabTo(page, 'button[data-fill-clear]');
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('[data-fill-confirm]'), true, 'Ryd asks before it clears');
  assert.match(await page.textContent('[data-fill-confirm]'), /slette alle svar/);
  assert.equal((await page.evaluate(fieldsInPage))[0].value, ANSWER, 'nothing is cleared yet');
  assert.equal(await page.evaluate(() => document.activeElement.matches('[data-fill-clear-no]')), true, 'focus is on the safe choice');
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('[data-fill-confirm]'), false);
  assert.equal((await page.evaluate(fieldsInPage))[0].value, ANSWER, 'Fortryd keeps the answers');
  assert.equal(await page.evaluate(() => document.activeElement.matches('[data-fill-clear]')), true);

  await page.keyboard.press('Enter');
  await page.click('[data-fill-clear-yes]');
  after = await page.evaluate(fieldsInPage);
  assert.ok(after.every((f) => f.value === ''), 'every answer is cleared');
  assert.match(await page.textContent('[data-fill-status]'), /slettet/);
  await page.reload();
  assert.ok((await page.evaluate(fieldsInPage)).every((f) => f.value === ''), 'and stays cleared after a reload');
  site.assertClean(page);
});

test('answers belong to their page: another question set starts empty', async () => {
  const context = await site.context();
  const page = await openPage(context, site.url(QUESTIONS));
  await page.click('button[data-fill]');
  await page.locator('.question-body textarea').first().fill('Kun her.');
  await page.goto(site.url('spoergsmaal/trio-roller-og-rammer/'));
  assert.equal(await page.locator('.question-body textarea:visible').count(), 0);
  assert.equal(await page.getAttribute('button[data-fill]', 'aria-pressed'), 'false');
  await page.goto(site.url(QUESTIONS));
  assert.equal(await page.locator('.question-body textarea').first().inputValue(), 'Kun her.');
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));
  site.assertClean(page);
});

test('present mode and fill-in mode work from disk (file://)', async () => {
  const page = await site.page();
  await page.goto(pathToFileURL(path.join(site.dir, DECK, 'index.html')).href);
  await page.click('a[data-present]');
  await page.waitForURL(/vis\/index\.html$/);
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('[data-present-count]'), /^Kort 2 af \d+$/);
  await page.goto(pathToFileURL(path.join(site.dir, QUESTIONS, 'index.html')).href);
  await page.click('button[data-fill]');
  await page.locator('.question-body textarea').first().fill('Fra disken.');
  await page.reload();
  assert.equal(await page.locator('.question-body textarea').first().inputValue(), 'Fra disken.');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-fill-download]')]);
  const saved = path.join(tempDir('triobog-fill-'), 'svar.txt');
  await download.saveAs(saved);
  assert.match(readFileSync(saved, 'utf8'), /Fra disken\./);
  assert.deepEqual([...page.hosts].filter((h) => h !== 'file:' && h !== 'blob:'), [], 'nothing but files from disk');
  site.assertClean(page);
});

test('a deck builder link opens the same deck from disk (file://), and presents it', async () => {
  const page = await site.page();
  const builder = pathToFileURL(path.join(site.dir, 'print/kortbygger/index.html')).href;
  await page.goto(builder);
  const keys = await page.$$eval('input[name="card"]', (bs) => [bs[5].value, bs[2].value]);
  // The link pasted into the address bar of the builder already open: it opens afresh with the link's deck.
  await Promise.all([page.waitForEvent('load'), page.goto(`${builder}#v1;k=${keys.join(',')},e1;e=Fra%20disken%20%C3%A6%C3%B8%C3%A5.`)]);
  const order = await page.$$eval('[data-order] .builder__item-text', (e) => e.map((x) => x.textContent));
  assert.equal(order.length, 3);
  assert.equal(order[2], 'Fra disken æøå.');
  assert.deepEqual(await page.$$eval('#builder-sheets [data-card="front"]', (cs) => cs.slice(0, 2).map((c) => c.dataset.cardId)), keys);
  await Promise.all([page.waitForURL(/vis\/index\.html#v1;k=/), page.click('#builder a[data-present]')]);
  assert.match(await page.textContent('[data-present-count]'), /^Kort 1 af 3$/);
  assert.deepEqual([...page.hosts].filter((h) => h !== 'file:'), [], 'nothing but files from disk');
  site.assertClean(page);
});
