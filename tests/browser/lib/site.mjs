// Builds a triobog site for the browser tests with the real binary, into a temporary folder.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder (holding Cargo.toml and the handbook's site.toml). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where screenshots go: under target/, which git ignores. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'target', 'screenshots');

let binary = null;

/** The release binary, built once per process (a no-op when `cargo test --release` ran first). */
function triobogBinary() {
  if (!binary) {
    execFileSync('cargo', ['build', '--release', '--quiet'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    binary = path.join(REPO_ROOT, 'target', 'release', 'triobog');
  }
  return binary;
}

/**
 * Builds the site in `root` (the handbook by default) into a new temporary folder.
 * Returns { dir, remove() }.
 */
export function buildSite(root = REPO_ROOT) {
  const parent = mkdtempSync(path.join(tmpdir(), 'triobog-browser-'));
  const dir = path.join(parent, 'public');
  execFileSync(triobogBinary(), ['--root', root, 'build', '--output', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}
