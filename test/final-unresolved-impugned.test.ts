// A final release settled `decided` with both unresolved actas and impugned votes out: its lead is
// larger than the two together, so every "why" names both — the headline's reason once named the
// actas alone, and `cifra seats` gave no why for its settled line at all (s36).
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { settlementAnswers } from './settlement-answers.js';
import { fixedClock, fixtureElection, tempDir } from './helpers.js';

const ID = 'pe-2021-presidencial-segunda';
const HEADER =
  'UBIGEO,DEPARTAMENTO,PROVINCIA,DISTRITO,TIPO_ELECCION,MESA_DE_VOTACION,DESCRIP_ESTADO_ACTA,TIPO_OBSERVACION,N_CVAS,N_ELEC_HABIL,VOTOS_P1,VOTOS_P2,VOTOS_VB,VOTOS_VN,VOTOS_VI';
const place = ['010101', 'D', 'P', 'X', 'SEGUNDA ELECCION PRESIDENCIAL'];
/** A counted acta: P1's and P2's votes, 6 blank, 4 null and its impugned votes. */
const counted = (mesa: string, p1: number, p2: number, impugned: number): string =>
  [...place, mesa, 'CONTABILIZADA', '', p1 + p2 + 10 + impugned, 300, p1, p2, 6, 4, impugned].join(
    ',',
  );
/** An acta the final release leaves unresolved (EN PROCESO): its electors only. */
const unresolved = (mesa: string, electors: number): string =>
  [...place, mesa, 'EN PROCESO', '', '', electors, '', '', '', '', ''].join(',');

/** A final release: one acta counted, 200 to 50 (a lead of 150) with its impugned; one EN PROCESO. */
async function answersOf(unresolvedElectors: number, impugned: number) {
  const store = new SqliteStore(join(tempDir('cifra-final-both-'), 'u.db'));
  await store.migrate();
  const e = fixtureElection(ID);
  const m = e.manifest;
  if (!m || m.status.kind !== 'final' || !m.status.unresolved) throw new Error(ID);
  const status = { ...m.status, unresolved: { ...m.status.unresolved, actas: 1 } };
  await store.putElection({ ...e, manifest: { ...m, status } });
  const file = join(tempDir('cifra-final-both-'), 'r2.csv');
  const csv = [
    HEADER,
    counted('000001', 200, 50, impugned),
    unresolved('000002', unresolvedElectors),
  ];
  writeFileSync(file, `${csv.join('\n')}\n`);
  const def = await store.getElection(ID);
  if (!def) throw new Error(ID);
  const r = await ingestFile(store, { file, election: def, now: fixedClock });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return settlementAnswers(store, def, ID);
}

describe('a final count decided past its unresolved actas and its impugned votes', () => {
  it('100 electors and 40 impugned votes against a lead of 150: both named, in es and en', async () => {
    const { summary, seats, unit, cli } = await answersOf(100, 40);
    expect(unit.impugned).toBe(40);
    expect(summary).toMatchObject({
      settled: true,
      settledBy: 'decided',
      outcome: { kind: 'winner', winner: 'P1', round: 'runoff' },
    });
    expect(seats).toMatchObject({ settled: true, settledBy: 'decided' });
    const { leadLine } = await import('../web/headline.js');
    const { state } = await import('../web/ui.js');
    const national = { impugned: 40, actas: { pendingWithFigures: 0 } } as unknown as Parameters<
      typeof leadLine
    >[1];
    state.lang = 'es';
    expect(leadLine(summary, national)).toContain(
      '(decidido: la ventaja supera a los electores de 1 acta sin resolver (100) y 40 votos impugnados ante el JEE, juntos)',
    );
    state.lang = 'en';
    expect(leadLine(summary, national)).toContain(
      '(decided: the lead is larger than the electors of 1 unresolved acta (100) and 40 impugned votes at the JEE together)',
    );
    // cifra seats: the settled line says why, with both
    expect(cli.en).toContain(
      '(final, 50.000 % processed: settled, the lead is larger than the 100 electors of 1 unresolved acta and the 40 impugned votes at the JEE together)',
    );
    expect(cli.es).toContain(
      'decidido, la ventaja supera a 100 electores de 1 acta sin resolver y 40 votos impugnados ante el JEE, juntos)',
    );
  });

  it('the actas alone (no impugned votes): the seats line names them, as the headline does', async () => {
    const { seats, cli } = await answersOf(100, 0);
    expect(seats).toMatchObject({ settled: true, settledBy: 'decided' });
    expect(cli.en).toContain(
      '(final, 50.000 % processed: settled, the lead is larger than the 100 electors of 1 unresolved acta)',
    );
    expect(cli.es).toContain('decidido, la ventaja supera a 100 electores de 1 acta sin resolver)');
    expect(cli.en).not.toContain('impugned');
  });
});
