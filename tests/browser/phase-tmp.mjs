import { serve, launch } from './search-helpers.mjs';
const dir = process.argv[2];
const server = await serve(dir);
const browser = await launch();
for (const query of process.argv.slice(3)) {
  for (let rep = 0; rep < 2; rep++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}index.html`);
  await page.click('#site-search-input');
  await page.evaluate(() => { globalThis.__shown = {}; document.addEventListener('input', () => { globalThis.__lastKey = performance.now(); }, true); document.addEventListener('triobog-search-results', (e) => { globalThis.__shown[e.detail.query] = performance.now(); }); });
  await page.keyboard.type(query.slice(0, -1), { delay: 120 });
  await page.waitForTimeout(400);
  await page.keyboard.type(query.slice(-1));
  await page.waitForFunction((q) => globalThis.__shown[q] !== undefined, query);
  const r = await page.evaluate((q) => ({ ms: globalThis.__shown[q] - globalThis.__lastKey, phases: globalThis.__phases }), query);
  console.log(query, r.ms.toFixed(1), JSON.stringify(r.phases).slice(0, 900));
  await context.close();
  }
}
await browser.close(); await server.close();
