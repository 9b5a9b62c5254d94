// One contract for every Store implementation (Hono-style conformance suite): SQLite now,
// PostgreSQL next. Call runStoreContract(name, makeStore) from a *.test.ts file.
import { describe, expect, it } from 'vitest';
import { ACTA_STATES, type Acta, type ElectionDef } from '../src/core/model/acta.js';
import type { ActaColumns } from '../src/core/tally/acta-columns.js';
import { conflictReasons } from '../src/core/tally/versioning.js';
import { againOf, recordReread } from '../src/ingest/reread.js';
import { verifyChains } from '../src/store/audit.js';
import { verifyAudit } from '../src/store/audit-log.js';
import { revisionLastImport } from '../src/store/store.js';
import type { ResultUnit } from '../src/results/documents.js';
import { previousLevel, putPublishedElection } from '../src/results/published-load.js';
import type { ImportRecord, IncomingActa, PublishedUnit, Store } from '../src/store/store.js';
import { EARLIER_AS_OF, REPLAY_ID, replayManifest } from './previous-cut-fixture.js';
import { countedActa } from '../src/test-utils/acta.js';

export const ELECTION: ElectionDef = {
  id: 'test-e',
  label: 'Test election',
  ruleset: 'pe-2021-presidencial',
  jurisdiction: 'pe',
  choices: [
    { id: 'A', label: 'Ana', party: 'Partido A' },
    { id: 'B', label: 'Beto', party: 'Partido B' },
  ],
};

const PINNED_CHAIN_HEAD = '27613e7ac6ce9988e6ee7d7578d0ab076711c5ad3ae26a2c507cbcec9bad02bf';

export const acta = (mesa: string, over: Partial<Acta> = {}): Acta =>
  countedActa({ election: ELECTION.id, mesa, ...over });
const incoming = (a: Acta, row: number): IncomingActa => ({
  acta: a,
  row,
  warnings: [],
  place: { department: 'AMAZONAS', province: 'CHACHAPOYAS', district: 'CHACHAPOYAS' },
});

export async function importActas(
  store: Store,
  actas: readonly Acta[],
  sha: string,
  mode: 'import' | 'correction' = 'import',
  ruling: { readonly resolution?: string; readonly author?: string; readonly cut?: string } = {},
) {
  const s = await store.beginImport({
    ...ruling,
    election: ELECTION.id,
    fileName: `${sha}.csv`,
    sha256: sha,
    size: 10,
    format: 'cifra-csv',
    mode,
    startedAt: '2026-11-26T00:00:00.000Z',
  });
  const out = await s.applyBatch(
    actas.map((a, i) => incoming(a, i + 1)),
    [],
  );
  await s.commit({
    rowsRead: actas.length,
    ...out,
    quarantined: 0,
    quarantinedByCode: {},
    finishedAt: '2026-11-26T00:00:01.000Z',
  });
  return { ...out, importId: s.importId };
}

/** A snapshot's actas by mesa, whatever their order. */
function byMesa(cols: ActaColumns): Map<string, Record<string, unknown>> {
  const C = cols.choices;
  return new Map(
    cols.mesa.map((m, i) => [
      m,
      {
        ubigeo: cols.ubigeos[cols.ubigeoOf[i] as number],
        state: ACTA_STATES[cols.state[i] as number],
        eligible: cols.eligible[i],
        votes: cols.hasFigures[i] === 1 ? Array.from(cols.votes.subarray(i * C, i * C + C)) : null,
        blank: cols.blank[i],
        null: cols.null[i],
        impugned: cols.impugned[i],
        preferential: cols.preferential?.[i] ?? null,
      },
    ]),
  );
}

export function runStoreContract(
  name: string,
  makeStore: () => Promise<Store>,
  options: { readonly isolatedReads: boolean } = { isolatedReads: true },
): void {
  describe(`Store contract: ${name}`, () => {
    const fresh = async (): Promise<Store> => {
      const s = await makeStore();
      await s.migrate();
      await s.putElection(ELECTION);
      return s;
    };

    it('tells whether a projection is recorded at a revision of an election', async () => {
      const s = await fresh();
      await importActas(s, [acta('000001')], 'p1');
      const revision = await s.revision(ELECTION.id);
      expect(await s.projectionRecorded(ELECTION.id, revision)).toBe(false);
      await s.putProjection({
        election: ELECTION.id,
        revision,
        recordedAt: '2026-12-02T18:00:00.000Z',
        pctCounted: 12.5,
        doc: { any: 'document' },
      });
      expect(await s.projectionRecorded(ELECTION.id, revision)).toBe(true);
      expect(await s.projectionRecorded(ELECTION.id, `${revision}x`)).toBe(false);
      expect(await s.projectionRecorded('other-e', revision)).toBe(false);
      await s.close();
    });

    it('migrate is idempotent and keeps data', async () => {
      const s = await fresh();
      await importActas(s, [acta('000001')], 'a1');
      await s.migrate();
      expect(await s.currentActas(ELECTION.id)).toHaveLength(1);
      await s.close();
    });

    it('stores and updates elections', async () => {
      const s = await fresh();
      expect(await s.getElection(ELECTION.id)).toEqual(ELECTION);
      await s.putElection({ ...ELECTION, label: 'Renamed' });
      expect((await s.getElection(ELECTION.id))?.label).toBe('Renamed');
      expect((await s.listElections()).map((e) => e.id)).toEqual([ELECTION.id]);
      expect(await s.getElection('nope')).toBeNull();
      await s.close();
    });

    it("keeps an election's jurisdiction, manifest and choice colours as given", async () => {
      const s = await fresh();
      expect((await s.getElection(ELECTION.id))?.jurisdiction).toBe('pe');
      const es = {
        ...ELECTION,
        id: 'es-e',
        jurisdiction: 'es',
        choices: [
          {
            id: 'A',
            label: 'Ana',
            party: 'PA',
            color: '#123456',
            ballotPosition: 1,
            column: 'VOTOS_P1',
          },
        ],
        manifest: {
          labels: { es: 'Elección', en: 'Election' },
          date: '2023-07-23',
          status: {
            kind: 'provisional' as const,
            pctCounted: '98.190',
            cut: '2023-07-23T22:00:00+02:00',
          },
          asOf: '2023-07-23T22:00:00+02:00',
          sources: [{ format: 'cifra-csv' as const, file: 'a.csv', publisher: 'Ministerio' }],
          provenance: 'spain/2023/PROVENANCE.md',
        },
      };
      await s.putElection(es);
      expect(await s.getElection('es-e')).toEqual(es);
      await s.close();
    });

    it("keeps a published election's earlier capture (previousSnapshot) beside its units, and its time", async () => {
      const s = await fresh();
      const put = await putPublishedElection(s, replayManifest().path);
      if (!put.ok) throw new Error(JSON.stringify(put.error));
      const codes = (units: readonly PublishedUnit[]) => units.map((u) => u.code).sort();
      const now = await s.publishedUnits(REPLAY_ID, 'department');
      const before = await s.publishedUnits(REPLAY_ID, previousLevel('department'));
      expect(codes(now)).toHaveLength(30);
      expect(codes(before)).toEqual(codes(now));
      const counted = (units: readonly PublishedUnit[]) =>
        units.reduce((a, u) => a + ((u.doc as ResultUnit).actas?.counted ?? Number.NaN), 0);
      // the replay's 40 % and 32 % cuts (data/peru/2021/presidential_r2/PROVENANCE.md)
      expect([counted(now), counted(before)]).toEqual([34_578, 27_661]);
      expect(before.every((u) => u.level === 'previous-department')).toBe(true);
      expect((await s.getElection(REPLAY_ID))?.published?.previous).toEqual({
        asOf: EARLIER_AS_OF,
        source: expect.objectContaining({ en: expect.stringContaining('a replay') }),
      });
      await s.close();
    });

    it('commits an import: current actas, the import log and its counts, findImport by SHA-256', async () => {
      const s = await fresh();
      const r = await importActas(
        s,
        [acta('000001'), acta('000002', { votes: [10, 80] })],
        'sha-1',
      );
      expect(r).toMatchObject({ new: 2, unchanged: 0, conflicts: 0 });
      const current = await s.currentActas(ELECTION.id);
      expect(current.map((a) => [a.mesa, a.votes, a.version, a.conflict])).toEqual([
        ['000001', [60, 30], 1, false],
        ['000002', [10, 80], 1, false],
      ]);
      expect((await s.findImport(ELECTION.id, 'sha-1'))?.id).toBe(r.importId);
      expect(await s.findImport(ELECTION.id, 'other')).toBeNull();
      expect((await s.listImports(ELECTION.id))[0]).toMatchObject({
        status: 'committed',
        rowsRead: 2,
        new: 2,
        sha256: 'sha-1',
        size: 10,
      });
      expect((await s.places(ELECTION.id)).get('010101')).toEqual({
        department: 'AMAZONAS',
        province: 'CHACHAPOYAS',
        district: 'CHACHAPOYAS',
      });
      await s.close();
    });

    // Session 30: findImport found any import of the bytes, so a file first given as a correction
    // made a later plain import of it "already imported", and its actas were never read as a
    // snapshot. Only a snapshot of the source (an import, a re-read of one) makes bytes imported.
    it('findImport finds a snapshot of the file, never a correction of the same bytes', async () => {
      const s = await fresh();
      await importActas(s, [acta('000001')], 'base');
      const fix = await importActas(s, [acta('000001', { votes: [61, 29] })], 'fix', 'correction');
      expect(fix).toMatchObject({ corrected: 1 });
      expect(await s.findImport(ELECTION.id, 'fix')).toBeNull();
      // the same bytes imported plainly: a new import, its row unchanged (the correction is current)
      const plain = await importActas(s, [acta('000001', { votes: [61, 29] })], 'fix');
      expect(plain).toMatchObject({ new: 0, unchanged: 1, conflicts: 0, corrected: 0 });
      expect(await s.findImport(ELECTION.id, 'fix')).toMatchObject({
        id: plain.importId,
        mode: 'import',
      });
      expect((await s.listImports(ELECTION.id)).map((i) => [i.sha256, i.mode])).toEqual([
        ['base', 'import'],
        ['fix', 'correction'],
        ['fix', 'import'],
      ]);
      await s.close();
    });

    it('a mesa met again in a later batch of the first import of an election is read back, not new', async () => {
      const s = await fresh();
      const session = await s.beginImport({
        election: ELECTION.id,
        fileName: 'b.csv',
        sha256: 'b',
        size: 1,
        format: 'cifra-csv',
        mode: 'import',
        startedAt: '2026-11-26T00:00:00.000Z',
      });
      const first = await session.applyBatch([incoming(acta('000001'), 1)], []);
      const same = await session.applyBatch([incoming(acta('000001'), 2)], []);
      const other = await session.applyBatch(
        [incoming(acta('000002'), 3), incoming(acta('000001', { votes: [30, 60] }), 4)],
        [],
      );
      expect([first.new, same.unchanged, other.new, other.conflicts]).toEqual([1, 1, 1, 1]);
      await session.rollback();
      expect(await s.currentActas(ELECTION.id)).toEqual([]);
      await s.close();
    });

    it('rolls back an import completely', async () => {
      const s = await fresh();
      const session = await s.beginImport({
        election: ELECTION.id,
        fileName: 'x.csv',
        sha256: 'x',
        size: 1,
        format: 'cifra-csv',
        mode: 'import',
        startedAt: '2026-11-26T00:00:00.000Z',
      });
      await session.applyBatch(
        [incoming(acta('000009'), 1)],
        [{ row: 2, mesa: null, issues: [], raw: { a: '1' } }],
      );
      await session.rollback();
      expect(await s.currentActas(ELECTION.id)).toEqual([]);
      expect(await s.listImports()).toEqual([]);
      expect(await s.actaHistory(ELECTION.id, '000009')).toEqual([]);
      await s.close();
    });

    it('versions: unchanged, state change, conflict (kept, flagged, not applied), correction (applied, clears the flag)', async () => {
      const s = await fresh();
      await importActas(
        s,
        [
          acta('000001', {
            state: 'pending',
            stateLabel: 'PENDIENTE',
            voters: null,
            votes: null,
            blank: 0,
            null: 0,
          }),
        ],
        'i1',
      );
      expect(
        await importActas(
          s,
          [
            acta('000001', {
              state: 'pending',
              stateLabel: 'PENDIENTE',
              voters: null,
              votes: null,
              blank: 0,
              null: 0,
            }),
          ],
          'i2',
        ),
      ).toMatchObject({ unchanged: 1 });
      expect(await importActas(s, [acta('000001')], 'i3')).toMatchObject({ stateChanges: 1 });
      const conflict = await importActas(s, [acta('000001', { votes: [59, 31] })], 'i4');
      expect(conflict).toMatchObject({ conflicts: 1, conflictMesas: ['000001'] });
      const afterConflict = await s.getActa(ELECTION.id, '000001');
      expect(afterConflict).toMatchObject({ votes: [60, 30], conflict: true, version: 2 });
      const fix = await importActas(s, [acta('000001', { votes: [59, 31] })], 'i5', 'correction');
      expect(fix).toMatchObject({ corrected: 1 });
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({
        votes: [59, 31],
        conflict: false,
        version: 4,
      });
      const history = await s.actaHistory(ELECTION.id, '000001');
      expect(history.map((h) => [h.version, h.kind, h.current, h.sha256])).toEqual([
        [1, 'new', false, 'i1'],
        [2, 'state_change', false, 'i3'],
        [3, 'conflict', false, 'i4'],
        [4, 'correction', true, 'i5'],
      ]);
      expect(history[0]?.row).toBe(1);
      await s.close();
    });

    it("keeps a correction's resolution and author with its import; each version names its file; the chains verify", async () => {
      const s = await fresh();
      await importActas(s, [acta('000001')], 'r1');
      const ruling = {
        resolution: 'Resolución N.° 0123-2026-JEE-LIMA',
        author: 'Ana Pérez (personera)',
      };
      await importActas(s, [acta('000001', { votes: [59, 31] })], 'r2', 'correction', ruling);
      const imports = await s.listImports(ELECTION.id);
      expect(imports.map((i) => [i.fileName, i.resolution, i.author])).toEqual([
        ['r1.csv', undefined, undefined],
        ['r2.csv', ruling.resolution, ruling.author],
      ]);
      const history = await s.actaHistory(ELECTION.id, '000001');
      expect(history.map((h) => [h.kind, h.file, h.sha256, h.resolution, h.author])).toEqual([
        ['new', 'r1.csv', 'r1', null, null],
        ['correction', 'r2.csv', 'r2', ruling.resolution, ruling.author],
      ]);
      const { versions, imports: chained } = await s.auditChains();
      expect(verifyChains(versions, chained)).toMatchObject({ ok: true, versions: 2 });
      await s.close();
    });

    it("keeps the source's cut with its import (migration 16): read back, none where not given, in the import chain", async () => {
      const s = await fresh();
      const cut = '2026-06-07T22:30:00-05:00';
      await importActas(s, [acta('000001')], 'c1');
      await importActas(s, [acta('000002')], 'c2', 'import', { cut });
      const imports = await s.listImports(ELECTION.id);
      expect(imports.map((i) => [i.fileName, i.cut])).toEqual([
        ['c1.csv', undefined],
        ['c2.csv', cut],
      ]);
      // the status reads the cut of the revision's own last import (results/status.ts)
      expect(revisionLastImport(await s.revision(ELECTION.id))).toBe(imports[1]?.id);
      const { versions, imports: chained } = await s.auditChains();
      expect(verifyChains(versions, chained)).toMatchObject({ ok: true, imports: 2 });
      // a cut edited outside cifra breaks the import's link
      const edited = chained.map((i) =>
        i.cut === undefined ? i : { ...i, cut: '2026-06-07T23:30:00-05:00' },
      );
      expect(verifyChains(versions, edited).breaks).toEqual([
        expect.objectContaining({ table: 'imports', id: imports[1]?.id, reason: 'hash_mismatch' }),
      ]);
      await s.close();
    });

    it('records a re-read (the source seen unchanged at a later cut): no acta, in the chain and the log, the revision moved', async () => {
      const s = await fresh();
      const first = await importActas(s, [acta('000001')], 'r1', 'import', {
        cut: '2026-06-07T22:30:00-05:00',
      });
      const before = await s.revision(ELECTION.id);
      const cut = '2026-06-07T23:30:00-05:00';
      const meta = {
        ...{ election: ELECTION.id, fileName: 'r1.csv', sha256: 'r1', size: 10 },
        ...{ format: 'cifra-csv', startedAt: '2026-11-26T01:00:00.000Z', cut },
        mode: 'reread' as const,
      };
      // twice: a later re-read of the same file is its own record (imports_once is of imports)
      const ids = [];
      for (const [c, at] of [
        [cut, '2026-11-26T01:00:01.000Z'],
        ['2026-06-08T00:30:00-05:00', '2026-11-26T02:00:01.000Z'],
      ] as const) {
        const recheck = (all: readonly ImportRecord[]) => againOf(all, all[0] as ImportRecord, c);
        const r = await recordReread(s, { ...meta, cut: c }, recheck, () => at);
        ids.push(r.ok && r.value.kind === 'recorded' ? r.value.importId : null);
      }
      const imports = await s.listImports(ELECTION.id);
      expect(imports.map((i) => [i.id, i.mode, i.status, i.sha256])).toEqual([
        [first.importId, 'import', 'committed', 'r1'],
        [ids[0], 'reread', 'committed', 'r1'],
        [ids[1], 'reread', 'committed', 'r1'],
      ]);
      expect(imports[1]).toMatchObject({ cut, rowsRead: 0, new: 0, unchanged: 0 });
      // the file's import is still the one that read its rows
      expect((await s.findImport(ELECTION.id, 'r1'))?.id).toBe(first.importId);
      expect(await s.actaHistory(ELECTION.id, '000001')).toHaveLength(1);
      expect(await s.revision(ELECTION.id)).not.toBe(before);
      expect(revisionLastImport(await s.revision(ELECTION.id))).toBe(imports[2]?.id);
      expect(verifyAudit(await s.auditRecords()).breaks).toEqual([]);
      // a re-read passed off as an import breaks its link
      const { versions, imports: chained } = await s.auditChains();
      const edited = chained.map((i) =>
        i.mode === 'reread' ? { ...i, mode: 'import' as const } : i,
      );
      expect(verifyChains(versions, edited).breaks[0]).toMatchObject({
        table: 'imports',
        id: imports[1]?.id,
        reason: 'hash_mismatch',
      });
      await s.close();
    });

    it('records no re-read when an import committed while it waited: the answer is asked again under the write lock', async () => {
      const s = await fresh();
      await importActas(s, [acta('000001')], 'r1', 'import', { cut: '2026-06-07T22:30:00-05:00' });
      const cut = '2026-06-07T23:30:00-05:00';
      // decided on the list before r2 committed: r1 was the latest snapshot then
      const decided = await s.listImports(ELECTION.id);
      const r1 = decided[0] as ImportRecord;
      expect(againOf(decided, r1, cut).kind).toBe('reread');
      const r2 = await importActas(s, [acta('000002')], 'r2', 'import', {
        cut: '2026-06-07T23:00:00-05:00',
      });
      const meta = {
        ...{ election: ELECTION.id, fileName: 'r1.csv', sha256: 'r1', size: 10 },
        ...{ format: 'cifra-csv', startedAt: '2026-11-26T01:00:00.000Z', cut },
        mode: 'reread' as const,
      };
      const r = await recordReread(
        s,
        meta,
        (all) => againOf(all, r1, cut),
        () => cut,
      );
      expect(r).toMatchObject({
        ok: true,
        value: { kind: 'nothing', issue: { code: 'already_imported' } },
      });
      const imports = await s.listImports(ELECTION.id);
      expect(imports.filter((i) => i.status === 'committed').map((i) => i.mode)).toEqual([
        'import',
        'import',
      ]);
      expect(revisionLastImport(await s.revision(ELECTION.id))).toBe(r2.importId);
      expect(verifyAudit(await s.auditRecords()).breaks).toEqual([]);
      await s.close();
    });

    it("keeps an acta's observation (why it is at the JEE): read back, versioned when it changes, in the chain only where given", async () => {
      const s = await fresh();
      const atJee = (observation?: string): Acta =>
        acta('000001', {
          state: 'jee',
          stateLabel: 'ACTA ELECTORAL PARA ENVÍO AL JEE',
          ...(observation === undefined ? {} : { observation }),
        });
      await importActas(s, [atJee('ERROR MATERIAL'), acta('000002')], 'o1');
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({
        observation: 'ERROR MATERIAL',
      });
      expect(await s.getActa(ELECTION.id, '000002')).not.toHaveProperty('observation');
      const current = await s.currentActas(ELECTION.id);
      expect(current.find((a) => a.mesa === '000001')?.observation).toBe('ERROR MATERIAL');
      // the same file again changes nothing; a new observation on the same figures is evidence
      expect(await importActas(s, [atJee('ERROR MATERIAL')], 'o2')).toMatchObject({
        unchanged: 1,
      });
      // the state did not change: the version says what did (session 26)
      expect(await importActas(s, [atJee('VOTOS IMPUGNADOS')], 'o3')).toMatchObject({
        stateChanges: 0,
        observationChanges: 1,
      });
      const history = await s.actaHistory(ELECTION.id, '000001');
      expect(history.map((h) => [h.version, h.kind, h.acta.observation])).toEqual([
        [1, 'new', 'ERROR MATERIAL'],
        [2, 'observation_change', 'VOTOS IMPUGNADOS'],
      ]);
      // the import log counts it apart (migration 15), 0 where there was none
      const log = await s.listImports(ELECTION.id);
      expect(log.map((i) => [i.sha256, i.stateChanges, i.observationChanges])).toEqual([
        ['o1', 0, 0],
        ['o2', 0, 0],
        ['o3', 0, 1],
      ]);
      const { versions, imports } = await s.auditChains();
      const chained = [...versions];
      expect(verifyChains(chained, imports)).toMatchObject({ ok: true, versions: 3 });
      // the observation is in the link: a stored one edited no longer verifies
      const edited = chained.map((v) =>
        v.acta.observation === 'ERROR MATERIAL'
          ? { ...v, acta: { ...v.acta, observation: 'ILEGIBILIDAD' } }
          : v,
      );
      expect(verifyChains(edited, imports).ok).toBe(false);
      await s.close();
    });

    // The code review's case: each sending of a stale file wrote another conflict version.
    it('keeps one conflict for a stale row sent again; a different one is kept too', async () => {
      const s = await fresh();
      await importActas(s, [acta('000001')], 'i1');
      const stale = acta('000001', { state: 'pending', stateLabel: 'EN PROCESO' });
      expect(await importActas(s, [stale], 'i2')).toMatchObject({ conflicts: 1 });
      expect(await importActas(s, [stale], 'i3')).toMatchObject({ conflicts: 0, unchanged: 1 });
      const other = acta('000001', { votes: [59, 31] });
      expect(await importActas(s, [other], 'i4')).toMatchObject({ conflicts: 1 });
      expect(await importActas(s, [other], 'i5')).toMatchObject({ conflicts: 0, unchanged: 1 });
      const history = await s.actaHistory(ELECTION.id, '000001');
      expect(history.map((h) => [h.version, h.kind, h.current, h.sha256])).toEqual([
        [1, 'new', true, 'i1'],
        [2, 'conflict', false, 'i2'],
        [3, 'conflict', false, 'i4'],
      ]);
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({ conflict: true, version: 1 });
      await s.close();
    });

    // Session 29: an older file imported late moved an acta at the JEE back to pending.
    it('keeps an earlier state (at the JEE, then pending) as a conflict, not applied; a correction may set it', async () => {
      const s = await fresh();
      const jee = acta('000001', { state: 'jee', stateLabel: 'OBSERVADA' });
      await importActas(s, [jee], 'i1');
      const stale = acta('000001', { state: 'pending', stateLabel: 'EN PROCESO', votes: null });
      expect(await importActas(s, [stale], 'i2')).toMatchObject({
        stateChanges: 0,
        conflicts: 1,
        conflictMesas: ['000001'],
        earlierStates: [{ mesa: '000001', held: 'jee', given: 'pending' }],
      });
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({
        state: 'jee',
        conflict: true,
        version: 1,
      });
      expect(await importActas(s, [stale], 'i3')).toMatchObject({
        unchanged: 1,
        earlierStates: [],
      });
      const ruling = { resolution: 'Res. 1-2026-JEE', author: 'observer' };
      const fixed = await importActas(s, [stale], 'i4', 'correction', ruling);
      expect(fixed).toMatchObject({ corrected: 1, conflicts: 0, earlierStates: [] });
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({
        state: 'pending',
        conflict: false,
        version: 3,
      });
      await s.close();
    });

    // Session 32: a ruling reopened a counted acta; a new file of the source, not caught up,
    // still gave it counted with the same figures and was applied over the ruling.
    it('keeps the version a correction replaced, given again by a new file, as a conflict, not applied; other figures move on; a correction sets it', async () => {
      const s = await fresh();
      const counted = acta('000001');
      await importActas(s, [counted, acta('000002')], 'i1');
      const reopened = (mesa: string, over: Partial<Acta> = {}) =>
        acta(mesa, { state: 'pending', stateLabel: 'EN PROCESO', votes: null, ...over });
      const ruling = await importActas(
        s,
        [reopened('000001'), reopened('000002')],
        'c1',
        'correction',
      );
      expect(ruling).toMatchObject({ corrected: 2 });
      const news = await importActas(s, [counted, acta('000002', { votes: [59, 31] })], 'i2');
      expect(news).toMatchObject({
        ...{ stateChanges: 1, conflicts: 1, conflictMesas: ['000001'], earlierStates: [] },
        superseded: [{ mesa: '000001', correction: ruling.importId }],
      });
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({
        ...{ state: 'pending', version: 2, conflict: true },
      });
      expect(await s.getActa(ELECTION.id, '000002')).toMatchObject({
        ...{ state: 'counted', version: 3, votes: [59, 31], conflict: false },
      });
      // the same stale row again: the conflict already kept
      expect(await importActas(s, [counted], 'i3')).toMatchObject({ unchanged: 1, superseded: [] });
      // the ruling recorded again (its observation): what is replaced is still the count, and the
      // correction that replaced it the first of the two (session 32 review)
      const again = await importActas(
        s,
        [reopened('000001', { observation: 'RECUENTO' })],
        'c2',
        'correction',
      );
      expect(again).toMatchObject({ corrected: 1 });
      expect(await importActas(s, [counted], 'i4')).toMatchObject({
        ...{ conflicts: 1, stateChanges: 0 },
        superseded: [{ mesa: '000001', correction: ruling.importId }],
      });
      const recount = await importActas(s, [counted], 'c3', 'correction');
      expect(recount).toMatchObject({ corrected: 1, conflicts: 0, superseded: [] });
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({
        ...{ state: 'counted', version: 6, conflict: false },
      });
      const history = await s.actaHistory(ELECTION.id, '000001');
      expect(history.map((h) => [h.version, h.kind, h.current, h.sha256])).toEqual([
        [1, 'new', false, 'i1'],
        [2, 'correction', false, 'c1'],
        [3, 'conflict', false, 'i2'],
        [4, 'correction', false, 'c2'],
        [5, 'conflict', false, 'i4'],
        [6, 'correction', true, 'c3'],
      ]);
      await s.close();
    });

    // Session 32 review: the source counted X, then Z (kept as a conflict: figures); a ruling
    // reopened the acta; the next file gave Z, not X, and was applied over the ruling.
    it('keeps any version the source gave before the ruling, a conflict kept then too, as superseded, named by the first correction of the run', async () => {
      const s = await fresh();
      const x = acta('000001');
      const z = acta('000001', { votes: [59, 31] });
      await importActas(s, [x], 'i1');
      expect(await importActas(s, [z], 'i2')).toMatchObject({ conflicts: 1, superseded: [] });
      const reopened = acta('000001', { state: 'pending', stateLabel: 'EN PROCESO', votes: null });
      const ruling = await importActas(s, [reopened], 'c1', 'correction');
      const again = { ...reopened, observation: 'RECUENTO' };
      expect(await importActas(s, [again], 'c2', 'correction')).toMatchObject({ corrected: 1 });
      expect(await importActas(s, [z], 'i3')).toMatchObject({
        ...{ stateChanges: 0, conflicts: 1, conflictMesas: ['000001'] },
        superseded: [{ mesa: '000001', correction: ruling.importId }],
      });
      // X too (not the last conflict kept, so not unchanged)
      expect(await importActas(s, [x], 'i4')).toMatchObject({
        ...{ stateChanges: 0, conflicts: 1 },
        superseded: [{ mesa: '000001', correction: ruling.importId }],
      });
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({
        ...{ state: 'pending', observation: 'RECUENTO', version: 4, conflict: true },
      });
      const history = await s.actaHistory(ELECTION.id, '000001');
      expect(history.map((h) => [h.version, h.kind, h.current])).toEqual([
        [1, 'new', false],
        [2, 'conflict', false],
        [3, 'correction', false],
        [4, 'correction', true],
        [5, 'conflict', false],
        [6, 'conflict', false],
      ]);
      await s.close();
    });

    // Session 33: the source caught up with a ruling (its row gave the ruling's content, a content
    // it had not given before: recorded as caught up), then a recount gave the figures the ruling
    // replaced: applied, as the count moving on.
    it('once the source gave a ruling unchanged, applies its recount to the figures the ruling replaced; a later ruling holds again; the chains verify', async () => {
      const s = await fresh();
      const x = acta('000001');
      const y = acta('000002', { votes: [40, 20] });
      await importActas(s, [x, acta('000002'), acta('000003')], 'i1');
      const reopened = (mesa: string) =>
        acta(mesa, { state: 'pending', stateLabel: 'EN PROCESO', votes: null });
      // 000002: the ruling closes it with other figures (Y)
      await importActas(s, [reopened('000001'), y, reopened('000003')], 'c1', 'correction');
      // the source gives each ruling's own content: unchanged, no version written
      const caught = await importActas(s, [reopened('000001'), y, reopened('000003')], 'i2');
      expect(caught).toMatchObject({ unchanged: 3, stateChanges: 0, conflicts: 0 });
      // 000003: a second ruling after the source caught up with the first holds it again
      const again = { ...reopened('000003'), observation: 'RECUENTO' };
      const second = await importActas(s, [again], 'c2', 'correction');
      const recount = await importActas(s, [x, acta('000002'), acta('000003')], 'i3');
      expect(recount).toMatchObject({
        ...{ stateChanges: 1, conflicts: 2, conflictMesas: ['000002', '000003'] },
        superseded: [{ mesa: '000003', correction: second.importId }],
      });
      // 000001: the recount to the figures the ruling replaced is the count moving on
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({
        ...{ state: 'counted', votes: x.votes, version: 3, conflict: false },
      });
      const history = await s.actaHistory(ELECTION.id, '000001');
      expect(history.map((h) => [h.version, h.kind, h.current, h.sha256])).toEqual([
        [1, 'new', false, 'i1'],
        [2, 'correction', false, 'c1'],
        [3, 'state_change', true, 'i3'],
      ]);
      // the ruling names the import the source caught up with it in
      expect(history.map((h) => h.caughtUp)).toEqual([null, caught.importId, null]);
      // 000002: closed by the ruling, other figures follow the usual rule (figures), not held
      expect(await s.getActa(ELECTION.id, '000002')).toMatchObject({
        ...{ votes: [40, 20], version: 2, conflict: true },
      });
      // and the reason read back is the one decided (conflictReasons reads the catch-up)
      expect(conflictReasons(await s.actaHistory(ELECTION.id, '000002'))).toEqual([
        ...[null, null, 'figures'],
      ]);
      expect(conflictReasons(await s.actaHistory(ELECTION.id, '000003'))).toEqual([
        ...[null, null, null, 'superseded'],
      ]);
      expect(verifyAudit(await s.auditRecords()).breaks).toEqual([]);
      const { versions, imports } = await s.auditChains();
      expect(verifyChains(versions, imports)).toMatchObject({ ok: true });
      await s.close();
    });

    it('while the source never gave the ruling, still holds the figures it replaced as superseded, mesa by mesa', async () => {
      const s = await fresh();
      const x = acta('000001');
      await importActas(s, [x, acta('000002')], 'i1');
      const reopened = (mesa: string) =>
        acta(mesa, { state: 'pending', stateLabel: 'EN PROCESO', votes: null });
      const ruling = await importActas(
        s,
        [reopened('000001'), reopened('000002')],
        'c1',
        'correction',
      );
      // a file that gives the ruling for 000002 only; 000001 not in it
      expect(await importActas(s, [reopened('000002')], 'i2')).toMatchObject({ unchanged: 1 });
      const old = await importActas(s, [x, acta('000002')], 'i3');
      expect(old).toMatchObject({
        ...{ stateChanges: 1, conflicts: 1, conflictMesas: ['000001'] },
        superseded: [{ mesa: '000001', correction: ruling.importId }],
      });
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({
        ...{ state: 'pending', version: 2, conflict: true },
      });
      expect(await s.getActa(ELECTION.id, '000002')).toMatchObject({
        ...{ state: 'counted', version: 3, conflict: false },
      });
      await s.close();
    });

    it('an old snapshot giving the ruling’s content the source gave before the ruling is not catching up: a lagging counted row stays superseded (review s33, 1)', async () => {
      const s = await fresh();
      const x = acta('000001');
      const pending = acta('000001', { state: 'pending', stateLabel: 'EN PROCESO', votes: null });
      await importActas(s, [pending], 'i0');
      await importActas(s, [x], 'i1');
      const ruling = await importActas(s, [pending], 'c1', 'correction');
      // a mirror serves i0 again: unchanged, and no catching up (the source gave it before)
      expect(await importActas(s, [pending], 'i0-again')).toMatchObject({ unchanged: 1 });
      expect((await s.actaHistory(ELECTION.id, '000001')).map((h) => h.caughtUp)).toEqual([
        ...[null, null, null],
      ]);
      // a lagging mirror serves i1 again: held, the ruling stands
      expect(await importActas(s, [x], 'i1-again')).toMatchObject({
        ...{ stateChanges: 0, conflicts: 1 },
        superseded: [{ mesa: '000001', correction: ruling.importId }],
      });
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({
        ...{ state: 'pending', version: 3, conflict: true },
      });
      await s.close();
    });

    it('applies a batch row by row: a mesa twice, a conflict then a state change, a correction after a conflict; the chain verifies', async () => {
      const s = await fresh();
      const resolved = { state: 'resolved', stateLabel: 'COMPUTADA RESUELTA' } as const;
      const first = await importActas(
        s,
        [
          acta('000001', { state: 'pending', votes: null, voters: null, blank: 0, null: 0 }),
          acta('000001'), // arrives in the same batch: a state change of the version just written
          acta('000002'),
          acta('000002', { votes: [59, 31] }), // conflicts with the version just written
          acta('000001'), // unchanged
        ],
        'b1',
      );
      expect(first).toMatchObject({ new: 2, stateChanges: 1, conflicts: 1, unchanged: 1 });
      await importActas(
        s,
        [acta('000001', { votes: [10, 80] }), acta('000001', resolved)], // conflict, then resolved
        'b2',
      );
      await importActas(s, [acta('000002', { votes: [58, 32] })], 'b3', 'correction');
      const history = async (mesa: string) =>
        (await s.actaHistory(ELECTION.id, mesa)).map((h) => [h.version, h.kind, h.current]);
      expect(await history('000001')).toEqual([
        [1, 'new', false],
        [2, 'state_change', false],
        [3, 'conflict', false],
        [4, 'state_change', true],
      ]);
      expect(await history('000002')).toEqual([
        [1, 'new', false],
        [2, 'conflict', false],
        [3, 'correction', true],
      ]);
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({ conflict: false, version: 4 });
      expect(await s.getActa(ELECTION.id, '000002')).toMatchObject({ conflict: false, version: 3 });
      const chains = await s.auditChains();
      expect(verifyChains(chains.versions, chains.imports)).toMatchObject({
        ok: true,
        versions: 7,
      });
      // pinned from the stores as they were before the batch planner (both gave this head): any
      // change to what a version hashes, or to the order versions are written, changes it
      expect(chains.versions.at(-1)?.hash).toBe(PINNED_CHAIN_HEAD);
      await s.close();
    });

    it('keeps quarantined rows with their issues and raw values', async () => {
      const s = await fresh();
      const session = await s.beginImport({
        election: ELECTION.id,
        fileName: 'q.csv',
        sha256: 'q',
        size: 1,
        format: 'cifra-csv',
        mode: 'import',
        startedAt: '2026-11-26T00:00:00.000Z',
      });
      await session.applyBatch(
        [],
        [
          {
            row: 7,
            mesa: '000007',
            issues: [
              {
                code: 'sheet_sum_mismatch',
                severity: 'error',
                path: ['mesa', '000007'],
                details: { sum: 9, voters: 10 },
              },
            ],
            raw: { mesa: '000007' },
          },
        ],
      );
      await session.commit({
        rowsRead: 1,
        new: 0,
        unchanged: 0,
        stateChanges: 0,
        observationChanges: 0,
        corrected: 0,
        conflicts: 0,
        quarantined: 1,
        quarantinedByCode: { sheet_sum_mismatch: 1 },
        finishedAt: 'x',
      });
      expect(await s.quarantined(session.importId)).toEqual([
        {
          row: 7,
          mesa: '000007',
          issues: [
            {
              code: 'sheet_sum_mismatch',
              severity: 'error',
              path: ['mesa', '000007'],
              details: { sum: 9, voters: 10 },
            },
          ],
          raw: { mesa: '000007' },
        },
      ]);
      expect((await s.listImports())[0]?.quarantinedByCode).toEqual({ sheet_sum_mismatch: 1 });
      await s.close();
    });

    it('keeps elections apart: the same mesa in two elections', async () => {
      const s = await fresh();
      await s.putElection({ ...ELECTION, id: 'other' });
      await importActas(s, [acta('000001')], 'e1');
      expect(await s.currentActas('other')).toEqual([]);
      expect(await s.getActa('other', '000001')).toBeNull();
      await s.close();
    });

    it("auditLogFrom gives the log's entries from a seq on, in order, ending at the head", async () => {
      const s = await fresh();
      await importActas(s, [acta('000001')], 'r1');
      await importActas(s, [acta('000002')], 'r2');
      const log = (await s.auditRecords()).log;
      const head = await s.auditHead();
      expect(await s.auditLogFrom(1)).toEqual(log);
      const tail = await s.auditLogFrom(head.count);
      expect(tail).toEqual(log.slice(-1));
      expect(tail[0]?.hash).toBe(head.hash);
      expect(await s.auditLogFrom(head.count + 1)).toEqual([]);
      await s.close();
    });

    it('revision changes with every committed import; mesaSummaries lists the mesas by place', async () => {
      const s = await fresh();
      const r0 = await s.revision(ELECTION.id);
      await importActas(s, [acta('000001'), acta('000002', { ubigeo: '140137' })], 'r1');
      const r1 = await s.revision(ELECTION.id);
      expect(r1).not.toBe(r0);
      expect(await s.revision(ELECTION.id)).toBe(r1);
      expect(await s.mesaSummaries(ELECTION.id)).toEqual([
        {
          ubigeo: '010101',
          mesa: '000001',
          state: 'counted',
          eligible: 300,
          voters: 100,
          conflict: false,
        },
        {
          ubigeo: '140137',
          mesa: '000002',
          state: 'counted',
          eligible: 300,
          voters: 100,
          conflict: false,
        },
      ]);
      expect(await s.mesaSummaries('other')).toEqual([]);
      await s.close();
    });

    it('counts the current actas by state, pending ones with figures apart; a conflict is not applied, a correction is', async () => {
      const s = await fresh();
      const pendingEmpty = {
        state: 'pending',
        votes: null,
        voters: null,
        blank: 0,
        null: 0,
      } as const;
      await importActas(
        s,
        [
          acta('000001'),
          acta('000002', { state: 'pending' }), // pending, its figures given
          acta('000003', pendingEmpty),
          acta('000004', { ...pendingEmpty, state: 'not_installed' }),
          acta('000005', { state: 'annulled', votes: [0, 0], blank: 0, null: 96 }),
          acta('000006', { ...pendingEmpty, state: 'jee' }),
        ],
        's1',
      );
      // a counted acta met again with other figures: a conflict, kept apart, the state as it was
      await importActas(s, [acta('000001', { state: 'resolved', votes: [61, 29] })], 's2');
      await importActas(s, [acta('000002')], 's3', 'correction'); // now counted
      const counts = await s.actaStates(ELECTION.id);
      expect(counts).toEqual({
        total: 6,
        states: { counted: 2, resolved: 0, annulled: 1, not_installed: 1, pending: 1, jee: 1 },
        pendingWithFigures: 0,
      });
      // the same as counting the current actas one by one
      const current = await s.currentActas(ELECTION.id);
      expect(counts.total).toBe(current.length);
      for (const st of ACTA_STATES)
        expect([st, counts.states[st]]).toEqual([st, current.filter((a) => a.state === st).length]);
      await importActas(
        s,
        [acta('000007', { state: 'pending' }), acta('000008', pendingEmpty)],
        's4',
      );
      expect(await s.actaStates(ELECTION.id)).toMatchObject({ total: 8, pendingWithFigures: 1 });
      expect(await s.actaStates('other')).toEqual({
        total: 0,
        states: { counted: 0, resolved: 0, annulled: 0, not_installed: 0, pending: 0, jee: 0 },
        pendingWithFigures: 0,
      });
      await s.close();
    });

    it('counts the current actas at the JEE by place and observation, and the conflicted ones (flaggedActas)', async () => {
      const s = await fresh();
      const atJee = (mesa: string, ubigeo: string, observation?: string): Acta =>
        acta(mesa, {
          ubigeo,
          state: 'jee',
          stateLabel: 'ACTA ELECTORAL PARA ENVÍO AL JEE',
          ...(observation === undefined ? {} : { observation }),
        });
      await importActas(
        s,
        [
          atJee('000001', '010101', 'ILEGIBLE'),
          atJee('000002', '010101', 'ILEGIBLE'),
          atJee('000003', '010101', 'SIN FIRMAS'),
          atJee('000004', '010101'),
          atJee('000005', '140137', 'ILEGIBLE'),
          acta('000006', { ubigeo: '140137' }),
          acta('000007', { ubigeo: '140137', observation: 'ILEGIBLE' }), // counted: not at the JEE
        ],
        'f1',
      );
      // 000006 counted met again with other figures: a conflict kept; 000002 resolved by the JEE
      await importActas(s, [acta('000006', { ubigeo: '140137', votes: [61, 29] })], 'f2');
      await importActas(s, [acta('000002', { state: 'resolved' })], 'f3', 'correction');
      const group = (ubigeo: string, jee: boolean, observation: string | null, actas: number) => ({
        ubigeo,
        jee,
        observation,
        conflict: false,
        actas,
      });
      expect(await s.flaggedActas(ELECTION.id)).toEqual([
        group('010101', true, null, 1),
        group('010101', true, 'ILEGIBLE', 1),
        group('010101', true, 'SIN FIRMAS', 1),
        group('140137', true, 'ILEGIBLE', 1),
        { ...group('140137', false, null, 1), conflict: true },
      ]);
      expect(await s.flaggedActas('other')).toEqual([]);
      await s.close();
    });

    it('gives the current actas as columns: the same actas, after versions and corrections', async () => {
      const s = await fresh();
      await importActas(
        s,
        [
          acta('000001'),
          acta('000002', {
            ubigeo: '921001',
            state: 'pending',
            votes: null,
            voters: null,
            blank: 0,
            null: 0,
          }),
          acta('000003', { state: 'annulled', votes: [0, 0], blank: 0, null: 96, impugned: 4 }),
          acta('000004', {
            preferential: [
              [3, 1],
              [0, 2],
            ],
          }),
        ],
        'c1',
      );
      await importActas(s, [acta('000001', { votes: [50, 40] })], 'c2', 'correction');
      await importActas(s, [acta('000003', { votes: [1, 0] })], 'c3'); // a conflict: not applied
      const current = await s.currentActas(ELECTION.id);
      const cols = await s.currentActaColumns(ELECTION.id, 2);
      // the stores need not agree on order; compare acta by acta
      expect(cols.length).toBe(4);
      const byMesa = new Map(current.map((a) => [a.mesa, a]));
      for (let i = 0; i < cols.length; i++) {
        const a = byMesa.get(cols.mesa[i] as string);
        expect(a).toBeDefined();
        if (!a) continue;
        expect({
          ubigeo: cols.ubigeos[cols.ubigeoOf[i] as number],
          state: ACTA_STATES[cols.state[i] as number],
          eligible: cols.eligible[i],
          votes:
            cols.hasFigures[i] === 1 ? Array.from(cols.votes.subarray(i * 2, i * 2 + 2)) : null,
          blank: cols.blank[i],
          null: cols.null[i],
          impugned: cols.impugned[i],
          preferential: cols.preferential?.[i] ?? null,
        }).toEqual(
          // the columns are what the totals add: an annulled acta's every vote as null (LOE
          // art. 363), here 96 null + 4 impugned
          a.state === 'annulled'
            ? {
                ubigeo: a.ubigeo,
                state: a.state,
                eligible: a.eligible,
                votes: [0, 0],
                blank: 0,
                null: 100,
                impugned: 0,
                preferential: null,
              }
            : {
                ubigeo: a.ubigeo,
                state: a.state,
                eligible: a.eligible,
                votes: a.votes,
                blank: a.blank,
                null: a.null,
                impugned: a.impugned,
                preferential: a.preferential ?? null,
              },
        );
      }
      expect(cols.votes[cols.mesa.indexOf('000001') * 2]).toBe(50);
      expect(cols.votes[cols.mesa.indexOf('000003') * 2]).toBe(0);
      await s.close();
    });

    it('patches a snapshot with the actas changed since: the same as reading them all again', async () => {
      const s = await fresh();
      await importActas(
        s,
        [
          acta('000001'),
          acta('000002', { state: 'pending', votes: null, voters: null, blank: 0, null: 0 }),
        ],
        'p1',
      );
      const first = await s.currentActaColumns(ELECTION.id, 2);
      expect(byMesa(await s.currentActaColumns(ELECTION.id, 2, first))).toEqual(byMesa(first));
      await importActas(s, [acta('000002'), acta('000003', { ubigeo: '921001' })], 'p2'); // arrives; new
      await importActas(s, [acta('000001', { votes: [61, 29] })], 'p3'); // a conflict: not applied
      await importActas(s, [acta('000003', { votes: [10, 80] })], 'p4', 'correction');
      const patched = await s.currentActaColumns(ELECTION.id, 2, first);
      const whole = await s.currentActaColumns(ELECTION.id, 2);
      expect(byMesa(patched)).toEqual(byMesa(whole));
      // the correction also moved the acta to another district: its old one must not keep it
      expect(byMesa(patched).get('000003')).toMatchObject({ votes: [10, 80], ubigeo: '010101' });
      expect(byMesa(patched).get('000001')).toMatchObject({ votes: [60, 30] });
      // the first snapshot still reads as it did
      expect(first.length).toBe(2);
      expect(byMesa(first).get('000002')).toMatchObject({ state: 'pending', votes: null });
      await s.close();
    });

    it(`readers ${options.isolatedReads ? 'never see an import before it commits (the API serves reads while it imports)' : 'of its one connection see the open import; a rollback leaves the store as it was'}`, async () => {
      const s = await fresh();
      await importActas(s, [acta('000001')], 'r1');
      const before = await s.currentActaColumns(ELECTION.id, 2);
      const revision = await s.revision(ELECTION.id);
      const session = await s.beginImport({
        election: ELECTION.id,
        fileName: 'r2.csv',
        sha256: 'r2',
        size: 10,
        format: 'cifra-csv',
        mode: 'import',
        startedAt: '2026-11-26T00:00:00.000Z',
      });
      await session.applyBatch(
        [incoming(acta('000002'), 1), incoming(acta('000001', { votes: [0, 90] }), 2)],
        [],
      );
      expect(await s.revision(ELECTION.id)).toBe(revision);
      if (options.isolatedReads) {
        // mid-import: the store reads as it was
        expect((await s.currentActas(ELECTION.id)).map((a) => a.mesa)).toEqual(['000001']);
        expect(await s.getActa(ELECTION.id, '000002')).toBeNull();
        expect(byMesa(await s.currentActaColumns(ELECTION.id, 2, before))).toEqual(byMesa(before));
      } else {
        // a memory database has one connection: the open import is visible to it
        expect(await s.getActa(ELECTION.id, '000002')).not.toBeNull();
      }
      await session.rollback();
      expect((await s.currentActas(ELECTION.id)).map((a) => a.mesa)).toEqual(['000001']);
      expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({ votes: [60, 30] });
      expect(await s.listImports(ELECTION.id)).toHaveLength(1);
      await s.close();
    });

    it('keeps actas without figures as null, not zero', async () => {
      const s = await fresh();
      await importActas(
        s,
        [
          acta('000003', {
            state: 'not_installed',
            stateLabel: 'SIN INSTALAR',
            voters: null,
            votes: null,
            blank: 0,
            null: 0,
          }),
        ],
        'n1',
      );
      expect(await s.getActa(ELECTION.id, '000003')).toMatchObject({
        votes: null,
        voters: null,
        state: 'not_installed',
      });
      await s.close();
    });
  });
}
