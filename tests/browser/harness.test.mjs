// The suite can fail: a fixture site with deliberate faults (tests/browser/fixtures/broken-site)
// shows that axe, the request guard and the console guard each catch what they should. And
// the test server behaves like an intranet's configured by `triobog hosting`: subpath, MIME types,
// a missing address sent on to 404.html, folder redirects.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { axeViolations, problemsOf } from './lib/browser.mjs';
import { useSite } from './lib/harness.mjs';
import { REPO_ROOT } from './lib/site.mjs';

const site = useSite(path.join(REPO_ROOT, 'tests/browser/fixtures/broken-site'));

test('axe reports an image without alt text', async () => {
  const page = await site.open('billede-uden-alt/');
  const violations = await axeViolations(page);
  assert.deepEqual(violations.map((v) => v.id), ['image-alt']);
  assert.match(violations[0].nodes[0], /^img/);
});

test('a request to another host is refused by the Content-Security-Policy and reported', async () => {
  const page = await site.open('fremmed-vaert/');
  assert.ok(problemsOf(page).some((p) => p.startsWith('console error:') && p.includes('cdn.example.com')), problemsOf(page).join('\n'));
});

test('a request to another host that gets past the policy is blocked and reported', async () => {
  const page = await site.open('fremmed-vaert/', { bypassCSP: true });
  assert.deepEqual(page.context().foreignRequests, ['https://cdn.example.com/logo.png']);
  assert.ok(problemsOf(page).includes('request to another host: https://cdn.example.com/logo.png'), problemsOf(page).join('\n'));
});

test('an inline style attribute breaks the Content-Security-Policy and is reported', async () => {
  const page = await site.open('inline-stil/');
  assert.ok(problemsOf(page).some((p) => p.startsWith('console error:') && p.includes('Content Security Policy')), problemsOf(page).join('\n'));
});

test('a page without faults passes every guard', async () => {
  const page = await site.open('');
  assert.deepEqual(await axeViolations(page), []);
  site.assertClean(page);
});

test('the server answers like an intranet web server under /trio/', async () => {
  const get = (p) => fetch(new URL(p, site.origin), { redirect: 'manual' });
  const css = await get('/trio/css/site.css');
  assert.equal(css.status, 200);
  assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
  assert.match(css.headers.get('content-security-policy'), /script-src 'self'/);
  const svg = await get('/trio/icons/favicon.svg');
  assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
  const folder = await get('/trio/inline-stil');
  assert.equal(folder.status, 301);
  assert.equal(folder.headers.get('location'), '/trio/inline-stil/');
  for (const missing of ['/trio/findes-ikke/', '/trio/a/b/c.html']) {
    const res = await get(missing);
    assert.equal(res.status, 302, missing);
    assert.equal(res.headers.get('location'), '/trio/404.html', missing);
  }
  const notFound = await get('/trio/404.html');
  assert.equal(notFound.status, 404);
  assert.match(await notFound.text(), /<h1>Siden findes ikke<\/h1>/);
  for (const outside of ['/css/site.css', '/trio/../site.toml', '/trio/%2e%2e/site.toml']) {
    const res = await get(outside);
    assert.equal(res.status, 404, outside);
    assert.doesNotMatch(await res.text(), /title =/, outside);
  }
});
