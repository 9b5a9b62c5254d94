// Option values that are not what the option takes are usage errors (exit 2), said in the run's
// language, before anything runs (review 4 and the clisplit helper: `replay --until abc` ran the
// whole replay, `--speed -3` was taken, `serve --port abc` was an internal error (exit 70), and
// `quarantine 1e0` read import 1).
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const REPLAY = ['replay', 'nowhere.csv', '--election', 'pe-2021-presidencial', '--db', ':memory:'];

describe('option values', () => {
  it('replay --until takes a % from 0 to 100 and --speed a number ≥ 0', async () => {
    for (const [flag, v] of [
      ['--until', 'abc'],
      ['--until', '150'],
      ['--until', '-5'],
      ['--speed', '-3'],
      ['--speed', 'fast'],
    ] as const) {
      const r = await cli(...REPLAY, flag, v);
      expect([r.code, r.err.trim()]).toEqual([
        2,
        `error: ${flag} must be a number from 0 to ${flag === '--until' ? 100 : 1000000}, got "${v}"`,
      ]);
    }
  });

  it('serve and start take a port from 0 to 65535', async () => {
    for (const cmd of ['serve', 'start'])
      for (const v of ['abc', '70000', '-1']) {
        const r = await cli(cmd, '--db', 'nowhere.db', '--port', v);
        expect([r.code, r.err.trim()]).toEqual([
          2,
          `error: --port must be a whole number from 0 to 65535, got "${v}"`,
        ]);
      }
    const es = await cli('serve', '--db', 'nowhere.db', '--port', 'abc', '--lang', 'es');
    expect(es.err).toContain('--port debe ser un número entero de 0 a 65535; se recibió "abc"');
  });

  it('quarantine takes an import number in digits', async () => {
    for (const v of ['1e0', '0x1', '1.0', '0']) {
      const r = await cli('quarantine', v, '--db', 'nowhere.db');
      expect([r.code, r.err.trim()]).toEqual([
        2,
        `not an import number: ${v} (\`cifra imports\` lists them)`,
      ]);
    }
  });

  it('a whole-number option over its guard says both bounds (it was told "must be ≥ 1")', async () => {
    const project = ['project', '--db', 'nowhere.db', '--sims'];
    const over = await cli(...project, '10000000');
    expect([over.code, over.err.trim()]).toEqual([
      2,
      'error: --sims must be a whole number from 1 to 9999999, got "10000000"',
    ]);
    const es = await cli(...project, '10000000', '--lang', 'es');
    expect(es.err).toContain(
      '--sims debe ser un número entero de 1 a 9999999; se recibió "10000000"',
    );
    // short of the floor, or not a whole number: the floor alone, as before
    for (const v of ['0', '1e3', '-1', '2.5']) {
      const r = await cli(...project, v);
      expect([r.code, r.err.trim()]).toEqual([
        2,
        `error: --sims must be a whole number ≥ 1, got "${v}"`,
      ]);
    }
    const rows = await cli(
      'ingest',
      'nowhere.csv',
      '--db',
      ':memory:',
      '--max-rows',
      '9007199254740993',
    );
    expect([rows.code, rows.err.trim()]).toEqual([
      2,
      'error: --max-rows must be a whole number from 1 to 9007199254740991, got "9007199254740993"',
    ]);
  });

  it('--seed and --busy-timeout keep their own words; a value in bounds is taken', async () => {
    const seed = await cli('project', '--db', 'nowhere.db', '--seed', '1000000000');
    expect([seed.code, seed.err.trim()]).toEqual([
      2,
      'error: --seed must be a whole number below 10^9, got "1000000000"',
    ]);
    const busy = await cli('ingest', 'nowhere.csv', '--db', ':memory:', '--busy-timeout', '1.5');
    expect([busy.code, busy.err.trim()]).toEqual([
      2,
      'error: --busy-timeout must be whole milliseconds (0–99999999), got "1.5"',
    ]);
    // a value in bounds passes the parser: the run goes on to the missing file (exit 1, not 2)
    const taken = await cli('ingest', 'nowhere.csv', '--db', ':memory:', '--busy-timeout', '0');
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('file_unreadable');
  });
});
