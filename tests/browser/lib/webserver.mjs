// Real web servers for the hosting tests: Debian's nginx and Apache, each started by the test on
// 127.0.0.1 with a configuration of its own in a temporary folder (pid, logs and temporary
// files there, so it runs as root and as any other user) around the snippet that
// `triobog hosting nginx|apache --dir <site>` prints, and stopped again. `scripts/test` installs
// the packages when they are missing.

import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { REPO_ROOT, triobogBinary } from './site.mjs';

export const NGINX = '/usr/sbin/nginx';
export const APACHE = '/usr/sbin/apache2';
const APACHE_MODULES = '/usr/lib/apache2/modules';
const isRoot = process.getuid?.() === 0;

/** What `triobog hosting <server>` prints for the handbook, with the files in `dir`, under `path`. */
export function hostingSnippet(server, dir, sitePath = '/trio/') {
  // /trio/ is the path of the handbook's own base_url; another is given as a base URL of its own.
  const other = sitePath === '/trio/' ? [] : ['--base-url', `https://intranet.example.dk${sitePath}`];
  const args = ['--root', REPO_ROOT, 'hosting', server, '--dir', dir, ...other];
  return execFileSync(triobogBinary(), args, { encoding: 'utf8' });
}

/** A port on 127.0.0.1 that nothing listens on just now. */
export async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Serves the built site in `dir` through nginx under each of `paths` (the first is `base`), with
 * the snippets of `triobog hosting nginx`. Resolves to { base, origin, requests: [], close(), config }.
 */
export async function startNginx(dir, { paths = ['/trio/'] } = {}) {
  const work = mkdtempSync(path.join(tmpdir(), 'triobog-nginx-'));
  const port = await freePort();
  const snippets = paths.map((p) => hostingSnippet('nginx', dir, p));
  const config = [
    isRoot ? 'user root;' : '',
    'daemon off;',
    'worker_processes 1;',
    `pid ${work}/nginx.pid;`,
    `error_log ${work}/error.log warn;`,
    'events { worker_connections 64; }',
    'http {',
    `  access_log ${work}/access.log;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${work}/${t};`),
    '  server {',
    `    listen 127.0.0.1:${port};`,
    '    server_name localhost;',
    ...snippets,
    '  }',
    '}',
  ].join('\n');
  writeFileSync(path.join(work, 'nginx.conf'), config);
  const args = ['-c', path.join(work, 'nginx.conf'), '-p', work + '/', '-e', path.join(work, 'error.log')];
  return startProcess(NGINX, args, { work, port, path: paths[0], config, log: path.join(work, 'error.log') });
}

/**
 * Serves the built site in `dir` through Apache under `sitePath`, with the snippet of
 * `triobog hosting apache` and only the modules it names. As root Apache serves as www-data, so
 * it gets a copy of the site that www-data may read.
 */
export async function startApache(dir, { sitePath = '/trio/' } = {}) {
  const work = mkdtempSync(path.join(tmpdir(), 'triobog-apache-'));
  chmodSync(work, 0o755);
  let served = dir;
  if (isRoot) {
    served = path.join(work, 'public');
    cpSync(dir, served, { recursive: true });
    execFileSync('chmod', ['-R', 'a+rX', served]);
  }
  const port = await freePort();
  const modules = ['mpm_event', 'authz_core', 'mime', 'dir', 'alias', 'headers', 'rewrite'];
  const config = [
    `ServerRoot "${work}"`,
    `Listen 127.0.0.1:${port}`,
    'ServerName localhost',
    `PidFile "${work}/httpd.pid"`,
    `ErrorLog "${work}/error.log"`,
    `DefaultRuntimeDir "${work}"`,
    'LogLevel warn',
    'TypesConfig /dev/null',
    ...modules.map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`),
    isRoot ? 'User www-data\nGroup www-data' : '',
    '<Directory />\n    Require all denied\n    AllowOverride None\n</Directory>',
    hostingSnippet('apache', served, sitePath),
  ].join('\n');
  writeFileSync(path.join(work, 'httpd.conf'), config);
  const args = ['-f', path.join(work, 'httpd.conf'), '-DFOREGROUND'];
  return startProcess(APACHE, args, { work, port, path: sitePath, config, log: path.join(work, 'error.log') });
}

/** Starts `binary`, waits until it answers on `port`, and returns the served site. */
async function startProcess(binary, args, { work, port, path: sitePath, config, log }) {
  const child = spawn(binary, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  let exited = null;
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  const origin = `http://127.0.0.1:${port}`;
  const errorLog = () => (existsSync(log) ? readFileSync(log, 'utf8') : '(no error log)');
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`${binary} stopped (${JSON.stringify(exited)}):\n${errorLog()}\n--- config ---\n${config}`);
    const answered = await fetch(origin + '/', { redirect: 'manual' }).then(() => true, () => false);
    if (answered) break;
    if (i > 100) {
      child.kill('SIGKILL');
      throw new Error(`${binary} did not answer on ${origin}:\n${errorLog()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    origin,
    base: origin + sitePath,
    requests: [],
    config,
    errorLog,
    close: async () => {
      if (!exited) child.kill('SIGTERM');
      await exit;
      rmSync(work, { recursive: true, force: true });
    },
  };
}
