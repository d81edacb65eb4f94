// One call that sets up what a browser test file needs: the site built, served under /trio/ on
// 127.0.0.1 with the strict Content-Security-Policy, and a headless Chromium. Use it at the top
// of a test file:
//
//   const site = useSite();              // the handbook; useSite(root) for another site
//   test('...', async () => { const page = await site.open('vaerktoejer/'); ... });
//
// `site.open` gives a guarded page (see browser.mjs), `site.page()` one that has not gone
// anywhere yet; `site.assertClean(page)` fails the test on any request to another host, console
// error, page error or failed request. A test with a site of its own serves it beside the
// handbook with `site.serveOther(fixtureSite('minimal', { ... }))`.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before } from 'node:test';

import { guardedPage, launchBrowser, newContext, openPage, problemsOf } from './browser.mjs';
import { serveSite } from './server.mjs';
import { buildSite, builtHandbook, REPO_ROOT, SCREENSHOT_DIR } from './site.mjs';

/** The subpath the site is served under, as on an intranet. */
export const SUBPATH = '/trio/';

/** A built site on the test server, and the pages a test opens on it. */
class ServedSite {
  constructor(contexts, serve = serveSite) {
    /** What serves the built site: serveSite, or a real web server (lib/webserver.mjs). */
    this.serve = serve;
    /** http://127.0.0.1:<port>/trio/ */
    this.base = null;
    this.origin = null;
    /** The built site's folder. */
    this.dir = null;
    /** The path of every request the server has had, in order (see serveSite). */
    this.requests = [];
    this.browser = null;
    /** Every context opened, closed after each test. */
    this.contexts = contexts;
    this.built = null;
    this.server = null;
  }

  async start(built, browser) {
    this.built = built;
    this.dir = built.dir;
    this.server = await this.serve(built.dir, { prefix: SUBPATH });
    this.base = this.server.base;
    this.origin = this.server.origin;
    this.requests = this.server.requests;
    this.browser = browser;
  }

  /** A fresh browser context; see newContext for the options. */
  async context(options = {}) {
    const context = await newContext(this.browser, this.origin, options);
    this.contexts.push(context);
    return context;
  }

  /** A guarded page in a fresh context made with `options`, not opened on anything yet. */
  async page(options = {}) {
    return guardedPage(await this.context(options));
  }

  /** Opens `pagePath` (relative to the site, or a whole URL on it) in a fresh context made with `options`. */
  async open(pagePath, { status = 200, ...options } = {}) {
    const context = await this.context(options);
    return openPage(context, this.url(pagePath), { expectStatus: status });
  }

  url(pagePath) {
    return new URL(pagePath, this.base).href;
  }

  assertClean(page) {
    const problems = problemsOf(page);
    assert.deepEqual(problems, [], `${page.url()}:\n  ${problems.join('\n  ')}`);
  }

  /** Writes a full-page screenshot to target/screenshots/<name>.png. */
  async screenshot(page, name) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }

  /**
   * This site's folder served once more, by `serve(dir, { prefix })` (a server set up otherwise),
   * in the same browser, for one test; `close()` it when done.
   */
  async serveAlso(serve) {
    const other = new ServedSite(this.contexts, serve);
    await other.start({ dir: this.dir, remove() {} }, this.browser);
    return other;
  }

  /**
   * Builds the site in `root` (a fixtureSite) and serves it beside this one, in the same browser,
   * for one test; `close()` it when done.
   */
  async serveOther(root) {
    const other = new ServedSite(this.contexts);
    await other.start(buildSite(root), this.browser);
    return other;
  }

  async close() {
    await this.server?.close();
    this.built?.remove();
  }
}

/**
 * The site in `root`, built (the handbook: see builtHandbook), served and with a browser, for
 * the tests of one file: set up before them, contexts closed after each, all of it after the last.
 * `serve(dir, { prefix })` serves it: the test server by default, or nginx or Apache
 * (lib/webserver.mjs), resolving to { base, origin, requests, close() }.
 */
export function useSite(root = REPO_ROOT, { serve = serveSite } = {}) {
  const site = new ServedSite([], serve);

  before(async () => {
    await site.start(root === REPO_ROOT ? builtHandbook() : buildSite(root), await launchBrowser());
  });

  afterEach(async () => {
    const open = site.contexts.splice(0);
    await Promise.all(open.map((c) => c.close()));
  });

  after(async () => {
    await site.browser?.close();
    await site.close();
  });

  return site;
}
