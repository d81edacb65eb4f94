// Measures the search at scale in headless Chromium: for each query, typed a key at a time into
// the header box of a fresh browser context (cold cache), the bytes the search downloads (its two
// scripts, js/search/engine.js and ui.js, and every index file read whole, gzip-compressed as a
// server would send them, and every byte range of a pack, as sent: uncompressed) and the time from the last keystroke (its input event) to the results shown.
//
//   node tests/browser/bench-search.mjs PUBLIC_DIR [query ...]
//
// KEY_DELAY=ms sets the time between keys (default 120, a fast typist); BENCH_FILES=1 lists
// each query's files on stderr. BENCH_PAGE=search types into the search page's box instead
// (soeg/), and adds what it has downloaded a second later, with the page of ten results
// that follows the typing.
//
// Not a test (no timing assertions in tests); BENCHMARKS.md records what it printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from './lib/browser.mjs';
import { serveSite } from './lib/server.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench-search.mjs PUBLIC_DIR [query ...]');
  process.exit(2);
}
const queries = process.argv.length > 3 ? process.argv.slice(3)
  : ['hård tone', 'samarbejde', 'arbejdsmiljørepræsentant', 'repræsentant', 'dilemaværksted', 'psykisk arbejdsmiljø', 'tryghed', 'aarshjul', 'trio', 'TR'];

const KEY_DELAY = Number(process.env.KEY_DELAY || 120);
const ON_SEARCH_PAGE = process.env.BENCH_PAGE === 'search';
const server = await serveSite(dir);
const browser = await launchBrowser();
const rangeBytes = (range) => {
  const [, from, to] = /bytes=(\d+)-(\d+)/.exec(range);
  return Number(to) - Number(from) + 1;
};
const gz = (path) => gzipSync(readFileSync(join(dir, path.replace(/^\/trio\//, '')))).length;
const rows = [];
for (const query of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.base}${ON_SEARCH_PAGE ? 'soeg/' : ''}index.html`);
  const start = server.transfers.length;
  await page.click(ON_SEARCH_PAGE ? '#search-page-input' : '#site-search-input');
  await page.evaluate(() => {
    globalThis.__lastKey = 0;
    globalThis.__shown = {};
    document.addEventListener('input', () => { globalThis.__lastKey = performance.now(); }, true);
    document.addEventListener('triobog-search-results', (e) => { globalThis.__shown[e.detail.query] = performance.now(); });
  });
  await page.keyboard.type(query, { delay: KEY_DELAY });
  await page.waitForFunction((q) => globalThis.__shown[q] !== undefined, query);
  const ms = await page.evaluate((q) => globalThis.__shown[q] - globalThis.__lastKey, query);
  // Each file read whole counts once, gzip-compressed as a server sends it; each range read
  // counts as its bytes (browsers ask for ranges uncompressed).
  const downloaded = () => {
    const seen = new Map([['/trio/js/search/engine.js', null], ['/trio/js/search/ui.js', null]]);
    for (const t of server.transfers.slice(start).filter((t) => t.path.endsWith('.js'))) {
      seen.set(t.range ? `${t.path} ${t.range}` : t.path, t.range);
    }
    return [...seen].map(([key, range]) => ({ path: key.split(' ')[0], range, bytes: range ? rangeBytes(range) : gz(key) }));
  };
  const unique = downloaded();
  const bytes = unique.reduce((sum, p) => sum + p.bytes, 0);
  let withPage = '';
  if (ON_SEARCH_PAGE) {
    await page.waitForTimeout(1000);
    withPage = ` | ${(downloaded().reduce((sum, p) => sum + p.bytes, 0) / 1024).toFixed(1)}`;
  }
  const results = await page.evaluate(() => globalThis.triobogSearch.lastTiming.results);
  const kindOf = (p) => (/\/d-\d+\.js$/.test(p) ? 'display' : /\/[ph]-\d+\.js$/.test(p) ? 'postings' : /\/v-\d+\.js$/.test(p) ? 'vocabulary' : /\/t-\d+\.js$/.test(p) ? 'typos' : 'script and manifest');
  const parts = {};
  for (const p of unique) parts[kindOf(p.path)] = (parts[kindOf(p.path)] || 0) + p.bytes;
  const split = Object.entries(parts).map(([k, b]) => `${k} ${(b / 1024).toFixed(0)}`).join(', ');
  if (process.env.BENCH_FILES) console.error(query, unique.map((p) => `${p.path.replace(/^.*\/search\//, '')}${p.range ? ` ${p.range}` : ''} ${(p.bytes / 1024).toFixed(1)}`).join(', '));
  rows.push({ query, files: unique.length, kb: (bytes / 1024).toFixed(1), ms: ms.toFixed(1), results, split, withPage });
  await context.close();
}
await browser.close();
await server.close();
console.log(`load average while measuring: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}; keys ${KEY_DELAY} ms apart, in the ${ON_SEARCH_PAGE ? "search page's box" : "header's box"}`);
console.log(`| query | files | KB gzip | of which (KB) | ms after last key | results |${ON_SEARCH_PAGE ? ' KB with the page of 10 |' : ''}`);
console.log(`|---|---:|---:|---|---:|---:|${ON_SEARCH_PAGE ? '---:|' : ''}`);
for (const r of rows) console.log(`| ${r.query} | ${r.files} | ${r.kb} | ${r.split} | ${r.ms} | ${r.results}${r.withPage} |`);
