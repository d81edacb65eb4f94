// Every page is built the same way: lang="da", one h1, a <title> naming page and site, the
// landmarks header/nav/main/footer, the footer's link to the accessibility statement — and it
// loads without a console error or a request to any host but the test server.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { useSite } from './lib/harness.mjs';
import { REPO_ROOT } from './lib/site.mjs';
import { PAGES } from './pages.mjs';

const site = useSite();
const SITE_TITLE = readFileSync(path.join(REPO_ROOT, 'site.toml'), 'utf8').match(/^title\s*=\s*"([^"]+)"/m)[1];

/** What the assertions look at, read from the page in one go. */
function outline() {
  const text = (el) => el?.textContent.replace(/\s+/g, ' ').trim() ?? null;
  const statement = [...document.querySelectorAll('footer a')].find((a) => text(a) === 'Tilgængelighedserklæring');
  return {
    lang: document.documentElement.lang,
    title: document.title,
    h1s: [...document.querySelectorAll('h1')].map(text),
    banners: document.querySelectorAll('body > header').length,
    navs: [...document.querySelectorAll('nav')].map((n) => n.getAttribute('aria-label')),
    mains: document.querySelectorAll('main').length,
    contentinfos: document.querySelectorAll('body > footer').length,
    mainIsTarget: document.querySelector('main')?.id === 'main',
    statementHref: statement?.href ?? null,
  };
}

for (const { kind, path: pagePath, status } of PAGES) {
  test(`${kind} (/${pagePath}): lang, one h1, title, landmarks, statement link, nothing from elsewhere`, async () => {
    const page = await site.open(pagePath, { status });
    const o = await page.evaluate(outline);
    assert.equal(o.lang, 'da');
    assert.equal(o.h1s.length, 1, `h1s: ${JSON.stringify(o.h1s)}`);
    assert.ok(o.title.includes(SITE_TITLE), `title "${o.title}" should name the site "${SITE_TITLE}"`);
    if (pagePath !== '') {
      assert.ok(o.title.includes(o.h1s[0]), `title "${o.title}" should name the page "${o.h1s[0]}"`);
    }
    assert.equal(o.banners, 1, 'one site header');
    assert.equal(o.mains, 1, 'one main');
    assert.ok(o.mainIsTarget, 'main has id="main" for the skip link');
    assert.equal(o.contentinfos, 1, 'one site footer');
    assert.ok(o.navs.length >= 1, 'a nav');
    assert.ok(o.navs.every((label) => label), `every nav has an aria-label: ${JSON.stringify(o.navs)}`);

    assert.ok(o.statementHref, 'the footer links "Tilgængelighedserklæring"');
    if (new URL(o.statementHref).origin === site.origin) {
      const statement = await page.request.get(o.statementHref);
      assert.equal(statement.status(), 200, `the statement link ${o.statementHref} works`);
    } else {
      // The statement in the WAS tool: never fetched, the suite talks to no other host.
      assert.match(o.statementHref, /^https:\/\//, 'the statement link is an https URL');
    }
    site.assertClean(page);
  });
}
