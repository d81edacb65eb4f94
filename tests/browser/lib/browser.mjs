// Debian's headless Chromium through playwright-core (the one launch of the suite and of
// bench-search.mjs), and pages that record everything a test must fail on: requests to any host
// but the test server, console errors, page errors, failed requests. And axe-core.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

/** Debian's Chromium; the suite never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags from DESIGN.md, and --disable-quic (playwright adds --headless itself). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Viewports the suite looks at a page in. */
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Launches headless Chromium. Close it with `browser.close()`. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * A new browser context (own cookies and storage) for `origin`, with options such as
 * { viewport, colorScheme: 'dark', reducedMotion: 'reduce' }. Every request to another host is
 * aborted and recorded in `context.foreignRequests`; files from disk (file://, a page opened
 * from the built folder) are let through.
 */
export async function newContext(browser, origin, options = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'da-DK', ...options });
  context.foreignRequests = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin || url.protocol === 'file:') return route.continue();
    context.foreignRequests.push(url.href);
    return route.abort('blockedbyclient');
  });
  return context;
}

/**
 * A new page of `context` that records what a test must fail on in `page.problems`: console
 * errors (CSP violations included, and each `securitypolicyviolation` event), page errors and
 * failed requests (HTTP 400 and above, but for the page opened at `url` itself, whose status
 * openPage checks). It also collects in `page.hosts` each host it asks (and `file:`, `blob:`
 * for files from disk and made in the page). `expectStatus` is the HTTP status the page at
 * `url` should answer with (200, or 404 for the not-found page, which a missing address is
 * sent on to).
 */
export async function guardedPage(context, { url = null, expectStatus = 200 } = {}) {
  const page = await context.newPage();
  page.problems = [];
  page.hosts = new Set();
  // Injected through the DevTools protocol, which the page's policy does not limit.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile || e.documentURI}`);
    });
  });
  const isPageItself = (res) => url !== null && res.request().isNavigationRequest() && res.frame() === page.mainFrame();
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium reports the not-found page's own 404 status as a console error; that one is expected.
    if (expectStatus === 404 && /status of 404/.test(msg.text()) && msg.location().url === page.url()) return;
    page.problems.push(`console error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    const status = res.status();
    if (status >= 400 && !isPageItself(res)) page.problems.push(`HTTP ${status}: ${res.url()}`);
  });
  page.on('request', (req) => {
    const requested = new URL(req.url());
    page.hosts.add(/^https?:$/.test(requested.protocol) ? requested.host : requested.protocol);
  });
  return page;
}

/**
 * Opens `url` in a new guarded page of `context` (see guardedPage). A status other than
 * `expectStatus` is one of `page.problems`.
 */
export async function openPage(context, url, { expectStatus = 200 } = {}) {
  const page = await guardedPage(context, { url, expectStatus });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (response.status() !== expectStatus) {
    page.problems.push(`HTTP ${response.status()} for ${url}, expected ${expectStatus}`);
  }
  return page;
}

/** Everything that went wrong while `page` was open, including requests to other hosts. */
export function problemsOf(page) {
  return [...page.problems, ...page.context().foreignRequests.map((u) => `request to another host: ${u}`)];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The axe-core rule tags for WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core with the WCAG 2.0/2.1 A and AA rules on the page as it is now and returns its
 * results as axe gives them ({ violations, passes, … }; only violations with every node).
 */
export async function axeResults(page) {
  // Injected through the DevTools protocol, which the page's Content-Security-Policy does not limit.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(axeSource);
  }
  return page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_AA_TAGS,
  );
}

/**
 * The WCAG 2.0/2.1 A and AA violations axe-core finds on the page as it is now, each as
 * { id, impact, help, nodes: [selector and what fails...] }.
 */
export async function axeViolations(page) {
  const results = await axeResults(page);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''}`),
  }));
}

/** Violations as readable lines for an assertion message. */
export function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n}`).join('\n')}`)
    .join('\n');
}
