// A tiny static file server for the built site, the way an intranet serves it: under a
// subpath (/trio/), with the strict Content-Security-Policy the site must run under, and
// 404.html for anything missing. Only node:http and node:fs; listens on 127.0.0.1 only.
// Every browser test and bench-search.mjs serve through it.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** MIME types of the files a triobog site may contain. */
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.pdf': 'application/pdf',
};

/**
 * The one policy the suite serves the site under, as strict as an intranet may set it: scripts
 * and styles only from the site itself, no inline script or style attribute, no eval, nothing
 * from another host, no <base>. A violation is a console error in Chromium, which the page
 * guard turns into a test failure.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the folder `dir` at http://127.0.0.1:<free port><prefix>.
 * Resolves to { base, origin, requests, close() }; `base` ends with the prefix, e.g.
 * http://127.0.0.1:41234/trio/, and `requests` lists the path of every request in order
 * (decoded, without the query), for tests and the bench to see what a page asked for.
 */
export async function serveSite(dir, { prefix = '/trio/' } = {}) {
  const root = path.resolve(dir);
  const requests = [];
  const server = createServer((req, res) => {
    respond(root, prefix, requests, req, res).catch((err) => {
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
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function respond(root, prefix, requests, req, res) {
  const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  requests.push(pathname);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  if (pathname + '/' === prefix) {
    redirect(res, prefix);
    return;
  }
  const found = pathname.startsWith(prefix) ? await findFile(root, pathname.slice(prefix.length)) : null;
  if (found?.directory && !pathname.endsWith('/')) {
    redirect(res, pathname + '/');
  } else if (found) {
    await send(res, req, 200, found.file);
  } else {
    await send(res, req, 404, path.join(root, '404.html'));
  }
}

/** A folder URL without its slash moves, as on any web server, so relative links work. */
function redirect(res, location) {
  res.writeHead(301, { location });
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

async function send(res, req, status, file) {
  const body = await readFile(file).catch(() => null);
  if (body === null) {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(status === 404 ? 'Not found' : '');
    return;
  }
  res.writeHead(status, {
    'content-type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
