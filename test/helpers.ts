import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runCli } from '../src/cli/program.js';
import { bundledElection } from '../src/elections/manifests.js';
import type { ElectionDef } from '../src/core/model/acta.js';
import { dataPath } from '../src/io/paths.js';
import { replay, type ReplayResult } from '../src/projection/replay.js';
import type { Store } from '../src/store/store.js';

export function tempDir(prefix = 'cifra-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Temporary folders in memory for this test file (its own fork): the run's /dev/shm folder
 * (tmp-global-setup.ts) when there is one, else unchanged. Only for files whose temporary data is
 * small (at most a few hundred MB) but whose folders are made and removed thousands of times, as
 * the upload route does for each body or a publish for each site. It returns the step that puts
 * the disk folder back (for afterAll).
 */
export function memoryTempDirs(): () => void {
  const memory = process.env['CIFRA_TEST_MEMORY_TMPDIR'];
  const before = process.env['TMPDIR'];
  if (memory === undefined || memory === '') return () => {};
  process.env['TMPDIR'] = memory;
  return () => {
    if (before === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = before;
  };
}

/** A writer of named text files into `dir` (the CLI tests' inputs); it returns each file's path. */
export function fileWriter(dir: string): (name: string, text: string) => string {
  return (name, text) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
}

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export const fixedClock = (): string => '2026-11-26T00:00:00.000Z';

/**
 * Counts the turns of the event loop while `work` runs (a callback queued again at each turn):
 * work that yields between its steps is seen to, with no clock. Starts after `work` began.
 */
export async function turnsDuring<T>(work: Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const spin = (): void => {
    if (done) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  try {
    return { value: await work, turns };
  } finally {
    done = true;
  }
}

/** The columns of ONPE's per-mesa presidential file (18 candidates in 2021), in order. */
export const ONPE_COLUMNS: readonly string[] = [
  'UBIGEO',
  'DEPARTAMENTO',
  'PROVINCIA',
  'DISTRITO',
  'TIPO_ELECCION',
  'MESA_DE_VOTACION',
  'DESCRIP_ESTADO_ACTA',
  'TIPO_OBSERVACION',
  'N_CVAS',
  'N_ELEC_HABIL',
  ...Array.from({ length: 18 }, (_, i) => `VOTOS_P${i + 1}`),
  'VOTOS_VB',
  'VOTOS_VN',
  'VOTOS_VI',
];

/** An ONPE-format file of ten counted actas in two departments (five each), written in `dir`. */
export function tenActasFile(dir: string): string {
  const file = join(dir, 'ten.csv');
  const rows = Array.from({ length: 10 }, (_, i) =>
    onpeRow(String(i + 1).padStart(6, '0'), i < 5 ? '010101' : '150101', 40 + i, 50 - i),
  );
  writeFileSync(file, [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n');
  return file;
}

/** ONPE's per-mesa file of the 2021 first round, as bundled (gzip). */
export const ONPE_2021_R1 = dataPath(
  'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
);

/** That file's lines as ONPE wrote them (Latin-1), its header first. */
export function onpe2021R1Lines(): string[] {
  return gunzipSync(readFileSync(ONPE_2021_R1)).toString('latin1').split('\n');
}

/** The bundled 2021 first round replayed urban-first (seed 1) in 4 steps into `target`, up to `until`. */
export async function replay2021(
  store: Store,
  target: string,
  until: number,
): Promise<ReplayResult> {
  const e = bundledElection('pe-2021-presidencial');
  if (e === null) throw new Error('election');
  return replay(store, {
    file: ONPE_2021_R1,
    election: e,
    target,
    order: 'urban-first',
    seed: 1,
    steps: 4,
    until,
    speed: 0,
    sims: 300,
    now: fixedClock,
    sleep: async () => {},
  });
}

/**
 * Lima Metropolitana's 39 regidores in 2022 without the majority bonus: D'Hondt over the eight
 * lists' votes (JNE/ONPE 2022), worked out by hand apart from cifra. With the bonus (Ley 26864
 * art. 25) Renovación Popular has 21.
 */
export const LIMA_2022_WITHOUT_BONUS: Readonly<Record<string, number>> = {
  'RENOVACION POPULAR': 11,
  'PODEMOS PERU': 10,
  'PARTIDO DEMOCRATICO SOMOS PERU': 8,
  'PARTIDO FRENTE DE LA ESPERANZA 2021': 4,
  'ALIANZA PARA EL PROGRESO': 3,
  'JUNTOS POR EL PERU': 2,
  'AVANZA PAIS - PARTIDO DE INTEGRACION SOCIAL': 1,
};

/** One counted row of ONPE's presidential file: votes for P1 and P16, 6 blank and 4 null. */
export const onpeRow = (mesa: string, ubigeo: string, p1: number, p16: number): string =>
  [
    ubigeo,
    'D',
    'P',
    'X',
    'PRESIDENCIAL',
    mesa,
    'CONTABILIZADA',
    '',
    String(p1 + p16 + 10),
    '300',
    String(p1),
    ...Array(14).fill(''),
    String(p16),
    '',
    '',
    '6',
    '4',
    '',
  ].join(',');

/** A mesa of that file still in process (EN PROCESO): no votes yet. */
export const onpePendingRow = (mesa: string, ubigeo: string): string =>
  onpeRow(mesa, ubigeo, 0, 0).replace('CONTABILIZADA', 'EN PROCESO');

/** Six counted mesas, 000001 to 000006, in three districts of two departments (01, 15). */
export const SIX_COUNTED_ROWS: readonly string[] = [
  onpeRow('000001', '010101', 40, 50),
  onpeRow('000002', '010101', 45, 41),
  onpeRow('000003', '010102', 20, 70),
  onpeRow('000004', '150101', 60, 30),
  onpeRow('000005', '150101', 55, 35),
  onpeRow('000006', '150102', 50, 40),
];

/**
 * Five counted actas of ONPE's presidential file in three districts of two departments (two
 * sharing a district): the small store the event-loop turn tests read in steps of two.
 */
export const fiveActasCsv = (): string =>
  [
    ONPE_COLUMNS.join(','),
    onpeRow('000001', '010101', 40, 50),
    onpeRow('000002', '010101', 45, 41),
    onpeRow('000003', '010102', 20, 70),
    onpeRow('000004', '150101', 60, 30),
    onpeRow('000005', '150101', 55, 35),
  ].join('\n') + '\n';

/** The 2021 runoff's first 40 mesas (all in Amazonas) as ONPE publishes them, written to `file`. */
export function writeRunoffMesas(file: string): string {
  const source =
    'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz';
  const lines = gunzipSync(readFileSync(dataPath(source)))
    .toString('utf8')
    .split('\n');
  writeFileSync(file, lines.slice(0, 41).join('\n') + '\n');
  return file;
}

/**
 * A bundled election as a fixture's: without its universe, so that a fixture's few mesas are its
 * whole count (the rule for an election without one, docs/elections.md).
 */
export function fixtureElection(id: string): ElectionDef {
  const e = bundledElection(id);
  if (!e) throw new Error(id);
  if (e.manifest?.universe === undefined) return e;
  return { ...e, manifest: { ...e.manifest, universe: undefined } };
}

/**
 * A bundled election's manifest copied without its universe (its files at absolute paths), for
 * `cifra ingest --election FILE`: a fixture's few mesas are then its whole count.
 */
export function fixtureManifest(id: string): string {
  const m = JSON.parse(readFileSync(dataPath(`elections/${id}.json`), 'utf8')) as {
    sources: { file: string }[];
    crossCheck?: { file: string }[];
  };
  const abs = (s: { file: string }) => ({ ...s, file: dataPath(join('elections', s.file)) });
  const out = join(mkdtempSync(join(tmpdir(), 'cifra-fixture-')), `${id}.json`);
  writeFileSync(
    out,
    JSON.stringify({
      ...m,
      sources: m.sources.map(abs),
      crossCheck: (m.crossCheck ?? []).map(abs),
      universe: undefined,
    }),
  );
  return out;
}
