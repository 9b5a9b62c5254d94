// The one decision of which election a file is read into (results/election-to-import.ts), each
// branch: an upload's (the API's) and a local file's (`cifra ingest`, `cifra replay`). The CLI's
// and the API's own tests hold the wording and the statuses; this holds the decision.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Issue } from '../src/core/issues.js';
import { builtInElectionIds } from '../src/elections/manifests.js';
import { readHeader } from '../src/ingest/source.js';
import {
  electionToImport,
  type ImportElection,
  type ImportRequest,
} from '../src/results/election-to-import.js';
import type { Found } from '../src/results/service.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import {
  fileWriter,
  fixtureElection,
  fixtureManifest,
  ONPE_COLUMNS,
  onpeRow,
  tempDir,
  writeRunoffMesas,
} from './helpers.js';

let dir: string;
let store: SqliteStore;
beforeEach(async () => {
  dir = tempDir('cifra-election-to-import-');
  store = new SqliteStore(join(dir, 'cifra.db'));
  await store.migrate();
});
afterEach(async () => {
  await store.close();
});

const FIRST = 'pe-2021-presidencial';
const RUNOFF = 'pe-2021-presidencial-segunda';

const chosen = (r: Found<ImportElection>): [string, ImportElection['from']] => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return [r.value.election.id, r.value.from];
};
const refused = (r: Found<ImportElection>): readonly Issue[] => {
  if (r.ok) throw new Error(`chose ${r.value.election.id}`);
  return r.issues;
};
const stored = async (): Promise<string[]> => (await store.listElections()).map((e) => e.id);

describe('an upload (the API)', () => {
  const upload = (id?: string) => electionToImport(store, { via: 'upload', id });

  it('a name is the stored election; no name, the store only one', async () => {
    await store.putElection(fixtureElection(FIRST));
    expect(chosen(await upload(FIRST))).toEqual([FIRST, 'store']);
    expect(chosen(await upload())).toEqual([FIRST, 'store']);
  });

  it('a bundled id the store does not hold is read from its manifest and stored first', async () => {
    expect(chosen(await upload(RUNOFF))).toEqual([RUNOFF, 'manifest']);
    expect(await stored()).toEqual([RUNOFF]);
  });

  it('a manifest path is never read, even a valid one: unknown_election, nothing stored', async () => {
    // fails on the code before: the bundled lookup read any path the client named
    const issues = refused(await upload(fixtureManifest(RUNOFF)));
    expect(issues.map((i) => i.code)).toEqual(['unknown_election']);
    expect(await stored()).toEqual([]);
  });

  it('an id neither stored nor bundled, or no name in an empty store, is unknown_election', async () => {
    // as a file's import says it (docs/errors.md; session 36: `known: []`, the store's alone, though
    // an upload takes a bundled election counted from actas, review 8's complaint)
    expect(refused(await upload('pe-1990-nothing'))).toEqual([
      expect.objectContaining({
        code: 'unknown_election',
        details: {
          election: 'pe-1990-nothing',
          looked: 'manifest',
          known: ['pe-2021-presidencial', 'pe-2021-presidencial-segunda'],
        },
      }),
    ]);
    expect(refused(await upload())).toMatchObject([
      { code: 'unknown_election', details: { election: null, known: [] } },
    ]);
  });

  it('no name with several stored is election_required', async () => {
    await store.putElection(fixtureElection(FIRST));
    await store.putElection(fixtureElection(RUNOFF));
    expect(refused(await upload())).toMatchObject([
      { code: 'election_required', details: { known: [FIRST, RUNOFF] } },
    ]);
  });
});

describe('a file on this machine (cifra ingest, cifra replay)', () => {
  const local = (o: Omit<Extract<ImportRequest, { via: 'file' }>, 'via' | 'readHeader'>) =>
    electionToImport(store, { via: 'file', readHeader, ...o });
  const csv = () =>
    fileWriter(dir)(
      'first.csv',
      `${ONPE_COLUMNS.join(',')}\n${onpeRow('000001', '010101', 1, 2)}\n`,
    );

  it('a file or a manifest path that is not there is file_unreadable, both named', async () => {
    const issues = refused(await local({ id: join(dir, 'no.json'), file: join(dir, 'no.csv') }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['file_unreadable', ['file']],
      ['file_unreadable', ['election']],
    ]);
    expect(issues[0]?.details).toMatchObject({ reason: 'ENOENT' });
  });

  it('a name is the stored election first; nothing is stored by the decision', async () => {
    const mine = { ...fixtureElection(FIRST), label: 'stored' };
    await store.putElection(mine);
    const r = await local({ id: FIRST, file: csv() });
    expect(chosen(r)).toEqual([FIRST, 'store']);
    expect(r.ok && r.value.election.label).toBe('stored');
  });

  it('a name the store does not hold is a bundled manifest, or a manifest file', async () => {
    expect(chosen(await local({ id: RUNOFF, file: csv() }))).toEqual([RUNOFF, 'manifest']);
    expect(chosen(await local({ id: fixtureManifest(FIRST), file: csv() }))).toEqual([
      FIRST,
      'manifest',
    ]);
    expect(await stored()).toEqual([]);
  });

  it('a bundled election of published aggregates is not read as actas', async () => {
    expect(refused(await local({ id: 'pe-2021-congreso', file: csv() }))).toMatchObject([
      { code: 'aggregates_not_actas', details: { election: 'pe-2021-congreso' } },
    ]);
  });

  // s35: it listed every bundled manifest, published aggregates (which ingest refuses) included
  it('an unknown name is unknown_election that looked for a manifest, with what ingest takes', async () => {
    const stored = (await store.listElections()).map((e) => e.id);
    expect(refused(await local({ id: 'pe-1990-nothing', file: csv() }))).toEqual([
      expect.objectContaining({
        code: 'unknown_election',
        details: {
          election: 'pe-1990-nothing',
          looked: 'manifest',
          known: [
            ...new Set([...stored, 'pe-2021-presidencial', 'pe-2021-presidencial-segunda']),
          ].sort(),
        },
      }),
    ]);
    expect(builtInElectionIds()).toContain('pe-2026-senado'); // bundled, but aggregates
  });

  it('no name: an empty file is file_empty, not "no election fits"', async () => {
    const empty = fileWriter(dir)('empty.csv', '');
    expect(refused(await local({ file: empty }))).toMatchObject([
      { code: 'file_empty', details: { file: empty } },
    ]);
  });

  it('no name: the one bundled election whose columns the header has', async () => {
    const runoff = writeRunoffMesas(join(dir, 'runoff.csv'));
    expect(chosen(await local({ file: runoff }))).toEqual([RUNOFF, 'header']);
  });

  it('no name and no election fits: unknown_election with the columns and what fits', async () => {
    const odd = fileWriter(dir)('odd.csv', 'MESA,VOTOS_X\n1,2\n');
    expect(refused(await local({ file: odd }))).toEqual([
      expect.objectContaining({
        code: 'unknown_election',
        details: {
          election: null,
          columns: ['MESA', 'VOTOS_X'],
          fits: [],
          known: builtInElectionIds(),
        },
      }),
    ]);
  });

  it('no name and a file without a CSV header (JSON actas): unknown_election without columns', async () => {
    const json = fileWriter(dir)('actas.jsonl', '{"mesa":"000001"}\n');
    expect(refused(await local({ file: json }))[0]?.details).toEqual({
      election: null,
      fits: [],
      known: builtInElectionIds(),
    });
  });

  it('no name and no file (a replay without one): unknown_election without columns', async () => {
    expect(refused(await local({}))[0]?.details).toEqual({
      election: null,
      fits: [],
      known: builtInElectionIds(),
    });
  });
});
