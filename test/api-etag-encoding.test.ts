// A strong ETag names one representation (RFC 9110 §8.8.3): the gzip body of a read has a tag of
// its own ("…-gz"), other codings theirs ("…-br"), the identity body the plain one — on the
// framework's first answer, the cached-read hook's and the hot path's alike. If-None-Match gets a
// 304 only when it names the representation this request would get: a client that kept the gzip
// and now asks without gzip gets the identity body, not a 304. Files the plugin compresses outside
// the cached reads (the dashboard, the OpenAPI document) say Vary: accept-encoding on every answer.
import { get as httpGet } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESS_THRESHOLD } from '../src/api/hot-reads.js';
import { buildApi, hashToken } from '../src/api/server.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, onpeRow, storeWithElection, uploadCsv } from './api-helpers.js';

const TOKEN = 'etag-token-5c0e';
const E = 'pe-2021-presidencial';
const MESAS = Array.from({ length: 40 }, (_, i) => onpeRow(String(i + 1).padStart(6, '0'), 20 + i));
const NATIONAL = `/api/v1/results?election=${E}&level=national`;
const DEPARTMENT = `/api/v1/results?election=${E}&level=department`;

let store: SqliteStore;
let app: FastifyInstance;
let base = '';
beforeAll(async () => {
  store = await storeWithElection(E);
  app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: () => 'x', dashboard: true });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  await uploadCsv(app, E, TOKEN, onpeCsv(...MESAS));
});
afterAll(async () => {
  await app.close();
  await store.close();
});

interface Answer {
  readonly status: number;
  readonly etag: string;
  readonly coding: string | undefined;
  readonly vary: string | undefined;
  readonly body: Buffer;
}

/** A GET over a socket (through the hot path), its body as sent. */
const viaSocket = (url: string, headers: Record<string, string>) =>
  new Promise<Answer>((resolve, reject) =>
    httpGet(`${base}${url}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          etag: String(res.headers['etag']),
          coding: res.headers['content-encoding'],
          vary: res.headers['vary'],
          body: Buffer.concat(chunks),
        }),
      );
    }).on('error', reject),
  );

/** A GET in process (the framework: its first answer, then the cached-read hook). */
const inProcess = async (url: string, headers: Record<string, string>): Promise<Answer> => {
  const r = await app.inject({ method: 'GET', url, headers });
  const h = (k: string) => (r.headers[k] === undefined ? undefined : String(r.headers[k]));
  return {
    status: r.statusCode,
    etag: String(r.headers['etag']),
    coding: h('content-encoding'),
    vary: h('vary'),
    body: r.rawPayload,
  };
};

const GZIP = { 'accept-encoding': 'gzip' };
const withGz = (tag: string): string => `${tag.slice(0, -1)}-gz"`;

describe('an ETag per representation', () => {
  it('the gzip body has its own tag: framework, cached hook and hot path alike', async () => {
    // gzip first: the framework's answer compressed by the plugin, then the hook's, then the hot path's
    const gz = [
      await inProcess(NATIONAL, GZIP),
      await inProcess(NATIONAL, GZIP),
      await viaSocket(NATIONAL, GZIP),
      await viaSocket(NATIONAL, GZIP),
    ];
    const plain = [await inProcess(NATIONAL, {}), await viaSocket(NATIONAL, {})];
    const identity = plain[0] as Answer;
    expect(identity.body.length).toBeGreaterThanOrEqual(COMPRESS_THRESHOLD);
    expect(identity.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    for (const p of plain) expect([p.coding, p.etag]).toEqual([undefined, identity.etag]);
    for (const g of gz) {
      expect([g.status, g.coding, g.etag]).toEqual([200, 'gzip', withGz(identity.etag)]);
      expect(gunzipSync(g.body).equals(identity.body)).toBe(true);
    }
    // identity first on another read, then the gzip made from the cache
    const first = await inProcess(DEPARTMENT, {});
    for (const g of [await inProcess(DEPARTMENT, GZIP), await viaSocket(DEPARTMENT, GZIP)])
      expect([g.coding, g.etag]).toEqual(['gzip', withGz(first.etag)]);
  });

  it('a coding the plugin picks per request has its own tag too', async () => {
    const identity = await inProcess(NATIONAL, {});
    for (const r of [
      await inProcess(NATIONAL, { 'accept-encoding': 'br' }),
      await viaSocket(NATIONAL, { 'accept-encoding': 'br' }),
    ])
      expect([r.coding, r.etag]).toEqual(['br', `${identity.etag.slice(0, -1)}-br"`]);
    // asked for identity: the plain body and tag
    const none = await viaSocket(NATIONAL, { 'accept-encoding': 'identity' });
    expect([none.coding, none.etag]).toEqual([undefined, identity.etag]);
  });

  it('If-None-Match: a 304 only for the representation the client holds', async () => {
    const plainTag = (await inProcess(NATIONAL, {})).etag;
    const gzTag = withGz(plainTag);
    const brTag = `${plainTag.slice(0, -1)}-br"`;
    const cases: [Record<string, string>, string, number, string][] = [
      // [Accept-Encoding, If-None-Match, status, ETag of the answer]
      [{}, plainTag, 304, plainTag],
      [{}, gzTag, 200, plainTag],
      [GZIP, gzTag, 304, gzTag],
      [GZIP, plainTag, 200, gzTag],
      [GZIP, `"other", ${gzTag}`, 304, gzTag],
      [{ 'accept-encoding': 'identity' }, plainTag, 304, plainTag],
      [{ 'accept-encoding': 'identity' }, gzTag, 200, plainTag],
      [{ 'accept-encoding': 'br' }, brTag, 304, brTag],
      [{ 'accept-encoding': 'br' }, gzTag, 200, brTag],
    ];
    for (const [enc, tags, status, etag] of cases)
      for (const via of [inProcess, viaSocket]) {
        const r = await via(NATIONAL, { ...enc, 'if-none-match': tags });
        const what = [via.name, enc, tags];
        expect([...what, r.status, r.etag, r.vary]).toEqual([
          ...what,
          status,
          etag,
          'accept-encoding',
        ]);
        if (status === 304) expect([r.body.length, r.coding]).toEqual([0, undefined]);
      }
  });

  it('a read not cached (the OpenAPI document) follows the same rules', async () => {
    const url = '/api/v1/openapi.json';
    const plain = await inProcess(url, {});
    const gz = await inProcess(url, GZIP);
    expect([gz.coding, gz.etag]).toEqual(['gzip', withGz(plain.etag)]);
    expect((await inProcess(url, { ...GZIP, 'if-none-match': gz.etag })).status).toBe(304);
    expect((await inProcess(url, { 'if-none-match': gz.etag })).status).toBe(200);
    expect((await inProcess(url, { 'if-none-match': plain.etag })).status).toBe(304);
  });
});

describe('Vary outside the cached reads', () => {
  it('the dashboard files and the OpenAPI document say Vary: accept-encoding, compressed or not', async () => {
    for (const url of ['/', '/style.css', '/geo/pe.json', '/api/v1/openapi.json']) {
      const plain = await inProcess(url, {});
      expect([url, plain.status]).toEqual([url, 200]);
      if (plain.body.length < COMPRESS_THRESHOLD) continue;
      const gz = await inProcess(url, GZIP);
      const kept = await inProcess(url, { 'if-none-match': plain.etag });
      expect([url, plain.vary, gz.vary, kept.status, kept.vary]).toEqual([
        url,
        'accept-encoding',
        'accept-encoding',
        304,
        'accept-encoding',
      ]);
      expect(gz.etag).toBe(withGz(plain.etag));
    }
  });
});

describe('304 and Vary (RFC 9110 §15.4.5: a 304 sends the Vary its 200 would)', () => {
  const urls = [
    NATIONAL,
    DEPARTMENT,
    `/api/v1/elections/${E}/results/national.json`,
    `/api/v1/elections/${E}/results/department.json`,
    `/api/v1/elections/${E}/candidates.json`,
    `/api/v1/elections/${E}/places.json`,
    `/api/v1/elections/${E}/summary.json`,
    '/api/v1/elections.json',
    '/api/v1/rulesets.json',
    '/',
    '/app.js',
    '/api/v1/openapi.json',
  ];
  const codings = ['', 'identity', 'gzip', 'br', 'gzip, deflate, br, zstd'];

  it('every read, every coding, in process and over a socket: the 304 says what the 200 says', async () => {
    let compressible = 0;
    for (const url of urls)
      for (const coding of codings)
        for (const via of [inProcess, viaSocket]) {
          const enc: Record<string, string> = coding ? { 'accept-encoding': coding } : {};
          const ok = await via(url, enc);
          const kept = await via(url, { ...enc, 'if-none-match': ok.etag });
          const what = [url, coding, via.name];
          expect([...what, ok.status, kept.status, kept.vary]).toEqual([
            ...what,
            200,
            304,
            ok.vary,
          ]);
          if (ok.vary === 'accept-encoding') compressible++;
        }
    expect(compressible).toBeGreaterThan(urls.length); // not a check of bodies too small to vary
  });
});
