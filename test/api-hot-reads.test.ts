// Repeated reads answered from precomputed bytes before the framework (src/api/hot-reads.ts), over
// a real socket (app.inject does not pass through the HTTP server): the same bytes and headers as
// the framework's answer, 304 and gzip kept, and an import seen by the next read.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip } from '../src/api/hot-reads.js';
import { buildApi, hashToken, REVISION_TTL_MS } from '../src/api/server.js';
import { ResultsSchema } from '../src/api/schemas.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv as csv, onpeRow as row } from './api-helpers.js';
import { tempDir } from './helpers.js';

const TOKEN = 'hot-reads-token-9b1d';
// 40 mesas: the national body is over the compression threshold
const MESAS = Array.from({ length: 40 }, (_, i) => row(String(i + 1).padStart(6, '0'), 20 + i));

const dir = tempDir('cifra-hot-');
let store: SqliteStore;
let app: FastifyInstance;
let base = '';
/** Requests the framework saw (the hot path answers before it). */
let routed = 0;

beforeAll(async () => {
  store = new SqliteStore(join(dir, 'hot.db'));
  await store.migrate();
  const e = bundledElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  await store.putElection(e);
  app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: () => 'x' });
  app.addHook('onRequest', async () => {
    routed++;
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  const up = await upload(csv(...MESAS), 'first.csv');
  expect(up.status).toBe(200);
});

afterAll(async () => {
  await app.close();
  await store.close();
});

const upload = (body: string, name: string) =>
  fetch(`${base}/api/v1/imports?election=pe-2021-presidencial&name=${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
    body,
  });
const URL_NATIONAL = '/api/v1/results?election=pe-2021-presidencial&level=national';
/** A read by fetch (which asks for gzip whatever it is told, and decodes it). */
const read = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers });
/** A GET by node:http: status, headers but date and connection, the body as sent (not decoded). */
const rawGet = async (path: string, headers: Record<string, string>) => {
  const http = await import('node:http');
  return new Promise<{
    status: number | undefined;
    headers: Record<string, unknown>;
    body: string;
  }>((resolve, reject) =>
    http
      .get(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h: Record<string, unknown> = { ...res.headers };
          for (const k of ['date', 'connection', 'keep-alive']) delete h[k];
          resolve({
            status: res.statusCode,
            headers: h,
            body: Buffer.concat(chunks).toString('base64'),
          });
        });
      })
      .on('error', reject),
  );
};
const valid = async (r: Response) => ResultsSchema.parse(await r.json()).units[0]?.valid ?? 0;
/** The headers that differ between two answers by nature (time, connection). */
const stable = (r: Response) => {
  const h: Record<string, string> = {};
  r.headers.forEach((v, k) => {
    if (!['date', 'keep-alive', 'connection'].includes(k)) h[k] = v;
  });
  return h;
};

describe('hot reads', () => {
  it('a repeated read is answered before the framework, with the same bytes and headers', async () => {
    // fetch asks for gzip: the framework compresses this one, the hot path sends the gzip made once
    const first = await fetch(`${base}${URL_NATIONAL}`, { headers: {} });
    expect(first.status).toBe(200);
    const cold = await first.text();
    const seen = routed;
    const again = await fetch(`${base}${URL_NATIONAL}`, { headers: {} });
    // the framework's answer above was stored; this one is the precomputed bytes
    const hot = await fetch(`${base}${URL_NATIONAL}`, { headers: {} });
    expect(routed - seen).toBeLessThanOrEqual(1);
    expect(await hot.text()).toBe(cold);
    await again.text();
    expect(stable(hot)).toEqual(stable(first));
    expect(stable(again)).toEqual(stable(first));
    expect(hot.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(hot.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('answers every cached read as the framework did: CSV, other routes, each encoding', async () => {
    // node:http, not fetch: fetch always asks for gzip, whatever Accept-Encoding it is given
    for (const path of [
      `${URL_NATIONAL}&format=csv`,
      URL_NATIONAL,
      '/api/v1/results?election=pe-2021-presidencial&level=department',
      '/api/v1/progress?election=pe-2021-presidencial',
      '/api/v1/summary?election=pe-2021-presidencial',
      '/api/v1/candidates?election=pe-2021-presidencial',
    ])
      for (const enc of [
        {},
        { 'accept-encoding': 'gzip' },
        { 'accept-encoding': 'identity' },
      ] as Record<string, string>[]) {
        const first = await rawGet(path, enc);
        const seen = routed;
        const hot = [await rawGet(path, enc), await rawGet(path, enc)];
        // identity on a body the plugin would compress is left to the framework
        if (enc['accept-encoding'] !== 'identity')
          expect(routed - seen, path).toBeLessThanOrEqual(1);
        // the same headers, Vary included without Accept-Encoding too (RFC 9110 §12.5.5)
        for (const h of hot) {
          expect(h, `${path} ${JSON.stringify(enc)}`).toEqual(first);
        }
      }
  });

  it('keeps conditional GET (304) and serves the gzip made once per revision', async () => {
    const first = await read(URL_NATIONAL);
    const body = await first.text();
    const etag = first.headers.get('etag') ?? '';
    const seen = routed;
    const not = await read(URL_NATIONAL, { 'if-none-match': etag });
    expect([not.status, await not.text()]).toEqual([304, '']);
    expect(not.headers.get('etag')).toBe(etag);
    const raw = await import('node:http');
    const gz = await new Promise<{ enc: string | undefined; body: Buffer }>((resolve, reject) =>
      raw
        .get(`${base}${URL_NATIONAL}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ enc: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject),
    );
    expect(gz.enc).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(body);
    expect(routed - seen).toBeLessThanOrEqual(1);
  });

  it('an import through the API changes the answer of the very next read', async () => {
    const before = await valid(await read(URL_NATIONAL));
    await valid(await read(URL_NATIONAL)); // hot now
    expect((await upload(csv(row('000099', 3)), 'second.csv')).status).toBe(200);
    expect(await valid(await read(URL_NATIONAL))).toBe(before + 3);
  });

  it('an import outside the API (another process, the CLI) shows once the revision is checked again', async () => {
    const before = await valid(await read(URL_NATIONAL));
    await valid(await read(URL_NATIONAL));
    const file = join(dir, 'outside.csv');
    writeFileSync(file, csv(row('000098', 5)));
    const e = await store.getElection('pe-2021-presidencial');
    expect((await ingestFile(store, { file, election: e!, now: () => 'y' })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, REVISION_TTL_MS + 50));
    expect(await valid(await read(URL_NATIONAL))).toBe(before + 5);
  });

  it('a URL with unknown parameters reads the same response', async () => {
    const a = await (await read(URL_NATIONAL)).text();
    await read(`${URL_NATIONAL}&x=1`);
    expect(await (await read(`${URL_NATIONAL}&x=1`)).text()).toBe(a);
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding with weights', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('gzip;q=0, br')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip(['br', 'GZIP'])).toBe(true);
  });
});
