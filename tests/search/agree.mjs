// Runs the browser's search/engine.js under Node and reports where its folding, tokenising and
// stemming differ from the Rust side. Input: a JSON file written by tests/search_js.rs.
// Output (stdout): JSON {checked, mismatches: [...]}.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../themes/default/static/js/search/engine.js', import.meta.url));
const context = {};
vm.createContext(context);
vm.runInContext(readFileSync(script, 'utf8'), context, { filename: script });
const core = context.triobogSearch.core;

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const mismatches = [];
let checked = 0;
for (const [word, expected] of input.stems) {
  checked++;
  const got = core.stem(word);
  if (got !== expected) mismatches.push({ kind: 'stem', word, rust: expected, js: got });
}
for (const [text, expected] of input.tokens) {
  checked++;
  const got = core.tokenize(text).map((t) => [t.folded, t.pieces.map((p) => p[0]), t.upper]);
  if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push({ kind: 'tokens', text, rust: expected, js: got });
}
process.stdout.write(JSON.stringify({ checked, mismatches }));
