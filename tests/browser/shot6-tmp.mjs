import { serve, launch } from './search-helpers.mjs';
const server = await serve('/tmp/hb4');
const browser = await launch();
for (const w of [1280, 1024, 1440]) {
  const page = await (await browser.newContext({ viewport: { width: w, height: 400 } })).newPage();
  await page.goto(`${server.url}vaerktoejer/index.html`);
  await page.screenshot({ path: `/tmp/nav-${w}.png` });
}
await browser.close(); await server.close();
