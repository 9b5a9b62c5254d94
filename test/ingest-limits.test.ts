// Hostile files (issue 14, items 4 and 7): a decompression bomb, millions of copies of one row, a
// huge line, too many rows, JSON nested thousands deep or an array too large, a repeated column —
// each refused as a whole with its coded error, nothing stored, never an internal error.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ElectionDef } from '../src/core/model/acta.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile, type IngestOptions } from '../src/ingest/ingest.js';
import { jsonTexts } from '../src/ingest/json-stream.js';
import { DEFAULT_INGEST_LIMITS, jsonDepth } from '../src/ingest/limits.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, fixedClock, ONPE_COLUMNS, tempDir } from './helpers.js';
import { zipOf } from './zip-of.js';

const dir = tempDir('cifra-limits-');
const HEADER = ONPE_COLUMNS.join(',');
/** 20 for P1, 6 blank, 4 null: a cell for each of the header's 31 columns (row_cells_mismatch). */
const row = (mesa: string) =>
  ['010101', 'D', 'P', 'X', 'PRESIDENCIAL', mesa, 'CONTABILIZADA', '', '30', '300', '20']
    .concat(Array(17).fill(''), ['6', '4', ''])
    .join(',');
let election: ElectionDef;

beforeAll(() => {
  const e = bundledElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  election = e;
});

async function ingest(file: string, extra: Partial<IngestOptions> = {}) {
  const store = new SqliteStore(':memory:');
  await store.migrate();
  await store.putElection(election);
  const r = await ingestFile(store, { file, election, now: fixedClock, ...extra });
  const committed = (await store.listImports()).filter((i) => i.status === 'committed').length;
  const versions = (await store.auditChains()).versions.length;
  await store.close();
  return { r, committed, versions };
}

const codeOf = (r: Awaited<ReturnType<typeof ingest>>['r']): string =>
  r.ok ? 'ok' : (r.issues[0]?.code ?? '');

describe('ingest limits', () => {
  it('a compressed file of one row copied 60,000 times stops as too_many_quarantined, nothing stored', async () => {
    const file = join(dir, 'copies.csv.gz');
    writeFileSync(file, gzipSync([HEADER, ...Array(60_000).fill(row('000001'))].join('\n') + '\n'));
    const { r, committed, versions } = await ingest(file);
    expect(codeOf(r)).toBe('too_many_quarantined');
    expect([committed, versions]).toEqual([0, 0]);
  });

  it('past the decompressed-bytes limit a .gz is file_too_large', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => row(String(i + 1).padStart(6, '0')));
    const file = join(dir, 'bomb.csv.gz');
    writeFileSync(file, gzipSync([HEADER, ...rows].join('\n') + '\n'));
    const { r, committed } = await ingest(file, { limits: { decompressedBytes: 100_000 } });
    expect(codeOf(r)).toBe('file_too_large');
    expect(committed).toBe(0);
  });

  it('a 5 MB line is line_too_long', async () => {
    const file = join(dir, 'long.csv');
    writeFileSync(file, `${HEADER}\n${row('000001')}\n"${'x'.repeat(5_000_000)}"\n`);
    expect(codeOf((await ingest(file)).r)).toBe('line_too_long');
  });

  it('the line limit is exact below a read chunk: a line of lineBytes is read, one byte more is line_too_long', async () => {
    // the limit counts a record's bytes without its delimiter (LF or CRLF); before, a record was
    // measured only when it outlasted a 1 MiB read chunk, so this 5,030-byte line passed a 200 limit
    const long = row('000002').replace(',D,', `,${'D'.repeat(5000)},`);
    const bytes = Buffer.byteLength(long);
    for (const eol of ['\n', '\r\n']) {
      const file = join(dir, `exact-${eol.length}.csv`);
      writeFileSync(file, [HEADER, row('000001'), long].join(eol) + eol);
      const fits = await ingest(file, { limits: { lineBytes: bytes } });
      expect([codeOf(fits.r), fits.versions]).toEqual(['ok', 2]);
      const over = await ingest(file, { limits: { lineBytes: bytes - 1 } });
      expect([codeOf(over.r), over.versions]).toEqual(['line_too_long', 0]);
      expect(codeOf((await ingest(file, { limits: { lineBytes: 200 } })).r)).toBe('line_too_long');
    }
  });

  it('more rows than the limit is too_many_rows', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(String(i + 1).padStart(6, '0')));
    const file = join(dir, 'rows.csv');
    writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
    expect(codeOf((await ingest(file, { limits: { rows: 10 } })).r)).toBe('too_many_rows');
    expect(codeOf((await ingest(file)).r)).toBe('ok');
  });

  it('a repeated column is duplicate_header', async () => {
    const file = join(dir, 'dup.csv');
    writeFileSync(file, `${HEADER},VOTOS_P1\n${row('000001')},99\n`);
    const { r } = await ingest(file);
    expect(codeOf(r)).toBe('duplicate_header');
    expect(r.ok ? null : r.issues[0]?.details).toMatchObject({ column: 'VOTOS_P1' });
  });

  it('JSON nested 5,000 deep: a JSON line is quarantined as json_too_deep, an array refused; the CLI exits with a coded error, not 70', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const lines = join(dir, 'deep.jsonl');
    writeFileSync(lines, `{"mesa":"000001","deep":${deep}}\n`);
    const l = await ingest(lines);
    expect(l.r.ok && l.r.report.quarantinedByCode).toEqual({ json_too_deep: 1 });
    const array = join(dir, 'deep.json');
    writeFileSync(array, `[${deep}]\n`);
    expect(codeOf((await ingest(array)).r)).toBe('json_too_deep');
    const out = await cli('ingest', array, '--db', join(dir, 'deep.db'), '--election', election.id);
    expect(out.code).not.toBe(70);
    expect(out.err).toContain('json_too_deep');
  });

  it('a JSON array over its byte limit is file_too_large (JSON Lines are streamed instead)', async () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, `[\n${Array(200).fill('{"mesa":"000001"}').join(',\n')}\n]\n`);
    expect(codeOf((await ingest(file, { limits: { jsonArrayBytes: 1000 } })).r)).toBe(
      'file_too_large',
    );
  });

  it('jsonDepth counts nesting outside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
    expect(jsonDepth('"\\"{"')).toBe(0);
  });
});

describe('ingest limits from the command line and the server options', () => {
  const rows = Array.from({ length: 20 }, (_, i) => row(String(i + 1).padStart(6, '0')));
  const csv = [HEADER, ...rows].join('\n') + '\n';
  const file = join(dir, 'twenty.csv');
  const db = (name: string) => join(dir, `${name}.db`);
  const ingestCli = (name: string, ...extra: string[]) =>
    cli('ingest', file, '--db', db(name), '--election', election.id, '--no-progress', ...extra);

  it('--max-rows, --max-line-bytes, --max-decompressed-bytes: the coded refusal, exit 1', async () => {
    writeFileSync(file, csv);
    const a = await ingestCli('flag-rows', '--max-rows', '10');
    expect([a.code, a.err.includes('too_many_rows')]).toEqual([1, true]);
    // a 2 MB line, refused by the default limit (1 MiB) and read under --max-line-bytes 4000000
    const long = join(dir, 'long-line.csv');
    writeFileSync(long, `${HEADER}\n${row('000001')}\n"${'x'.repeat(2_000_000)}"\n`);
    const longCli = (name: string, ...extra: string[]) =>
      cli('ingest', long, '--db', db(name), '--election', election.id, '--no-progress', ...extra);
    expect((await longCli('line-default')).err).toContain('line_too_long');
    const b = await longCli('flag-line', '--max-line-bytes', '4000000');
    expect(b.err).not.toContain('line_too_long');
    const c = await ingestCli('flag-bytes', '--max-decompressed-bytes', '1000');
    expect([c.code, c.err.includes('file_too_large')]).toEqual([1, true]);
    expect((await ingestCli('flag-none')).code).toBe(0);
  });

  it('--limits FILE: its limits, the flags over them; a bad file is a usage error (exit 2)', async () => {
    writeFileSync(file, csv);
    const limits = join(dir, 'limits.json');
    writeFileSync(limits, JSON.stringify({ rows: 10, jsonDepth: 8 }));
    const a = await ingestCli('file-rows', '--limits', limits);
    expect([a.code, a.err.includes('too_many_rows')]).toEqual([1, true]);
    expect((await ingestCli('file-over', '--limits', limits, '--max-rows', '20')).code).toBe(0);
    writeFileSync(limits, JSON.stringify({ rows: 0 }));
    const bad = await ingestCli('file-bad', '--limits', limits);
    expect([bad.code, bad.err]).toEqual([2, expect.stringContaining('--limits') as string]);
    writeFileSync(limits, JSON.stringify({ maxRows: 10 }));
    expect((await ingestCli('file-unknown', '--limits', limits)).code).toBe(2);
    expect((await ingestCli('flag-bad', '--max-rows', '0')).code).toBe(2);
  });

  it('the server’s ingestLimits bound POST /api/v1/imports', async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    await store.putElection(election);
    const app = await buildApi({
      store,
      tokenHash: hashToken('t'),
      ingestLimits: { rows: 10 },
    });
    const r = await app.inject({
      method: 'POST',
      url: `/api/v1/imports?election=${election.id}`,
      headers: { authorization: 'Bearer t', 'content-type': 'text/csv' },
      payload: csv,
    });
    // gzipped JSON Lines upload: decompressed under the same limits, read as JSON
    const gz = await app.inject({
      method: 'POST',
      url: `/api/v1/imports?election=${election.id}&format=cifra-json`,
      headers: { authorization: 'Bearer t', 'content-type': 'application/octet-stream' },
      payload: gzipSync(`${acta('000001')}\n${acta('000002')}\n`),
    });
    await app.close();
    await store.close();
    expect([r.statusCode, r.json().error]).toEqual([422, 'too_many_rows']);
    expect([gz.statusCode, gz.json().valid]).toEqual([200, 2]);
  });
});

const acta = (mesa: string, note = '') =>
  JSON.stringify({
    mesa,
    ubigeo: '010101',
    state: 'counted',
    eligible: 300,
    voters: 5,
    votes: { P1: 5 },
    blank: 0,
    null: 0,
    ...(note ? { note } : {}),
  });

describe('JSON and JSON Lines, streamed', () => {
  const jsonl = Array.from({ length: 30_000 }, (_, i) => acta(String(i + 1).padStart(6, '0')));

  it('a .jsonl.gz bomb stops at the decompressed-bytes limit: file_too_large, nothing stored', async () => {
    const file = join(dir, 'bomb.jsonl.gz');
    writeFileSync(file, gzipSync(jsonl.join('\n') + '\n'));
    const { r, committed, versions } = await ingest(file, {
      limits: { decompressedBytes: 100_000 },
    });
    expect(codeOf(r)).toBe('file_too_large');
    expect([committed, versions]).toEqual([0, 0]);
  });

  it('a .zip bomb (a JSON array of 30,000 actas, 3 MB from 60 KB) stops the same way', async () => {
    const file = join(dir, 'bomb.zip');
    writeFileSync(file, zipOf('actas.json', Buffer.from(`[${jsonl.join(',')}]`)));
    const { r, committed } = await ingest(file, {
      format: 'cifra-json',
      limits: { decompressedBytes: 100_000 },
    });
    expect(codeOf(r)).toBe('file_too_large');
    expect(committed).toBe(0);
    // within the limit, the same zip is read element by element
    const whole = await ingest(file, { format: 'cifra-json' });
    expect(whole.r.ok && whole.r.report.valid).toBe(30_000);
  });

  it('a JSON array on one line longer than a line’s limit: read element by element', async () => {
    const file = join(dir, 'one-line.json');
    writeFileSync(file, `[${jsonl.slice(0, 50).join(',')}]`);
    const { r } = await ingest(file, { limits: { lineBytes: 200 } });
    expect(r.ok && r.report.valid).toBe(50);
    // one element over it is refused
    writeFileSync(file, `[${acta('000001', 'x'.repeat(300))}]`);
    expect(codeOf((await ingest(file, { limits: { lineBytes: 200 } })).r)).toBe('line_too_long');
  });

  it('the texts are the array’s elements however the input is cut (strings with , ] [ and escapes)', async () => {
    const values = [{ a: 'x,]"[' }, [1, [2, { b: '\\' }]], 'y', 7, null, { c: '}' }];
    const text = ` [ ${values.map((v) => JSON.stringify(v)).join(' ,\n')} ]\n `;
    for (const size of [1, 2, 3, 7, text.length]) {
      const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
        text.slice(i * size, (i + 1) * size),
      );
      const got: unknown[] = [];
      for await (const t of jsonTexts(chunks, DEFAULT_INGEST_LIMITS)) got.push(JSON.parse(t.text));
      expect(got).toEqual(values);
    }
  });

  it('an empty or invalid element of a JSON array is a quarantined row, not skipped', async () => {
    const file = join(dir, 'holes.json');
    const items = [acta('000001'), '', 'null', '1', '"x"', '[]', acta('000002'), ''];
    writeFileSync(file, `[${items.join(',\n')}]`);
    const store = new SqliteStore(':memory:');
    await store.migrate();
    await store.putElection(election);
    const r = await ingestFile(store, { file, election, now: fixedClock });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const rows = await store.quarantined(r.report.importId ?? 0);
    await store.close();
    expect([r.report.rowsRead, r.report.valid, r.report.quarantined]).toEqual([8, 2, 6]);
    const byRow = rows.map((q) => [q.row, q.issues[0]?.code, q.issues[0]?.details?.['reason']]);
    expect(byRow[0]).toEqual([2, 'json_unreadable', 'an empty element of the JSON array']);
    expect(byRow.at(-1)).toEqual([8, 'json_unreadable', 'an empty element of the JSON array']);
    expect(rows.map((q) => q.row)).toEqual([2, 3, 4, 5, 6, 8]);
    // a leading comma too; only `[]` has no element (an empty file, as before)
    writeFileSync(file, `[,${acta('000001')}]`);
    expect((await ingest(file)).r).toMatchObject({ report: { valid: 1, quarantined: 1 } });
    writeFileSync(file, ' [ ] ');
    expect(codeOf((await ingest(file)).r)).toBe('file_empty');
  });

  it('an array that does not end is file_truncated; text after it json_unreadable', async () => {
    const file = join(dir, 'cut.json');
    writeFileSync(file, `[${acta('000001')},${acta('000002')}`);
    expect(codeOf((await ingest(file)).r)).toBe('file_truncated');
    writeFileSync(file, `[${acta('000001')}] x`);
    expect(codeOf((await ingest(file)).r)).toBe('json_unreadable');
  });
});
