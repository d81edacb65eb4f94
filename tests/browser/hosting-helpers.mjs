// What only the hosting tests need: the smoke part of the suite, run against the handbook as a
// real web server serves it with the configuration `triobog hosting` printed (nginx.test.mjs,
// apache.test.mjs). Every page kind loads without a console error or a Content-Security-Policy
// violation (the page guard fails on both), the search answers, the deck builder and present
// mode work, a missing address ends on a working 404 page, and every response carries the
// headers, MIME types and cache rules of `triobog hosting headers`.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { guardedPage } from './lib/browser.mjs';
import { PAGES } from './pages.mjs';
import { hostingHeaders, hostingMimeTypes } from './lib/server.mjs';
import { searchPage } from './search-helpers.mjs';

const DECK = 'udsagnskort/haard-tone/';
const REVALIDATE = 'no-cache';
const IMMUTABLE = /^public, max-age=31536000, immutable$|^public, immutable, ?max-age=31536000$/;

/**
 * The 404 page at `base` works: opened for a missing address, styled, its links lead home. With
 * `screenshot`, a screenshot of it goes to target/screenshots/<screenshot>.png first.
 */
export async function assertNotFoundPageWorks(site, base, missing = 'findes/ikke/', screenshot = null) {
  const context = await site.context();
  const url = new URL(missing, base).href;
  const page = await guardedPage(context, { url, expectStatus: 404 });
  const response = await page.goto(url);
  assert.equal(response.status(), 404, `${url} ends on the 404 page with status 404`);
  assert.equal(page.url(), new URL('404.html', base).href);
  assert.equal(await page.textContent('h1'), 'Siden findes ikke');
  const header = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
  assert.notEqual(header, 'rgba(0, 0, 0, 0)', 'the stylesheet is applied');
  if (screenshot) await site.screenshot(page, screenshot);
  await Promise.all([page.waitForURL(new URL('index.html', base).href), page.click('main a:has-text("Gå til forsiden")')]);
  assert.ok(await page.isVisible('h1'));
  site.assertClean(page);
}

/** Registers the smoke tests for `site` (useSite with a real server), named after `server`. */
export function hostingSmokeTests(site, server) {
  test(`${server}: every kind of page loads under /trio/ with no console error or CSP violation`, async () => {
    for (const { path, status = 200 } of PAGES) {
      const page = await site.open(path, { status });
      site.assertClean(page);
      await page.close();
    }
  });

  test(`${server}: every response carries the headers, MIME types and cache rules of triobog hosting headers`, async () => {
    const headers = hostingHeaders();
    const mime = hostingMimeTypes();
    const manifest = await fetch(site.url('search/manifest.js')).then((r) => r.text());
    const build = /"build":"([^"]+)"/.exec(manifest)[1];
    const ics = await site.open('sygefravaer-og-aarshjul/aarshjul/').then((p) => p.getAttribute('a[href$=".ics"]', 'href'));
    const files = [
      ['', '.html', REVALIDATE],
      ['vaerktoejer/dilemmavaerksted/', '.html', REVALIDATE],
      ['css/site.css', '.css', REVALIDATE],
      ['js/search/engine.js', '.js', REVALIDATE],
      ['icons/favicon.svg', '.svg', REVALIDATE],
      ['sitemap.xml', '.xml', REVALIDATE],
      ['robots.txt', '.txt', REVALIDATE],
      [`sygefravaer-og-aarshjul/aarshjul/${ics}`, '.ics', REVALIDATE],
      ['search/manifest.js', '.js', REVALIDATE],
      [`search/p-0.js?v=${build}`, '.js', IMMUTABLE],
    ];
    for (const [file, extension, cache] of files) {
      const res = await fetch(site.url(file));
      assert.equal(res.status, 200, file);
      assert.equal(res.headers.get('content-type'), mime[extension], `${file}: Content-Type`);
      for (const [name, value] of Object.entries(headers)) assert.equal(res.headers.get(name), value, `${file}: ${name}`);
      const cacheControl = res.headers.get('cache-control');
      if (cache instanceof RegExp) assert.match(cacheControl, cache, file);
      else assert.equal(cacheControl, cache, file);
    }
    const missing = await fetch(site.url('findes/ikke/'), { redirect: 'manual' });
    assert.equal(missing.status, 302);
    assert.equal(new URL(missing.headers.get('location'), site.base).href, site.url('404.html'));
    const notFound = await fetch(site.url('404.html'));
    assert.equal(notFound.status, 404);
    assert.equal(notFound.headers.get('content-security-policy'), headers['Content-Security-Policy']);
    for (const hidden of ['web.config', '.triobog-output']) {
      const res = await fetch(site.url(hidden), { redirect: 'manual' });
      assert.ok([302, 403, 404].includes(res.status), `${hidden} is not served: ${res.status}`);
      assert.doesNotMatch(await res.text(), /<configuration>|bygget af triobog/, hidden);
    }
  });

  test(`${server}: the search answers, on its page and in the header's box`, async () => {
    const page = await site.page();
    const packs = [];
    page.on('response', (res) => {
      if (/\/search\/[phd]-\d+\.js/.test(res.url())) packs.push(res.status());
    });
    const results = await searchPage(page, site.base, 'hård tone');
    assert.ok(results.slice(0, 3).some((r) => r.title === 'Hård tone'), JSON.stringify(results.slice(0, 3)));
    // The index's packs are read by byte range, as the server answers them: none of them whole.
    assert.ok(packs.length > 0 && packs.every((status) => status === 206), `statuses: ${packs}`);
    await page.goto(site.url('vaerktoejer/'));
    await page.keyboard.press('/');
    await page.keyboard.type('dilemma');
    await page.waitForSelector('[role="listbox"] a[role="option"]');
    site.assertClean(page);
  });

  test(`${server}: a deck is presented, and the deck builder presents the picked cards`, async () => {
    const page = await site.open(DECK);
    await Promise.all([page.waitForURL(/\/vis\/(index\.html)?$/), page.click('a[data-present]')]);
    await page.keyboard.press('ArrowRight');
    assert.match(await page.textContent('[data-present-count]'), /^Kort 2 af \d+$/);
    const builder = await site.open('print/kortbygger/');
    const boxes = builder.locator('input[name="card"]');
    await boxes.nth(1).check();
    await boxes.nth(4).check();
    await Promise.all([builder.waitForURL(/kortbygger\/vis\/index\.html#v1;k=/), builder.click('#builder a[data-present]')]);
    assert.match(await builder.textContent('[data-present-count]'), /^Kort 1 af 2$/);
    site.assertClean(page);
    site.assertClean(builder);
  });

  test(`${server}: a missing address ends on the 404 page, which is styled and leads home`, async () => {
    await assertNotFoundPageWorks(site, site.base);
    await assertNotFoundPageWorks(site, site.base, 'a/b/c/d.html');
  });
}
