/**
 * A mesa's quarantined rows on a store with many of them: what the acta route pays after a
 * write (the first read of a revision), the next reads, and the list of mesas with only
 * quarantined rows (`cifra publish`). Run: `npx tsx bench/quarantine-lookup.ts [imports] [rows]`.
 * Each import quarantines `rows` rows over 40,000 mesas (a mesa in one of every 3 rows is written
 * unpadded, as a JSON Lines file may give it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledElection } from '../src/elections/manifests.js';
import { getActa, mesasOnlyQuarantined } from '../src/results/service.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { QuarantinedRow } from '../src/store/store.js';

const imports = Number(process.argv[2] ?? 10);
const rows = Number(process.argv[3] ?? 20_000);
const MESAS = 40_000;
const def = bundledElection('pe-2021-presidencial');
if (def === null) throw new Error('no bundled pe-2021-presidencial');

const dir = mkdtempSync(join(tmpdir(), 'cifra-bench-quarantine-'));
const store = new SqliteStore(join(dir, 'q.db'));
await store.migrate();
await store.putElection(def);
const issues = [{ code: 'sheet_sum_mismatch', severity: 'error', path: ['row'] }] as const;
for (let i = 0; i < imports; i++) {
  const s = await store.beginImport({
    election: def.id,
    fileName: `bad-${i}.csv`,
    sha256: `${i}`.padStart(64, '0'),
    size: 1,
    format: 'cifra-csv',
    mode: 'import',
    startedAt: '2026-12-02T00:00:00.000Z',
  });
  const q: QuarantinedRow[] = [];
  for (let r = 1; r <= rows; r++) {
    const n = (r * 7 + i * 13) % MESAS;
    const mesa = r % 3 === 0 ? String(n + 1) : String(n + 1).padStart(6, '0');
    q.push({ row: r, mesa, issues: issues as never, raw: { mesa, A: `${r}`, B: `${i}` } });
  }
  await s.applyBatch([], q);
  await s.commit({
    rowsRead: rows,
    new: 0,
    unchanged: 0,
    stateChanges: 0,
    observationChanges: 0,
    corrected: 0,
    conflicts: 0,
    quarantined: rows,
    quarantinedByCode: { sheet_sum_mismatch: rows },
    finishedAt: '2026-12-02T00:00:00.000Z',
  });
}

const ms = (t: bigint): string => (Number(process.hrtime.bigint() - t) / 1e6).toFixed(2);
const mesas = Array.from({ length: 200 }, (_, k) =>
  String(((k * 197) % MESAS) + 1).padStart(6, '0'),
);
// a new store (the same file) per round: its revision memo starts empty, as after a write
for (let round = 0; round < 3; round++) {
  const s = new SqliteStore(join(dir, 'q.db'));
  let t = process.hrtime.bigint();
  const first = await getActa(s, def.id, mesas[0] as string);
  const cold = ms(t);
  t = process.hrtime.bigint();
  let found = 0;
  for (const m of mesas) {
    const a = await getActa(s, def.id, m);
    if (a.ok) found += a.value.quarantined.length;
  }
  const warm = ms(t);
  t = process.hrtime.bigint();
  const only = await mesasOnlyQuarantined(s, def.id);
  const list = ms(t);
  console.log(
    `round ${round}: ${imports * rows} rows; first acta ${cold} ms (${first.ok ? first.value.quarantined.length : 0} rows); ` +
      `200 actas ${warm} ms (${found} rows); only-quarantined list ${list} ms (${only.length} mesas)`,
  );
  // the store's reads alone: every row of the election (what a first lookup read before the
  // mesa key) and one mesa's rows by its key, interleaved
  t = process.hrtime.bigint();
  let all = 0;
  for (const imp of await s.listImports(def.id)) all += (await s.quarantined(imp.id)).length;
  const whole = ms(t);
  t = process.hrtime.bigint();
  let keyed = 0;
  for (const m of mesas) keyed += (await s.quarantinedOfMesa(def.id, m)).length;
  const byKey = ms(t);
  t = process.hrtime.bigint();
  for (const m of mesas) keyed += (await s.quarantinedOfMesa(def.id, `9${m}`)).length;
  console.log(
    `  store: all ${all} rows ${whole} ms; 200 mesas by key ${byKey} ms (${keyed} rows); 200 mesas with none ${ms(t)} ms`,
  );
  await s.close();
}
await store.close();
rmSync(dir, { recursive: true, force: true });
