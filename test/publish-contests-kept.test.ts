// The multi-contest (ERM) documents read no store: a re-publish links the previous version's
// files when the code and their inputs (manifest, the files it names, rulesets, jurisdiction)
// are the same, instead of computing 1,771 documents again (twenty-first pass: ~0.9 s of CPU).
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTEST_PATHS } from '../src/api/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import { addContestsFile } from '../src/elections/contests.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import type * as Contests from '../src/results/contests.js';

// how many contest documents were computed
const made = vi.hoisted(() => ({ n: 0 }));
vi.mock('../src/results/contests.js', async (original) => {
  const m = await original<typeof Contests>();
  return {
    ...m,
    getContestsElection: (...a: Parameters<typeof m.getContestsElection>) => {
      made.n++;
      return m.getContestsElection(...a);
    },
    getContest: (...a: Parameters<typeof m.getContest>) => {
      made.n++;
      return m.getContest(...a);
    },
  };
});

const NOW = '2026-12-03T10:00:00.000Z';

describe("a re-publish of the multi-contest elections' documents", () => {
  it('links them uncomputed while their inputs are the same, and computes them after an edit', async () => {
    const dir = tempDir('cifra-publish-contests-');
    cpSync(join(PROJECT_ROOT, 'test', 'fixtures', 'erm-runoff'), join(dir, 'erm'), {
      recursive: true,
    });
    const id = addContestsFile(join(dir, 'erm', 'manifest.json'));
    if (!id.ok) throw new Error(JSON.stringify(id.error));
    const store = new SqliteStore(join(dir, 's.db'));
    await store.migrate();
    const out = join(dir, 'site');
    const publish = async (to = out): Promise<number> => {
      made.n = 0;
      const r = await publishSite(store, to, {}, NOW);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return made.n;
    };
    const doc = (): string => join(out, CONTEST_PATHS.contests(id.value));
    // the bundled two and the fixture: every contest, each its own document
    expect(await publish()).toBeGreaterThan(1700);
    const first = statSync(doc());
    // the old code computed them all again (their bytes the same, so linked all the same)
    expect(await publish()).toBe(0);
    expect(statSync(doc()).ino).toBe(first.ino);
    const fresh = join(dir, 'fresh');
    expect(await publish(fresh)).toBeGreaterThan(1700);
    const site = (root: string): string => readFileSync(join(root, 'api/v1/site.json'), 'utf8');
    expect(site(out)).toBe(site(fresh)); // its snapshot id: the same files, in the same order
    // a file the manifest names changed (one vote): the fixture's documents computed again
    const votes = join(dir, 'erm', 'second-round.csv');
    writeFileSync(
      votes,
      readFileSync(votes, 'utf8').replace(/,(\d+)\n/, (_m, v) => `,${v}1\n`),
    );
    const again = await publish();
    expect(again).toBeGreaterThan(0);
    expect(again).toBeLessThan(1700);
    await store.close();
  });

  it('under --quick-verify, writes them again when a file is not its recorded size', async () => {
    const dir = tempDir('cifra-publish-contests-quick-');
    const store = new SqliteStore(join(dir, 's.db'));
    await store.migrate();
    const out = join(dir, 'site');
    const publish = async (trustPrevious: boolean): Promise<[number, number]> => {
      made.n = 0;
      const r = await publishSite(store, out, {}, NOW, { trustPrevious });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return [made.n, r.value.healed];
    };
    expect((await publish(false))[0]).toBeGreaterThan(1700);
    const file = join(out, CONTEST_PATHS.contests('pe-erm-2022'));
    const was = readFileSync(file, 'utf8');
    // edited in place in the served site, one byte longer: the stat the reuse makes shows it
    writeFileSync(file, `${was} `);
    expect(readFileSync(file, 'utf8')).not.toBe(was);
    // the old code trusted it unread (0 computed, the edit kept); now the contests are computed
    const [computed, healed] = await publish(true);
    expect(healed).toBe(1);
    expect(computed).toBeGreaterThan(1700);
    expect(readFileSync(file, 'utf8')).toBe(was);
    // the same length is not seen without reading (documented): a full verify reads it
    await store.close();
  });
});
