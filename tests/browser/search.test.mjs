// The search, in real headless Chromium, over the real handbook served under /trio/ with a
// strict Content-Security-Policy, and opened from disk (file://).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { axeResults } from './lib/browser.mjs';
import { SUBPATH, useSite } from './lib/harness.mjs';
import { fixtureSite } from './lib/site.mjs';
import { serveSite } from './lib/server.mjs';
import { searchPage } from './search-helpers.mjs';

const site = useSite();
/** The search index's folder on the test server (its scripts are in js/search/). */
const INDEX = `${SUBPATH}search/`;

/** Real queries a TRIO member types, each with the page that must be among the top three. */
const RELEVANCE = [
  ['hård tone', 'udsagnskort/haard-tone/'],
  ['haard tone', 'udsagnskort/haard-tone/'],
  ['aarshjul', 'sygefravaer-og-aarshjul/aarshjul/'],
  ['årshjulet', 'sygefravaer-og-aarshjul/aarshjul/'],
  ['repræsentant', 'om-trio/roller/'],
  ['dilemaværksted', 'vaerktoejer/dilemmavaerksted/'],
  // One typo in the first three letters: swapped, left out, added, changed.
  ['prespektivsamtale', 'vaerktoejer/perspektivsamtaler/'],
  ['frmetidsværksted', 'vaerktoejer/fremtidsvaerksted/'],
  ['ygcenter', 'cases/rygcenter-fremtidsvaerksteder/'],
  ['ovresætter', 'trio-og-laering/trio-som-oversaetter/'],
  ['hstorieværksted', 'vaerktoejer/historievaerksted/'],
  ['idalyse', 'cases/dialyseafsnit-faelles-ansvar/'],
  ['tryghed', 'cases/hjerteafsnit-faglig-tryghed/'],
  ['psykologisk tryghed', 'cases/hjerteafsnit-faglig-tryghed/'],
  ['fortælling', 'laerende-arbejdsmiljoearbejde/fra-problem-til-arbejdsmiljoefortaelling/'],
  ['sygefravær', 'sygefravaer-og-aarshjul/trio-og-sygefravaer/'],
  ['vold', 'udsagnskort/arbejdsrelateret-vold/'],
  ['trusler', 'udsagnskort/arbejdsrelateret-vold/'],
  ['nye medarbejdere', 'udsagnskort/introduktion-af-nye-medarbejdere/'],
  ['foelelsesmaessige krav', 'udsagnskort/foelelsesmaessige-krav/'],
  ['check-in', 'vaerktoejer/arbejdsmiljoe-check-in/'],
  ['perspektivsamtale', 'vaerktoejer/perspektivsamtaler/'],
  ['forandringsdialog', 'vaerktoejer/trio-forandringsdialog/'],
  ['fremtidsværksted', 'vaerktoejer/fremtidsvaerksted/'],
  ['historieværksted', 'vaerktoejer/historievaerksted/'],
  ['dialyse', 'cases/dialyseafsnit-faelles-ansvar/'],
  ['bosted', 'cases/botilbud-historievaerksted/'],
  ['akutafdeling', 'cases/akutmodtagelse/'],
  ['rygcenter', 'cases/rygcenter-fremtidsvaerksteder/'],
  ['økonomi faglig identitet', 'cases/oekonomicenter-faglig-identitet/'],
  ['lokal retningslinje', 'om-trio/lokal-retningslinje/'],
  ['fem gode råd', 'om-trio/fem-gode-raad/'],
  ['hvad er en TRIO', 'om-trio/hvad-er-en-trio/'],
  ['formelt uformelt samarbejde', 'om-trio/formelt-og-uformelt-samarbejde/'],
  ['komplekse problemer', 'laerende-arbejdsmiljoearbejde/komplekse-problemer/'],
  ['afprøvende handlinger', 'spoergsmaal/afproevende-handlinger/'],
  ['oversætter', 'trio-og-laering/trio-som-oversaetter/'],
  ['handlerum', 'trio-og-laering/udforskning-af-handlerummet/'],
  ['eksperimenterende', 'trio-og-laering/den-eksperimenterende-tilgang/'],
  ['kapacitet', 'trio-og-laering/styrket-arbejdsmiljoekapacitet/'],
  ['åbningsspørgsmål', 'spoergsmaal/aabningsspoergsmaal/'],
  ['før dialogen', 'spoergsmaal/foer-dialogen/'],
  ['efter dialogen', 'spoergsmaal/efter-dialogen/'],
  ['TR', 'om-trio/roller/'],
  ['AMiR', 'om-trio/roller/'],
  ['arbejdspladsvurdering', 'om-trio/roller/'],
  ['MED-udvalg', 'om-trio/lokal-retningslinje/'],
  ['sarkastisk humor', 'udsagnskort/haard-tone/'],
  ['ny case', 'redaktoerer/ny-case/'],
];

test(`${RELEVANCE.length} real Danish queries each find their page in the top three`, async () => {
  const page = await site.page();
  const misses = [];
  for (const [query, expected] of RELEVANCE) {
    const rows = await searchPage(page, site.base, query);
    const top = rows.slice(0, 3).map((r) => r.href.replace(site.base, ''));
    if (!top.some((href) => href.startsWith(expected + 'index.html'))) misses.push(`${query} → ${expected}, got ${top.join(', ')}`);
  }
  assert.deepEqual(misses, []);
  site.assertClean(page);
  await page.close();
});

test('ranking: a title above a heading above the body; as typed above its stem, its completions and its near misses', async () => {
  // Each page comes before those it must rank below, so that a tie would show as a failure.
  const page = (title, weight, body) => `+++\ntitle = "${title}"\nweight = ${weight}\n+++\n\n${body}\n`;
  const filler = 'Her står lidt om noget helt andet, så siden har en tekst.';
  const root = fixtureSite('minimal', {
    'content/del-1/i-titlen.md': page('Kaffeautomat', 33, filler),
    'content/del-1/i-overskriften.md': page('Tredje side', 32, `${filler}\n\n## Kaffeautomat\n\n${filler}`),
    'content/del-1/i-teksten.md': page('Anden side', 31, `${filler} Ved vores kaffeautomat mødes vi.`),
    'content/del-1/som-skrevet.md': page('Fjerde side', 43, `${filler} Vi har fået ny kaffemaskinen.`),
    'content/del-1/stammen.md': page('Femte side', 42, `${filler} Vi har to kaffemaskiner.`),
    'content/del-1/fortsat.md': page('Sjette side', 41, `${filler} Se kaffemaskinenservice for hjælp.`),
  });
  const own = await site.serveOther(root);
  const tab = await own.page();
  const order = async (query) => (await searchPage(tab, own.base, query)).map((r) => r.href.replace(own.base, '').replace(/\/index\.html.*$/, ''));
  try {
    assert.deepEqual((await order('kaffeautomat')).slice(0, 3), ['del-1/i-titlen', 'del-1/i-overskriften', 'del-1/i-teksten']);
    // As typed, then a form of its stem, then a completion of it.
    assert.deepEqual(await order('kaffemaskinen'), ['del-1/som-skrevet', 'del-1/stammen', 'del-1/fortsat']);
    // Mistyped: the words one typo away as a whole above the one a typo away at its start.
    const misses = await order('kaffemaskinem');
    assert.deepEqual(misses.slice(-1), ['del-1/fortsat'], misses.join(', '));
    assert.deepEqual(misses.slice(0, 2).sort(), ['del-1/som-skrevet', 'del-1/stammen']);
    own.assertClean(tab);
  } finally {
    await tab.close();
    await own.close();
  }
});

test('inflections meet: samarbejdet, samarbejder and samarbejde find the same pages', async () => {
  const page = await site.page();
  await searchPage(page, site.base, 'samarbejde');
  const found = [];
  for (const query of ['samarbejdet', 'samarbejder', 'samarbejde']) {
    const docs = await page.evaluate((q) => globalThis.triobogSearch.search(q).then((r) => r.ranked.map((d) => d.doc).sort()), query);
    found.push(docs);
  }
  assert.ok(found[0].length > 20);
  assert.deepEqual(found[1], found[0]);
  assert.deepEqual(found[2], found[0]);
  await page.close();
});

test('a compound part finds the compounds: repræsentant highlights both kinds of representative', async () => {
  const page = await site.page();
  const rows = await searchPage(page, site.base, 'repræsentant');
  const marks = rows.flatMap((r) => r.marks.map((m) => m.toLowerCase()));
  assert.ok(marks.some((m) => m.startsWith('tillidsrepræsentant')), marks.join(','));
  assert.ok(marks.some((m) => m.startsWith('arbejdsmiljørepræsentant')), marks.join(','));
  await page.close();
});

test('a result shows kind, title, heading and a highlighted snippet, and deep-links to its card', async () => {
  const page = await site.page();
  const rows = await searchPage(page, site.base, 'sarkastisk humor');
  const card = rows[0];
  assert.equal(card.kind, 'udsagnskort');
  assert.equal(card.title, 'Hård tone');
  assert.ok(card.heading, 'a card result names what it is under');
  assert.deepEqual(card.marks.map((m) => m.toLowerCase()), ['sarkastiske', 'humor']);
  const anchor = new URL(card.href).hash.slice(1);
  assert.ok(anchor, 'links to the card, not just the page');
  await page.goto(card.href);
  const target = await page.$eval(`[id="${anchor}"]`, (el) => ({ cls: el.className, text: el.textContent }));
  assert.match(target.cls, /card/);
  assert.match(target.text, /sarkastiske humor/);
  site.assertClean(page);
  await page.close();
});

test('a question result links to the question itself', async () => {
  const page = await site.page();
  const rows = await searchPage(page, site.base, 'faggruppe', 'q');
  assert.ok(rows.length > 0);
  for (const row of rows) assert.equal(row.kind, 'spørgsmål');
  const anchor = new URL(rows[0].href).hash.slice(1);
  await page.goto(rows[0].href);
  const tag = await page.$eval(`[id="${anchor}"]`, (el) => el.tagName);
  assert.equal(tag, 'LI');
  await page.close();
});

test('the search page reads ?q= and filters by kind; the count is in a status region', async () => {
  const page = await site.page();
  const all = await searchPage(page, site.base, 'dilemma');
  const status = await page.$eval('#search-page-status', (el) => [el.getAttribute('role'), el.textContent]);
  assert.equal(status[0], 'status');
  assert.match(status[1], /^\d+ resultater for »dilemma«/);
  assert.equal(await page.inputValue('#search-page-input'), 'dilemma');
  await page.check('#search-filter-t');
  await page.waitForFunction(() => /valgte filter/.test(document.querySelector('#search-page-status').textContent));
  const tools = await page.$$eval('#search-page-results .search-result__kind', (els) => els.map((e) => e.textContent));
  const count = (text) => Number(text.match(/^(\d+) resultater/)[1]);
  const filtered = count(await page.textContent('#search-page-status'));
  assert.ok(filtered > 0 && filtered < count(status[1]), `${filtered} of ${count(status[1])}`);
  assert.ok(tools.length > 0 && tools.length <= all.length);
  assert.ok(tools.every((k) => k === 'værktøj'), tools.join(','));
  assert.match(page.url(), /type=t/);
  await page.close();
});

test('an empty result says so and suggests something useful', async () => {
  const page = await site.page();
  const rows = await searchPage(page, site.base, 'samrbjede');
  assert.equal(rows.length, 0);
  assert.match(await page.textContent('#search-page-status'), /Ingen resultater/);
  assert.equal(await page.isVisible('#search-page-empty'), true);
  const suggestions = await page.$$eval('#search-page-suggestions a', (as) => as.map((a) => a.textContent));
  assert.ok(suggestions.includes('samarbejde'), suggestions.join(','));
  const links = await page.$$eval('#search-page-empty a', (as) => as.length);
  assert.ok(links > 3);
  await page.close();
});

test('the header combobox: / focuses it, results show as you type, arrows and Enter choose, Escape closes', async () => {
  const page = await site.page();
  await page.goto(`${site.base}vaerktoejer/dilemmavaerksted/index.html`);
  const before = site.requests.length;
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'site-search-input');
  assert.equal(site.requests.slice(before).filter((r) => r.startsWith(INDEX)).length, 0, 'nothing of the index loads before searching');
  await page.keyboard.type('hård t');
  await page.waitForSelector('[role="listbox"] a[role="option"]');
  const input = page.locator('#site-search-input');
  assert.equal(await input.getAttribute('role'), 'combobox');
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  const listboxId = await input.getAttribute('aria-controls');
  assert.equal(await page.getAttribute(`#${listboxId}`, 'role'), 'listbox');
  await page.keyboard.type('one');
  // The answer to the whole query, not one to a key before it that also puts Hård tone first:
  // a later answer with other results below would drop the option the arrows chose.
  await page.waitForFunction(() => window.triobogSearch.lastTiming?.query === 'hård tone');
  await page.waitForFunction(() => document.querySelector('[role="listbox"] .search-result__title')?.textContent === 'Hård tone');
  await page.keyboard.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  assert.equal(await page.getAttribute(`#${active}`, 'aria-selected'), 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  assert.equal(await input.getAttribute('aria-activedescendant'), active);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'site-search-input', 'focus stays in the box');
  await page.keyboard.press('Escape');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.isVisible('[role="listbox"]'), false);
  await page.keyboard.press('ArrowDown');
  const href = await page.getAttribute(`#${await input.getAttribute('aria-activedescendant')}`, 'href');
  await Promise.all([page.waitForURL(href), page.keyboard.press('Enter')]);
  assert.match(page.url(), /udsagnskort\/haard-tone\/index\.html$/);
  site.assertClean(page);
  await page.close();
});

test('the header box shows eight results for words of the handbook, four guesses for a mistyped one', async () => {
  const page = await site.page();
  await page.goto(`${site.base}index.html`);
  const options = async (query) => {
    await page.fill('#site-search-input', query);
    await page.waitForFunction((q) => window.triobogSearch.lastTiming?.query === q, query);
    return page.$$eval('[role="listbox"] a[role="option"]:not(.search-result--all)', (links) => links.map((a) => a.querySelector('.search-result__title').textContent));
  };
  assert.equal((await options('samarbejde')).length, 8);
  // "ygcenter" has a typo in its first letters: the guesses are near misses, rygcenter first.
  const guesses = await options('ygcenter');
  assert.equal(guesses.length, 4, guesses.join(' | '));
  assert.match(guesses[0], /Rygcenter/);
  site.assertClean(page);
  await page.close();
});

test('the header box answers two letters only when they are an abbreviation (TR), else from the third', async () => {
  const page = await site.page();
  await page.goto(`${site.base}index.html`);
  const before = site.requests.length;
  // "fx" is in 52 documents of the handbook, but two letters are not yet a word to look for.
  await page.fill('#site-search-input', 'fx');
  await page.waitForFunction(() => window.triobogSearch.core.registry.manifest);
  await page.waitForTimeout(400);
  assert.equal(await page.isVisible('[role="listbox"]'), false);
  assert.equal(await page.getAttribute('#site-search-input', 'aria-expanded'), 'false');
  assert.deepEqual(site.requests.slice(before).filter((r) => r.startsWith(`${INDEX}d-`)), [], 'no result data for two letters');
  for (const query of ['TR', 'tr', 'fx ']) {
    await page.fill('#site-search-input', query);
    await page.waitForFunction((q) => window.triobogSearch.lastTiming?.query === q, query);
    assert.equal(await page.isVisible('[role="listbox"]'), true, query);
  }
  assert.match(await page.textContent('[role="listbox"] .search-result--all'), /Se alle \d+ resultater/);
  site.assertClean(page);
  await page.close();
});

test('the search page answers as you type: eight results while typing, its page of ten once it stops; two letters on Enter', async () => {
  const page = await site.page();
  await page.goto(`${site.base}soeg/index.html`);
  // What the page shows at each answer: query, results listed, whether "Vis flere" is hidden.
  await page.evaluate(() => {
    window.answers = [];
    document.addEventListener('triobog-search-results', (e) => {
      window.answers.push([e.detail.query, document.querySelectorAll('#search-page-results > li').length, document.querySelector('#search-page-more').hidden]);
    });
  });
  await page.click('#search-page-input');
  await page.keyboard.type('fx');
  await page.waitForFunction(() => /Skriv et bogstav mere.*»fx«/.test(document.querySelector('#search-page-status').textContent));
  assert.equal(await page.$$eval('#search-page-results > li', (l) => l.length), 0);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.answers.some((a) => a[0] === 'fx'));
  assert.ok(await page.$$eval('#search-page-results > li', (l) => l.length) > 0, 'Enter searches for two letters');

  await page.fill('#search-page-input', 'samarbejde');
  await page.waitForFunction(() => window.answers.filter((a) => a[0] === 'samarbejde').length === 2);
  const answers = await page.evaluate(() => window.answers.filter((a) => a[0] === 'samarbejde'));
  assert.deepEqual(answers, [['samarbejde', 8, true], ['samarbejde', 10, false]]);
  site.assertClean(page);
  await page.close();
});

test('an answer that arrives after Escape does not open the closed list again', async () => {
  const page = await site.page();
  // The index scripts are held back so the answer surely comes after Escape.
  await page.route(`**${INDEX}**`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  });
  await page.goto(`${site.base}index.html`);
  await page.fill('#site-search-input', 'tryghed');
  await page.keyboard.press('Escape');
  const input = page.locator('#site-search-input');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  // The same query through the page's API settles once the combobox's answer has come in.
  await page.evaluate(() => window.triobogSearch.search('tryghed'));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.isVisible('[role="listbox"]'), false);
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('[role="listbox"] a[role="option"]');
  assert.equal(await input.getAttribute('aria-expanded'), 'true', 'the arrow key opens it again');
  site.assertClean(page);
  await page.close();
});

test('index files are asked for with the build they belong to, the manifest afresh', async () => {
  const page = await site.page();
  const asked = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith(INDEX)) asked.push({ file: url.pathname.slice(INDEX.length), query: url.search, range: request.headers().range });
  });
  const results = await searchPage(page, site.base, 'tryghed');
  assert.ok(results.length > 0);
  const build = await page.evaluate(() => window.triobogSearch.core.registry.manifest.build);
  assert.match(build, /^[0-9a-f]{16}$/);
  const manifest = asked.filter((a) => a.file === 'manifest.js');
  assert.equal(manifest.length, 1);
  assert.match(manifest[0].query, /^\?t=\d+$/, 'a cached manifest of an earlier build is never used');
  const parts = asked.filter((a) => a.file !== 'manifest.js');
  assert.ok(parts.some((a) => /^v-/.test(a.file)) && parts.some((a) => /^[ph]-/.test(a.file)) && parts.some((a) => /^d-/.test(a.file)), JSON.stringify(asked));
  // A range has its own address too (`&r=` its first byte), so that a cache keeps ranges apart.
  for (const part of parts) assert.match(part.query, new RegExp(`^\\?v=${build}(&r=\\d+)?$`), part.file);
  // The packed parts are read by byte range only: a list's chunk, a result's record.
  const packed = parts.filter((a) => /^[phd]-/.test(a.file));
  assert.ok(packed.length > 0 && packed.every((a) => /^bytes=\d+-\d+$/.test(a.range ?? '')), JSON.stringify(packed));
  site.assertClean(page);
  await page.close();
});

test('a server that answers ranges with the whole file still gets the same results, each pack read once', async () => {
  const whole = await site.serveAlso((dir, options) => serveSite(dir, { ...options, ranges: false }));
  try {
    const queries = ['tryghed', 'hård tone', 'dilemaværksted'];
    const titles = async (served) => {
      const page = await served.page();
      const out = [];
      for (const query of queries) out.push(await searchPage(page, served.base, query));
      served.assertClean(page);
      await page.close();
      return out.map((results) => results.map((r) => [r.title, r.heading, r.snippet]));
    };
    const start = whole.requests.length;
    assert.deepEqual(await titles(whole), await titles(site));
    const packs = whole.requests.slice(start).filter((r) => /\/search\/[phd]-\d+\.js$/.test(r));
    assert.ok(packs.length > 0);
    // Each query opens the search page afresh, so a pack may be read once per query, not more.
    const counts = {};
    for (const p of packs) counts[p] = (counts[p] ?? 0) + 1;
    for (const [p, n] of Object.entries(counts)) assert.ok(n <= queries.length, `${p} read ${n} times`);
  } finally {
    await whole.close();
  }
});

test('the combobox announces the count and offers the search page; Enter without a choice opens it', async () => {
  const page = await site.page();
  await page.goto(`${site.base}index.html`);
  await page.fill('#site-search-input', 'APV');
  await page.waitForFunction(() => /\d+ resultat/.test(document.querySelector('#site-search-status').textContent));
  const all = await page.getAttribute('[role="listbox"] .search-result--all', 'href');
  assert.match(all, /soeg\/index\.html\?q=APV$/);
  await Promise.all([page.waitForURL(/soeg\/index\.html\?q=APV/), page.press('#site-search-input', 'Enter')]);
  await page.waitForFunction(() => /resultat/.test(document.querySelector('#search-page-status').textContent));
  assert.ok(await page.$$eval('#search-page-results > li', (l) => l.length) > 0);
  await page.close();
});

test('no violations for axe-core with the combobox open and on the search page', async () => {
  const page = await site.page();
  const check = async () => {
    const result = await axeResults(page);
    assert.ok(result.passes.length > 10, 'axe ran its checks');
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  };
  await page.goto(`${site.base}om-trio/index.html`);
  await page.fill('#site-search-input', 'tryghed');
  await page.waitForSelector('[role="listbox"] a[role="option"]');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await check(), []);
  await searchPage(page, site.base, 'tryghed');
  assert.deepEqual(await check(), []);
  await page.close();
});

test('search works from disk (file://), with no request to any other host', async () => {
  const page = await site.page();
  await page.goto(pathToFileURL(join(site.dir, 'index.html')).href);
  await page.fill('#site-search-input', 'aarshjul');
  await page.waitForSelector('[role="listbox"] a[role="option"]');
  const first = await page.$eval('[role="listbox"] a[role="option"]', (a) => ({ href: a.href, text: a.textContent }));
  assert.match(first.href, /^file:\/\/.*sygefravaer-og-aarshjul\//);
  assert.match(first.text, /årshjul/i);
  await page.click('[role="listbox"] a[role="option"]');
  await page.waitForURL(/sygefravaer-og-aarshjul/);
  await page.goto(pathToFileURL(join(site.dir, 'soeg', 'index.html')).href + '?q=h%C3%A5rd+tone');
  await page.waitForFunction(() => /resultat/.test(document.querySelector('#search-page-status').textContent));
  assert.match(await page.textContent('#search-page-results'), /Hård tone/);
  assert.deepEqual([...page.hosts], ['file:']);
  site.assertClean(page);
  await page.close();
});

test('under the strict CSP on a subpath nothing is blocked and only this host is asked', async () => {
  const page = await site.page();
  await page.goto(`${site.base}index.html`);
  const violations = await page.evaluate(() => {
    globalThis.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => globalThis.__violations.push(e.violatedDirective));
    return globalThis.__violations;
  });
  assert.deepEqual(violations, []);
  await page.fill('#site-search-input', 'repræsentant');
  await page.waitForSelector('[role="listbox"] a[role="option"]');
  assert.deepEqual(await page.evaluate(() => globalThis.__violations), []);
  assert.deepEqual([...page.hosts], [new URL(site.base).host]);
  assert.ok(site.requests.every((r) => r.startsWith('/trio/')), 'every request stays under the subpath');
  site.assertClean(page);
  await page.close();
});
