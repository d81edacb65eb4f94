// The pages the browser suite visits: at least one of every kind, and every listing.
// To cover a new kind of page, add a row: `path` is relative to the site's folder on the test
// server (a folder URL ends in "/"), `kind` names it in test titles and screenshot files.
// `status` is the HTTP status the server answers with (200 unless given).

export const PAGES = [
  { kind: 'front page', path: '' },
  // The four parts; their listings are the tool, case and chapter overviews.
  { kind: 'part: tools', path: 'vaerktoejer/' },
  { kind: 'part: cases', path: 'cases/' },
  { kind: 'part: trio and learning', path: 'trio-og-laering/' },
  { kind: 'part: learning work environment', path: 'laerende-arbejdsmiljoearbejde/' },
  // Section listings.
  { kind: 'section', path: 'om-trio/' },
  { kind: 'section: annual wheel', path: 'sygefravaer-og-aarshjul/' },
  { kind: 'section: editors', path: 'redaktoerer/' },
  { kind: 'question bank', path: 'spoergsmaal/' },
  { kind: 'deck overview', path: 'udsagnskort/' },
  // One page of every kind.
  { kind: 'page', path: 'om-trio/roller/' },
  { kind: 'page with code', path: 'redaktoerer/ny-case/' },
  { kind: 'annual wheel', path: 'sygefravaer-og-aarshjul/aarshjul/' },
  // Pages with a figure drawn from a ```figur block.
  { kind: 'figure: two-by-two', path: 'om-trio/formelt-og-uformelt-samarbejde/' },
  { kind: 'figure: theme map', path: 'laerende-arbejdsmiljoearbejde/fremstilling-af-arbejdsmiljoefortaellingen/' },
  { kind: 'tool', path: 'vaerktoejer/dilemmavaerksted/' },
  { kind: 'questions', path: 'spoergsmaal/foer-dialogen/' },
  { kind: 'deck', path: 'udsagnskort/haard-tone/' },
  { kind: 'present mode', path: 'udsagnskort/haard-tone/vis/' },
  { kind: 'case', path: 'cases/akutmodtagelse/' },
  // Generated listings.
  { kind: 'taxonomy: themes', path: 'temaer/' },
  { kind: 'term: theme', path: 'temaer/haard-tone/' },
  { kind: 'taxonomy: sectors', path: 'sektorer/' },
  { kind: 'term: sector', path: 'sektorer/hospital/' },
  { kind: 'print corner', path: 'print/' },
  { kind: 'search page', path: 'soeg/?q=h%C3%A5rd%20tone' },
  // Printable sheets (on screen; their printed form is measured in print.test.mjs).
  { kind: 'facilitator sheet', path: 'print/vaerktoejer/dilemmavaerksted/' },
  { kind: 'card sheets', path: 'print/udsagnskort/haard-tone/' },
  { kind: 'question sheet', path: 'print/spoergsmaal/foer-dialogen/' },
  { kind: 'deck builder', path: 'print/kortbygger/' },
  { kind: 'calibration sheet', path: 'print/kalibrering/' },
  { kind: 'annual wheel sheet', path: 'print/aarshjul/' },
  { kind: 'agenda sheet', path: 'print/aarshjul/dagsorden/' },
  { kind: 'agenda sheet: month', path: 'print/aarshjul/dagsorden/marts/' },
  { kind: 'wheel poster A4', path: 'print/aarshjul/plakat/' },
  { kind: 'wheel poster A3', path: 'print/aarshjul/plakat-a3/' },
  { kind: 'narrative template', path: 'print/arbejdsmiljoefortaelling/' },
  { kind: 'notes sheet', path: 'print/noter/' },
  { kind: 'present mode: deck builder', path: 'print/kortbygger/vis/' },
  { kind: 'accessibility statement', path: 'tilgaengelighed/' },
  { kind: 'not found', path: 'findes/ikke/', status: 404 },
];

/** A file-system-friendly name for a page's kind, for screenshots. */
export function slugOf(kind) {
  return kind.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
