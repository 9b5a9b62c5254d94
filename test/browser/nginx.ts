// nginx (Debian's package) serving a site `cifra publish` wrote, for the browser tests of the
// static site: a free port, a temporary config, and a wait until it answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { publishSite } from '../../src/api/publish-site.js';
import { buildOpenApi } from '../../src/api/server.js';
import type { Store } from '../../src/store/store.js';

const NGINX = process.env['NGINX_PATH'] ?? '/usr/sbin/nginx';

/** A port free on 127.0.0.1 now. */
export async function freePort(): Promise<number> {
  const s = createServer();
  const port = await new Promise<number>((r) =>
    s.listen(0, '127.0.0.1', () => r((s.address() as { port: number }).port)),
  );
  await new Promise((r) => s.close(r));
  return port;
}

/** nginx is there (Debian's package), else a clear error. */
export function requireNginx(): void {
  if (!existsSync(NGINX))
    throw new Error(`nginx not found at ${NGINX}: apt-get install nginx (.ci/run does it)`);
}

/**
 * nginx in the foreground as this test's child, on a temporary config in `dir`: the site as its root, or
 * under `/<sub>/` (a folder of links whose `<sub>` is the site) with nothing at the root. `server`:
 * a server block of its own in place of this one (test/nginx-headers.test.ts: the documented one).
 * This block sends no-cache (the live tests republish within seconds) and no framing headers.
 */
export function startNginx(
  dir: string,
  site: string,
  port: number,
  sub?: string,
  server?: string,
): ChildProcess {
  const conf = join(dir, `nginx-${port}.conf`);
  const tmp = join(dir, 'nginx-tmp');
  mkdirSync(tmp, { recursive: true });
  const root = sub === undefined ? site : join(dir, `www-${port}`);
  if (sub !== undefined) {
    mkdirSync(root, { recursive: true });
    symlinkSync(site, join(root, sub));
  }
  const at = sub === undefined ? '/' : `/${sub}/`;
  // run as root, nginx's workers are nobody: they must reach the site through the test's folder
  chmodSync(dir, 0o755);
  writeFileSync(
    conf,
    `worker_processes 1; daemon off; pid ${join(dir, `nginx-${port}.pid`)}; error_log ${join(dir, `nginx-${port}.log`)};
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types; access_log off; etag on;
  client_body_temp_path ${tmp}; proxy_temp_path ${tmp}; fastcgi_temp_path ${tmp};
  uwsgi_temp_path ${tmp}; scgi_temp_path ${tmp};
  ${
    server ??
    `server { listen 127.0.0.1:${port}; root ${root}; index index.html;
    location ${at} { add_header Cache-Control "no-cache";
      add_header Content-Security-Policy "default-src 'self'; script-src 'self'; style-src 'self'";
      try_files $uri $uri/ =404; } }`
  }
}
`,
  );
  return spawn(NGINX, ['-c', conf, '-p', dir], { stdio: 'ignore' });
}

export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} never answered`);
}

/** A store published as `cifra publish` writes it, served by nginx: the site's URL and its stop. */
export async function servePublished(
  store: Store,
  dir: string,
  now: string,
): Promise<{ readonly site: string; readonly stop: () => void }> {
  requireNginx();
  const out = join(dir, 'site');
  const r = await publishSite(store, out, buildOpenApi(), now);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const port = await freePort();
  const nginx = startNginx(dir, out, port);
  const site = `http://127.0.0.1:${port}`;
  await waitFor(`${site}/api/v1/site.json`);
  return { site, stop: () => void nginx.kill('SIGTERM') };
}
