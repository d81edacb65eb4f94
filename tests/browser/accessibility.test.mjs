// axe-core with the WCAG 2.0/2.1 A and AA rules finds nothing on any page: on a desktop, on
// a 390 px phone, and in the dark scheme when the theme has one.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { axeViolations, describeViolations, PHONE } from './lib/browser.mjs';
import { useSite } from './lib/harness.mjs';
import { PAGES } from './pages.mjs';

const site = useSite();

/** The page's colours, to tell whether the dark scheme changes anything. */
const coloursOf = (page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return `${style.color} on ${style.backgroundColor}`;
  });

async function assertNoViolations(page, look) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${look}:\n${describeViolations(violations)}`);
}

for (const { kind, path, status } of PAGES) {
  test(`${kind} (/${path}): axe finds no WCAG 2.1 AA violation`, async (t) => {
    const page = await site.open(path, { status, colorScheme: 'light' });
    await assertNoViolations(page, 'desktop');

    const light = await coloursOf(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    if ((await coloursOf(page)) !== light) {
      await assertNoViolations(page, 'dark scheme');
    } else {
      t.diagnostic('the theme has no dark scheme');
    }
    await page.emulateMedia({ colorScheme: 'light' });

    await page.setViewportSize(PHONE);
    await assertNoViolations(page, '390 px');
    site.assertClean(page);
  });
}
