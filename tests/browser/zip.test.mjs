// Carried on a stick: the handbook built with `triobog build --zip`, unpacked into a temporary
// folder by another zip reader (Python's zipfile) and opened from disk (file://) in Chromium:
// the note at its top, links followed, a search run, the 404 page working. A screenshot of the
// 404 page from disk in target/screenshots/.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { useSite } from './lib/harness.mjs';
import { REPO_ROOT, triobogBinary } from './lib/site.mjs';

const site = useSite();
let work = null;
let unpacked = null;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'triobog-zip-'));
  const zip = path.join(work, 'trio-haandbogen.zip');
  execFileSync(triobogBinary(), ['--root', REPO_ROOT, 'build', '--output', path.join(work, 'public'), '--zip', zip], { stdio: 'ignore' });
  unpacked = path.join(work, 'udpakket på stikket');
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, unpacked]);
});

after(() => rmSync(work, { recursive: true, force: true }));

const fileUrl = (rel) => pathToFileURL(path.join(unpacked, rel)).href;

test('the zip has index.html and a two-line note on how to open it at its top, and nothing of triobog\'s own', () => {
  const top = readdirSync(unpacked);
  assert.ok(top.includes('index.html'), top.join(', '));
  assert.ok(top.includes('404.html'));
  assert.ok(!existsSync(path.join(unpacked, '.triobog-output')));
  const note = readFileSync(path.join(unpacked, 'LÆS MIG.txt'), 'utf8').replace(/^\uFEFF/, '');
  assert.equal(note.trim().split(/\r?\n/).length, 2, note);
  assert.match(note, /index\.html/);
});

test('unpacked and opened from disk: links are followed to a tool page and back home', async () => {
  const page = await site.page();
  await page.goto(fileUrl('index.html'));
  await Promise.all([page.waitForURL(/vaerktoejer\/index\.html$/), page.click('.nav-wide a[href$="vaerktoejer/index.html"]')]);
  await Promise.all([page.waitForURL(/dilemmavaerksted\/index\.html$/), page.click('main a[href$="dilemmavaerksted/index.html"]')]);
  assert.match(await page.textContent('h1'), /Dilemmaværksted/i);
  await Promise.all([page.waitForURL(/index\.html$/), page.click('.site-title')]);
  assert.equal(page.url(), fileUrl('index.html'));
  site.assertClean(page);
});

test('unpacked and opened from disk: the search answers in the header box and on its page', async () => {
  const page = await site.page();
  await page.goto(fileUrl('udsagnskort/index.html'));
  await page.keyboard.press('/');
  await page.keyboard.type('hård tone');
  await page.waitForFunction(() => [...document.querySelectorAll('[role="listbox"] .search-result__title')].some((t) => t.textContent === 'Hård tone'));
  await Promise.all([page.waitForURL(/soeg\/index\.html\?q=/), page.keyboard.press('Enter')]);
  await page.waitForFunction(() => /resultat/.test(document.querySelector('#search-page-status')?.textContent || ''));
  assert.ok(await page.locator('#search-page-results > li').count() > 0);
  site.assertClean(page);
});

test('unpacked and opened from disk: the 404 page is styled and leads home', async () => {
  const page = await site.page();
  await page.goto(fileUrl('404.html'));
  assert.equal(await page.textContent('h1'), 'Siden findes ikke');
  const header = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
  assert.notEqual(header, 'rgba(0, 0, 0, 0)', 'the stylesheet is applied');
  await site.screenshot(page, 'hosting-zip-404');
  await Promise.all([page.waitForURL(fileUrl('index.html')), page.click('main a:has-text("Gå til forsiden")')]);
  site.assertClean(page);
});
