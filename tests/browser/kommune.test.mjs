// The example of a municipality's own handbook (examples/kommune/: a local layer over this
// repository's national handbook), built and served as IT would: every kind of page, the local
// ones too, passes axe, and the search finds the local pages and no longer the hidden one.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { axeViolations, describeViolations, PHONE } from './lib/browser.mjs';
import { useSite } from './lib/harness.mjs';
import { REPO_ROOT } from './lib/site.mjs';
import { searchPage } from './search-helpers.mjs';

const site = useSite(path.join(REPO_ROOT, 'examples/kommune'));

const PAGES = [
  ['the front page, in the municipality\'s colours', ''],
  ['the local guideline that replaces the national one', 'om-trio/lokal-retningslinje/'],
  ['a local case', 'cases/tandplejen-tonen-ved-skranken/'],
  ['the case list, national and local cases together', 'cases/'],
  ['a national tool, linked from a local case', 'vaerktoejer/perspektivsamtaler/'],
  ['the print corner', 'print/'],
];

for (const [what, pagePath] of PAGES) {
  test(`kommune: ${what} (/${pagePath}) has no WCAG 2.1 AA violation`, async () => {
    const page = await site.open(pagePath);
    let violations = await axeViolations(page);
    assert.equal(violations.length, 0, `desktop:\n${describeViolations(violations)}`);
    await page.setViewportSize(PHONE);
    violations = await axeViolations(page);
    assert.equal(violations.length, 0, `390 px:\n${describeViolations(violations)}`);
    site.assertClean(page);
  });
}

test('kommune: the local layer shows: its title, logo and guideline, the local cases beside the national ones', async () => {
  const page = await site.open('');
  assert.match(await page.title(), /Eksempel Kommune/);
  assert.equal(await page.locator('img.site-logo').count(), 1);
  const guideline = await site.open('om-trio/lokal-retningslinje/');
  assert.equal(await guideline.locator('h1').textContent(), 'Retningslinje for TRIO-samarbejdet i Eksempel Kommune');
  const cases = await site.open('cases/');
  const titles = await cases.locator('main a').allTextContents();
  assert.ok(titles.some((t) => t.includes('Tandplejen')), titles.join(' | '));
  assert.ok(titles.some((t) => t.includes('Dialyse') || t.includes('dialyse')), 'the national cases are still listed');
  const hidden = await site.page();
  const response = await hidden.goto(site.url('redaktoerer/soegning/'));
  assert.equal(response.status(), 404, 'the hidden national page is not in the site');
});

test('kommune: the search finds the local pages and not the hidden one', async () => {
  const page = await site.page();
  const rows = await searchPage(page, site.base, 'tandplejen skranken');
  assert.ok(rows.length > 0, 'results');
  assert.match(rows[0].href, /cases\/tandplejen-tonen-ved-skranken\//);
  const guideline = await searchPage(page, site.base, 'retningslinje eksempel kommune');
  assert.ok(guideline.slice(0, 3).some((r) => r.href.includes('om-trio/lokal-retningslinje/')), guideline.map((r) => r.href).join('\n'));
  const hidden = await searchPage(page, site.base, 'synonymer forkortelser site.toml');
  assert.ok(!hidden.some((r) => r.href.includes('redaktoerer/soegning/')), 'the hidden page is not found');
  site.assertClean(page);
});
