// Loads a built site's search index the way the browser does (each part a script registering
// itself with triobogSearch) and checks that the query side finds every key's lists: for each
// key of every vocabulary shard, the postings chunk it points to holds the key with as many
// documents as the shard says, and a key in more documents than a head holds points to a head
// chunk holding its best documents; and every key of five letters or more, mistyped in any one
// way in its first three letters, is in the typo file engine.js reads for one of the mistyped
// word's tails, with that tail. Input: the site's output folder. Output (stdout): JSON
// {keys, heads, typos, problems: [...]}.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../themes/default/static/js/search/engine.js', import.meta.url));
const dir = join(process.argv[2], 'search');
const context = {};
vm.createContext(context);
vm.runInContext(readFileSync(script, 'utf8'), context, { filename: script });
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  vm.runInContext(readFileSync(join(dir, file), 'utf8'), context, { filename: file });
}
const { Engine, registry, listOfCandidate, typoTails, typoFile } = context.triobogSearch.core;
const engine = new Engine(registry.manifest);
const problems = [];

/** What is wrong with a decoded list: pages beyond the site, in the wrong order, or a code no field has. */
function postingProblems(word, list) {
  const out = [];
  let page = 0;
  for (let p = 0; p < list.length; p += 2) {
    page += list[p];
    if (p > 0 && list[p] < 0) out.push(`${word}: pages out of order`);
    if (page >= registry.manifest.pages.length) out.push(`${word}: page ${page} of ${registry.manifest.pages.length}`);
    if (((list[p + 1] & 31) >> 3) > 2) out.push(`${word}: code ${list[p + 1] & 31}`);
  }
  return out.slice(0, 1);
}
let keys = 0;
let heads = 0;
for (const shard of Object.values(registry.vocab)) {
  shard.words.forEach((word, i) => {
    keys++;
    const full = engine.listOf(shard, i, false);
    const list = listOfCandidate({ key: word, list: full });
    if (!list) problems.push(`${word}: not in ${full.file}`);
    else if (list.length / 2 !== shard.df[i]) problems.push(`${word}: ${list.length / 2} documents in ${full.file}, the shard says ${shard.df[i]}`);
    else problems.push(...postingProblems(word, list));
    const typed = engine.listOf(shard, i, true);
    if (shard.df[i] > registry.manifest.head) {
      heads++;
      const head = listOfCandidate({ key: word, list: typed });
      if (!typed.file.startsWith('h-') || !head) problems.push(`${word}: no head in ${typed.file}`);
      else if (head.length / 2 !== registry.manifest.head) problems.push(`${word}: a head of ${head.length / 2} documents`);
    } else if (typed.file !== full.file) {
      problems.push(`${word}: a short list read from ${typed.file}, not ${full.file}`);
    }
  });
}

/** The key mistyped in each way one edit in its first three letters can: letters changed, left out, added or swapped. */
function typosOf(key) {
  const c = Array.from(key);
  const other = (ch) => (ch === 'q' ? 'z' : 'q');
  const out = [];
  for (let i = 0; i < 3; i++) {
    out.push([...c.slice(0, i), other(c[i]), ...c.slice(i + 1)]);
    out.push([...c.slice(0, i), ...c.slice(i + 1)]);
    out.push([...c.slice(0, i), 'x', ...c.slice(i)]);
    out.push([...c.slice(0, i), c[i + 1], c[i], ...c.slice(i + 2)]);
  }
  return out.map((t) => t.join('')).filter((t) => Array.from(t).length >= 5);
}
/** Whether the typo file engine.js reads for `tail` lists `key` with that tail. */
const listed = (tail, key) => {
  const file = typoFile(engine.typoFileOf(tail));
  return file !== undefined && file.keys.some((k, i) => k === key && file.tails[i] === tail);
};
let typos = 0;
for (const shard of Object.values(registry.vocab)) {
  for (const key of shard.words.filter((w) => !w.startsWith('~') && Array.from(w).length >= 5)) {
    for (const typo of typosOf(key)) {
      typos++;
      if (!typoTails(typo).some((tail) => listed(tail, key))) problems.push(`${key}: mistyped ${typo}, in none of the typo files of ${typoTails(typo).join(' ')}`);
    }
  }
}
process.stdout.write(JSON.stringify({ keys, heads, typos, problems: problems.slice(0, 20) }));
