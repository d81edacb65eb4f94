// A tiny static file server for the built site, the way an intranet serves it with the
// configuration `triobog hosting` writes: under a subpath (/trio/), with the headers of
// `triobog hosting headers` (the strict Content-Security-Policy the site must run under), and a
// missing address sent on to 404.html, which answers with status 404. Only node:http and
// node:fs; listens on 127.0.0.1 only. Every browser test and bench-search.mjs serve through it.

import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { REPO_ROOT, triobogBinary } from './site.mjs';

/**
 * The headers every file of the site is sent with, as `triobog hosting headers` prints them (the
 * same table the nginx, Apache and IIS configurations are written from, in src/hosting/rules.rs):
 * { 'Content-Security-Policy': …, 'X-Content-Type-Options': 'nosniff', … }, without
 * Cache-Control (this server sends `no-store`, so a test never sees a file of an earlier build).
 */
export function hostingHeaders(siteRoot = REPO_ROOT) {
  return hostingTable(siteRoot).headers;
}

/** The MIME type of each extension (`.ics` → `text/calendar; charset=utf-8`), from the same table. */
export function hostingMimeTypes(siteRoot = REPO_ROOT) {
  return hostingTable(siteRoot).mime;
}

const tables = new Map();

function hostingTable(siteRoot) {
  if (!tables.has(siteRoot)) {
    const text = execFileSync(triobogBinary(), ['--root', siteRoot, 'hosting', 'headers'], { encoding: 'utf8' });
    const headers = {};
    const mime = {};
    for (const line of text.split('\n')) {
      const header = /^([A-Za-z-]+): (.*)$/.exec(line);
      if (header && header[1] !== 'Cache-Control') headers[header[1]] = header[2];
      const type = /^# (\.[a-z0-9]+): (.*)$/.exec(line);
      if (type) mime[type[1]] = type[2];
    }
    tables.set(siteRoot, { headers, mime });
  }
  return tables.get(siteRoot);
}

/**
 * The one policy the suite serves the site under, as strict as an intranet may set it: scripts
 * and styles only from the site itself, no inline script or style attribute, no eval, nothing
 * from another host, no <base>. A violation is a console error in Chromium, which the page
 * guard turns into a test failure. Read from the binary (see hostingHeaders), so that the suite
 * and the servers' configurations cannot drift apart.
 */
export function contentSecurityPolicy() {
  const policy = hostingHeaders()['Content-Security-Policy'];
  if (!policy) throw new Error('`triobog hosting headers` printed no Content-Security-Policy');
  return policy;
}

/**
 * Serves the folder `dir` at http://127.0.0.1:<free port><prefix>; with `ranges: false` it
 * answers a Range header with the whole file, as a server without ranges would.
 * Resolves to { base, origin, requests, close() }; `base` ends with the prefix, e.g.
 * http://127.0.0.1:41234/trio/, and `requests` lists the path of every request in order
 * (decoded, without the query), for tests and the bench to see what a page asked for;
 * `transfers` the same requests as { path, range } (the Range header, or null).
 */
export async function serveSite(dir, { prefix = '/trio/', ranges = true } = {}) {
  const root = path.resolve(dir);
  const requests = [];
  const transfers = [];
  const server = createServer((req, res) => {
    respond(root, { prefix, ranges }, { requests, transfers }, req, res).catch((err) => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(err));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    base: origin + prefix,
    requests,
    transfers,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function respond(root, { prefix, ranges }, { requests, transfers }, req, res) {
  const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  requests.push(pathname);
  transfers.push({ path: pathname, range: req.headers.range ?? null });
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  if (pathname + '/' === prefix) {
    redirect(res, prefix);
    return;
  }
  if (!pathname.startsWith(prefix)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  const notFound = prefix + '404.html';
  const found = pathname === notFound ? null : await findFile(root, pathname.slice(prefix.length));
  if (found?.directory && !pathname.endsWith('/')) {
    redirect(res, pathname + '/');
  } else if (found) {
    await send(res, req, 200, found.file, ranges);
  } else if (pathname === notFound) {
    await send(res, req, 404, path.join(root, '404.html'));
  } else {
    // As the configurations of `triobog hosting` do: the 404 page's links lead from the site's
    // folder, so the browser is sent to its own address.
    redirect(res, notFound, 302);
  }
}

/** A folder URL without its slash moves, as on any web server, so relative links work. */
function redirect(res, location, status = 301) {
  res.writeHead(status, { location });
  res.end();
}

/**
 * The file a URL path (relative to the prefix) names, as { file, directory }, or null.
 * Never anything outside `root`.
 */
async function findFile(root, relative) {
  const candidate = path.resolve(root, '.' + path.posix.sep + relative);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  const info = await stat(candidate).catch(() => null);
  if (info?.isDirectory()) {
    const index = path.join(candidate, 'index.html');
    return (await stat(index).catch(() => null))?.isFile() ? { file: index, directory: true } : null;
  }
  return info?.isFile() ? { file: candidate, directory: false } : null;
}

async function send(res, req, status, file, ranges = false) {
  const headers = {
    'content-type': hostingMimeTypes()[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    ...hostingHeaders(),
    'cache-control': 'no-store',
  };
  // A byte range, as every web server answers one (the search reads its packs by range): only
  // those bytes are read from the file, as nginx or IIS would.
  const range = ranges && status === 200 ? /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '') : null;
  if (range) {
    const handle = await open(file, 'r').catch(() => null);
    if (handle) {
      try {
        const { size } = await handle.stat();
        const start = Number(range[1]);
        const end = Math.min(range[2] === '' ? size - 1 : Number(range[2]), size - 1);
        if (start > end) {
          res.writeHead(416, { 'content-range': `bytes */${size}` });
          res.end();
          return;
        }
        const part = Buffer.alloc(end + 1 - start);
        await handle.read(part, 0, part.length, start);
        res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': part.length });
        res.end(req.method === 'HEAD' ? undefined : part);
        return;
      } finally {
        await handle.close();
      }
    }
  }
  const body = await readFile(file).catch(() => null);
  if (body === null) {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(status === 404 ? 'Not found' : '');
    return;
  }
  res.writeHead(status, { ...headers, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
