// Helpers for the search's browser tests: build the handbook, serve it under /trio/ with a
// strict Content-Security-Policy, and drive Debian's headless Chromium (never a downloaded one).
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** The strict policy an intranet may set: nothing inline, nothing from elsewhere. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml', '.ics': 'text/calendar',
};

/**
 * The built handbook: TRIOBOG_PUBLIC when set (the README's test command builds it first),
 * else a fresh `triobog build` into target/browser-public.
 */
export function builtSite() {
  if (process.env.TRIOBOG_PUBLIC) return resolve(process.env.TRIOBOG_PUBLIC);
  const out = join(REPO, 'target', 'browser-public');
  execFileSync('cargo', ['run', '--quiet', '--release', '--', 'build', '--output', out], { cwd: REPO, stdio: 'inherit' });
  return out;
}

/**
 * Serves `dir` at http://127.0.0.1:PORT/trio/ with the strict CSP. Records every request path.
 * Resolves to {url, requests, close}.
 */
export function serve(dir, prefix = '/trio/') {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    if (!path.startsWith(prefix)) return notFound(res);
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir + sep) && file !== dir) return notFound(res);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return notFound(res);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Content-Security-Policy': CSP });
    res.end(readFileSync(file));
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      done({ url: `http://127.0.0.1:${port}${prefix}`, requests, close: () => new Promise((c) => server.close(c)) });
    });
  });
}

function notFound(res) {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found');
}

/** Debian's Chromium, headless. */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A page that fails the test on any script error or CSP violation, and records the hosts it
 * asks for. Returns {page, problems, hosts}.
 */
export async function watchedPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const hosts = new Set();
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => { const u = new URL(r.url()); hosts.add(u.protocol === 'file:' ? 'file:' : u.host); });
  return { page, problems, hosts };
}

/** Opens the search page for `query` and waits for its results. Returns the result rows. */
export async function searchPage(page, base, query, type = '') {
  const params = new URLSearchParams({ q: query });
  if (type) params.set('type', type);
  await page.goto(`${base}soeg/index.html?${params}`);
  await page.waitForFunction(() => /resultat/.test(document.querySelector('#search-page-status')?.textContent || ''));
  return page.$$eval('#search-page-results > li', (items) => items.map((li) => ({
    kind: li.querySelector('.search-result__kind')?.textContent || '',
    title: li.querySelector('.search-result__title')?.textContent || '',
    heading: li.querySelector('.search-result__heading')?.textContent || '',
    snippet: li.querySelector('.search-result__snippet')?.textContent || '',
    marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
    href: li.querySelector('.search-result__title a')?.href || '',
  })));
}
