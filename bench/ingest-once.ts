// One ingest in a fresh process, for the benchmark: prints {"ms","rss","quarantined","rows",
// "loadMs","tabulateMs",…} — wall time of parse + validate + store, the peak RSS of the process,
// and the tabulation of every level (national … circunscripción; the mesa level is the actas
// themselves) from the store as the results service does it: load the columnar snapshot of the
// current actas, then tabulate it (medians of 5); and the same through one object per acta.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tabulate, tabulateColumns } from '../src/core/tally/aggregate.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { benchElection, benchUbigeoCheck, median } from './baselines.js';

const [file, electionArg, choicesArg, dbDir, ubigeoMode] = process.argv.slice(2);
const known = benchUbigeoCheck(ubigeoMode);
if (!file || !electionArg || !dbDir)
  throw new Error('usage: ingest-once FILE ELECTION CHOICES DBDIR');
const election = benchElection(electionArg, Number(choicesArg));
const db = join(dbDir, `${electionArg}.db`);
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
const store = new SqliteStore(db);
await store.migrate();
await store.putElection(election);
const jurisdiction = requireJurisdiction(election.jurisdiction); // its place table, before timing
const t0 = performance.now();
const r = await ingestFile(store, {
  file,
  election,
  now: () => new Date().toISOString(),
  jurisdiction,
  isKnownPlace: known,
});
const ms = performance.now() - t0;
const ingestRss = process.resourceUsage().maxRSS * 1024;
if (!r.ok) throw new Error(JSON.stringify(r.issues));
const loads: number[] = [];
const tabs: number[] = [];
const objectLoads: number[] = [];
const objectTabs: number[] = [];
const levels = jurisdiction.levelIds.filter((l) => l !== 'mesa');
const pendingFiguresCount = election.pendingFiguresCount ?? false;
// What the results service does: load the columnar snapshot once per store revision, then
// tabulate from it. Loads and tabulations are timed apart (medians of 5), so the garbage of one
// load is not charged to the next tabulation.
let cols = await store.currentActaColumns(election.id, election.choices.length);
for (let i = 0; i < 5; i++) {
  const a = performance.now();
  cols = await store.currentActaColumns(election.id, election.choices.length);
  loads.push(performance.now() - a);
}
for (let i = 0; i < 5; i++) {
  const b = performance.now();
  tabulateColumns(cols, jurisdiction, levels, { pendingFiguresCount });
  tabs.push(performance.now() - b);
}
// The reference path it replaced: one object per acta, timed the same way.
let actas = await store.currentActas(election.id);
for (let i = 0; i < 5; i++) {
  const c = performance.now();
  actas = await store.currentActas(election.id);
  objectLoads.push(performance.now() - c);
}
for (let i = 0; i < 5; i++) {
  const d = performance.now();
  tabulate(actas, election.choices.length, jurisdiction, levels, { pendingFiguresCount });
  objectTabs.push(performance.now() - d);
}
// Election night: a later file changes 5,000 actas (corrections swapping two candidates' votes,
// so every sheet still adds up). The new revision's snapshot is the previous one patched with the
// actas changed since; then every level is tabulated. Three updates, median.
const text = readFileSync(file, 'latin1').split('\n');
const headerCells = (text[0] ?? '').split(',');
const p1 = headerCells.indexOf('VOTOS_P1');
const p2 = headerCells.indexOf('VOTOS_P2');
const refreshes: number[] = [];
let snapshot = cols;
for (let k = 0; k < 3; k++) {
  const update = join(dbDir, `${electionArg}-update-${k}.csv`);
  const rows = text.slice(1 + k * 5000, 1 + (k + 1) * 5000).map((line) => {
    const c = line.split(',');
    [c[p1], c[p2]] = [c[p2] ?? '', c[p1] ?? ''];
    return c.join(',');
  });
  writeFileSync(update, [text[0], ...rows].join('\n') + '\n');
  const u = await ingestFile(store, {
    file: update,
    election,
    mode: 'correction',
    now: () => new Date().toISOString(),
    jurisdiction,
    isKnownPlace: known,
  });
  if (!u.ok) throw new Error(JSON.stringify(u.issues));
  const t = performance.now();
  snapshot = await store.currentActaColumns(election.id, election.choices.length, snapshot);
  tabulateColumns(snapshot, jurisdiction, levels, { pendingFiguresCount });
  refreshes.push(performance.now() - t);
}
await store.close();
console.log(
  JSON.stringify({
    ms,
    ingestRss,
    rss: process.resourceUsage().maxRSS * 1024,
    rows: r.report.rowsRead,
    quarantined: r.report.quarantined,
    quarantinedByCode: r.report.quarantinedByCode,
    loadMs: median(loads),
    tabulateMs: median(tabs),
    objectLoadMs: median(objectLoads),
    refreshMs: median(refreshes),
    objectTabulateMs: median(objectTabs),
  }),
);
