// What only the search tests need: the search page opened for a query, read back as result rows.
// Building, serving and the browser are the harness's (lib/).

/** Opens the search page for `query` and waits for its results. Returns the result rows. */
export async function searchPage(page, base, query, type = '') {
  const params = new URLSearchParams({ q: query });
  if (type) params.set('type', type);
  await page.goto(`${base}soeg/index.html?${params}`);
  await page.waitForFunction(() => /resultat/.test(document.querySelector('#search-page-status')?.textContent || ''));
  return page.$$eval('#search-page-results > li', (items) => items.map((li) => ({
    kind: li.querySelector('.search-result__kind')?.textContent || '',
    title: li.querySelector('.search-result__title')?.textContent || '',
    heading: li.querySelector('.search-result__heading')?.textContent || '',
    snippet: li.querySelector('.search-result__snippet')?.textContent || '',
    marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
    href: li.querySelector('.search-result__title a')?.href || '',
  })));
}
