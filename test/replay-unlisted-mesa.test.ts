// A replay checks its file as ingest does: a mesa the election's list lacks (999999 in the 2021
// runoff) is warned in the replayed store too (mesa_not_in_universe), where the replay had
// dropped every warning of its scratch read; the other actas carry none, as before.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issue } from '../src/core/issues.js';
import { replay } from '../src/projection/replay.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import { HEADER, ROWS, RUNOFF } from './runoff-example.js';

const dir = tempDir('cifra-replay-unlisted-');
const store = new SqliteStore(join(dir, 'r.db'));
afterAll(() => store.close());

describe('replay of a file with a made-up mesa', () => {
  it('stores it with the mesa_not_in_universe warning, a moved mesa with mesa_ubigeo_mismatch', async () => {
    await store.migrate();
    const file = join(dir, 'made-up.csv');
    const madeUp = (ROWS[0] as string).replace('"000013"', '"999999"');
    // a listed mesa (000026, of 010101) read under another known place: mesa_ubigeo_mismatch
    const moved = (ROWS[1] as string).replace('"010101"', '"010202"');
    writeFileSync(file, [HEADER, moved, ...ROWS.slice(2), madeUp].join('\n') + '\n');
    const r = await replay(store, {
      file,
      election: RUNOFF,
      target: 'r2-rehearsal',
      order: 'random',
      seed: 1,
      steps: 2,
      speed: 0,
      sims: 20,
      now: () => '2026-12-05T00:00:00.000Z',
      sleep: () => Promise.resolve(),
    });
    expect(r.ok, JSON.stringify(r.ok ? null : r.issues)).toBe(true);
    const actas = await store.currentActas('r2-rehearsal');
    expect(actas).toHaveLength(ROWS.length);
    const made = actas.find((a) => a.mesa === '999999');
    expect(made?.state).toBe('counted');
    expect(made?.warnings).toEqual([
      issue(
        'mesa_not_in_universe',
        ['mesa', '999999'],
        { mesa: '999999', ubigeo: '010101' },
        'warning',
      ),
    ]);
    // review s36: the replay kept only mesa_not_in_universe of the two list warnings
    const shifted = actas.find((a) => a.mesa === '000026');
    expect(shifted?.warnings).toEqual([
      issue(
        'mesa_ubigeo_mismatch',
        ['mesa', '000026'],
        { mesa: '000026', ubigeo: '010202', listed: '010101' },
        'warning',
      ),
    ]);
    expect(
      actas
        .filter((a) => (a.warnings ?? []).length > 0)
        .map((a) => a.mesa)
        .sort(),
    ).toEqual(['000026', '999999']);
  });
});
