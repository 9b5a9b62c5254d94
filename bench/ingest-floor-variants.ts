// `npm run bench:ingest-floor`: how far a storage change alone could take `cifra ingest` toward
// issue 15's target (≤ 1.5× `sqlite3 .import` of the same bytes). It builds the CLI bundle, then
// copies it four times and patches the copies (never the source):
//   - base:       the bundle as built;
//   - no-hash:    `versionHash` returns the genesis hash (no JSON text, no SHA-256 per version);
//   - no-inserts: the writer's fresh-batch loop inserts no version row;
//   - neither:    both, i.e. a store that writes and hashes nothing per version: every other
//                 part of the import (parse, validation, planning, the transfer to the writer,
//                 places, the import row, the audit log, the commit) still runs.
// The "neither" copy is a floor for any per-version storage model (pages, deferred indexes, a
// per-page chain): what it cannot beat, no store can. Each patch must match exactly once, or the
// script stops. Fresh processes, interleaved with `sqlite3 .import` and `cifra ingest --check`,
// wall and CPU by GNU time. Reads the ONPE file from .bench-cache (written by `npm run bench`) or
// from the bundled data.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dataPath } from '../src/io/paths.js';
import { ingestArgs } from './ingest-args.js';

const CACHE = '.bench-cache';
const ROUNDS = Number(process.env['FLOOR_ROUNDS'] ?? 5);

interface Patch {
  readonly find: string;
  readonly replace: string;
}
const NO_HASH: Patch = {
  find: 'function versionHash(prev, v) {',
  replace: 'function versionHash(prev, v) { return GENESIS;',
};
const NO_INSERTS: Patch = {
  find: 'const insert = this.insertFresh;\n    const { strs, nums, votesLen, votes } = w;\n    let at = 0;\n    for (let k = 0; k < w.n; k++) {',
  replace:
    'const insert = this.insertFresh;\n    const { strs, nums, votesLen, votes } = w;\n    let at = 0;\n    for (let k = 0; k < 0; k++) {',
};
const VARIANTS: Record<string, readonly Patch[]> = {
  base: [],
  'no-hash': [NO_HASH],
  'no-inserts': [NO_INSERTS],
  neither: [NO_HASH, NO_INSERTS],
};

/** Applies a patch to the one chunk of the copy that holds its text, exactly once. */
function apply(dir: string, p: Patch): void {
  const hits = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ f, text: readFileSync(join(dir, f), 'utf8') }))
    .filter(({ text }) => text.includes(p.find));
  const once = hits.length === 1 && (hits[0]?.text.split(p.find).length ?? 0) === 2;
  if (!once) throw new Error(`patch "${p.find.slice(0, 40)}…" does not match exactly once`);
  const { f, text } = hits[0] as { f: string; text: string };
  writeFileSync(join(dir, f), text.replace(p.find, p.replace));
}

function onpeFile(): string {
  const real = join(CACHE, 'onpe-2021-presidencial-r1.csv');
  if (!existsSync(real)) {
    const gz = dataPath(
      'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
    );
    writeFileSync(real, gunzipSync(readFileSync(gz)).toString('utf8').replace(/"/g, ''));
  }
  return real;
}

interface Run {
  readonly wall: number;
  readonly cpu: number;
}
function timed(cmd: string, args: readonly string[], db: string): Run {
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  const out = join(CACHE, 'floor-time.txt');
  execFileSync('/usr/bin/time', ['-f', '%e %U %S', '-o', out, cmd, ...args], {
    stdio: 'ignore',
  });
  const [e, u, s] = readFileSync(out, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
  return { wall: (e as number) * 1000, cpu: ((u as number) + (s as number)) * 1000 };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

if (!existsSync('/usr/bin/sqlite3') || !existsSync('/usr/bin/time')) {
  console.log('sqlite3 or GNU time absent (apt-get install -y sqlite3 time): nothing measured');
  process.exit(0);
}
const { buildCli } = await import('../scripts/build-cli.js');
const built = join(CACHE, 'floor-cli');
const { main } = await buildCli(built);
const mains: Record<string, string> = {};
for (const [name, patches] of Object.entries(VARIANTS)) {
  const dir = join(CACHE, `floor-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(built, dir, { recursive: true });
  for (const p of patches) apply(dir, p);
  mains[name] = join(dir, relative(built, main));
}
const file = onpeFile();
const db = join(CACHE, 'floor-variants.db');
const ingest = (m: string, extra: readonly string[] = []) => ingestArgs(m, file, db, extra);
const runs = new Map<string, Run[]>();
const push = (k: string, r: Run) => runs.set(k, [...(runs.get(k) ?? []), r]);
const load0 = loadavg()[0] as number;
for (let i = 0; i < ROUNDS; i++) {
  push(
    'sqlite3 .import',
    timed('/usr/bin/sqlite3', [db, '.mode csv', `.import ${file} actas`], db),
  );
  push('cifra ingest --check', timed('node', ingest(mains['base'] as string, ['--check']), db));
  for (const name of Object.keys(VARIANTS))
    push(`cifra ingest, ${name}`, timed('node', ingest(mains[name] as string), db));
}
for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
const floor = median((runs.get('sqlite3 .import') ?? []).map((r) => r.wall));
console.log(
  `ONPE 2021 first round (86,488 actas), ${ROUNDS} interleaved rounds, load average ${load0.toFixed(1)}–${(loadavg()[0] as number).toFixed(1)}`,
);
console.log('| process | wall (median, range) | CPU (median) | wall ÷ sqlite3 .import |');
console.log('| --- | ---: | ---: | ---: |');
for (const [k, rs] of runs) {
  const w = rs.map((r) => r.wall);
  console.log(
    `| ${k} | ${median(w).toFixed(0)} ms (${Math.min(...w).toFixed(0)}–${Math.max(...w).toFixed(0)}) | ${median(rs.map((r) => r.cpu)).toFixed(0)} ms | ${(median(w) / floor).toFixed(2)}× |`,
  );
}
