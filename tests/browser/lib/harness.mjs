// One call that sets up what a browser test file needs: the handbook built, served under
// /trio/ on 127.0.0.1, and a headless Chromium. Use it at the top of a test file:
//
//   const site = useSite();              // the handbook; useSite(root) for another site
//   test('...', async () => { const page = await site.open('vaerktoejer/'); ... });
//
// `site.open` gives a guarded page (see browser.mjs); `site.assertClean(page)` fails the test
// on any request to another host, console error, page error or failed request.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before } from 'node:test';

import { launchBrowser, newContext, openPage, problemsOf } from './browser.mjs';
import { serveSite } from './server.mjs';
import { buildSite, REPO_ROOT, SCREENSHOT_DIR } from './site.mjs';

/** The subpath the site is served under, as on an intranet. */
export const SUBPATH = '/trio/';

export function useSite(root = REPO_ROOT) {
  const site = {
    /** http://127.0.0.1:<port>/trio/ */
    base: null,
    origin: null,
    browser: null,
    /** The built site's folder. */
    dir: null,
    contexts: [],

    /** A fresh browser context; see newContext for the options. */
    async context(options = {}) {
      const context = await newContext(site.browser, site.origin, options);
      site.contexts.push(context);
      return context;
    },

    /** Opens `pagePath` (relative to the site) in a fresh context made with `options`. */
    async open(pagePath, { status = 200, ...options } = {}) {
      const context = await site.context(options);
      return openPage(context, site.url(pagePath), { expectStatus: status });
    },

    url(pagePath) {
      return new URL(pagePath, site.base).href;
    },

    assertClean(page) {
      const problems = problemsOf(page);
      assert.deepEqual(problems, [], `${page.url()}:\n  ${problems.join('\n  ')}`);
    },

    /** Writes a full-page screenshot to target/screenshots/<name>.png. */
    async screenshot(page, name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
  };
  let built = null;
  let server = null;

  before(async () => {
    built = buildSite(root);
    site.dir = built.dir;
    server = await serveSite(built.dir, { prefix: SUBPATH });
    site.base = server.base;
    site.origin = server.origin;
    site.browser = await launchBrowser();
  });

  afterEach(async () => {
    const open = site.contexts.splice(0);
    await Promise.all(open.map((c) => c.close()));
  });

  after(async () => {
    await site.browser?.close();
    await server?.close();
    built?.remove();
  });

  return site;
}
