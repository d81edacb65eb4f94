// Every page works by keyboard alone: Tab first reaches a skip link that moves focus to the
// main content; Tab reaches every link and control, each with a visible focus indicator; on a
// phone the menu opens with Enter and closes with Escape; summaries open and close with Enter.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PHONE } from './lib/browser.mjs';
import { useSite } from './lib/harness.mjs';
import { focusedInPage, markTabbablesInPage, tabThrough } from './lib/keyboard.mjs';
import { PAGES } from './pages.mjs';

const site = useSite();

for (const { kind, path, status } of PAGES) {
  test(`${kind} (/${path}): skip link, every control reachable by Tab with visible focus`, async () => {
    const page = await site.open(path, { status });

    // A page that keeps a deck in its address (#v1;…, js/deck-link.js) keeps it through the jump.
    const kept = /^#v\d/.test(new URL(page.url()).hash) ? new URL(page.url()).hash : null;
    await page.keyboard.press('Tab');
    const first = await page.evaluate(focusedInPage);
    assert.match(first?.key ?? 'nothing', /skip-link/, 'the first Tab reaches the skip link');
    assert.ok(first.onScreen && first.visibleFocus, 'the focused skip link shows, with a focus indicator');
    await page.keyboard.press('Enter');
    const afterSkip = await page.evaluate(focusedInPage);
    assert.ok(afterSkip?.inMain, `Enter on the skip link moves focus to the main content, not ${afterSkip?.key}`);
    // A deck page puts its deck back when the browser tells it of the jump (hashchange, a task later).
    if (kept) await page.waitForFunction((hash) => location.hash === hash, kept);
    assert.equal(new URL(page.url()).hash, kept ?? '#main');

    await page.goto(page.url().replace(/#.*/, ''));
    // The search page lists its results once their index parts have come: count what is there then.
    if (path.startsWith('soeg/?q=')) {
      await page.waitForFunction(() => /resultat/.test(document.querySelector('#search-page-status')?.textContent || ''));
    }
    const tabbables = await page.evaluate(markTabbablesInPage);
    const stops = await tabThrough(page, tabbables.length + 20);
    const hiddenFocus = stops.filter((s) => !s.visibleFocus || !s.onScreen).map((s) => s.key);
    assert.deepEqual(hiddenFocus, [], 'every focused element is on screen and shows a focus indicator');
    const reached = new Set(stops.map((s) => s.mark));
    const unreached = tabbables.filter((_, n) => !reached.has(String(n)));
    assert.deepEqual(unreached, [], 'Tab reaches every link and control');
    site.assertClean(page);
  });
}

test('a link is followed with Enter', async () => {
  const page = await site.open('');
  const target = await page.locator('.nav-wide a').first();
  const href = await target.evaluate((a) => a.href);
  await target.focus();
  await Promise.all([page.waitForURL(href), page.keyboard.press('Enter')]);
  assert.equal(page.url(), href);
  site.assertClean(page);
});

for (const { kind, path, status } of PAGES) {
  test(`${kind} (/${path}) at 390 px: the menu opens with Enter, is usable, closes with Escape`, async () => {
    const page = await site.open(path, { status, viewport: PHONE, isMobile: true, hasTouch: true });
    assert.equal(await page.locator('.nav-wide').isVisible(), false, 'the wide navigation is hidden on a phone');
    const summary = page.locator('details.nav-narrow > summary');
    const menuLinks = page.locator('details.nav-narrow nav a');

    let focused = null;
    for (let i = 0; i < 5 && !focused?.key.includes('nav-narrow'); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(focusedInPage);
    }
    assert.match(focused?.key ?? '', /summary/, 'Tab reaches the "Menu" button right after the skip link and the site title');
    assert.ok(focused.visibleFocus, 'the focused "Menu" button shows a focus indicator');
    assert.equal(await summary.evaluate((s) => s.textContent.trim()), 'Menu');

    await page.keyboard.press('Enter');
    assert.equal(await page.locator('details.nav-narrow').evaluate((d) => d.open), true, 'Enter opens the menu');
    const count = await menuLinks.count();
    assert.ok(count >= 4, `the menu lists the handbook's parts (${count} links)`);
    for (let i = 0; i < count; i++) {
      const box = await menuLinks.nth(i).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `menu link ${i} lies inside the screen`);
      assert.ok(box.height >= 24, `menu link ${i} is at least 24 px tall (${box.height})`);
    }
    await page.keyboard.press('Tab');
    assert.equal(await menuLinks.first().evaluate((a) => a === document.activeElement), true, 'Tab moves into the open menu');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= PHONE.width, `the open menu does not scroll sideways (${scrollWidth} px)`);

    await page.keyboard.press('Escape');
    assert.equal(await page.locator('details.nav-narrow').evaluate((d) => d.open), false, 'Escape closes the menu');
    assert.equal(await summary.evaluate((s) => s === document.activeElement), true, 'focus returns to the "Menu" button');
    site.assertClean(page);
  });
}

test('every summary on a page opens and closes with Enter', async () => {
  const page = await site.open('spoergsmaal/');
  const summaries = page.locator('main details > summary');
  const count = await summaries.count();
  assert.ok(count > 0, 'the question bank has collapsible question sets');
  for (let i = 0; i < count; i++) {
    const summary = summaries.nth(i);
    const isOpen = () => summary.evaluate((s) => s.parentElement.open);
    const before = await isOpen();
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.equal(await isOpen(), !before, `Enter toggles summary ${i}`);
    await page.keyboard.press('Enter');
    assert.equal(await isOpen(), before, `Enter toggles summary ${i} back`);
  }
  site.assertClean(page);
});
