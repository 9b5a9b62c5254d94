// Every command names the election by its label in the run's language (the manifest's `en` in
// English, `es` in Spanish, as `cifra rules` names a ruleset) and a level by its jurisdiction's
// name for it in that language (Peru's Departamento / Department), a generic word where the
// jurisdiction names none (national); a figures' status is said in words, never its code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixtureManifest, tempDir, writeRunoffMesas } from './helpers.js';

const dir = tempDir('cifra-cli-labels-');
const db = join(dir, 'r2.db');
const mesas = join(dir, 'runoff-40.csv');
const election = fixtureManifest('pe-2021-presidencial-segunda');
const ES = 'Perú 2021 — Presidencial, segunda vuelta (ONPE, datos abiertos por mesa)';
const EN = 'Peru 2021 — President, runoff (ONPE open data per mesa)';

beforeAll(async () => {
  writeRunoffMesas(mesas);
  const r = await cli('ingest', mesas, '--db', db, '--election', election, '--no-progress');
  expect(r.code, r.err).toBe(0);
}, 120_000);

/** The command's output in `lang`, after checking it succeeded. */
async function run(lang: 'es' | 'en', ...args: string[]): Promise<string> {
  const r = await cli(...args, '--lang', lang);
  expect(r.code, r.err).toBe(0);
  return r.out;
}

describe("the election's label and the level in the run's language", () => {
  it('results: the title line', async () => {
    const en = await run('en', 'results', '--db', db, '--level', 'department');
    expect(en.split('\n')[0]).toBe(`${EN} — Department`);
    const es = await run('es', 'results', '--db', db, '--level', 'department');
    expect(es.split('\n')[0]).toBe(`${ES} — Departamento`);
    // the nation is a level no jurisdiction names: the generic word, translated
    expect((await run('es', 'results', '--db', db)).split('\n')[0]).toBe(`${ES} — Nacional`);
    expect((await run('en', 'results', '--db', db)).split('\n')[0]).toBe(`${EN} — National`);
  });

  it('elections: the label column', async () => {
    const en = await run('en', 'elections', '--db', db);
    expect(en).toContain(EN);
    expect(en).not.toContain(ES);
    const es = await run('es', 'elections', '--db', db);
    expect(es).toContain(ES);
    expect(es).not.toContain(EN);
  });

  it('acta: the first line', async () => {
    const line = readFileSync(mesas, 'utf8').split('\n')[1] ?? '';
    const mesa = (line.split(',')[5] ?? '').replaceAll('"', '');
    expect((await run('en', 'acta', mesa, '--db', db)).split('\n')[0]).toBe(`acta ${mesa} — ${EN}`);
    expect((await run('es', 'acta', mesa, '--db', db)).split('\n')[0]).toBe(`acta ${mesa} — ${ES}`);
  });

  it('compare: the title', async () => {
    const en = await run('en', 'compare', mesas, mesas, '--election', election);
    expect(en.split('\n')[0]).toBe(`cifra compare — ${EN}`);
    const es = await run('es', 'compare', mesas, mesas, '--election', election);
    expect(es.split('\n')[0]).toBe(`cifra compare — ${ES}`);
  });

  it('project: the title, and the winner table in one language', async () => {
    const en = await run('en', 'project', '--db', db, '--sims', '20');
    expect(en.split('\n')[0]).toBe(`PROJECTION — ${EN}`);
    expect(en).not.toContain('ganador');
    const es = await run('es', 'project', '--db', db, '--sims', '20');
    expect(es.split('\n')[0]).toBe(`PROYECCIÓN — ${ES}`);
    expect(es).not.toMatch(/winner/);
  });
});

describe("counts grouped in the run's locale", () => {
  it('project: the simulations beside the actas (review s30: "2000 simulations")', async () => {
    const en = await run('en', 'project', '--db', db, '--sims', '1000');
    expect(en).toMatch(/^actas 40 \/ 40 \(100\.000 %\) · 1,000 simulations · seed \d+$/m);
  });
});

describe("a figures' status in words", () => {
  it('seats of a release cifra computed: "computed by cifra", not its code', async () => {
    const none = join(dir, 'none.db');
    const en = await run('en', 'seats', '--election', 'pe-2026-diputados', '--db', none);
    expect(en).toContain('SEATS OPEN — computed by cifra on');
    expect(en).not.toContain('computed-by-cifra');
    const es = await run('es', 'seats', '--election', 'pe-2026-diputados', '--db', none);
    expect(es).toContain('ESCAÑOS ABIERTOS — calculado por cifra sobre');
  });
});
