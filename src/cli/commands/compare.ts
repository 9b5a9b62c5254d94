import { renameSync, writeFileSync } from 'node:fs';
import { issue, type Issue } from '../../core/issues.js';
import type { CompareReason, Disagreement, SourceActa } from '../../core/tally/compare.js';
import { countedOf } from '../../core/tally/compare-counted.js';
import { loadColumnMapFile } from '../../elections/column-maps.js';
import {
  actaSourcesOf,
  builtInElectionIds,
  electionDefOf,
  electionsDeclaring,
  electionsFitting,
  isPath,
  loadManifest,
  type LoadedManifest,
} from '../../elections/manifests.js';
import type { ElectionDef } from '../../core/model/acta.js';
import type { Store } from '../../store/store.js';
import { storeExists, storeNotFound, withStore } from '../store-access.js';
import {
  compareFiles,
  specOfSource,
  type CompareSideSpec,
  type CompareReport,
  type CompareSpec,
} from '../../ingest/compare-files.js';
import { sha256Of } from '../../ingest/ingest.js';
import { readHeader } from '../../ingest/source.js';
import { unreadable } from '../../io/csv.js';
import { csvLine } from '../../results/csv.js';
import { figure, renderTable, say, thousands } from '../format.js';
import { electionLabel } from '../jurisdiction-words.js';
import { EXIT_ISSUES, EXIT_OK, EXIT_USAGE, type CliIo, type OutputFormat } from '../io.js';
import { printIssues } from './seats.js';

export interface CompareArgs {
  /** The files given, in order: they fill the sides no store takes (A, then B). */
  readonly files: readonly (string | undefined)[];
  /** `--db`: side A is this store's current actas. */
  readonly dbA?: string | undefined;
  /** `--db-b`: side B is this store's current actas. */
  readonly dbB?: string | undefined;
  readonly election?: string | undefined;
  readonly formatA?: string | undefined;
  readonly formatB?: string | undefined;
  readonly format: OutputFormat;
  readonly out?: string | undefined;
  /** `--jurisdictions DIR`: where the manifest's jurisdiction is looked up before data/. */
  readonly jurisdictions?: string | undefined;
  /** `--only-b`: compare only the mesas B holds. */
  readonly onlyB?: boolean | undefined;
  /** `--unit UBIGEO`: compare only the mesas placed in this unit (a code or its prefix). */
  readonly unit?: string | undefined;
}

const BUILT_IN = new Set(['onpe-mesa', 'cifra-csv', 'cifra-json']);

/** How many disagreeing mesas the table lists (json and csv give them all). */
const TABLE_MESAS = 20;

/**
 * The election of a comparison: the manifest named, else the one bundled manifest that declares
 * either file (by SHA-256), else the one whose columns either file's header has.
 */
async function electionOf(
  args: CompareArgs,
  files: readonly string[],
  hashes: readonly string[],
): Promise<{ ok: true; loaded: LoadedManifest; note?: string } | { ok: false; issues: Issue[] }> {
  const load = (
    ref: string,
    note?: string,
  ): { ok: true; loaded: LoadedManifest; note?: string } | { ok: false; issues: Issue[] } => {
    const m = loadManifest(ref, { jurisdictions: args.jurisdictions });
    if (!m.ok) return { ok: false, issues: m.error };
    return note === undefined ? { ok: true, loaded: m.value } : { ok: true, loaded: m.value, note };
  };
  if (args.election !== undefined) return load(args.election);
  const declaring = [...new Set(hashes.flatMap(electionsDeclaring))];
  if (declaring.length === 1) return load(declaring[0] as string, say('declares the files'));
  const headers = await Promise.all(files.map((f) => readHeader(f)));
  const fits = [...new Set(headers.flatMap((h) => (h === null ? [] : electionsFitting(h))))];
  if (declaring.length === 0 && fits.length === 1)
    return load(fits[0] as string, say("fits the files' columns"));
  return {
    ok: false,
    issues: [
      issue('unknown_election', ['election'], {
        election: null,
        fits: declaring.length > 0 ? declaring : fits,
        known: builtInElectionIds(),
      }),
    ],
  };
}

/**
 * How one side is read: the format given (a built-in format, a source id of the manifest, or a
 * column-map file), else the manifest's source with the file's SHA-256, else detected.
 */
function specOf(
  loaded: LoadedManifest | null,
  file: string,
  sha256: string,
  format: string | undefined,
): { spec: CompareSpec } | { issues: Issue[] } | { usage: string } {
  const sources = (loaded === null ? [] : actaSourcesOf(loaded)).flatMap((s) => {
    const spec = specOfSource(s.source, s.file);
    return spec === null ? [] : [spec];
  });
  if (format === undefined) {
    const known = sources.find((s) => s.sha256 === sha256);
    return { spec: known === undefined ? { file } : { ...known, file } };
  }
  if (BUILT_IN.has(format))
    return { spec: { file, format: { kind: format as 'onpe-mesa' | 'cifra-csv' | 'cifra-json' } } };
  if (format.endsWith('.json') || format.includes('/')) {
    const map = loadColumnMapFile(format);
    if (!map.ok) return { issues: map.error };
    return { spec: { file, format: { kind: 'column-map', columns: map.value } } };
  }
  const byId = sources.find((s) => s.id === format);
  if (byId !== undefined) return { spec: { ...byId, file, sha256: undefined } };
  const ids = sources.flatMap((s) => (s.id ? [s.id] : []));
  return {
    usage: say(
      'unknown format "{format}": onpe-mesa, cifra-csv, cifra-json, a source of {election} ({ids}), or a column-map file (.json)',
      {
        format,
        election: loaded?.manifest.id ?? '-',
        ids: ids.join(', ') || say('none has an id'),
      },
    ),
  };
}

/** The two sides of a comparison: each a file or a store; a usage line when they are not two. */
function sidesOf(args: CompareArgs): [Side, Side] | string {
  const files = args.files.filter((f): f is string => f !== undefined);
  const take = (db: string | undefined): Side | undefined => {
    if (db !== undefined) return { db };
    const file = files.shift();
    return file === undefined ? undefined : { file };
  };
  const a = take(args.dbA);
  const b = take(args.dbB);
  if (a === undefined || b === undefined || files.length > 0)
    return say(
      'compare takes two sources: two files, --db <store> and a file, or --db and --db-b (two stores)',
    );
  return [a, b];
}

type Side = { readonly file: string } | { readonly db: string };

/** `cifra compare A B`: the observer's cross-check of two sources of the same actas. */
export async function runCompare(args: CompareArgs, io: CliIo): Promise<number> {
  const sides = sidesOf(args);
  if (typeof sides === 'string') return (io.err(`error: ${sides}`), EXIT_USAGE);
  const files: string[] = [];
  const hashes: string[] = [];
  for (const s of sides) {
    if (!('file' in s)) continue;
    try {
      hashes.push((await sha256Of(s.file)).sha256);
      files.push(s.file);
    } catch (e) {
      printIssues(io, [unreadable(s.file, 'file', e)]);
      return EXIT_ISSUES;
    }
  }
  const dbs = sides.flatMap((s) => ('db' in s ? [s.db] : []));
  // a missing store named by the option that gave it: B's is --db-b
  for (const [k, s] of sides.entries())
    if ('db' in s && !storeExists(s.db))
      return (printIssues(io, [storeNotFound(s.db, k === 0 ? 'db' : 'db-b')]), EXIT_ISSUES);
  if (dbs.length === 0) {
    const e = await electionOf(args, files, hashes);
    if (!e.ok) return noElection(io, e.issues);
    if (e.note !== undefined) noted(io, e.loaded, e.note);
    return compareSides(args, io, e.loaded, electionDefOf(e.loaded), sides, hashes, []);
  }
  return withStore(dbs[0] as string, (first) =>
    dbs.length === 1
      ? withStores(args, io, sides, files, hashes, [first])
      : withStore(dbs[1] as string, (second) =>
          withStores(args, io, sides, files, hashes, [first, second]),
        ),
  );
}

function noElection(io: CliIo, issues: Issue[]): number {
  printIssues(io, issues);
  io.err(
    say(
      'give --election <id|manifest.json> (cifra compare needs the election whose actas these are)',
    ),
  );
  return EXIT_ISSUES;
}

const noted = (io: CliIo, loaded: LoadedManifest, note: string): void =>
  io.err(
    say('{id} {note}: comparing them as its actas (--election to choose another election)', {
      id: loaded.manifest.id,
      note,
    }),
  );

/**
 * A comparison with a store on one side or both: the election named (a manifest, or an id the
 * store holds), else the one the file names (as without a store), else the store's only one; its
 * definition is the store's, so that a file is read as the stored actas were.
 */
async function withStores(
  args: CompareArgs,
  io: CliIo,
  sides: readonly [Side, Side],
  files: readonly string[],
  hashes: readonly string[],
  stores: readonly Store[],
): Promise<number> {
  const first = stores[0] as Store;
  let loaded: LoadedManifest | null = null;
  let id: string | null = null;
  const ref = args.election;
  if (ref !== undefined && (isPath(ref) || builtInElectionIds().includes(ref))) {
    const m = loadManifest(ref, { jurisdictions: args.jurisdictions });
    if (!m.ok) return (printIssues(io, m.error), EXIT_ISSUES);
    loaded = m.value;
  } else if (ref !== undefined) id = ref;
  else if (files.length > 0) {
    const e = await electionOf(args, files, hashes);
    if (e.ok) {
      loaded = e.loaded;
      if (e.note !== undefined) noted(io, e.loaded, e.note);
    }
  }
  if (loaded === null && id === null) {
    const held = await first.listElections();
    if (held.length !== 1) {
      const known = held.map((e) => e.id);
      return noElection(io, [issue('unknown_election', ['election'], { election: null, known })]);
    }
    id = (held[0] as ElectionDef).id;
  }
  const electionId = loaded?.manifest.id ?? (id as string);
  const def =
    (await first.getElection(electionId)) ?? (loaded === null ? null : electionDefOf(loaded));
  if (def === null) {
    const known = (await first.listElections()).map((e) => e.id);
    printIssues(io, [issue('unknown_election', ['election'], { election: electionId, known })]);
    return EXIT_ISSUES;
  }
  return compareSides(args, io, loaded, def, sides, hashes, stores);
}

/** Reads both sides, compares them and prints the report. */
async function compareSides(
  args: CompareArgs,
  io: CliIo,
  loaded: LoadedManifest | null,
  election: ElectionDef,
  sides: readonly [Side, Side],
  hashes: readonly string[],
  stores: readonly Store[],
): Promise<number> {
  const specs: CompareSideSpec[] = [];
  let file = 0;
  let store = 0;
  for (const [k, s] of sides.entries()) {
    if ('db' in s) {
      specs.push({ store: stores[store++] as Store, db: s.db });
      continue;
    }
    const spec = specOf(
      loaded,
      s.file,
      hashes[file++] as string,
      k === 0 ? args.formatA : args.formatB,
    );
    if ('usage' in spec) {
      io.err(`error: --format-${k === 0 ? 'a' : 'b'}: ${spec.usage}`);
      return EXIT_USAGE;
    }
    if ('issues' in spec) return (printIssues(io, spec.issues), EXIT_ISSUES);
    specs.push(spec.spec);
  }
  const r = await compareFiles({
    election,
    a: specs[0] as CompareSideSpec,
    b: specs[1] as CompareSideSpec,
    onlyB: args.onlyB,
    unit: args.unit,
  });
  if (!r.ok) return (printIssues(io, r.error), EXIT_ISSUES);
  const { report } = r.value;
  const text = renderCompare(report, args.format, electionLabel(election));
  if (args.out === undefined) io.out(text);
  else {
    const tmp = `${args.out}.tmp-${process.pid}`;
    writeFileSync(tmp, text + '\n');
    renameSync(tmp, args.out);
    io.out(
      say('wrote {n} disagreeing mesas ({format}) to {out}', {
        n: report.disagreements.length,
        format: args.format,
        out: args.out,
      }),
    );
  }
  return EXIT_OK;
}

/** The report as `format`; a table titled `label` (the election's in the run's language). */
export function renderCompare(
  r: CompareReport,
  format: OutputFormat,
  label: string = r.label,
): string {
  if (format === 'json') return JSON.stringify(r, null, 2);
  if (format === 'csv') return compareCsv(r);
  return compareTable(r, label);
}

const signed = (n: number): string => (n > 0 ? `+${thousands(n)}` : thousands(n));

function sourceLine(side: 'A' | 'B', s: CompareReport['a']): string {
  const unread =
    s.unreadable > 0
      ? say('; {n} unreadable rows ({codes})', {
          n: s.unreadable,
          codes: Object.entries(s.unreadableByCode)
            .map(([c, n]) => `${c} ${n}`)
            .join(', '),
        })
      : '';
  const dup = s.duplicates > 0 ? say('; {n} repeated mesas skipped', { n: s.duplicates }) : '';
  // a store's actas change with each import: its revision, not a file hash, says which were read
  const which =
    s.format === 'store'
      ? say('revision {revision}', { revision: s.revision ?? '-' })
      : `sha256 ${s.sha256.slice(0, 16)}`;
  // a store side has no source id: nothing printed for it, not a placeholder; a file's format is
  // the value --format-a/-b takes (a code), a store is said in the run's language
  const format = s.format === 'store' ? say('store') : s.format;
  const named = [s.id, format, s.file].filter((x) => x !== null).join(' · ');
  return `${side}: ${named} · ${thousands(s.actas)} actas${dup}${unread} · ${which}`;
}

/** The summary as tables: mesas, reasons with their net effects, fields, the first disagreements. */
function compareTable(r: CompareReport, label: string): string {
  const choiceIds = new Set(r.choices.map((c) => c.id));
  const out = [
    `cifra compare — ${label}`,
    sourceLine('A', r.a),
    sourceLine('B', r.b),
    say(
      'mesas: {compared} compared ({both} in both) · {agree} {agree:agrees|agree} · {disagree} {disagree:disagrees|disagree}',
      {
        compared: thousands(r.mesas.compared),
        both: thousands(r.mesas.both),
        agree: thousands(r.mesas.agree),
        disagree: thousands(r.mesas.disagree),
      },
    ),
  ];
  if (r.notCompared.length > 0)
    out.push(
      say('not compared (one source lacks them): {fields}', { fields: r.notCompared.join(', ') }),
    );
  const votes = r.net.filter((n) => choiceIds.has(n.field));
  out.push(
    renderTable(
      ['reason', 'mesas', 'primary', ...votes.map((n) => `net ${n.field} (A − B)`)],
      [
        ...r.reasons.map((x) => [
          reasonWords(x.reason),
          thousands(x.mesas),
          thousands(x.primary),
          ...votes.map((n) => signed(n.byReason[x.reason])),
        ]),
        [say('total'), '', thousands(r.mesas.disagree), ...votes.map((n) => signed(n.total))],
        ...(r.counted === null
          ? []
          : [[say('in the counts'), '', '', ...votes.map((n) => signed(countedOf(r, n.field)))]]),
      ],
    ),
  );
  out.push(
    renderTable(
      [
        'field',
        'mesas that differ',
        'net (A − B)',
        ...(r.counted === null ? [] : ['in the counts (A − B)']),
      ],
      r.net.map((n) => [
        say(n.field),
        thousands(r.countDiffers.find((c) => c.field === n.field)?.mesas ?? 0),
        signed(n.total),
        ...(r.counted === null ? [] : [signed(countedOf(r, n.field))]),
      ]),
    ),
  );
  out.push(
    say(
      r.counted === null
        ? "net: the actas' figures whatever their state (a source gives no states, so what each counts is not known)"
        : "net: the actas' figures whatever their state; in the counts: only what each source counts (an acta under review or pending adds nothing, an annulled one its votes as null)",
    ),
  );
  out.push(...r.choices.map((c) => `${c.id} = ${c.label}`));
  if (r.disagreements.length > 0) {
    out.push(disagreeingHead(Math.min(TABLE_MESAS, r.disagreements.length), r.page.total));
    out.push(...r.disagreements.slice(0, TABLE_MESAS).map(describe));
  }
  return out.join('\n');
}

/**
 * The line above the disagreeing mesas the table shows (`shown` of `total`): all of them ("the
 * only disagreeing mesa", "the 4 …"), or the first ones ("the first of 30 …", "first 20 of 30
 * …"); never "primera 1 de 1 mesa" (session 30).
 */
export function disagreeingHead(shown: number, total: number): string {
  const all = shown >= total;
  if (all && shown === 1) return say('the only disagreeing mesa (also as --format csv or json):');
  if (all) return say('the {n} disagreeing mesas (also as --format csv or json):', { n: shown });
  const values = { n: shown, total: thousands(total) };
  return shown === 1
    ? say('the first of {total} disagreeing mesas (--format csv or json for all):', values)
    : say('first {n} of {total} disagreeing mesas (--format csv or json for all):', values);
}

/**
 * A reason in the run's words, as the table's reason column and a mesa's primary-reason tag say
 * it (csv and json keep the code: a script filters on it). The sides by their labels, A and B.
 */
function reasonWords(reason: CompareReason): string {
  switch (reason) {
    // the side that has the mesa, named by its label as the side lines name them
    case 'missing_in_a':
      return say('only in {side}', { side: 'B' });
    case 'missing_in_b':
      return say('only in {side}', { side: 'A' });
    // the side holds a row for the mesa that could not be read: not "only in" the other
    case 'unreadable_in_a':
      return say('its row in {side} could not be read', { side: 'A' });
    case 'unreadable_in_b':
      return say('its row in {side} could not be read', { side: 'B' });
    // both hold it and neither reads it: a mesa no figure of either side says anything about
    case 'unreadable_in_both':
      return say('its rows in {a} and in {b} could not be read', { a: 'A', b: 'B' });
    case 'state_differs':
      return say('state differs');
    case 'count_differs':
      return say('a figure differs');
    case 'count_missing':
      return say('a figure missing in one source');
    case 'place_differs':
      return say('place differs');
    case 'sum_mismatch_a':
      return say('Σ votes ≠ voters in {side}', { side: 'A' });
    case 'sum_mismatch_b':
      return say('Σ votes ≠ voters in {side}', { side: 'B' });
  }
}

/** One disagreeing mesa in a line: its primary reason's words, then its reasons with their values. */
function describe(d: Disagreement): string {
  const parts = d.reasons.map((x) => {
    switch (x.reason) {
      case 'missing_in_a':
      case 'missing_in_b':
      case 'unreadable_in_a':
      case 'unreadable_in_b':
      case 'unreadable_in_both':
        return reasonWords(x.reason);
      case 'state_differs':
        return say('state {a} ({aLabel}) ≠ {b} ({bLabel})', x);
      case 'count_differs':
      case 'count_missing':
        // a figure's name in the run's language (a choice's id as it is), its values grouped
        return `${say(x.field)} ${figure(x.a ?? null)} ≠ ${figure(x.b ?? null)}`;
      case 'place_differs':
        return say('place {a} ≠ {b}', x);
      // the side whose sum is off, by its label, as a mesa only one side has
      case 'sum_mismatch_a':
      case 'sum_mismatch_b':
        return say('Σ votes ≠ voters in {side} ({votes} ≠ {voters})', {
          side: x.reason === 'sum_mismatch_a' ? 'A' : 'B',
          votes: thousands(x.votes),
          voters: thousands(x.voters),
        });
    }
  });
  return `  ${d.mesa}  [${reasonWords(d.primary)}]  ${parts.join('; ')}`;
}

/** One row per disagreeing mesa: reasons, both states and places, each field in A, in B and A − B. */
function compareCsv(r: CompareReport): string {
  const read = (x: SourceActa | null, field: string): number | null => {
    if (x === null) return null;
    const k = r.choices.findIndex((c) => c.id === field);
    if (k >= 0) return x.votes[k] ?? null;
    return x[field as 'voters' | 'blank' | 'null' | 'impugned' | 'eligible'];
  };
  const head = [
    'mesa',
    'primary',
    'reasons',
    'state_a',
    'state_b',
    'state_label_a',
    'state_label_b',
    'place_a',
    'place_b',
    ...r.fields.flatMap((f) => [`${f}_a`, `${f}_b`, `${f}_a_minus_b`]),
  ];
  const rows = r.disagreements.map((d) =>
    csvLine([
      d.mesa,
      d.primary,
      [...new Set(d.reasons.map((x) => x.reason))].join(';'),
      d.a?.state ?? '',
      d.b?.state ?? '',
      d.a?.stateLabel ?? '',
      d.b?.stateLabel ?? '',
      d.a?.place ?? '',
      d.b?.place ?? '',
      ...r.fields.flatMap((f) => [read(d.a, f) ?? '', read(d.b, f) ?? '', d.effect[f] ?? 0]),
    ]),
  );
  return [csvLine(head), ...rows].join('\n');
}
