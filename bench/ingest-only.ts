// Only the ingest-as-a-process line of `npm run bench` (`ingest-onpe-2021-process-vs-sqlite-import`),
// with the CPU time beside the wall time, and where that process spends its wall time:
//   npm run bench:ingest -- [--runs N]
//     [--main A.js --main B.js …] [--profile]
// Each round runs `sqlite3 .import`, then each bundle's `cifra ingest` (default: this tree's,
// built into .bench-cache/cli-ingest-only), each into a fresh database. `--profile` adds, per
// bundle, the same ingest under `node --cpu-prof` (1 ms samples, both threads): the time at which
// each step begins and ends on the main thread and the writer thread, from the samples whose
// stacks hold the step's function (the profiler slows the process by a few per cent).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dataPath } from '../src/io/paths.js';
import { CACHE, median } from './baselines.js';
import { ingestArgs } from './ingest-args.js';
import { processTime, type ProcessRun } from './process-time.js';

const argv = process.argv.slice(2);
const valuesOf = (flag: string): string[] =>
  argv.flatMap((a, i) => (a === flag && argv[i + 1] !== undefined ? [argv[i + 1] as string] : []));
const runs = Number(valuesOf('--runs')[0] ?? 3);

/** The ONPE file as `npm run bench` times it: unzipped and unquoted. */
function onpeFile(): string {
  const real = join(CACHE, 'onpe-2021-presidencial-r1.csv');
  const onpe = dataPath(
    'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
  );
  if (!existsSync(real))
    writeFileSync(real, gunzipSync(readFileSync(onpe)).toString('utf8').replace(/"/g, ''));
  return real;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Per function name: the first and last sample (ms after `t0`, µs clock) whose stack holds it. */
function spans(p: Profile, t0: number, names: readonly string[]): Map<string, [number, number]> {
  const parent = new Map<number, number>();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map<string, [number, number]>();
  let t = p.startTime;
  p.samples.forEach((leaf, i) => {
    t += p.timeDeltas[i] ?? 0;
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id)?.callFrame.functionName ?? '';
      if (!names.includes(name)) continue;
      const ms = (t - t0) / 1000;
      const s = out.get(name);
      out.set(name, s ? [Math.min(s[0], ms), Math.max(s[1], ms)] : [ms, ms]);
    }
  });
  return out;
}

// The steps by the functions that run them (the bundle keeps their names).
const MAIN = [
  'runCli',
  'migrate',
  'loadManifest',
  'readPlaceTable',
  'checkSourceHashes',
  'putElection',
  'sha256Of',
  'send',
];
const WRITER = ['handle', 'insertFreshVersions', 'commit'];

/** One profiled ingest: its steps' spans, ms after the spawn, and its exit. */
function profiled(main: string, file: string, db: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cifra-prof-'));
  fresh(db);
  const t0 = Number(process.hrtime.bigint() / 1000n); // V8's profile clock: monotonic µs
  spawnSync(
    'node',
    [
      '--cpu-prof',
      '--cpu-prof-interval',
      '1000',
      '--cpu-prof-dir',
      dir,
      ...ingestArgs(main, file, db),
    ],
    { stdio: 'ignore' },
  );
  const exit = (Number(process.hrtime.bigint() / 1000n) - t0) / 1000;
  const files = readdirSync(dir).sort(); // CPU.<date>.<time>.<pid>.<thread>.<seq>: main first
  const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile;
  const [m, w] = [read(files[0] as string), read(files[1] as string)];
  rmSync(dir, { recursive: true, force: true });
  const ms = (us: number) => ((us - t0) / 1000).toFixed(0);
  const line = (who: string, s: Map<string, [number, number]>) =>
    [...s].map(([n, [a, b]]) => `${who} ${n} ${a.toFixed(0)}–${b.toFixed(0)}`);
  return [
    `main thread's profile ${ms(m.startTime)}–${ms(m.endTime)}, writer's ${ms(w.startTime)}–${ms(w.endTime)}, exit ${exit.toFixed(0)} (ms after spawn)`,
    ...line('main', spans(m, t0, MAIN)),
    ...line('writer', spans(w, t0, WRITER)),
  ];
}

function fresh(db: string): void {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
}

const file = onpeFile();
const db = join(CACHE, 'ingest-only.db');
let mains = valuesOf('--main');
if (mains.length === 0) {
  const { buildCli } = await import('../scripts/build-cli.js');
  mains = [(await buildCli(join(CACHE, 'cli-ingest-only'))).main];
}
const load0 = loadavg()[0] as number;
const sq: ProcessRun[] = [];
const ci = mains.map((): ProcessRun[] => []);
for (let i = 0; i < runs; i++) {
  fresh(db);
  sq.push(processTime('/usr/bin/sqlite3', [db, '.mode csv', `.import ${file} actas`]));
  mains.forEach((main, k) => {
    fresh(db);
    ci[k]?.push(processTime('node', ingestArgs(main, file, db)));
  });
}
const load1 = loadavg()[0] as number;
const s = (xs: readonly number[]) =>
  `${(median(xs) / 1000).toFixed(2)} s (${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)})`;
console.log(`load average ${load0.toFixed(1)}–${load1.toFixed(1)}; ${runs} interleaved rounds`);
console.log(`sqlite3 .import: wall ${s(sq.map((r) => r.ms))}, CPU ${s(sq.map((r) => r.cpuMs))}`);
mains.forEach((main, k) => {
  const r = ci[k] ?? [];
  const ratio = median(r.map((x) => x.ms)) / median(sq.map((x) => x.ms));
  console.log(
    `${main}: wall ${s(r.map((x) => x.ms))} = ${ratio.toFixed(2)}× .import, CPU ${s(r.map((x) => x.cpuMs))}, peak RSS ${Math.max(...r.map((x) => x.rssKb >> 10))} MB`,
  );
});
if (argv.includes('--profile'))
  for (const main of mains)
    for (const l of [`profiled: ${main}`, ...profiled(main, file, db)]) console.log(l);
fresh(db);
