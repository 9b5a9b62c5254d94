// A rehearsal's slices carry cuts (`cifra replay`): each replayed import is cut by the replay
// itself as it takes the slice, on the replay's own clock, so a rehearsal exercises the cut and
// freshness a real night shows. The status's `rehearsal` says whose cut it is, and the CLI says
// "rehearsal's cut", never the source's.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replay } from '../src/projection/replay.js';
import { bundledElection } from '../src/elections/manifests.js';
import { getSummary } from '../src/results/summary.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, tenActasFile, tempDir } from './helpers.js';

const dir = tempDir('cifra-replay-cuts-');

/** A clock one minute further on at each reading, from 21:00 UTC. */
function ticking(): () => string {
  let minute = 0;
  return () => new Date(Date.UTC(2026, 11, 4, 21, minute++)).toISOString();
}

describe('replay(store, o): each slice is cut on the replay clock', () => {
  const store = new SqliteStore(join(dir, 'r.db'));
  afterAll(() => store.close());

  it('the universe and every step carry a cut, the instant the replay took the slice, in order', async () => {
    await store.migrate();
    const election = bundledElection('pe-2021-presidencial');
    if (election === null) throw new Error('election');
    const r = await replay(store, {
      ...{ file: tenActasFile(dir), election, target: 'rehearsal', order: 'random', seed: 1 },
      ...{ steps: 3, until: 0.7, speed: 0, sims: 20, now: ticking() },
      sleep: () => Promise.resolve(),
    });
    expect(r.ok).toBe(true);
    const imports = (await store.listImports('rehearsal')).filter((i) => i.format === 'replay');
    expect(imports.map((i) => i.fileName.replace(/^replay \S+ /, ''))).toEqual([
      'universe',
      'step 1/3',
      'step 2/3',
    ]);
    // each cut is its import's start on the replay's clock: before it finished, after the last
    for (const i of imports) expect(i.cut).toBe(i.startedAt);
    const cuts = imports.map((i) => Date.parse(i.cut ?? ''));
    expect(cuts.every((c, k) => k === 0 || c > (cuts[k - 1] ?? Infinity))).toBe(true);
    for (const [k, i] of imports.entries()) {
      expect(Date.parse(i.cut ?? '')).toBeLessThan(Date.parse(i.finishedAt ?? ''));
      const before = imports[k - 1]?.finishedAt;
      if (before) expect(Date.parse(i.cut ?? '')).toBeGreaterThan(Date.parse(before));
    }
    // a count under way (70 %): the figures' cut is the last slice's, named by its import, and
    // the status says it is a rehearsal (a complete one says its release's date, as before)
    const s = await getSummary(store, 'rehearsal');
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    const last = imports.at(-1);
    expect(s.value.status).toMatchObject({ cut: last?.cut, cutImport: last?.id });
    expect(s.value.status.rehearsal).toEqual({
      of: 'pe-2021-presidencial',
      order: 'random',
      seed: 1,
    });
  });
});

describe('cifra replay, then cifra results and cifra imports', () => {
  it("the slices' imports carry cuts in order; the status line says it is the rehearsal's cut", async () => {
    const db = join(dir, 'cli.db');
    const file = tenActasFile(dir);
    const run = await cli(
      ...['replay', file, '--election', 'pe-2021-presidencial', '--as', 'r'],
      ...['--order', 'random', '--steps', '4', '--until', '50', '--sims', '20', '--db', db],
    );
    expect(run.code, run.err).toBe(0);
    const store = new SqliteStore(db);
    const imports = await store.listImports('r');
    await store.close();
    // the universe and the steps to 50 % (two of four): each cut, and cut after cut in order
    expect(imports).toHaveLength(3);
    const cuts = imports.map((i) => i.cut ?? '');
    expect(cuts.every((c) => !Number.isNaN(Date.parse(c)))).toBe(true);
    expect([...cuts].sort((a, b) => Date.parse(a) - Date.parse(b))).toEqual(cuts);
    for (const [k, i] of imports.entries()) {
      const before = imports[k - 1]?.finishedAt;
      if (before) expect(Date.parse(cuts[k] ?? '')).toBeGreaterThanOrEqual(Date.parse(before));
      expect(Date.parse(cuts[k] ?? '')).toBeLessThanOrEqual(Date.parse(i.finishedAt ?? ''));
    }
    const last = imports.at(-1);
    for (const [lang, words] of [
      ['en', `rehearsal's cut ${last?.cut} (of import #${last?.id})`],
      ['es', `corte del ensayo ${last?.cut} (de la importación #${last?.id})`],
    ] as const) {
      const res = await cli('results', '--election', 'r', '--db', db, '--lang', lang);
      expect(res.code, res.err).toBe(0);
      expect(res.out).toContain(words);
    }
    // the import log lists each slice's cut
    const log = await cli('imports', '--election', 'r', '--db', db);
    for (const c of cuts) expect(log.out).toContain(c);
  });
});
