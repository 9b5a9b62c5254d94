// docs/operations.md's nginx config, as documented, in front of a published site (review s34): its
// block set X-Frame-Options at the server level while every location had an add_header of its
// own, and nginx then gives a location none of the server's, so `curl -sI /` showed no
// X-Frame-Options and any site could frame the dashboard. This test writes the documented blocks
// (the server and the snippets it includes) to a temporary config, changes only where it listens
// and its root, and compares each response's security headers with what `cifra serve` sends.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../src/api/http-safety.js';
import { PATHS } from '../src/api/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { freePort, requireNginx, startNginx, waitFor } from './browser/nginx.js';
import { tempDir } from './helpers.js';
import { smallStore } from './publish-fixture.js';

const NOW = '2026-12-05T08:00:00.000Z';
const HEADERS = [
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'content-security-policy',
] as const;

/** The documented nginx blocks: the server, and each snippet by the path its first line names. */
function documented(): { server: string; snippets: Map<string, string> } {
  const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'operations.md'), 'utf8');
  const blocks = [...doc.matchAll(/```nginx\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const server = blocks.find((b) => b.startsWith('server {'));
  if (server === undefined) throw new Error('no server block in docs/operations.md');
  const snippets = new Map<string, string>();
  for (const b of blocks) {
    const path = /^# (\/etc\/nginx\/snippets\/[\w.-]+\.conf)/.exec(b)?.[1];
    if (path !== undefined) snippets.set(path, b);
  }
  return { server, snippets };
}

/** The documented server, listening on 127.0.0.1 without TLS, its root `site`, its includes in `dir`. */
function configFrom(dir: string, site: string, port: number): string {
  const { server, snippets } = documented();
  let conf = server
    .replace('listen 443 ssl;', `listen 127.0.0.1:${port};`)
    .replace(/root \/srv\/resultados;/, `root ${site}; index index.html;`);
  for (const [path, text] of snippets) {
    const file = join(dir, path.split('/').at(-1) ?? 'x.conf');
    writeFileSync(file, text);
    conf = conf.replaceAll(`include ${path};`, `include ${file};`);
  }
  return conf;
}

describe("docs/operations.md's nginx config sends cifra serve's security headers", () => {
  it('finds the server block and the two snippets it includes', () => {
    const { server, snippets } = documented();
    expect([...snippets.keys()].sort()).toEqual([
      '/etc/nginx/snippets/cifra-data.conf',
      '/etc/nginx/snippets/cifra-page.conf',
    ]);
    for (const path of snippets.keys()) expect(server).toContain(`include ${path};`);
  });

  it('/, the dashboard code, a map-less document and embed.html, header by header', async () => {
    requireNginx();
    const dir = tempDir('cifra-nginx-headers-');
    const store = await smallStore(dir);
    const out = join(dir, 'site');
    expect((await publishSite(store, out, {}, NOW)).ok).toBe(true);
    await store.close();
    const port = await freePort();
    const confDir = join(dir, 'conf');
    mkdirSync(confDir, { recursive: true });
    const server = configFrom(confDir, out, port);
    // startNginx's http block, with the documented server in place of its own
    const nginx = startNginx(dir, out, port, undefined, server);
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(`${base}${PATHS.site()}`);
      for (const path of ['/', '/app.js', PATHS.site(), '/embed.html', '/embed.html?view=map']) {
        const res = await fetch(`${base}${path}`);
        expect(res.status, path).toBe(200);
        const want = securityHeaders(path);
        for (const h of HEADERS) expect(res.headers.get(h), `${path} ${h}`).toBe(want[h] ?? null);
      }
      // the premise said plainly: the page is framed by no site, embed.html by any
      const page = await fetch(`${base}/`);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const embed = await fetch(`${base}/embed.html`);
      expect(embed.headers.get('x-frame-options')).toBeNull();
      expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    } finally {
      nginx.kill('SIGTERM');
    }
  });
});
