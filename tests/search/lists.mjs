// Loads a built site's search index the way the browser does (each part a script registering
// itself with triobogSearch) and checks that the query side finds every key's lists: for each
// key of every vocabulary shard, the postings chunk it points to holds the key with as many
// documents as the shard says, and a key in more documents than a head holds points to a head
// chunk holding its best documents; and every key of five letters or more, mistyped in any one
// way in its first three letters, is in the typo file engine.js reads for one of the mistyped
// word's tails, with that tail; and every document's display record is where the query side
// reads it. Input: the site's output folder. Output (stdout): JSON
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
const packs = new Map();
/** What is wrong with where a shard says a key's chunk is: its bytes must be the chunk's line. */
function spanProblems(word, list) {
  if (!list.span) return [`${word}: no bytes for ${list.file}`];
  if (!packs.has(list.pack)) packs.set(list.pack, readFileSync(join(dir, list.pack)));
  const line = packs.get(list.pack).subarray(list.span[0], list.span[1]).toString('utf8');
  const call = list.file.startsWith('h:') ? 'addHeads' : 'addPostings';
  return line.startsWith(`triobogSearch.${call}(${list.chunk},`) && line.endsWith(');\n') ? [] : [`${word}: bytes ${list.span} of ${list.pack} are not ${list.file}`];
}
let keys = 0;
let heads = 0;
for (const shard of Object.values(registry.vocab)) {
  shard.words.forEach((word, i) => {
    keys++;
    const full = engine.listOf(shard, i, false);
    problems.push(...spanProblems(word, full));
    const list = listOfCandidate({ key: word, list: full });
    if (!list) problems.push(`${word}: not in ${full.file}`);
    else if (list.length / 2 !== shard.df[i]) problems.push(`${word}: ${list.length / 2} documents in ${full.file}, the shard says ${shard.df[i]}`);
    else problems.push(...postingProblems(word, list));
    const typed = engine.listOf(shard, i, true);
    if (typed.file !== full.file) problems.push(...spanProblems(word, typed));
    if (shard.df[i] > registry.manifest.head) {
      heads++;
      const head = listOfCandidate({ key: word, list: typed });
      if (!typed.file.startsWith('h:') || !head) problems.push(`${word}: no head in ${typed.file}`);
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
// Every document's display record is where the query side reads it: document n of a pack is
// bytes n × recordBytes to (n + 1) × recordBytes, and registers that page's document.
const { docCounts, packs: perPack, recordBytes } = registry.manifest;
let doc = 0;
const counts = context.triobogSearch.core.decodeList(docCounts);
counts.forEach((count, page) => {
  for (let local = 0; local < count; local++, doc++) {
    const file = `d-${Math.floor(doc / perPack.d)}.js`;
    if (!packs.has(file)) packs.set(file, readFileSync(join(dir, file)));
    const at = (doc % perPack.d) * recordBytes;
    const record = packs.get(file).subarray(at, at + recordBytes).toString('utf8');
    if (!record.startsWith(`triobogSearch.addDoc(${page},${local},`) || !record.endsWith('\n')) {
      problems.push(`document ${local} of page ${page}: bytes ${at}… of ${file} are ${JSON.stringify(record.slice(0, 40))}`);
    }
  }
});
if (doc !== registry.manifest.docs) problems.push(`${doc} documents counted, the manifest says ${registry.manifest.docs}`);
process.stdout.write(JSON.stringify({ keys, heads, typos, docs: doc, problems: problems.slice(0, 20) }));
