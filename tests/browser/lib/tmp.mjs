// Temporary folders of one test file's run (printed PDFs, rendered pages, saved answers),
// removed when its process ends: left behind, a run of the suite added a few hundred folders
// to /tmp. TRIOBOG_KEEP_TMP=1 keeps them, to look at a PDF a test printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = [];
process.on('exit', () => {
  if (process.env.TRIOBOG_KEEP_TMP) return;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new folder under the system's temporary folder, removed when the process ends. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
