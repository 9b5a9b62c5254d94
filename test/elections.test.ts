// Elections as data: the bundled manifests (data/elections), a manifest's validation, which
// election a file's columns fit, and the 2021 runoff served from its ONPE file by a manifest
// alone. Expected totals are summed in this test from the ONPE file itself, by state.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadBundledData } from '../src/cli/commands/bundled.js';
import {
  builtInElectionIds,
  checkSourceHashes,
  electionDefOf,
  electionsFitting,
  loadManifest,
} from '../src/elections/manifests.js';
import { ElectionsSchema, ResultsSchema, SeatsSchema, SummarySchema } from '../src/api/schemas.js';
import { readHeader } from '../src/ingest/source.js';
import { dataPath } from '../src/io/paths.js';
import { actaCountsOf, processedActas } from '../src/core/tally/aggregate.js';
import { buildResults } from '../src/results/documents.js';
import { listElections } from '../src/results/service.js';
import { storedStatus } from '../src/results/status.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, tempDir } from './helpers.js';

const R1 = dataPath(
  'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
);
const R2 = dataPath(
  'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz',
);
const dir = tempDir('cifra-elections-');

describe('bundled election manifests', () => {
  it('are valid, name existing sources whose SHA-256 matches, and carry their status', () => {
    const ids = builtInElectionIds();
    expect(ids).toEqual([
      'es-2023-congreso',
      'pe-2021-congreso',
      'pe-2021-presidencial',
      'pe-2021-presidencial-segunda',
      'pe-2026-diputados',
      'pe-2026-presidencial',
      'pe-2026-presidencial-distritos',
      'pe-2026-presidencial-segunda',
      'pe-2026-presidencial-segunda-2026-06-10',
      'pe-2026-senado',
    ]);
    for (const id of ids) {
      const m = loadManifest(id);
      expect(m.ok, id).toBe(true);
      if (!m.ok) continue;
      expect(checkSourceHashes(m.value)).toEqual([]);
      const def = electionDefOf(m.value);
      expect(def.id).toBe(id);
      // an id starts with its jurisdiction's (es-2023-congreso, pe-2021-congreso)
      expect(def.jurisdiction).toBe(id.slice(0, 2));
      expect(def.manifest?.provenance).toMatch(/PROVENANCE\.md$/);
    }
    const senate = loadManifest('pe-2026-senado');
    expect(senate.ok && senate.value.manifest.status).toEqual({
      kind: 'computed-by-cifra',
      from: {
        es: 'los votos de ONPE por circunscripción al ~86 % de actas, 11 may 2026 17:46, captura de un tercero',
        en: 'ONPE votes per circunscripción at ~86 % of actas, 11 May 2026 17:46, third-party capture',
      },
      // the source's % of actas, as its cut states it ("ONPE 85.920 %")
      pctCounted: '85.920',
    });
    // the cut's words give that % as the status does (3 decimals, ONPE's): one precision beside it
    expect(senate.ok && senate.value.manifest.asOf).toContain('· ONPE 85.920 %');
    expect(senate.ok && senate.value.manifest.seats?.kind).toBe('third-party');
    expect(senate.ok && senate.value.manifest.districtUnits).toEqual({
      level: 'circunscripcion',
      by: 'code',
      units: [{ level: 'national', code: 'PE', district: 'NACIONAL' }],
    });
    const runoff = loadManifest('pe-2026-presidencial-segunda-2026-06-10');
    expect(runoff.ok && runoff.value.manifest.status).toEqual({
      kind: 'provisional',
      pctCounted: '98.188',
      cut: '2026-06-10T06:24:16Z',
    });
  });

  it("give a cut's instant exactly when the source states a time, the same wall-clock time in Lima", () => {
    // a source's own words for a time in Lima: "27/04/2026 14:30 h (Lima)"
    const stated = /(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})\b.*\(Lima\)/;
    const lima = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Lima',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    let timed = 0;
    for (const id of builtInElectionIds()) {
      const m = loadManifest(id);
      if (!m.ok) throw new Error(id);
      const { status, asOf, asOfTime } = m.value.manifest;
      const pairs: [string, string | undefined][] = [[asOf, asOfTime]];
      if (status.kind === 'provisional') pairs.push([status.cut, status.cutTime]);
      for (const [text, time] of pairs) {
        const t = stated.exec(text);
        if (t === null) {
          // a date, or an instant already (which then needs no second copy): nothing to add
          expect(
            time === undefined || Date.parse(time) === Date.parse(text),
            `${id}: ${text}`,
          ).toBe(true);
          continue;
        }
        timed++;
        expect(time, `${id}: ${text}`).toBeDefined();
        expect(lima.format(new Date(time ?? NaN)), `${id}: ${text}`).toBe(
          `${t[3]}-${t[2]}-${t[1]}, ${t[4]}:${t[5]}`,
        );
      }
    }
    // the premise: the 2026 district detail and the Congress captures state their time
    expect(timed).toBe(4);
  });

  it('a cutTime with no offset, or another instant than the cut states, is election_invalid', () => {
    const base = JSON.parse(
      readFileSync(dataPath('elections/pe-2026-presidencial-segunda-2026-06-10.json'), 'utf8'),
    ) as Record<string, unknown>;
    const status = base['status'] as object;
    const issues = (o: Record<string, unknown>): string[][] => {
      const p = join(dir, `cut-${Object.keys(o).join('-')}-${JSON.stringify(o).length}.json`);
      writeFileSync(p, JSON.stringify({ ...base, ...o }));
      const r = loadManifest(p);
      // a copy elsewhere cannot read the bundled files (file_unreadable): only the schema's word
      const schema = r.ok ? [] : r.error.filter((i) => i.code === 'election_invalid');
      return schema.map((i) => [i.code, i.path.join('.')]);
    };
    const invalid = (path: string): string[][] => [['election_invalid', path]];
    expect(issues({ status: { ...status, cutTime: '2026-06-10T01:24:16' } })).toEqual(
      invalid('status.cutTime'),
    );
    expect(issues({ status: { ...status, cutTime: '2026-06-10T06:24:16-05:00' } })).toEqual(
      invalid('status.cutTime'),
    );
    expect(issues({ asOfTime: '2026-06-10' })).toEqual(invalid('asOfTime'));
    // the same instant written in Lima's offset is the cut itself
    expect(issues({ status: { ...status, cutTime: '2026-06-10T01:24:16-05:00' } })).toEqual([]);
  });

  it('an invalid manifest gets election_invalid with the JSON path; a changed source file is refused', () => {
    const base = JSON.parse(
      readFileSync(dataPath('elections/pe-2021-presidencial-segunda.json'), 'utf8'),
    ) as Record<string, unknown>;
    const write = (name: string, o: unknown): string => {
      const p = join(dir, name);
      writeFileSync(p, JSON.stringify(o));
      return p;
    };
    // a copy elsewhere: its source at an absolute path, its crossCheck sources and universe left out
    const src = (o: Record<string, unknown>): unknown => ({
      ...base,
      sources: [{ ...(base['sources'] as object[])[0], file: R2, ...o }],
      crossCheck: [],
      universe: undefined,
    });
    const badStatus = loadManifest(
      write('a.json', { ...(src({}) as object), status: { kind: 'official' } }),
    );
    expect(badStatus.ok ? [] : badStatus.error.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['election_invalid', 'status.kind'],
    ]);
    const noNote = loadManifest(
      write('p.json', { ...(src({}) as object), provenance: 'peru/nowhere/PROVENANCE.md' }),
    );
    expect(noNote.ok ? [] : noNote.error.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['file_unreadable', 'provenance'],
    ]);
    const missing = loadManifest(write('b.json', src({ file: join(dir, 'nowhere.csv') })));
    expect(missing.ok ? [] : missing.error.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['file_unreadable', 'sources.0.file'],
    ]);
    const changed = loadManifest(write('c.json', src({ sha256: '0'.repeat(64) })));
    expect(changed.ok).toBe(true);
    if (changed.ok)
      expect(checkSourceHashes(changed.value).map((i) => [i.code, i.path.join('.')])).toEqual([
        ['election_invalid', 'sources.0.sha256'],
      ]);
    const unknownRules = loadManifest(
      write('d.json', { ...(src({}) as object), ruleset: 'pe-1990-presidencial' }),
    );
    expect(unknownRules.ok ? [] : unknownRules.error.map((i) => i.code)).toEqual([
      'ruleset_not_found',
    ]);
  });

  it('districtUnits: levels of the jurisdiction, districts of a list ruleset (election_invalid at the path)', () => {
    const congress = JSON.parse(
      readFileSync(dataPath('elections/pe-2021-congreso.json'), 'utf8'),
    ) as Record<string, unknown>;
    const file = dataPath('peru/2021/congress/congress_2021_national_JNE_0602-2021.results.csv');
    let n = 0;
    const withUnits = (m: Record<string, unknown>, districtUnits: unknown): string => {
      const p = join(dir, `units-${(n += 1)}.json`);
      const sources = [{ ...(m['sources'] as object[])[0], file }];
      writeFileSync(p, JSON.stringify({ ...m, sources, districtUnits }));
      return p;
    };
    const paths = (ref: string) => {
      const m = loadManifest(ref);
      return m.ok ? [] : m.error.map((i) => [i.code, i.path.join('.')]);
    };
    expect(
      paths(withUnits(congress, { level: 'circunscripcion', units: [] })),
      'valid: codes of pe-2021-congreso',
    ).toEqual([]);
    expect(
      paths(
        withUnits(congress, {
          level: 'region',
          units: [{ level: 'national', code: 'PE', district: 'Atlantis' }],
        }),
      ),
    ).toEqual([
      ['election_invalid', 'districtUnits.level'],
      ['election_invalid', 'districtUnits.units.0.district'],
    ]);
    const president = JSON.parse(
      readFileSync(dataPath('elections/pe-2026-presidencial-segunda-2026-06-10.json'), 'utf8'),
    ) as Record<string, unknown>;
    const p = join(dir, 'president-units.json');
    writeFileSync(
      p,
      JSON.stringify({
        ...president,
        sources: [
          {
            ...(president['sources'] as object[])[0],
            file: dataPath(
              'peru/2026/runoff_partial_2026-06-10/runoff_2026-06-10_by_department.results.csv',
            ),
          },
        ],
        universe: {
          ...(president['universe'] as object),
          file: dataPath('peru/2026/runoff_universe_2026.csv'),
        },
        districtUnits: { level: 'department' },
      }),
    );
    expect(paths(p)).toEqual([['election_invalid', 'districtUnits']]);
  });

  it("say which election an ONPE file's columns fit: first round 18 candidates, runoff 2", async () => {
    expect(electionsFitting((await readHeader(R1)) ?? [])).toEqual(['pe-2021-presidencial']);
    expect(electionsFitting((await readHeader(R2)) ?? [])).toEqual([
      'pe-2021-presidencial-segunda',
    ]);
    expect(electionsFitting(['mesa', 'ubigeo', 'whatever'])).toEqual([]);
  });
});

describe('the 2021 runoff, an election with no code: a manifest over ONPE’s per-mesa file', () => {
  // Summed here from the file, by ONPE's state label: counted, resolved and annulled actas enter
  // the totals; the 20 EN PROCESO actas (figures not final) and 6 SIN INSTALAR do not.
  const rows = parse(gunzipSync(readFileSync(R2)).toString('utf8'), { columns: true }) as Record<
    string,
    string
  >[];
  const enters = new Set(['CONTABILIZADA', 'COMPUTADA RESUELTA', 'ANULADA']);
  const sum = (col: string, states = enters): number =>
    rows
      .filter((r) => states.has(r['DESCRIP_ESTADO_ACTA'] ?? ''))
      .reduce((a, r) => a + Number(r[col] || 0), 0);
  const db = join(dir, 'r2.db');

  it('is detected from the file and ingested without --election; totals equal the file to the vote', async () => {
    const r = await cli('ingest', R2, '--db', db, '--no-progress', '--output', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toContain('fit pe-2021-presidencial-segunda');
    const report = JSON.parse(r.out) as { rowsRead: number; quarantined: number };
    expect(report.rowsRead).toBe(86_488);
    const res = await cli('results', '--db', db, '--format', 'json');
    const n = (
      JSON.parse(res.out) as {
        units: {
          choices: { id: string; votes: number }[];
          blank: number;
          null: number;
          actas: Record<string, number>;
        }[];
      }
    ).units[0];
    expect(n?.choices.map((c) => [c.id, c.votes])).toEqual([
      ['P1', sum('VOTOS_P1')],
      ['P2', sum('VOTOS_P2')],
    ]);
    expect(sum('VOTOS_P1')).toBe(8_834_440);
    expect(sum('VOTOS_P2')).toBe(8_790_091);
    expect(n?.blank).toBe(sum('VOTOS_VB'));
    expect(n?.null).toBe(sum('VOTOS_VN'));
    expect(n?.actas).toMatchObject({ total: 86_488, pending: 20, notInstalled: 6, annulled: 213 });
    // the 20 actas still in process hold 1,530 and 1,639 votes as filed
    expect(sum('VOTOS_P1', new Set(['EN PROCESO']))).toBe(1_530);
    expect(sum('VOTOS_P2', new Set(['EN PROCESO']))).toBe(1_639);
  });

  it('shows the official final beside the file, with the 20 actas in process explained', async () => {
    const p = await cli('elections', '--db', db);
    expect(p.out).toContain('pe-2021-presidencial-segunda');
    const { buildApi } = await import('../src/api/server.js');
    const store = new SqliteStore(db);
    await store.migrate();
    const app = await buildApi({ store, tokenHash: null });
    const progress = (await app.inject({ method: 'GET', url: '/api/v1/progress' })).json() as {
      about: {
        status: { kind: string };
        reported: { votes: Record<string, number>; note: { es: string; en: string } };
      };
    };
    expect(progress.about.status.kind).toBe('final');
    expect(progress.about.reported.votes).toEqual({ P1: 8_836_380, P2: 8_792_117 });
    expect(progress.about.reported.note.en).toContain('20 actas are still EN PROCESO');
    expect(progress.about.reported.note.es).toContain('20 actas siguen EN PROCESO');
    // the file is 1,940 and 2,026 votes short of the final
    expect(8_836_380 - sum('VOTOS_P1')).toBe(1_940);
    expect(8_792_117 - sum('VOTOS_P2')).toBe(2_026);
    await app.close();
    await store.close();
  });

  it('is final everywhere, and its status says why 99.977 % of actas: the 20 EN PROCESO', async () => {
    const { buildApi } = await import('../src/api/server.js');
    const store = new SqliteStore(db);
    await store.migrate();
    const app = await buildApi({ store, tokenHash: null });
    const get = async (url: string) => (await app.inject({ method: 'GET', url })).json() as unknown;
    // from the file: every acta but those EN PROCESO is processed, 3 decimals half up
    const open = rows.filter((r) => r['DESCRIP_ESTADO_ACTA'] === 'EN PROCESO').length;
    const milli = Math.floor(((rows.length - open) * 200_000 + rows.length) / (2 * rows.length));
    const pct = `${Math.floor(milli / 1000)}.${String(milli % 1000).padStart(3, '0')}`;
    expect([open, pct]).toEqual([20, '99.977']);
    const listed = ElectionsSchema.parse(await get('/api/v1/elections')).elections;
    expect(listed.find((e) => e.id === 'pe-2021-presidencial-segunda')?.status).toBe('final');
    const summary = SummarySchema.parse(await get('/api/v1/summary'));
    expect(summary.status).toMatchObject({ kind: 'final', pctCounted: pct, cut: '2021-06' });
    expect(summary.status.note?.en).toContain(`${open} actas are still EN PROCESO`);
    expect(summary.status.note?.es).toContain(`${open} actas siguen EN PROCESO`);
    // complete: no "updated 3 min ago" of the import, no projection, the outcome from the count
    expect(summary.count).toMatchObject({ complete: true, actasProcessed: rows.length - open });
    expect(summary.projection).toBe(false);
    // final, yet the 20 actas EN PROCESO are out of the count: their electors (padrón) bound their
    // votes, so Castillo's lead of 44,349 settles it only as larger than them (s35: 'decided',
    // never 'complete' while anything is out), with no impugned vote in the file
    const electors = rows
      .filter((r) => r['DESCRIP_ESTADO_ACTA'] === 'EN PROCESO')
      .reduce((a, r) => a + Number(r['N_ELEC_HABIL'] || 0), 0);
    expect(electors).toBe(5_961);
    expect(sum('VOTOS_VI')).toBe(0);
    expect(summary.count.votesRemaining).toBe(electors);
    expect(summary.margin).toBe(44_349);
    expect(summary).toMatchObject({
      settled: true,
      settledBy: 'decided',
      openReason: null,
      outcome: { kind: 'winner', winner: 'P1', round: 'runoff' },
    });
    // the seats document's outcome is decided once with the summary's
    const seats = SeatsSchema.parse(
      await get('/api/v1/seats?election=pe-2021-presidencial-segunda'),
    );
    expect(seats).toMatchObject({ settled: true, settledBy: 'decided', openReason: null });
    const results = ResultsSchema.parse(await get('/api/v1/results?level=national'));
    expect(results.status).toEqual(summary.status);
    await app.close();
    await store.close();
  });

  it('named as the first round, the file is refused with the election it fits', async () => {
    const r = await cli(
      'ingest',
      R2,
      '--db',
      join(dir, 'wrong.db'),
      '--election',
      'pe-2021-presidencial',
      '--no-progress',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('columns_missing');
    expect(r.err).toContain('"fits":["pe-2021-presidencial-segunda"]');
  });
});

describe('npm start loads every bundled manifest', () => {
  it('ingests the acta elections and stores the published ones; a second run changes nothing', async () => {
    const store = new SqliteStore(join(dir, 'start.db'));
    await store.migrate();
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    expect(await loadBundledData(store, io, false)).toBe(0);
    expect((await store.listElections()).map((e) => [e.id, e.manifest?.status.kind])).toEqual([
      ['es-2023-congreso', 'final'],
      ['pe-2021-congreso', 'final'],
      ['pe-2021-presidencial', 'final'],
      ['pe-2021-presidencial-segunda', 'final'],
      ['pe-2026-diputados', 'computed-by-cifra'],
      ['pe-2026-presidencial', 'final'],
      ['pe-2026-presidencial-distritos', 'provisional'],
      ['pe-2026-presidencial-segunda', 'final'],
      ['pe-2026-presidencial-segunda-2026-06-10', 'provisional'],
      ['pe-2026-senado', 'computed-by-cifra'],
    ]);
    // the list's status from the store's count of actas by state is the national tally's (the
    // summary's), on the real files: 2021's first round counts pending actas with figures, its
    // runoff leaves 20 unresolved
    const listed = new Map((await listElections(store)).map((e) => [e.id, e.status]));
    for (const id of ['pe-2021-presidencial', 'pe-2021-presidencial-segunda']) {
      const def = await store.getElection(id);
      if (def === null) throw new Error(id);
      const n = (await buildResults(store, def, 'national')).units[0];
      const counts = actaCountsOf(await store.actaStates(id), def.pendingFiguresCount ?? false);
      const { actas } = n ?? {};
      expect([id, counts, processedActas(counts)]).toEqual([
        id,
        { ...actas, processed: undefined, pctProcessed: undefined },
        actas?.processed,
      ]);
      const { status } = await storedStatus(store, def, n, await store.revision(id));
      expect([id, listed.get(id)]).toEqual([id, status.kind]);
    }
    const imports = (await store.listImports()).length;
    out.length = 0;
    expect(await loadBundledData(store, io, false)).toBe(0);
    expect(out).toEqual([]);
    expect((await store.listImports()).length).toBe(imports);
    // a store loaded before a bundled manifest changed (a party's colour here) gets the new
    // definition on the next start, its actas untouched; a published one its units again
    for (const id of ['pe-2021-presidencial-segunda', 'pe-2026-senado']) {
      const old = await store.getElection(id);
      if (old === null) throw new Error(id);
      await store.putElection({
        ...old,
        choices: old.choices.map((c, i) => (i === 0 ? { ...c, color: '#000000' } : c)),
      });
    }
    expect(await loadBundledData(store, io, false)).toBe(0);
    expect(out).toEqual([
      'updated pe-2021-presidencial-segunda from data/elections (its manifest changed; its actas are as imported)',
      'updated pe-2026-senado from data/elections (its manifest changed)',
    ]);
    for (const id of ['pe-2021-presidencial-segunda', 'pe-2026-senado']) {
      const m = loadManifest(id);
      if (!m.ok) throw new Error(id);
      expect((await store.getElection(id))?.choices).toEqual(electionDefOf(m.value).choices);
    }
    expect((await store.listImports()).length).toBe(imports);
    await store.close();
  });
});
