// Every page respects prefers-reduced-motion: with it set, nothing animates, transitions or
// scrolls smoothly.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite } from './lib/harness.mjs';
import { PAGES } from './pages.mjs';

const site = useSite();

/** Elements (and pseudo-elements) that still move, with what moves them. */
function movingInPage() {
  const seconds = (list) => Math.max(...list.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 0.001 : 1)));
  const moving = [];
  for (const el of [document.documentElement, ...document.body.querySelectorAll('*')]) {
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      const animated = style.animationName !== 'none' && seconds(style.animationDuration) > 0.01;
      const transitioned = seconds(style.transitionDuration) > 0.01;
      if (animated || transitioned || style.scrollBehavior === 'smooth') {
        moving.push(`${el.localName}${pseudo ?? ''}.${el.className}: animation ${style.animationName} ${style.animationDuration}, transition ${style.transitionDuration}, scroll ${style.scrollBehavior}`);
      }
    }
  }
  return moving.slice(0, 10);
}

for (const { kind, path, status } of PAGES) {
  test(`${kind} (/${path}): nothing moves with prefers-reduced-motion`, async () => {
    const page = await site.open(path, { status, reducedMotion: 'reduce' });
    assert.deepEqual(await page.evaluate(movingInPage), []);
    site.assertClean(page);
  });
}
