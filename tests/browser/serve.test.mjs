// `triobog serve` as an editor meets it, in a real browser tab: started in the site's folder the
// way the README shows it (no --root), a save reloads the open tab, a broken save shows the
// error over the last good page, naming the file and line, and the fix clears it.

import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { guardedPage, launchBrowser, newContext } from './lib/browser.mjs';
import { SCREENSHOT_DIR, fixtureSite, triobogBinary } from './lib/site.mjs';
import { freePort } from './lib/webserver.mjs';

const PAGE = 'content/del-1/a-side.md';

let site;
let serve;
let origin;
let output = '';
let browser;

before(async () => {
  site = fixtureSite('minimal');
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  serve = spawn(triobogBinary(), ['serve', '--port', String(port)], { cwd: site, stdio: ['ignore', 'pipe', 'pipe'] });
  serve.stdout.on('data', (d) => { output += d; });
  serve.stderr.on('data', (d) => { output += d; });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${origin}/`)).ok) break;
    } catch { /* not listening yet */ }
    assert.ok(Date.now() < deadline, `serve did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  serve?.kill();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** Writes `text` to the page's file, as an editor's save does. */
function save(text) {
  writeFileSync(path.join(site, PAGE), text);
}

test('a save reloads the open tab, a broken save shows the error over the page, the fix clears it', async () => {
  const context = await newContext(browser, origin);
  const page = await guardedPage(context, { url: `${origin}/del-1/a-side/` });
  await page.goto(`${origin}/del-1/a-side/`, { waitUntil: 'load' });
  assert.equal(await page.locator('h1').textContent(), 'Alfa');

  save('+++\ntitle = "Alfa ændret"\nweight = 20\n+++\n\nNy tekst.\n');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Alfa ændret', null, { timeout: 30_000 });

  save('+++\ntitle = "Alfa"\nweigth = 20\n+++\n');
  const overlay = page.locator('#triobog-error');
  await overlay.waitFor({ timeout: 30_000 });
  const error = await overlay.textContent();
  assert.match(error, /content\/del-1\/a-side\.md:3:1: fejl: ukendt nøgle `weigth`/, error);
  assert.equal(await page.locator('h1').first().textContent(), 'Alfa ændret', 'the last good page is under the error');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'serve-fejl.png') });

  save('+++\ntitle = "Alfa igen"\n+++\n');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Alfa igen', null, { timeout: 30_000 });
  assert.equal(await overlay.count(), 0, 'the fix clears the error');
  assert.deepEqual(page.problems, [], `the page had problems:\n${page.problems.join('\n')}\nserve said:\n${output}`);
  await context.close();
});
