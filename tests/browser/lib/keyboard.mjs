// What a keyboard user meets: where focus is, whether it shows, and every element that Tab
// should reach. Functions ending in "InPage" run inside the page (pass them to page.evaluate).

/**
 * The focused element, described: `mark` (see markTabbablesInPage), a readable `key`, and
 * whether its focus indicator shows, it is on screen, it is inside <main>. Null on <body>.
 */
export function focusedInPage() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow !== 'none';
  const text = (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
  const path = [];
  for (let e = el; e && e !== document.body; e = e.parentElement) {
    path.unshift(e.id ? `${e.localName}#${e.id}` : e.localName + (e.classList[0] ? `.${e.classList[0]}` : ''));
    if (e.id) break;
  }
  return {
    mark: el.dataset.tabbable ?? null,
    key: `${path.join(' > ')} "${text}"`,
    tag: el.localName,
    visibleFocus: outline || shadow,
    onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
    inMain: Boolean(el.closest('main')),
  };
}

/**
 * Marks every element a keyboard user must be able to reach — shown links, buttons, form
 * fields, summaries, tabindex ≥ 0, outside closed <details> — with data-tabbable="<n>" and
 * returns their descriptions by number.
 */
export function markTabbablesInPage() {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const marked = [];
  // Tab stops once in a group of radio buttons (arrow keys move within it): expect only the
  // checked one, or the first when none is checked.
  const radioStop = (el) => {
    if (el.localName !== 'input' || el.type !== 'radio' || !el.name) return true;
    const group = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)].filter((r) => (el.form ? r.form === el.form : true));
    return el === (group.find((r) => r.checked) ?? group[0]);
  };
  for (const el of document.querySelectorAll(selector)) {
    if (!radioStop(el)) continue;
    // A summary shows while its own details is closed; everything else inside a closed one is hidden.
    const outside = el.localName === 'summary' ? el.parentElement?.parentElement : el;
    const hidden = el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden' || outside?.closest('details:not([open]), [inert], [hidden]');
    if (!hidden) {
      el.dataset.tabbable = String(marked.length);
      marked.push(`${el.localName} "${(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`);
    }
  }
  return marked;
}

/**
 * Presses Tab until focus leaves the page or comes back to an element it has been on, at most
 * `limit` times. Returns every stop, as focusedInPage describes it.
 */
export async function tabThrough(page, limit = 600) {
  const stops = [];
  const seen = new Set();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(focusedInPage);
    if (stop === null || seen.has(stop.key + stop.mark)) break;
    seen.add(stop.key + stop.mark);
    stops.push(stop);
  }
  return stops;
}
