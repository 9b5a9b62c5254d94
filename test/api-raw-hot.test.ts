// The raw fast path (src/api/raw-hot.ts) against Node's HTTP server alone, on real sockets: two
// servers on one store, one with the fast path and one without, get the same bytes on the wire
// and must answer the same bytes (Date aside) — hot reads, misses, odd and hostile heads alike.
import { connect, type Socket } from 'node:net';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_RAW_HEAD, recogniseHead } from '../src/api/raw-hot.js';
import { buildApi, hashToken, REVISION_TTL_MS } from '../src/api/server.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv as csv, onpeRow as row, storeWithElection, uploadCsv } from './api-helpers.js';

const TOKEN = 'raw-hot-token-51c2';
const ELECTION = 'pe-2021-presidencial';
const NATIONAL = `/api/v1/results?election=${ELECTION}&level=national`;
const PROGRESS = `/api/v1/progress?election=${ELECTION}`;
const CSV = `${NATIONAL}&format=csv`;
const HOT = [NATIONAL, PROGRESS, CSV, `/api/v1/summary?election=${ELECTION}`];

let store: SqliteStore;
/** Date.now while the tests run (see beforeAll). */
let clock = 0;
const apps: FastifyInstance[] = [];
/** Port with the fast path, port without. */
let on = 0;
let off = 0;
/** The ETags a client may hold: each hot read's plain and gzip tags. */
const tags: string[] = [];

/** Answers cut by a connection reset. */
const resets = new WeakSet<Buffer>();

/** Bytes written as `chunks` (each its own write), then a half-close; all bytes until close. */
function exchange(port: number, chunks: readonly (string | Buffer)[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const got: Buffer[] = [];
    const s = connect(port, '127.0.0.1');
    const guard = setTimeout(() => s.destroy(new Error('no close within 20 s')), 20_000);
    s.on('data', (d: Buffer) => got.push(d));
    s.on('error', (e) => {
      clearTimeout(guard);
      // a reset after the answers (Node's 400 path) still leaves what was answered, marked: the
      // kernel may drop unread answers on a reset, so only a prefix of them is known
      if ((e as NodeJS.ErrnoException).code === 'ECONNRESET') {
        const cut = Buffer.concat(got);
        resets.add(cut);
        resolve(cut);
      } else reject(e);
    });
    s.on('close', () => {
      clearTimeout(guard);
      resolve(Buffer.concat(got));
    });
    s.on('connect', async () => {
      for (const c of chunks) {
        s.write(c);
        // a separate TCP write each (the server may see them in one read or several)
        if (chunks.length > 1) await new Promise((r) => setTimeout(r, 2));
      }
      s.end();
    });
  });
}

/** The answer without its Date header (the only bytes that may differ by when it is sent). */
const dateless = (b: Buffer): string => b.toString('latin1').replace(/\r\nDate: [^\r\n]*/g, '');

/** The same bytes to the server with the fast path and to the one without: the same answer. */
async function same(
  chunks: readonly (string | Buffer)[],
  view: (b: Buffer) => string = dateless,
): Promise<string> {
  const ra = await exchange(on, chunks);
  const rb = await exchange(off, chunks);
  let [a, b] = [view(ra), view(rb)];
  // after a reset (a race under load), what was received is compared as far as both got
  if (resets.has(ra) || resets.has(rb)) [a, b] = [a.slice(0, b.length), b.slice(0, a.length)];
  expect(a, JSON.stringify(chunks.map(String))).toBe(b);
  return a;
}

/** Listens on a free local port and returns it. */
async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

const get = (path: string, ...headers: string[]): string =>
  [`GET ${path} HTTP/1.1`, 'Host: x', ...headers, '', ''].join('\r\n');

beforeAll(async () => {
  store = await storeWithElection(ELECTION);
  for (const rawHotPath of [true, false]) {
    const app = await buildApi({ store, tokenHash: hashToken(TOKEN), rawHotPath });
    apps.push(app);
  }
  // 40 mesas: the national body is over the compression threshold (gzip, Vary)
  const mesas = Array.from({ length: 40 }, (_, i) => row(String(i + 1).padStart(6, '0'), 20 + i));
  await uploadCsv(apps[0] as FastifyInstance, ELECTION, TOKEN, csv(...mesas));
  [on, off] = (await Promise.all(apps.map(listen))) as [number, number];
  // each server's cache filled and each URL remembered, then every tag a client may hold
  for (const path of HOT)
    for (const enc of [[], ['Accept-Encoding: gzip']])
      for (const port of [on, off]) {
        await exchange(port, [get(path, ...enc)]);
        const text = (await exchange(port, [get(path, ...enc)])).toString('latin1');
        const tag = /\r\netag: ([^\r\n]*)/i.exec(text)?.[1];
        if (tag !== undefined && !tags.includes(tag)) tags.push(tag);
      }
  expect(tags.length).toBeGreaterThanOrEqual(HOT.length + 1);
  // The store's revision stays checked (REVISION_TTL_MS) while the clock stands still: then both
  // servers answer every cached read from the same hot decisions, and the framework's answers
  // (asynchronous) do not race Node's 400 for a malformed request pipelined after them.
  clock = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => clock);
  for (const port of [on, off]) await exchange(port, [get('/api/v1/elections')]);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all(apps.map((a) => a.close()));
  await store.close();
});

describe('the raw fast path answers as Node does', () => {
  it('hot reads in each encoding, and each If-None-Match', async () => {
    for (const path of HOT) {
      for (const enc of [
        [],
        ['Accept-Encoding: gzip'],
        ['Accept-Encoding: gzip, deflate, br'],
        ['Accept-Encoding: identity'],
        ['Accept-Encoding: br;q=1.0, gzip;q=0'],
        ['Accept-Encoding:'],
        ['accept-encoding:   gzip  '],
        ['Accept-Encoding: gzip', 'Accept-Encoding: br'],
      ])
        await same([get(path, ...enc)]);
      for (const tag of [...tags, '"nope"', '*', `W/${tags[0]}`, `"x", ${tags[1]}`])
        for (const enc of [[], ['Accept-Encoding: gzip']])
          await same([get(path, `If-None-Match: ${tag}`, ...enc)]);
    }
    // a 200 and a 304 really came from the cache (the comparison is not of two errors)
    expect(await same([get(NATIONAL)])).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(await same([get(NATIONAL, `If-None-Match: ${tags[0]}`)])).toMatch(/^HTTP\/1\.1 304 /);
  });

  it('a read after the revision is due for a check: the fast path checks it, then answers', async () => {
    clock += REVISION_TTL_MS + 1;
    const a = await same([get(NATIONAL, 'Accept-Encoding: gzip')]);
    expect(a).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    clock += REVISION_TTL_MS + 1;
    await same([get(NATIONAL) + get(PROGRESS) + get(CSV)]);
    // the 304s too: the framework's cached-read hook sends the hot paths' headers, in their order
    clock += REVISION_TTL_MS + 1;
    const gz = `${(tags[0] as string).slice(0, -1)}-gz"`;
    const notModified = await same([
      get(NATIONAL, `If-None-Match: ${tags[0]}`) +
        get(NATIONAL, 'Accept-Encoding: gzip', `If-None-Match: ${gz}`),
    ]);
    expect(notModified.match(/HTTP\/1\.1 304 /g)).toHaveLength(2);
    // a fresh check again for what follows
    for (const port of [on, off]) await exchange(port, [get('/api/v1/elections')]);
  });

  it('misses, other methods and versions, kept-alive and pipelined requests', async () => {
    const cases: (string | Buffer)[][] = [
      [get('/api/v1/nowhere')],
      [get(`${NATIONAL}&x=2`)],
      [get('/api/v1/elections')],
      [`HEAD ${NATIONAL} HTTP/1.1\r\nHost: x\r\n\r\n`],
      [`POST ${NATIONAL} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello`],
      [
        `POST /api/v1/imports?election=${ELECTION}&name=a.csv HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 3\r\n\r\na,b`,
      ],
      [`GET ${NATIONAL} HTTP/1.0\r\nHost: x\r\n\r\n`],
      [`GET ${NATIONAL} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`],
      [`GET ${NATIONAL} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`],
      [`get ${NATIONAL} HTTP/1.1\r\nHost: x\r\n\r\n`],
      [`GET http://x${NATIONAL} HTTP/1.1\r\nHost: x\r\n\r\n`],
      // two on one kept-alive connection, each in its own write
      [get(NATIONAL), get(PROGRESS, 'Accept-Encoding: gzip')],
      // pipelined in one write: hot then hot, hot then miss, miss then hot, hot then partial
      [get(NATIONAL) + get(CSV)],
      [get(NATIONAL) + get('/api/v1/nowhere')],
      [get('/api/v1/nowhere') + get(NATIONAL)],
      [get(NATIONAL) + `GET ${PROGRESS} HTTP/1.1\r\nHo`, 'st: x\r\n\r\n'],
      [get(NATIONAL) + `POST ${NATIONAL} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab`],
      // byte by byte, each byte its own write
      [...get(NATIONAL, 'Accept-Encoding: gzip')].map((c) => Buffer.from(c, 'latin1')),
      [],
    ];
    for (const c of cases) await same(c);
  });

  it('odd and hostile heads go to Node, which answers them as it always did', async () => {
    /** The head's length (without its CRLFCRLF) less the pad's value. */
    const padded = get(NATIONAL, 'X-Pad: ').length - 4;
    const long = 'a'.repeat(9 * 1024);
    const huge = 'a'.repeat(20 * 1024);
    for (const c of [
      get(NATIONAL, `X-Long: ${long}`),
      get(NATIONAL, `X-Huge: ${huge}`),
      get(NATIONAL, 'X-Folded: a', ' b'),
      get(NATIONAL, 'X-Folded: a', '\tb'),
      [`GET ${NATIONAL} HTTP/1.1`, 'Host: x', 'Host: y', '', ''].join('\r\n'),
      [`GET ${NATIONAL} HTTP/1.1`, 'X: y', '', ''].join('\r\n'),
      `GET ${NATIONAL} HTTP/1.1\nHost: x\n\n`,
      `GET ${NATIONAL} HTTP/1.1\r\nHost: x\nX: y\r\n\r\n`,
      `GET ${NATIONAL} HTTP/1.1\r\nHost: x\rX: y\r\n\r\n`,
      `GET ${NATIONAL} HTTP/1.1\r\nHost: x\r\nX: a\0b\r\n\r\n`,
      `GET ${NATIONAL} HTTP/1.1\r\nHost: x\r\nX: caf\xe9\r\n\r\n`,
      `GET ${NATIONAL} HTTP/1.1\r\nHost: x\r\nX : y\r\n\r\n`,
      `GET ${NATIONAL} HTTP/1.1\r\nHost: x\r\n: y\r\n\r\n`,
      `GET  ${NATIONAL} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET ${NATIONAL} HTTP/1.1 \r\nHost: x\r\n\r\n`,
      // request smuggling attempts: a body on a GET, by length, by chunks, both, or hidden
      get(NATIONAL, 'Content-Length: 0'),
      get(NATIONAL, 'Content-Length: 4') + 'GET ',
      get(NATIONAL, 'Transfer-Encoding: chunked') + '0\r\n\r\n' + get(PROGRESS),
      get(NATIONAL, 'Transfer-Encoding: chunked', 'Content-Length: 3') + '0\r\n\r\n',
      get(NATIONAL, 'Content-Length: 3', 'Content-Length: 4') + 'abcd',
      get(NATIONAL, 'Transfer-Encoding : chunked') + '0\r\n\r\n',
      get(NATIONAL, 'Transfer-Encoding: chunked', ' identity') + '0\r\n\r\n',
      get(NATIONAL, 'transfer-encoding: xchunked') + '0\r\n\r\n',
      get(NATIONAL, 'Expect: 100-continue'),
      get(NATIONAL, 'Upgrade: h2c', 'Connection: Upgrade, HTTP2-Settings', 'HTTP2-Settings: AA'),
      get(NATIONAL, 'Connection: keep-alive, close'),
      Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00]),
      'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
      '\r\n' + get(NATIONAL),
    ])
      await same([c]);
    // reviewed (ADR 014, security review): empty Host, whitespace-only value, CRLF between
    // pipelined requests, encoded and dot-segment targets, headers Node ignores; each twice (the
    // first answer remembers a URL the framework answers, the second may be the fast path's)
    for (const c of [
      get(NATIONAL, 'Host:').replace('Host: x\r\n', ''),
      get(NATIONAL, 'X: \t'),
      get(NATIONAL) + '\r\n',
      get(NATIONAL) + '\r\n' + get(PROGRESS),
      get(NATIONAL.replace('results', 'result%73')),
      get(NATIONAL.replace('/v1/', '/v1/../v1/')),
      get(NATIONAL, 'Keep-Alive: timeout=1', 'TE: trailers'),
      get(NATIONAL, 'Connection:'),
      get(NATIONAL, 'Connection: keep-alive', 'Connection: close'),
      // heads at the 8 KiB limit, and pipelines whose answers fill the socket (backpressure)
      ...[-1, 0, 1].map((d) => get(NATIONAL, `X-Pad: ${'a'.repeat(MAX_RAW_HEAD + d - padded)}`)),
      get(NATIONAL).repeat(300),
      get(NATIONAL, `If-None-Match: ${tags[0]}`).repeat(500),
      get(NATIONAL).repeat(100) + get('/api/v1/nowhere') + get(PROGRESS).repeat(50),
    ])
      for (let i = 0; i < 2; i++) await same([c]);
  });
});

/** Sets `props` on both servers' node:http objects for `run`, then puts the old values back. */
async function withServers(
  props: Record<string, unknown>,
  run: () => Promise<void>,
): Promise<void> {
  const servers = apps.map((a) => a.server as unknown as Record<string, unknown>);
  const old = servers.map((s) => Object.fromEntries(Object.keys(props).map((k) => [k, s[k]])));
  servers.forEach((s) => Object.assign(s, props));
  try {
    await run();
  } finally {
    servers.forEach((s, i) => Object.assign(s, old[i]));
  }
}

/** Header lines past Node's default maxHeadersCount (it reads the first 1000 fields only). */
const FILLER = Array.from({ length: 1000 }, () => 'X:');

describe('security review (ADR 014): what Node reads, the fast path reads', () => {
  it('a field past the maxHeadersCount Node reads is not read by the fast path either', async () => {
    for (const c of [
      get(NATIONAL, ...FILLER, `If-None-Match: ${tags[0]}`),
      get(NATIONAL, ...FILLER, 'Accept-Encoding: gzip'),
      [`GET ${NATIONAL} HTTP/1.1`, ...FILLER, 'Host: x', '', ''].join('\r\n'),
    ])
      await same([c]);
    // the head is whole and small enough (not a size hand-over): Node answers 200 past the limit
    expect(await same([get(NATIONAL, ...FILLER, `If-None-Match: ${tags[0]}`)])).toMatch(
      /^HTTP\/1\.1 200 /,
    );
    await withServers({ maxHeadersCount: 2 }, async () => {
      await same([get(NATIONAL, 'X: 1', `If-None-Match: ${tags[0]}`)]);
      await same([[`GET ${NATIONAL} HTTP/1.1`, 'X: 1', 'Y: 2', 'Host: x', '', ''].join('\r\n')]);
    });
  });

  it('Proxy-Connection is read as Connection, as llhttp reads it', async () => {
    for (const value of ['close', 'Close', 'keep-alive', 'upgrade']) {
      const a = await same([get(NATIONAL, `Proxy-Connection: ${value}`)]);
      expect(a).toMatch(/^HTTP\/1\.1 200 /);
    }
    // and what follows it on the connection
    expect(await same([get(NATIONAL, 'Proxy-Connection: close') + get(PROGRESS)])).toMatch(
      /^HTTP\/1\.1 200 [^]*\r\nConnection: close\r\n/,
    );
  });

  it("a head over the server's maxHeaderSize gets Node's 431, not a hot answer", async () => {
    await withServers({ maxHeaderSize: 1024 }, async () => {
      const a = await same([get(NATIONAL, `X-Pad: ${'a'.repeat(1500)}`)]);
      expect(a).toMatch(/^HTTP\/1\.1 431 /);
      await same([get(NATIONAL, `X-Pad: ${'a'.repeat(900)}`)]);
    });
  });

  it('closeIdleConnections and closeAllConnections close the connections it holds as Node does', async () => {
    /** Whether each server destroyed its end of a connection at once (fast path on, off). */
    const closes = (close: 'closeIdleConnections' | 'closeAllConnections', request: boolean) =>
      Promise.all(
        apps.map(async (app, i) => {
          const accepted = new Promise<Socket>((r) => app.server.once('connection', r));
          const client = connect([on, off][i] as number, '127.0.0.1');
          const socket = await accepted;
          if (request) {
            const answered = new Promise((r) => client.once('data', r));
            client.write(get(PROGRESS));
            await answered;
          }
          app.server[close]();
          const gone = socket.destroyed;
          client.destroy();
          return gone;
        }),
      );
    // kept alive after an answer: idle, closed by both; a connection that said nothing: not idle
    expect(await closes('closeIdleConnections', true)).toEqual([true, true]);
    expect(await closes('closeAllConnections', true)).toEqual([true, true]);
    expect(await closes('closeIdleConnections', false)).toEqual([false, false]);
    expect(await closes('closeAllConnections', false)).toEqual([true, true]);
  });
});

/** Bytes written, no half-close: all bytes until the server closes the connection. */
function held(port: number, chunks: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const got: Buffer[] = [];
    const s = connect(port, '127.0.0.1', () => chunks.forEach((c) => s.write(c)));
    const guard = setTimeout(() => s.destroy(new Error('not closed within 20 s')), 20_000);
    s.on('data', (d: Buffer) => got.push(d));
    s.on('error', reject);
    s.on('close', () => {
      clearTimeout(guard);
      resolve(dateless(Buffer.concat(got)));
    });
  });
}

describe('timeouts: the fast path closes what Node closes, as Node does', () => {
  const short: FastifyInstance[] = [];
  const ports: number[] = [];
  beforeAll(async () => {
    for (const rawHotPath of [true, false]) {
      const app = await buildApi({
        store,
        tokenHash: null,
        rawHotPath,
        limits: { headersTimeoutMs: 200, requestTimeoutMs: 400, idleTimeoutMs: 300 },
      });
      const port = await listen(app);
      short.push(app);
      ports.push(port);
      for (let i = 0; i < 2; i++) await exchange(port, [get(NATIONAL)]);
    }
  });
  afterAll(async () => Promise.all(short.map((a) => a.close())));

  it('a connection that says nothing gets the 408, a kept-alive one is closed, a partial head too', async () => {
    for (const chunks of [[], [get(NATIONAL)], [get(NATIONAL), `GET ${NATIONAL} HTTP/1.1\r\nHo`]]) {
      const [a, b] = await Promise.all(ports.map((p) => held(p, chunks)));
      expect(a, JSON.stringify(chunks)).toBe(b);
    }
    expect(await held(ports[0] as number, [])).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a request sent in time is answered, not 408, when the server was held past the limit', async () => {
    // a live replay: a cold count-course held the event loop 14 s; a phone's request that had
    // arrived meanwhile got the 408, its timer run before its bytes were read (review 22)
    const late = (port: number): Promise<string> =>
      new Promise((resolve, reject) => {
        const got: Buffer[] = [];
        const s = connect(port, '127.0.0.1', () => {
          // accepted by the server (its timers set), then the request, then the loop held three
          // times the headers timeout (Atomics.wait: Date.now stands still in this file) outside
          // the timers' phase, so that the next turn of the loop runs the due timers first
          setTimeout(
            () =>
              setImmediate(() => {
                s.write(get(NATIONAL));
                Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600);
              }),
            50,
          );
        });
        // the status line of the first answer is the verdict
        s.on('data', (d: Buffer) => {
          got.push(d);
          const text = Buffer.concat(got).toString('latin1');
          if (text.includes('\r\n')) {
            s.destroy();
            resolve(text.slice(0, text.indexOf('\r\n')));
          }
        });
        s.on('error', reject);
        s.on('close', () => resolve('closed without an answer'));
      });
    // with the fast path and without (Node's own connections check)
    const verdicts: string[] = [];
    for (const port of ports) verdicts.push(await late(port));
    expect(verdicts).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
  });

  it('a kept-alive connection asked again within the timeout stays open, as long as it keeps asking', async () => {
    // the idle timeout (300 ms + Node's 1 s) runs from the last exchange, not from the first:
    // four reads 600 ms apart span 1.8 s, and the connection closes only once idle after the last
    const spaced = (port: number): Promise<string> =>
      new Promise((resolve, reject) => {
        const got: Buffer[] = [];
        const s = connect(port, '127.0.0.1');
        let sent = 0;
        const send = (): void => {
          s.write(get(NATIONAL));
          if (++sent < 4) setTimeout(send, 600);
        };
        s.on('connect', send);
        s.on('data', (d: Buffer) => got.push(d));
        s.on('error', reject);
        s.on('close', () => resolve(`${sent} sent; ${answers(Buffer.concat(got))} answered`));
      });
    const [a, b] = await Promise.all(ports.map((p) => spaced(p)));
    expect(a).toBe('4 sent; 4 answered');
    expect(b).toBe(a);
  });
});

describe('timeouts: a request head read after the verdict waited', () => {
  // the reader's probe of review 23: the headers timeout (1 s) passes while the loop is held
  // (1.7 s), the request timeout (3 s) does not
  const apps: FastifyInstance[] = [];
  const ports: number[] = [];
  beforeAll(async () => {
    for (const rawHotPath of [true, false]) {
      const app = await buildApi({
        store,
        tokenHash: null,
        rawHotPath,
        limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 3_000, idleTimeoutMs: 300 },
      });
      ports.push(await listen(app));
      apps.push(app);
    }
  });
  afterAll(async () => Promise.all(apps.map((a) => a.close())));

  it('a head completed while the verdict waited, its body never sent, is still closed in time', async () => {
    // the 408 skipped because a whole head arrived in that turn: Node no longer times the
    // connection, so a client that never sends the body it announced held it open for ever
    // (review 23 M1, a slowloris the held loop lets in); the request timeout (3 s) still ends it
    const starved = (port: number): Promise<string> =>
      new Promise((resolve, reject) => {
        const got: Buffer[] = [];
        const s = connect(port, '127.0.0.1', () => {
          setTimeout(
            () =>
              setImmediate(() => {
                s.write(
                  'POST /api/v1/what-if HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n',
                );
                Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_700);
              }),
            50,
          );
        });
        // four times the request timeout: a connection still open then is held for ever
        const open = setTimeout(() => {
          s.destroy();
          resolve('still open');
        }, 12_000);
        s.on('data', (d: Buffer) => got.push(d));
        s.on('error', reject);
        s.on('close', () => {
          clearTimeout(open);
          const text = Buffer.concat(got).toString('latin1');
          resolve(text === '' ? 'closed' : `closed after ${text.slice(0, text.indexOf('\r\n'))}`);
        });
      });
    const verdicts: string[] = [];
    for (const port of ports) verdicts.push(await starved(port));
    for (const v of verdicts) expect(v).toMatch(/^closed/);
  });
});

/** Pieces of request heads: the recognised language and its near misses. */
const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'get', 'GET ');
const path = fc.constantFrom(...HOT, '/api/v1/nowhere', `${NATIONAL}&x=1`, '*', 'http://x/');
const version = fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/1.2');
const value = fc.oneof(
  fc.constantFrom('gzip', 'identity', 'gzip;q=0', 'keep-alive', 'close', 'chunked', '0', ''),
  fc.string({ unit: fc.constantFrom('a', ' ', '\t', ',', '"', ';', '=', 'é', '\0', '\r', '\n') }),
);
const header = fc.oneof(
  fc.constant('Host: x'),
  fc.constant('Host: x'),
  fc
    .tuple(
      fc.constantFrom(
        'Host',
        'Accept-Encoding',
        'If-None-Match',
        'Connection',
        'Proxy-Connection',
        'Content-Length',
        'Transfer-Encoding',
        'Expect',
        'Upgrade',
        'User-Agent',
        'X-Y',
        'Bad Name',
        ' Folded',
        '',
      ),
      fc.constantFrom(':', ': ', ' :', ':\t'),
      value,
    )
    .map(([n, sep, v]) => `${n}${sep}${v}`),
  fc.constantFrom(0, 1, 2, 3).map((i) => `If-None-Match: ${tags[i] ?? '"?"'}`),
);
const head = fc
  .tuple(method, path, version, fc.array(header, { maxLength: 6 }), fc.constantFrom('\r\n', '\n'))
  .map(([m, p, v, hs, eol]) => [`${m} ${p} ${v}`, ...hs, '', ''].join(eol));

/** How many answers a byte stream holds (status lines; bodies here are JSON, never one). */
const answers = (b: Buffer): number =>
  b.toString('latin1').match(/HTTP\/1\.1 \d{3} /g)?.length ?? 0;

// The property below found it (seed -2137793155): after a hot read, a GET whose Transfer-Encoding
// is gzip was answered 200 and then, at the end of its unknowable body, 400 — two answers.
describe('a Transfer-Encoding that is not chunked (RFC 9112 §6.3)', () => {
  it('is one 400, and the connection closes, on either server', async () => {
    const h = `GET ${NATIONAL} HTTP/1.1\r\nTransfer-Encoding:gzip\r\nHost: x\r\n\r\n`;
    for (const port of [on, off]) {
      const text = (await exchange(port, [get(NATIONAL) + h])).toString('latin1');
      expect(text.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 400']);
    }
  });
});

// The property below found it (seed 1140101114, the official CI run of 2026-12-02): after a hot
// read, a GET with a chunked body that never came was answered 200, and at the end of the stream
// Node's 400 followed it, a third answer to two requests.
describe('a chunked body that never comes, after a hot read', () => {
  it('is answered once (its own answer), never a third time, on either server', async () => {
    const h = `GET ${NATIONAL} HTTP/1.1\r\nTransfer-Encoding:chunked\r\nHost: x\r\n\r\n`;
    for (let i = 0; i < 40; i++)
      for (const port of [on, off]) {
        const text = (await exchange(port, [get(NATIONAL) + h])).toString('latin1');
        const statuses = text.match(/HTTP\/1\.1 \d{3}/g) ?? [];
        // its own answer is 200 (sent before the body) or, if the stream ended first, the 400
        expect(statuses.length, `${port === on ? 'on' : 'off'}, try ${i}`).toBeLessThanOrEqual(2);
        expect(statuses[0]).toBe('HTTP/1.1 200');
      }
  });
});

describe('a property: fast path on or off, the same answer', () => {
  it('for generated request heads, alone, pipelined after a hot read, or split', async () => {
    await fc.assert(
      fc.asyncProperty(head, fc.constantFrom('alone', 'after', 'split'), async (h, how) => {
        const chunks =
          how === 'alone'
            ? [h]
            : how === 'after'
              ? [get(NATIONAL) + h]
              : [h.slice(0, h.length >> 1), h.slice(h.length >> 1)];
        // a Transfer-Encoding llhttp refuses after the head: whether Node began the bad request's
        // own answer first is timing, on either server; neither may answer more than was asked
        if (how === 'after' && /transfer-encoding/i.test(h))
          for (const port of [on, off])
            expect(answers(await exchange(port, chunks)), h).toBeLessThanOrEqual(2);
        else await same(chunks);
      }),
      { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 150) },
    );
  });
});

describe('the hand-over to Node loses, repeats and reinterprets no byte', () => {
  it('for a hot read then a generated head, or hot reads then a read, cut at any byte', async () => {
    const stream = fc.oneof(
      fc.tuple(fc.constantFrom(...HOT), head).map(([a, h]) => get(a) + h),
      fc
        .tuple(fc.constantFrom(...HOT), fc.constantFrom(...HOT), path)
        .map(([a, b, c]) => get(a) + get(b, 'Accept-Encoding: gzip') + get(c)),
    );
    await fc.assert(
      fc.asyncProperty(stream, fc.nat(), async (bytes, cut) => {
        const at = cut % (bytes.length + 1);
        await same([bytes.slice(0, at), bytes.slice(at)]);
      }),
      { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 60) },
    );
  });

  it("two hot reads then a malformed head: both answered in order, then Node's 400", async () => {
    const bad = `GET ${NATIONAL} HTTP/1.1\r\nHost:\r\r\n\r\n`;
    const statuses = async (port: number): Promise<string[]> =>
      (await exchange(port, [get(NATIONAL) + get(PROGRESS) + bad]))
        .toString('latin1')
        .match(/HTTP\/1\.1 \d{3}/g) ?? [];
    // without the fast path Node's answers are still owed when the head fails: clientErrorHandler
    // writes its 400 after them, not in the second one's place (it did before: 200, 400)
    expect(await statuses(on)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 400']);
    expect(await statuses(off)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 400']);
  });

  it('a client that resets while its pipelined answers are written leaves the server answering', async () => {
    for (const port of [on, off]) {
      await new Promise<void>((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () => {
          s.write(get(NATIONAL).repeat(200));
          s.once('data', () => {
            s.resetAndDestroy();
            resolve();
          });
        });
        s.on('error', reject);
      });
    }
    expect(await same([get(NATIONAL)])).toMatch(/^HTTP\/1\.1 200 /);
  });
});

describe('recogniseHead', () => {
  it('accepts the small language and nothing past it', () => {
    expect(
      recogniseHead(
        `GET /a?b HTTP/1.1\r\nHost: x\r\nAccept-Encoding:  gzip \r\nConnection: Keep-Alive`,
      ),
    ).toEqual({ url: '/a?b', headers: { 'accept-encoding': 'gzip' } });
    for (const h of [
      'GET /a HTTP/1.1',
      'GET /a HTTP/1.1\r\nHost: x\r\nhost: y',
      'GET /a HTTP/1.0\r\nHost: x',
      'HEAD /a HTTP/1.1\r\nHost: x',
      'GET a HTTP/1.1\r\nHost: x',
      'GET /a HTTP/1.1\r\nHost: x\r\n b',
      'GET /a HTTP/1.1\r\nHost: x\nX: y',
      'GET /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0',
      'GET /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked',
      'GET /a HTTP/1.1\r\nHost: x\r\nConnection: close',
      'GET /a HTTP/1.1\r\nHost: x\r\nProxy-Connection: close',
      'GET /a HTTP/1.1\r\nHost: x\r\nIf-None-Match: "a"\r\nIf-None-Match: "b"',
      'GET /a HTTP/1.1\r\nHost: x\r\nX: \x7f',
    ])
      expect(recogniseHead(h), JSON.stringify(h)).toBeUndefined();
    // no more fields than the server's parser reads
    const fields = (n: number): string =>
      ['GET /a HTTP/1.1', 'Host: x', ...Array(n - 1).fill('X:')].join('\r\n');
    expect(recogniseHead(fields(100))).toBeDefined();
    expect(recogniseHead(fields(101))).toBeUndefined();
    expect(recogniseHead(fields(3), 2)).toBeUndefined();
  });
});
