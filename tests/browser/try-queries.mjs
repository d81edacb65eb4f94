// Types queries into the header's search box and the search page of a built site, as a reader
// would, and prints what each shows: the header list's first five, the search page's first five
// with their headings and snippets. For reading results by eye, not a test.
//
//   node tests/browser/try-queries.mjs PUBLIC_DIR "query" ["query" ...]
//
// SCREENSHOTS=1 also writes each search page to target/screenshots/try-<n>.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { serveSite } from './lib/server.mjs';
import { SCREENSHOT_DIR } from './lib/site.mjs';
import { searchPage } from './search-helpers.mjs';

const [dir, ...queries] = process.argv.slice(2);
if (!dir || !queries.length) {
  console.error('usage: node try-queries.mjs PUBLIC_DIR "query" ["query" ...]');
  process.exit(2);
}
const server = await serveSite(dir);
const browser = await launchBrowser();
for (const [n, query] of queries.entries()) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.base}index.html`);
  await page.click('#site-search-input');
  await page.keyboard.type(query, { delay: 60 });
  await page.waitForFunction(() => /resultat|Ingen/.test(document.querySelector('#site-search-status')?.textContent || ''));
  await page.waitForTimeout(300);
  const box = await page.$$eval('[role="listbox"] a[role="option"]', (as) => as.map((a) => a.textContent.replace(/\s+/g, ' ').trim()));
  console.log(`\n## ${query}\nheader box: ${await page.textContent('#site-search-status')}`);
  box.slice(0, 5).forEach((t, i) => console.log(`  ${i + 1}. ${t.slice(0, 110)}`));
  const results = await searchPage(page, server.base, query);
  console.log(`search page: ${results.length} shown`);
  results.slice(0, 5).forEach((r, i) => console.log(`  ${i + 1}. [${r.kind}] ${r.title}${r.heading ? ' › ' + r.heading : ''} — ${r.snippet.slice(0, 90)}`));
  if (process.env.SCREENSHOTS) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `try-${n + 1}.png`) });
  }
  await context.close();
}
await browser.close();
await server.close();
