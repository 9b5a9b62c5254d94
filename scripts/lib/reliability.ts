// The reliability harness (issue 6), shared by `npm test` (test/reliability.test.ts, ≥ 20 kills per
// backend) and `npm run bench:reliability` (100 kills per backend): an ingest process is killed
// with SIGKILL at a random moment, restarted on the same database, and the result must equal a
// clean import — same current actas, one version each, hash chains intact.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createRng } from '../../src/core/random.js';
import { actaContentKey } from '../../src/core/tally/versioning.js';
import { verifyChains } from '../../src/store/audit.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';

/** The project root, whether this runs from scripts/lib (tsx) or .bench-cache/build/scripts/lib (compiled). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'data')))
    dir = dirname(dir);
  return dir;
}
export const ROOT = projectRoot();

/** The first `rows` rows of the bundled ONPE 2021 file, as a plain CSV (a realistic workload). */
let bundledLines: string[] | null = null;

export function sampleFile(path: string, rows: number): string {
  // decompressed once per process: the tests and benches cut several samples from it
  bundledLines ??= gunzipSync(
    readFileSync(
      join(
        ROOT,
        'data/peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
      ),
    ),
  )
    .toString('latin1')
    .split('\n');
  writeFileSync(path, bundledLines.slice(0, rows + 1).join('\n') + '\n', 'latin1');
  return path;
}

let cliBundle: string | null = null;
let builds = 0;

/**
 * The CLI bundled from the current sources as the bin is (scripts/build-cli.ts: chunks and the
 * worker entries beside main.js), so each killed process starts fast, projection workers start,
 * and the harness tests the code as it is, not a stale dist/.
 */
export async function buildCli(): Promise<string> {
  const { buildCli: bundle } = await import('../build-cli.js');
  // inside the project, so the bundle resolves its external packages from node_modules; a folder
  // per call, so a rebuild never removes chunks that another test's processes are loading
  const dir = join(ROOT, '.bench-cache', 'cli', `cifra-cli-${process.pid}-${++builds}`);
  cliBundle = (await bundle(dir)).main;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return cliBundle;
}

export function ingestProcess(file: string, db: string) {
  if (cliBundle === null) throw new Error('buildCli first');
  return spawn(
    process.execPath,
    [cliBundle, 'ingest', file, '--db', db, '--election', 'pe-2021-presidencial'],
    // a long wait for the write lock: two of these run at once (test/audit.test.ts), and a
    // killed one's PostgreSQL session may hold its lock a moment; store_busy is tested apart
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', CIFRA_BUSY_MS: '120000' },
    },
  );
}

export function runToEnd(file: string, db: string): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const p = ingestProcess(file, db);
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => resolve({ code, err }));
  });
}

/**
 * A digest of the current actas (mesa, version, and the content that identifies a version: state
 * and figures, as versioning.ts keys it, so the two cannot drift): equal digests, equal results.
 */
export async function digest(store: Store): Promise<string> {
  const actas = (await store.currentActas('pe-2021-presidencial')).sort((a, b) =>
    a.mesa < b.mesa ? -1 : 1,
  );
  const h = createHash('sha256');
  for (const a of actas) h.update(JSON.stringify([a.mesa, actaContentKey(a), a.version]));
  return `${actas.length}:${h.digest('hex')}`;
}

export interface CrashReport {
  readonly backend: string;
  readonly kills: number;
  /** Kills that landed before the import committed (the rest found it done on restart). */
  readonly killedBeforeCommit: number;
  readonly survived: number;
  readonly failures: readonly string[];
}

/**
 * `kills` times: a fresh database from `freshDb()`, an ingest killed after a seeded random delay
 * in [0, maxDelayMs], a restart to the end, and the comparison with the clean digest.
 */
export async function crashHarness(o: {
  readonly backend: string;
  readonly file: string;
  readonly freshDb: (i: number) => Promise<string>;
  readonly kills: number;
  readonly seed: number;
  readonly maxDelayMs: number;
  readonly clean: string;
}): Promise<CrashReport> {
  const rng = createRng(o.seed);
  const failures: string[] = [];
  let beforeCommit = 0;
  for (let i = 0; i < o.kills; i++) {
    const db = await o.freshDb(i);
    const delay = Math.floor(rng.float() * o.maxDelayMs);
    const p = ingestProcess(o.file, db);
    const exited = new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));
    const timer = setTimeout(() => p.kill('SIGKILL'), delay);
    const code = await exited;
    clearTimeout(timer);
    if (code !== 0) beforeCommit++;
    const again = await runToEnd(o.file, db);
    if (again.code !== 0) {
      failures.push(
        `kill ${i} at ${delay} ms: restart exited ${again.code}: ${again.err.slice(0, 300)}`,
      );
      continue;
    }
    const store = openStore(db);
    try {
      await store.migrate();
      const d = await digest(store);
      const chains = await store.auditChains();
      const audit = verifyChains(chains.versions, chains.imports);
      const committed = (await store.listImports('pe-2021-presidencial')).filter(
        (x) => x.status === 'committed',
      );
      if (d !== o.clean)
        failures.push(`kill ${i} at ${delay} ms: totals differ from a clean import`);
      else if (!audit.ok)
        failures.push(`kill ${i} at ${delay} ms: audit ${JSON.stringify(audit.breaks)}`);
      else if (committed.length !== 1)
        failures.push(`kill ${i} at ${delay} ms: ${committed.length} committed imports`);
    } finally {
      await store.close();
    }
  }
  return {
    backend: o.backend,
    kills: o.kills,
    killedBeforeCommit: beforeCommit,
    survived: o.kills - failures.length,
    failures,
  };
}
