// The dashboard's status line (web/figures-status.ts) says the status the summary serves: a
// third-party manifest on a count still in progress is provisional there, as in the API (review 7,
// H3: the page showed the manifest's kind while the summary said provisional).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/ingest.js';
import { replayDefinition } from '../src/projection/replay.js';
import { getProgress } from '../src/results/service.js';
import { getSummary } from '../src/results/summary.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { statusLine } from '../web/figures-status.js';
import { STRINGS } from '../web/i18n.js';
import { onpeCsv, onpeRow } from './api-helpers.js';
import { fixedClock, fixtureElection, tempDir } from './helpers.js';

const ID = 'pe-2021-presidencial';
const PUBLISHER = 'Observatorio de prueba';

/** The summary's status and the progress's manifest of a third-party count of these rows. */
async function served(rows: readonly string[]) {
  const dir = tempDir('cifra-web-status-');
  const store = new SqliteStore(join(dir, 'cifra.db'));
  try {
    await store.migrate();
    const e = fixtureElection(ID);
    if (e.manifest === undefined) throw new Error(ID);
    const def = {
      ...e,
      manifest: { ...e.manifest, status: { kind: 'third-party' as const, publisher: PUBLISHER } },
    };
    await store.putElection(def);
    const file = join(dir, 'actas.csv');
    writeFileSync(file, onpeCsv(...rows));
    const r = await ingestFile(store, { file, election: def, now: fixedClock });
    expect(r.ok, JSON.stringify(r.ok ? null : r.issues)).toBe(true);
    const s = await getSummary(store, ID);
    const p = await getProgress(store, ID);
    if (!s.ok || !p.ok) throw new Error('summary or progress');
    return { status: s.value.status, about: p.value.about ?? null, actas: p.value.actas };
  } finally {
    await store.close();
  }
}

describe('the status line of the dashboard', () => {
  it('says provisional for a third-party manifest while an acta is still out', async () => {
    const pending = onpeRow('000002', 30).replace('CONTABILIZADA', 'ENVIADA AL JEE');
    const { status, about } = await served([onpeRow('000001', 50), pending]);
    expect(about?.status.kind).toBe('third-party');
    expect(status.kind).toBe('provisional');
    for (const lang of ['es', 'en'] as const) {
      const line = statusLine(status, about, undefined, lang);
      expect(line.startsWith(STRINGS[lang].provisional)).toBe(true);
      expect(line).not.toContain(STRINGS[lang].thirdParty);
      expect(line).toContain(`${status.pctCounted} %`);
    }
  });

  // Review 28: a count of actas' % is its actas processed (never the one at the JEE: 1 of 2 here),
  // which the line called "actas contabilizadas"; session 29: the status says it (pctOf), the
  // page no longer guesses it from whether the election has a release
  it('names the % of a count of actas as processed, never as contabilizadas', async () => {
    const jee = onpeRow('000002', 30).replace('CONTABILIZADA', 'ENVIADA AL JEE');
    const { status, about, actas } = await served([onpeRow('000001', 50), jee]);
    // the figure the line labels is the progress's pctProcessed (statusOf: a count's pctCounted)
    expect(status.pctCounted).toBe(actas?.pctProcessed);
    expect([status.pctCounted, status.pctOf]).toEqual(['50.000', 'actas-processed']);
    const es = statusLine(status, about, undefined, 'es');
    expect(es).toContain(`${status.pctCounted} % de actas procesadas`);
    expect(es).not.toContain('contabilizadas');
    const en = statusLine(status, about, undefined, 'en');
    expect(en).toContain(`${status.pctCounted} % of actas processed`);
    // a published release's % is the source's own counted share, said as such
    const release = { ...status, pctOf: 'actas-counted' as const };
    expect(statusLine(release, about, undefined, 'es')).toContain(
      '50.000 % de actas contabilizadas',
    );
    expect(statusLine(release, about, undefined, 'en')).toContain('50.000 % of actas counted');
  });

  it("says the third party's kind and name once every acta is in", async () => {
    const { status, about } = await served([onpeRow('000001', 50), onpeRow('000002', 30)]);
    expect(status.kind).toBe('third-party');
    const line = statusLine(status, about, undefined, 'es');
    expect(line.startsWith(`${STRINGS.es.thirdParty}: ${PUBLISHER}`)).toBe(true);
    expect(line).not.toContain(STRINGS.es.provisional);
  });
});

describe('a rehearsal (review 20 M1)', () => {
  it('says it is a replay before anything else, in both languages, and a real count does not', async () => {
    const dir = tempDir('cifra-web-rehearsal-');
    const store = new SqliteStore(join(dir, 'cifra.db'));
    try {
      await store.migrate();
      const election = fixtureElection(ID);
      const def = replayDefinition({
        file: join(dir, 'unused.csv'),
        election,
        target: 'r1-ensayo',
        order: 'urban-first',
        seed: 7,
        steps: 10,
        speed: 0,
        sims: 10,
        now: fixedClock,
        sleep: () => Promise.resolve(),
      });
      await store.putElection(def);
      const file = join(dir, 'actas.csv');
      writeFileSync(file, onpeCsv(onpeRow('000001', 50)));
      expect((await ingestFile(store, { file, election: def, now: fixedClock })).ok).toBe(true);
      const s = await getSummary(store, 'r1-ensayo');
      if (!s.ok) throw new Error('summary');
      // the stored definition keeps the mark: every document's status carries it
      expect(s.value.status.rehearsal).toEqual({ of: ID, order: 'urban-first', seed: 7 });
      expect(statusLine(s.value.status, null, undefined, 'es')).toMatch(
        new RegExp(
          `^ENSAYO: repetición del conteo terminado ${ID} \\(orden: urbanas primero, semilla 7\\)`,
        ),
      );
      expect(statusLine(s.value.status, null, undefined, 'en')).toMatch(/^REHEARSAL: a replay/);
    } finally {
      await store.close();
    }
    const real = await served([onpeRow('000001', 50)]);
    expect(real.status.rehearsal).toBeNull();
    expect(statusLine(real.status, real.about, undefined, 'es')).not.toContain('ENSAYO');
  });
});
