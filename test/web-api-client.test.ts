// The dashboard draws a cut from memory (web/api-client.ts drawPinned): only the draw's own reader
// serves the cut; a read made meanwhile through `api` (a user's drill, a poll) is the server's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { absentStatus, api, drawPinned, readAll, Unread } from '../web/api-client.js';
import { UNREAD } from '../web/cut.js';

const ID = 'e';
const doc = (revision: string, code: string) => ({ election: ID, revision, units: [{ code }] });

/** The server's documents now (at revision 2), and every path it was asked for. */
let asked: string[];
beforeEach(() => {
  asked = [];
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(url);
    const code = /results\/department\/(\d+)/.exec(url)?.[1] ?? 'PE';
    return new Response(JSON.stringify(doc('2', code)), { status: 200 });
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('drawPinned', () => {
  const national = PATHS.results(ID, 'national');
  const cut = new Map<string, unknown>([[national, doc('1', 'PE')]]);

  it("the draw's reader serves the cut from memory; one read of it not in the cut is a stray", async () => {
    const { drawn, strays } = await drawPinned(cut, async (reader) => {
      const n = await reader.results(ID, 'national');
      const unit = await reader.unit(ID, 'department', '01');
      return [n.revision, unit?.revision];
    });
    expect(drawn).toEqual(['1', '2']);
    expect(strays).toEqual([PATHS.unit(ID, 'department', '01')]);
  });

  it('a read through `api` while a cut draws goes to the server and is no stray', async () => {
    let release = (): void => {};
    const held = new Promise<void>((r) => (release = r));
    const drawing = drawPinned(cut, async (reader) => {
      await held;
      return (await reader.results(ID, 'national')).revision;
    });
    // a poll and a user's drill while the draw waits: the server's newer revision, both
    const [polled, drilled] = await Promise.all([
      api.results(ID, 'national'),
      api.unit(ID, 'department', '05'),
    ]);
    release();
    const { drawn, strays } = await drawing;
    expect(polled.revision).toBe('2');
    expect(drilled?.units[0]?.code).toBe('05');
    expect(drawn).toBe('1');
    expect(strays).toEqual([]);
    expect(asked.sort()).toEqual(
      [national, PATHS.unit(ID, 'department', '05')].map((p) => p.slice(1)).sort(),
    );
  });

  it('readAll reads the server even while a cut draws', async () => {
    const { drawn } = await drawPinned(cut, () => readAll([national]));
    expect(drawn.get(national)).toEqual(doc('2', 'PE'));
  });
});

describe('readAll', () => {
  // a static host's 403 for a file it lacks is that document absent, not the whole cut held
  // (review 23 M2: one such document kept every new cut from being drawn)
  it("an absent document (404, a static host's 403, 410) is null; a failed read (408, 429, 503, a body cut short, no answer) is UNREAD", async () => {
    const answers: Record<string, () => Response> = {
      '404': () => new Response('{"error":"unknown_ubigeo"}', { status: 404 }),
      '403': () => new Response('<Error>AccessDenied</Error>', { status: 403 }),
      '410': () => new Response('', { status: 410 }),
      '429': () => new Response('', { status: 429 }),
      '408': () => new Response('{"error":"invalid_query"}', { status: 408 }),
      '503': () => new Response('{"error":"server_busy"}', { status: 503 }),
      cut: () => new Response('{"election":', { status: 200 }),
    };
    vi.stubGlobal('fetch', async (url: string) => {
      const answer = answers[url.split('/').at(-1) ?? ''];
      if (answer === undefined) throw new TypeError('Failed to fetch');
      return answer();
    });
    const docs = await readAll([
      'a/404',
      'a/403',
      'a/410',
      'a/408',
      'a/429',
      'a/503',
      'a/cut',
      'a/none',
    ]);
    expect([...docs.values()]).toEqual([null, null, null, UNREAD, UNREAD, UNREAD, UNREAD, UNREAD]);
  });
});

describe("a user's drill reads (api.unit, children, mesas)", () => {
  // a failed read is no absent unit: the drill says "could not read" with a retry, never draws
  // the unit as having no data (an absent one, a 404, is null as before)
  it('an absent document is null; a failed read (408, 429, 503, a body cut short, no answer) throws Unread', async () => {
    const answers: Record<string, () => Response> = {
      '404': () => new Response('{"error":"unknown_ubigeo"}', { status: 404 }),
      '403': () => new Response('<Error>AccessDenied</Error>', { status: 403 }),
      '408': () => new Response('', { status: 408 }),
      '429': () => new Response('', { status: 429 }),
      '503': () => new Response('{"error":"server_busy"}', { status: 503 }),
      cut: () => new Response('{"election":', { status: 200 }),
    };
    vi.stubGlobal('fetch', async (url: string) => {
      const answer = answers[/\/(\w+)(?:\/children)?\.json$/.exec(url)?.[1] ?? ''];
      if (answer === undefined) throw new TypeError('Failed to fetch');
      return answer();
    });
    const outcome = (p: Promise<unknown>): Promise<unknown> =>
      p.then(
        (d) => d,
        (e: unknown) => (e instanceof Unread ? `unread ${e.status ?? 'none'}` : e),
      );
    const codes = ['404', '403', '408', '429', '503', 'cut', 'none'];
    expect(await Promise.all(codes.map((c) => outcome(api.unit(ID, 'district', c))))).toEqual([
      null,
      null,
      'unread 408',
      'unread 429',
      'unread 503',
      'unread none',
      'unread none',
    ]);
    expect(await outcome(api.children(ID, 'province', '503'))).toBe('unread 503');
    expect(await outcome(api.mesas(ID, '404'))).toBeNull();
    expect(await outcome(api.mesas(ID, '503'))).toBe('unread 503');
  });
});

describe("a user's read (tryGetRead): absent or failed, by the host's kind", () => {
  /** The host answers its site document as `kind`, and every other path with `status`. */
  const host = (kind: 'server' | 'static', status: number): void => {
    vi.stubGlobal('fetch', async (url: string) =>
      url.endsWith('site.json')
        ? new Response(JSON.stringify({ kind, whatIf: kind === 'server' }), { status: 200 })
        : new Response('{"error":"x","issues":[]}', { status }),
    );
  };
  const read = () => api.unit(ID, 'department', '01');

  it('on the API a 400, 401 or 403 is a read that failed (Unread), only a 404 or 410 absent', async () => {
    for (const status of [400, 401, 403]) {
      host('server', status);
      await api.site();
      await expect(read()).rejects.toBeInstanceOf(Unread);
    }
    for (const status of [404, 410]) {
      host('server', status);
      await expect(read()).resolves.toBeNull();
    }
  });

  it("on a static host a 403 is the file absent (object storage's answer), a 401 a failed read", async () => {
    host('static', 403);
    await api.site();
    await expect(read()).resolves.toBeNull();
    host('static', 401);
    await expect(read()).rejects.toBeInstanceOf(Unread);
  });

  it('the rule: 404 and 410 absent anywhere; 403 unless the host is known to be the API', () => {
    expect([404, 410, 403, 401, 400].map((s) => absentStatus(s, 'server'))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([403, 401].map((s) => absentStatus(s, 'static'))).toEqual([true, false]);
    expect(absentStatus(403, null)).toBe(true);
  });
});
