// The bad-input corpus of the acta pipeline: every case names the issue code it must produce.
// Row cases quarantine that row and store the others; file cases reject the whole file and must
// leave the store exactly as it was.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledElection } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { fixedClock, tempDir } from '../helpers.js';
import { ONPE_COLUMNS } from '../helpers.js';

const election = bundledElection('pe-2021-presidencial');
if (election === null) throw new Error('election');
const HEADER = [...ONPE_COLUMNS];

interface RowSpec {
  ubigeo?: string;
  mesa?: string;
  state?: string;
  voters?: string;
  eligible?: string;
  votes?: string[];
  blank?: string;
  null?: string;
  impugned?: string;
}
/** A valid row: 100 voters = 80 list votes (P1 40, P16 40) + 15 blank + 5 null. */
function row(s: RowSpec = {}): string[] {
  const votes = s.votes ?? ['40', ...Array(14).fill(''), '40', '', ''];
  return [
    s.ubigeo ?? '010101',
    'AMAZONAS',
    'CHACHAPOYAS',
    'CHACHAPOYAS',
    'PRESIDENCIAL',
    s.mesa ?? '000001',
    s.state ?? 'CONTABILIZADA',
    '',
    s.voters ?? '100',
    s.eligible ?? '300',
    ...votes,
    s.blank ?? '15',
    s.null ?? '5',
    s.impugned ?? '',
  ];
}
const csv = (rows: string[][], header = HEADER, sep = ','): string =>
  [header, ...rows]
    .map((r) =>
      r
        .map((c) => (c.includes(sep) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c))
        .join(sep),
    )
    .join('\n') + '\n';
const fileOf = (bad: RowSpec): string =>
  csv([
    row({ mesa: '000001' }),
    row({ mesa: '000002', ...bad }),
    row({ mesa: '000003', ubigeo: '921001' }),
  ]);
const withVote = (i: number, v: string): string[] => {
  const votes = ['40', ...Array(14).fill(''), '40', '', ''];
  votes[i] = v;
  return votes;
};

const ZERO_P: string[] = Array(18).fill('');
const ROW_CASES: readonly [string, RowSpec, string][] = [
  ['votes do not add up to the voters', { voters: '101' }, 'sheet_sum_mismatch'],
  [
    'more voters than eligible',
    { voters: '301', eligible: '300', blank: '216' },
    'voters_exceed_eligible',
  ],
  [
    'a figure above the voters',
    { voters: '50', null: '60', votes: Array(18).fill(''), blank: '' },
    'votes_exceed_voters',
  ],
  ['negative list votes', { votes: withVote(0, '-3') }, 'negative_number'],
  ['negative voters', { voters: '-100' }, 'negative_number'],
  ['decimal votes', { votes: withVote(0, '2.5') }, 'non_integer'],
  ['decimal comma votes', { votes: withVote(0, '1,5') }, 'non_integer'],
  ['text in a vote cell', { votes: withVote(3, 'abc') }, 'non_integer'],
  ['exponent notation', { votes: withVote(0, '1e3') }, 'non_integer'],
  ['hexadecimal', { votes: withVote(0, '0x10') }, 'non_integer'],
  ['explicit plus sign', { blank: '+15' }, 'non_integer'],
  ['absurdly large votes', { votes: withVote(0, '99999999999') }, 'number_too_large'],
  ['absurdly large eligible', { eligible: '12345678901' }, 'number_too_large'],
  ['ubigeo outside Peru and abroad', { ubigeo: '990101' }, 'unknown_ubigeo'],
  ['ubigeo of no district', { ubigeo: '250199' }, 'unknown_ubigeo'],
  ['ubigeo with letters', { ubigeo: 'AB0101' }, 'ubigeo_invalid'],
  ['ubigeo with 7 digits', { ubigeo: '0101011' }, 'ubigeo_invalid'],
  ['mesa with letters', { mesa: '12345A' }, 'mesa_invalid'],
  ['mesa missing', { mesa: '' }, 'missing_required'],
  ['ubigeo missing', { ubigeo: '' }, 'missing_required'],
  ['state missing', { state: '' }, 'missing_required'],
  ['eligible missing', { eligible: '' }, 'missing_required'],
  ['unknown acta state', { state: 'CONTADA' }, 'unknown_state'],
  ['not installed but with votes', { state: 'SIN INSTALAR' }, 'state_inconsistent'],
  [
    'not installed, no voters, but blank votes',
    { state: 'MESA NO INSTALADA', votes: ZERO_P, voters: '', blank: '3', null: '' },
    'state_inconsistent',
  ],
  [
    'counted without any figures',
    { voters: '', votes: Array(18).fill(''), blank: '', null: '' },
    'state_inconsistent',
  ],
];

const WARNING_CASES: readonly [string, RowSpec, string][] = [
  ['impugned votes pending', { voters: '102', impugned: '2' }, 'impugned_pending'],
  ['annulled acta with list votes', { state: 'ANULADA' }, 'annulled_votes_not_null'],
];

/** Rows whose district is named with an Ñ, `n` of them, as UTF-8 text. */
const rowsWithEnye = (n: number, from: number): string =>
  csv(
    Array.from({ length: n }, (_, i) => {
      const r = row({ mesa: String(from + i).padStart(6, '0') });
      r[3] = 'ESPAÑA';
      return r;
    }),
  );
/** One more row whose Ñ is latin-1 (0xD1), as a spreadsheet pasting from ONPE's file would leave it. */
const latin1Row = (mesa: string): Buffer =>
  Buffer.from(
    csv([row({ mesa })])
      .split('\n')[1]!
      .replace('CHACHAPOYAS,PRES', 'ESPAÑA,PRES') + '\n',
    'latin1',
  );

const FILE_CASES: readonly [string, () => Buffer | string, string, string?][] = [
  ['empty file', () => '', 'file_empty'],
  [
    'UTF-8 for 64 KB, then a latin-1 Ñ',
    () => Buffer.concat([Buffer.from(rowsWithEnye(800, 500000)), latin1Row('501000')]),
    'file_encoding_invalid',
  ],
  [
    'latin-1 with a UTF-8 Ñ in its first 64 KB',
    () => Buffer.concat([Buffer.from(rowsWithEnye(2, 510000)), latin1Row('510100')]),
    'file_encoding_invalid',
  ],
  [
    'JSON with a byte that is not UTF-8',
    () =>
      Buffer.concat([
        Buffer.from('{"mesa":"000002","ubigeo":"010101","state":"counted","note":"ESPA'),
        Buffer.from([0xd1]),
        Buffer.from('A","eligible":300,"voters":5,"votes":{"P1":5},"blank":0,"null":0}\n'),
      ]),
    'file_encoding_invalid',
    '.jsonl',
  ],
  ['header only', () => csv([]), 'file_empty'],
  [
    'binary (a PNG)',
    () =>
      Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
      ]),
    'file_binary',
  ],
  [
    'binary (NUL bytes in text)',
    () => Buffer.concat([Buffer.from(csv([row()])), Buffer.from([0, 0, 0])]),
    'file_binary',
  ],
  [
    'no mesa column',
    () =>
      csv(
        [row().slice(0, 5)],
        HEADER.filter((h) => h !== 'MESA_DE_VOTACION'),
      ),
    'columns_missing',
  ],
  [
    'no blank-votes column',
    () =>
      csv(
        [row().slice(0, -3)],
        HEADER.filter((h) => h !== 'VOTOS_VB'),
      ),
    'columns_missing',
  ],
  [
    'a candidate column missing',
    () =>
      csv(
        [row()],
        HEADER.filter((h) => h !== 'VOTOS_P7'),
      ),
    'columns_missing',
  ],
  [
    'a vote column outside the candidate map',
    () => csv([[...row(), '0']], [...HEADER, 'VOTOS_P19']),
    'unknown_party_column',
  ],
  [
    'plain prose, not CSV',
    () => 'Resultados de la elección\nno es un archivo de datos\n',
    'columns_missing',
  ],
  [
    'truncated gzip',
    () =>
      gzipSync(
        Buffer.from(
          csv(Array.from({ length: 400 }, (_, i) => row({ mesa: String(i + 1).padStart(6, '0') }))),
        ),
      ).subarray(0, 900),
    'file_truncated',
    '.csv.gz',
  ],
  ['gzip name, not gzip data', () => csv([row()]), 'file_truncated', '.csv.gz'],
  [
    'CSV cut in the middle of a row',
    () => csv([row(), row({ mesa: '000002' })]) + '010101,AMAZONAS,CHACHA',
    'file_truncated',
  ],
  [
    'unclosed quote at the end',
    () => csv([row()]) + '"010101,AMAZONAS,CHACHAPOYAS',
    'file_truncated',
  ],
  ['a stray quote inside a field', () => csv([row()]) + '010101,AMA"ZONAS",X\n', 'csv_unreadable'],
  [
    'zip without a CSV inside',
    () => Buffer.from('504b0506000000000000000000000000000000000000', 'hex'),
    'file_empty',
    '.zip',
  ],
  ['corrupt zip', () => Buffer.from('504b0304deadbeef', 'hex'), 'file_truncated', '.zip'],
  [
    'cifra CSV without a choice column',
    () =>
      'mesa,ubigeo,state,eligible,voters,blank,null,impugned,P1\n000001,010101,counted,300,10,0,0,0,10\n',
    'columns_missing',
  ],
  [
    'cifra JSON array cut short',
    () =>
      '[{"mesa":"000001","ubigeo":"010101","state":"counted","eligible":300,"voters":1,"votes":{"P1":1}},',
    'file_truncated',
    '.json',
  ],
];

const JSON_ROW_CASES: readonly [string, string, string][] = [
  ['a line that is not JSON', '{"mesa": "000002", oops', 'json_unreadable'],
  [
    'negative votes in JSON',
    '{"mesa":"000002","ubigeo":"010101","state":"counted","eligible":300,"voters":5,"votes":{"P1":-5}}',
    'negative_number',
  ],
  [
    'a JSON choice outside the election',
    '{"mesa":"000002","ubigeo":"010101","state":"counted","eligible":300,"voters":5,"votes":{"P99":5}}',
    'unknown_party_column',
  ],
  // ONPE's label in cifra's JSON, which takes cifra's states: unknown_state (was non_integer)
  [
    "a JSON state in ONPE's words",
    '{"mesa":"000002","ubigeo":"010101","state":"CONTABILIZADA","eligible":300,"voters":5,"votes":{"P1":5}}',
    'unknown_state',
  ],
  [
    'a JSON mesa of 5 digits',
    '{"mesa":"00002","ubigeo":"010101","state":"counted","eligible":300,"voters":5,"votes":{"P1":5}}',
    'mesa_invalid',
  ],
];

const dir = tempDir('cifra-bad-');
let n = 0;
function write(content: Buffer | string, ext = '.csv'): string {
  const p = join(dir, `case-${n++}${ext}`);
  writeFileSync(p, content);
  return p;
}

async function snapshot(store: Store): Promise<string> {
  const actas = await store.currentActas(election!.id);
  const imports = await store.listImports();
  const history = await Promise.all(
    actas.slice(0, 50).map((a) => store.actaHistory(election!.id, a.mesa)),
  );
  return JSON.stringify({ actas, imports, history });
}

describe('bad inputs to cifra ingest', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(join(dir, 'bad.db'));
    await store.migrate();
    await store.putElection(election);
    // something already stored, that no rejected file may touch
    const seed = write(csv([row({ mesa: '900001' }), row({ mesa: '900002', ubigeo: '140137' })]));
    expect((await ingestFile(store, { file: seed, election, now: fixedClock })).ok).toBe(true);
  });

  it('the corpus has at least 40 cases', () => {
    expect(
      ROW_CASES.length + WARNING_CASES.length + FILE_CASES.length + JSON_ROW_CASES.length + 1,
    ).toBeGreaterThanOrEqual(40);
  });

  it.each(ROW_CASES)(
    'row: %s → %s… quarantined, the other rows stored',
    async (_name, spec, code) => {
      const r = await ingestFile(store, {
        file: write(fileOf(spec)),
        election,
        now: fixedClock,
      });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.report.quarantined).toBe(1);
      expect(Object.keys(r.report.quarantinedByCode)).toContain(code);
      const q = await store.quarantined(r.report.importId as number);
      expect(q[0]?.row).toBe(2);
      expect(q[0]?.issues.map((i) => i.code)).toContain(code);
      expect(q[0]?.raw['MESA_DE_VOTACION']).toBe(spec.mesa ?? '000002');
    },
  );

  it.each(WARNING_CASES)('warning: %s → %s, stored with the acta', async (_name, spec, code) => {
    const mesa = String(700000 + n).padStart(6, '0');
    const r = await ingestFile(store, {
      file: write(csv([row({ mesa, ...spec })])),
      election,
      now: fixedClock,
    });
    expect(r.ok && r.report.quarantined).toBe(0);
    expect((await store.getActa(election.id, mesa))?.warnings.map((w) => w.code)).toContain(code);
  });

  it('row: the same mesa twice in one file → duplicate_acta, the first kept', async () => {
    const r = await ingestFile(store, {
      file: write(csv([row({ mesa: '800001' }), row({ mesa: '800001', voters: '100' })])),
      election,
      now: fixedClock,
    });
    expect(r.ok && r.report.quarantinedByCode).toEqual({ duplicate_acta: 1 });
    // the issue names the row kept and whether the figures are its own (review 21 M4)
    const q = r.ok ? await store.quarantined(r.report.importId as number) : [];
    expect(q[0]?.issues[0]?.details).toEqual({ mesa: '800001', keptRow: 1, sameFigures: true });
    const slow = await ingestFile(store, {
      file: write(
        csv([
          row({ mesa: '800002' }),
          row({ mesa: '800003' }),
          row({ mesa: '800002', votes: withVote(0, '41'), blank: '14' }),
        ]),
      ),
      election,
      now: fixedClock,
      quick: false,
    });
    const sq = slow.ok ? await store.quarantined(slow.report.importId as number) : [];
    expect(sq.map((x) => [x.row, x.issues.map((i) => i.details)])).toEqual([
      [3, [{ mesa: '800002', keptRow: 1, sameFigures: false }]],
    ]);
  });

  it.each(JSON_ROW_CASES)('JSON row: %s → %s', async (_name, line, code) => {
    const good =
      '{"mesa":"600001","ubigeo":"010101","state":"counted","eligible":300,"voters":5,"votes":{"P1":5},"blank":0,"null":0}';
    const r = await ingestFile(store, {
      file: write(`${good}\n${line}\n`, '.jsonl'),
      election,
      now: fixedClock,
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.keys(r.report.quarantinedByCode)).toContain(code);
  });

  it.each(FILE_CASES)('file: %s → %s, the store unchanged', async (_name, content, code, ext) => {
    const before = await snapshot(store);
    const r = await ingestFile(store, {
      file: write(content(), ext),
      election,
      now: fixedClock,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual([code]);
    expect(await snapshot(store)).toBe(before);
  });

  it('file: where the encoding breaks is said (byte, row), and a UTF-8 file whose Ñ straddles chunks reads', async () => {
    const utf8 = Buffer.from(rowsWithEnye(800, 520000));
    const r = await ingestFile(store, {
      file: write(Buffer.concat([utf8, latin1Row('521000')])),
      election,
      now: fixedClock,
    });
    expect(!r.ok && r.issues[0]?.details).toMatchObject({
      reason: 'invalid_utf8',
      byte: utf8.length + latin1Row('521000').indexOf(0xd1),
      row: 801,
    });
    const utf8Line = rowsWithEnye(1, 530001).split('\n')[1] + '\n';
    const m = await ingestFile(store, {
      file: write(
        Buffer.concat([Buffer.from(csv([])), latin1Row('530000'), Buffer.from(utf8Line)]),
      ),
      election,
      now: fixedClock,
    });
    expect(!m.ok && m.issues[0]?.details).toMatchObject({ reason: 'mixed', row: 1 });
    // 800 rows of UTF-8 Ñ: the file is read in several chunks, some ending inside a "Ñ"
    const fresh = new SqliteStore(':memory:');
    await fresh.migrate();
    await fresh.putElection(election);
    const ok = await ingestFile(fresh, { file: write(utf8), election, now: fixedClock });
    expect(ok.ok && ok.report.new).toBe(800);
    expect((await fresh.places(election.id)).get('010101')?.district).toBe('ESPAÑA');
  });

  it('file: a path that does not exist → file_unreadable', async () => {
    const r = await ingestFile(store, {
      file: join(dir, 'nope.csv'),
      election,
      now: fixedClock,
    });
    expect(!r.ok && r.issues[0]?.code).toBe('file_unreadable');
  });
});

describe('what ONPE files look like in the wild', () => {
  it('reads semicolon-separated latin-1 (ONPE’s own encoding) without mangling Ñ', async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    await store.putElection(election);
    const text = csv([row({ mesa: '000010', ubigeo: '010101' })], HEADER, ';')
      .replace('CHACHAPOYAS,', 'CHACHAPOYAS;')
      .replace(/AMAZONAS/, 'AMAZONAS')
      .replace('CHACHAPOYAS;CHACHAPOYAS', 'CHACHAPOYAS;ESPAÑA');
    const r = await ingestFile(store, {
      file: write(Buffer.from(text, 'latin1')),
      election,
      now: fixedClock,
    });
    expect(r.ok && r.report.new).toBe(1);
    expect((await store.places(election.id)).get('010101')?.district).toBe('ESPAÑA');
  });

  it('keeps zero-padded codes and restores them where a spreadsheet dropped them', async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    await store.putElection(election);
    const r = await ingestFile(store, {
      file: write(csv([row({ mesa: '31', ubigeo: '10101' })])),
      election,
      now: fixedClock,
    });
    expect(r.ok && r.report.new).toBe(1);
    expect((await store.getActa(election.id, '000031'))?.ubigeo).toBe('010101');
  });

  it('reads a .zip holding the CSV', async () => {
    const { execFileSync } = await import('node:child_process');
    const store = new SqliteStore(':memory:');
    await store.migrate();
    await store.putElection(election);
    const inner = join(dir, 'actas.csv');
    writeFileSync(inner, csv([row({ mesa: '000020' })]));
    const zip = join(dir, 'actas.zip');
    execFileSync('python3', [
      '-c',
      `import zipfile; z=zipfile.ZipFile(${JSON.stringify(zip)},'w',zipfile.ZIP_DEFLATED); z.write(${JSON.stringify(inner)}, 'actas.csv'); z.close()`,
    ]);
    const r = await ingestFile(store, { file: zip, election, now: fixedClock });
    expect(r.ok && r.report.new).toBe(1);
  });
});
