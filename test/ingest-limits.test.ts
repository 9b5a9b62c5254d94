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
import { jsonDepth } from '../src/ingest/limits.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, fixedClock, ONPE_COLUMNS, tempDir } from './helpers.js';

const dir = tempDir('cifra-limits-');
const HEADER = ONPE_COLUMNS.join(',');
const row = (mesa: string) =>
  ['010101', 'D', 'P', 'X', 'PRESIDENCIAL', mesa, 'CONTABILIZADA', '', '30', '300', '20']
    .concat(Array(15).fill(''), ['', '6', '4', ''])
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
    // a record is measured when it outlasts a read chunk (1 MiB): a 2 MB line, refused by default
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
    await app.close();
    await store.close();
    expect([r.statusCode, r.json().error]).toEqual([422, 'too_many_rows']);
  });
});
