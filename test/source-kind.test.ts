// Whether a source is JSON is one decision, from the name of what is inside it (review 7, H2):
// ingest, `cifra compare` and the header reader used to decide it three ways from the outer file
// name, so a .zip holding actas.jsonl was refused as CSV and compare read a .jsonl.gz as CSV.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { readHeader } from '../src/ingest/source.js';
const sourceKind = (o: { innerName: string }) =>
  /\.(json|jsonl|ndjson)$/i.test(o.innerName) ? 'json' : 'csv';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, fixedClock, tempDir } from './helpers.js';
import { zipOf } from './zip-of.js';

const dir = tempDir('cifra-source-kind-');
const write = (name: string, data: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

const MESAS = ['000001', '000002', '000003'];
// voters 100 of 300: P1 60, P2 30, blank 4, null 6
const ONPE_CSV =
  [
    'UBIGEO,DEPARTAMENTO,PROVINCIA,DISTRITO,TIPO_ELECCION,MESA_DE_VOTACION,DESCRIP_ESTADO_ACTA,TIPO_OBSERVACION,N_CVAS,N_ELEC_HABIL,VOTOS_P1,VOTOS_P2,VOTOS_VB,VOTOS_VN,VOTOS_VI',
    ...MESAS.map(
      (m) =>
        `010101,AMAZONAS,CHACHAPOYAS,CHACHAPOYAS,PRESIDENCIAL,${m},CONTABILIZADA,,100,300,60,30,4,6,`,
    ),
  ].join('\n') + '\n';
const JSONL =
  MESAS.map((mesa) =>
    JSON.stringify({
      mesa,
      ubigeo: '010101',
      state: 'counted',
      eligible: 300,
      voters: 100,
      votes: { P1: 60, P2: 30 },
      blank: 4,
      null: 6,
    }),
  ).join('\n') + '\n';

describe('sourceKind', () => {
  it('reads the inner name: a zip entry, the name without .gz, or the file name', () => {
    const kinds = [
      'a.json',
      'a.JSONL',
      'a.ndjson',
      'dir/a.jsonl',
      'a.csv',
      'a.txt',
      'a.json.csv',
      'json',
    ].map((innerName) => sourceKind({ innerName }));
    expect(kinds).toEqual(['json', 'json', 'json', 'json', 'csv', 'csv', 'csv', 'csv']);
  });
});

describe('one decision for ingest, compare and the header reader', () => {
  const election = bundledElection('pe-2021-presidencial-segunda');
  if (!election) throw new Error('election');

  const ingest = async (file: string) => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    await store.putElection(election);
    try {
      return await ingestFile(store, { file, election, now: fixedClock });
    } finally {
      await store.close();
    }
  };

  it('a zip with a .jsonl entry ingests without --format', async () => {
    const r = await ingest(write('actas.zip', zipOf('export/actas.jsonl', Buffer.from(JSONL))));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect([r.report.format, r.report.valid, r.report.quarantined]).toEqual(['cifra-json', 3, 0]);
  });

  it('a zip with a .csv entry still ingests as CSV', async () => {
    const r = await ingest(write('onpe.zip', zipOf('onpe.csv', Buffer.from(ONPE_CSV))));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect([r.report.format, r.report.valid]).toEqual(['onpe-mesa', 3]);
  });

  it('cifra compare reads a .jsonl.gz side as JSON Lines', async () => {
    const onpe = write('onpe.csv', ONPE_CSV);
    const gz = write('actas.jsonl.gz', gzipSync(JSONL));
    const r = await cli(
      'compare',
      onpe,
      gz,
      '--election',
      'pe-2021-presidencial-segunda',
      '--format',
      'json',
    );
    expect([r.code, r.err]).toEqual([0, '']);
    const out = JSON.parse(r.out) as {
      b: { format: string; rows: number };
      mesas: { compared: number; agree: number };
    };
    expect([out.b.format, out.b.rows, out.mesas.compared, out.mesas.agree]).toEqual([
      'cifra-json',
      3,
      3,
      3,
    ]);
  });

  it('the header reader gives no header for .ndjson, .jsonl.gz or a zip of JSON', async () => {
    const headers = await Promise.all([
      readHeader(write('actas.ndjson', JSONL)),
      readHeader(write('actas2.jsonl.gz', gzipSync(JSONL))),
      readHeader(write('json.zip', zipOf('actas.json', Buffer.from(`[${JSONL.trim()}]`)))),
      readHeader(write('onpe2.csv', ONPE_CSV)),
    ]);
    expect(headers.map((h) => h?.slice(0, 2) ?? null)).toEqual([
      null,
      null,
      null,
      ['UBIGEO', 'DEPARTAMENTO'],
    ]);
  });
});
