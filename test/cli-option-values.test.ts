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
});
