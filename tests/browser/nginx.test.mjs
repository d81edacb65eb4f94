// The handbook through real nginx (Debian's package), configured with nothing but the snippet
// that `triobog hosting nginx --dir <site>` prints, under /trio/ and, from the same files, under
// a second path written for another base_url: the smoke part of the suite (hosting-helpers.mjs),
// and the 404 page working under both paths. Screenshots of it in target/screenshots/.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertNotFoundPageWorks, hostingSmokeTests } from './hosting-helpers.mjs';
import { useSite } from './lib/harness.mjs';
import { startNginx } from './lib/webserver.mjs';
import { REPO_ROOT } from './lib/site.mjs';

const OTHER_PATH = '/andet/sti/';
const site = useSite(REPO_ROOT, { serve: (dir) => startNginx(dir, { paths: ['/trio/', OTHER_PATH] }) });

hostingSmokeTests(site, 'nginx');

test('nginx: the same files under a second path work too, their 404 page included', async () => {
  const other = site.origin + OTHER_PATH;
  const page = await site.page();
  const response = await page.goto(other);
  assert.equal(response.status(), 200);
  await Promise.all([page.waitForURL(/vaerktoejer\/index\.html$/), page.click('.nav-wide a[href$="vaerktoejer/index.html"]')]);
  site.assertClean(page);
  await assertNotFoundPageWorks(site, site.base, 'findes/ikke/', 'hosting-nginx-404-trio');
  await assertNotFoundPageWorks(site, other, 'gammel/side/', 'hosting-nginx-404-andet-sti');
});

test('nginx: the folder without its slash moves to the folder', async () => {
  for (const [from, to] of [['/trio', '/trio/'], ['/trio/vaerktoejer', '/trio/vaerktoejer/']]) {
    const res = await fetch(site.origin + from, { redirect: 'manual' });
    assert.equal(res.status, 301, from);
    assert.equal(new URL(res.headers.get('location'), site.origin).pathname, to, from);
  }
});
