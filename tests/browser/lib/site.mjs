// The sites the browser tests look at, built with the real triobog binary: the handbook, or a
// copy of a fixture site under tests/fixtures/ with files of a test's own written over it.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder (holding Cargo.toml and the handbook's site.toml). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where screenshots go: under target/, which git ignores. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'target', 'screenshots');

let binary = null;

/**
 * The release binary, built once per process (a no-op when `cargo test --release` ran first),
 * in CARGO_TARGET_DIR when that is set.
 */
export function triobogBinary() {
  if (!binary) {
    execFileSync('cargo', ['build', '--release', '--quiet'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    const target = path.resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
    binary = path.join(target, 'release', 'triobog');
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

/**
 * The built handbook: the folder TRIOBOG_PUBLIC names when it is set (`scripts/test` builds the
 * handbook there once, and it is never removed), else a fresh build into a temporary folder.
 * Returns { dir, remove() }.
 */
export function builtHandbook() {
  if (process.env.TRIOBOG_PUBLIC) return { dir: path.resolve(process.env.TRIOBOG_PUBLIC), remove: () => {} };
  return buildSite(REPO_ROOT);
}

/**
 * A copy of the fixture site tests/fixtures/`name` in a new temporary folder, with `files`
 * (path → text) written over it; returns the copy's folder, for `buildSite` or `useSite`.
 */
export function fixtureSite(name, files = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'triobog-fixture-'));
  cpSync(path.join(REPO_ROOT, 'tests/fixtures', name), root, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}
