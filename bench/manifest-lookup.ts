/**
 * A user's manifest looked up as a served request does (`manifestOfRef` of an election stored
 * from a manifest path): now one `stat` while the file is unchanged and settled, against the
 * memo before (the file read and compared byte for byte on every lookup), kept here as the
 * baseline. Interleaved in one process, medians. Run: `npx tsx bench/manifest-lookup.ts [reps]`.
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { electionDefOf, loadManifest, manifestOfRef } from '../src/elections/manifests.js';
import { readUniverse } from '../src/elections/universe.js';
import { dataPath } from '../src/io/paths.js';

const reps = Number(process.argv[2] ?? 21);
const LOOKUPS = 2_000;

/** The memo before this pass: the bytes read and compared on every lookup (baseline only). */
const before = new Map<string, { bytes: Buffer; value: unknown }>();
function bytesMemo<T>(path: string, read: () => T): T {
  const bytes = readFileSync(path);
  const hit = before.get(path);
  if (hit !== undefined && hit.bytes.equals(bytes)) return hit.value as T;
  const value = read();
  before.set(path, { bytes, value });
  return value;
}

// the bundled runoff's manifest as a user keeps it: its files named by absolute path
const dir = mkdtempSync(join(tmpdir(), 'cifra-bench-manifest-'));
const m = JSON.parse(
  readFileSync(dataPath('elections/pe-2021-presidencial-segunda.json'), 'utf8'),
) as Record<string, unknown> & { sources: { file: string }[]; universe: { file: string } };
const abs = (f: string) => dataPath(f.replace(/^\.\.\//, ''));
const path = join(dir, 'mi-segunda.json');
writeFileSync(
  path,
  JSON.stringify({
    ...m,
    id: 'mi-segunda',
    provenance: 'una copia',
    crossCheck: undefined,
    pollingPlaces: undefined,
    sources: m.sources.map((s) => ({ ...s, file: abs(s.file) })),
    universe: { ...m.universe, file: abs(m.universe.file) },
  }),
);
const hourAgo = new Date(Date.now() - 3_600_000);
utimesSync(path, hourAgo, hourAgo); // saved a while ago, as a served user's manifest is
const loaded = loadManifest(path);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
const def = electionDefOf(loaded.value);

const universe = abs(m.universe.file);
const variants: Record<string, () => unknown> = {
  'bytes compared (before)': () =>
    bytesMemo(path, () => loadManifest(path, { jurisdictions: undefined })),
  'stat (now)': () => manifestOfRef(def),
  // the same memo holds the universe the summaries read (79 kB gzipped, bundled)
  'universe, bytes compared (before)': () => bytesMemo(universe, () => readUniverse(universe)),
  'universe, stat (now)': () => readUniverse(universe),
};
const times: Record<string, number[]> = Object.fromEntries(
  Object.keys(variants).map((k) => [k, []]),
);
for (let r = 0; r < reps + 2; r++)
  for (const [name, f] of Object.entries(variants)) {
    const t = performance.now();
    for (let i = 0; i < LOOKUPS; i++) if (f() === null) throw new Error(name);
    if (r >= 2) times[name]?.push(((performance.now() - t) * 1000) / LOOKUPS); // 2 warm-up rounds
  }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(
  `${readFileSync(path).length} bytes of manifest; ${reps} interleaved rounds of ${LOOKUPS}`,
);
for (const [name, xs] of Object.entries(times))
  console.log(
    `${name}: median ${median(xs).toFixed(2)} µs per lookup (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`,
  );
rmSync(dir, { recursive: true, force: true });
