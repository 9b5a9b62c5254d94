// cifra's seats on a count of actas stay open while an acta sent to the JEE is out, even one that
// carries figures: an acta at the JEE is never processed (core processedActas, actaCounts), so the
// count is short of its actas and provisional, and its % (of the actas processed) below 100.
// `cifra seats` says so with what the % is of (pctOf, session 29: the line said "% of actas").
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeatsSchema } from '../src/api/schemas.js';
import { runElectionSeats } from '../src/cli/commands/seats.js';
import { getProgress, getSeats } from '../src/results/service.js';
import { tempDir } from './helpers.js';
import { XF_DIR, XF_ELECTION, manifestStore } from './xf-fixture.js';

/** Freedonia's six actas with 00006 sent to the JEE, its figures kept (its jurisdiction's label). */
async function withJeeActa() {
  const dir = tempDir('cifra-seats-jee-');
  cpSync(XF_DIR, dir, { recursive: true });
  const jur = join(dir, 'jurisdictions', 'xf', 'jurisdiction.json');
  const j = JSON.parse(readFileSync(jur, 'utf8')) as { states: Record<string, string> };
  writeFileSync(jur, JSON.stringify({ ...j, states: { ...j.states, 'SENT TO JEE': 'jee' } }));
  const actas = join(dir, 'actas.csv');
  const csv = readFileSync(actas, 'utf8').replace(
    /^00006,(\d+),COUNTED,/m,
    '00006,$1,SENT TO JEE,',
  );
  writeFileSync(actas, csv);
  return manifestStore(join(dir, 's.db'), join(dir, 'xf-2026.json'), join(dir, 'jurisdictions'));
}

describe('seats on a count with an acta at the JEE', () => {
  it('are open, provisional, on 83.333 % of actas processed; cifra seats says so', async () => {
    const store = await withJeeActa();
    try {
      const p = await getProgress(store, XF_ELECTION);
      if (!p.ok) throw new Error(JSON.stringify(p.issues));
      // the premise: the acta is at the JEE with its figures, not among the processed
      expect(p.value.actas).toMatchObject({ total: 6, jee: 1, processed: 5 });
      const r = await getSeats(store, XF_ELECTION);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      const doc = SeatsSchema.parse(r.value);
      expect(doc).toMatchObject({
        kind: 'list',
        open: true,
        status: { kind: 'provisional', pctCounted: '83.333', pctOf: 'actas-processed' },
      });
      const out: string[] = [];
      const io = { out: (s: string) => void out.push(s), err: () => undefined };
      expect(await runElectionSeats(store, { election: XF_ELECTION, format: 'table' }, io)).toBe(0);
      expect(out.join('\n')).toContain(
        'from provisional figures (83.333 % of actas processed) as of',
      );
      expect(out.join('\n')).toContain(
        'SEATS OPEN — provisional on 83.333 % of actas processed: an allocation of the votes counted so far',
      );
    } finally {
      await store.close();
    }
  });
});
