// How every page looks on a desktop and on a 390 px phone: nothing scrolls sideways on the
// phone, and a screenshot of each is written to target/screenshots/ for a person to look at.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PHONE } from './lib/browser.mjs';
import { useSite } from './lib/harness.mjs';
import { PAGES, slugOf } from './pages.mjs';

const site = useSite();

/** Elements whose right edge passes the viewport's, the likely cause of sideways scrolling. */
function widestInPage() {
  const width = document.documentElement.clientWidth;
  return [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('.table-scroll, pre, .visually-hidden'))
    .slice(0, 5)
    .map((el) => `${el.localName}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
}

for (const { kind, path, status } of PAGES) {
  test(`${kind} (/${path}): nothing scrolls sideways at 390 px; screenshots`, async () => {
    const desktop = await site.open(path, { status });
    await site.screenshot(desktop, `${slugOf(kind)}-desktop`);
    site.assertClean(desktop);

    const phone = await site.open(path, { status, viewport: PHONE, isMobile: true, hasTouch: true });
    const scrollWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= PHONE.width, `the page is ${scrollWidth} px wide: ${(await phone.evaluate(widestInPage)).join(', ')}`);
    await site.screenshot(phone, `${slugOf(kind)}-phone`);
    site.assertClean(phone);
  });
}
