import { renameSync, writeFileSync } from 'node:fs';
import { issue, type Issue } from '../../core/issues.js';
import type { Disagreement, SourceActa } from '../../core/tally/compare.js';
import { loadColumnMapFile } from '../../elections/column-maps.js';
import {
  actaSourcesOf,
  builtInElectionIds,
  electionDefOf,
  electionsDeclaring,
  electionsFitting,
  loadManifest,
  type LoadedManifest,
} from '../../elections/manifests.js';
import {
  compareFiles,
  specOfSource,
  type CompareReport,
  type CompareSpec,
} from '../../ingest/compare-files.js';
import { sha256Of } from '../../ingest/ingest.js';
import { readHeader } from '../../ingest/source.js';
import { unreadable } from '../../io/csv.js';
import { csvLine } from '../../results/csv.js';
import { renderTable, say, thousands } from '../format.js';
import { EXIT_ISSUES, EXIT_OK, EXIT_USAGE, type CliIo, type OutputFormat } from '../io.js';
import { printIssues } from './seats.js';

export interface CompareArgs {
  readonly fileA: string;
  readonly fileB: string;
  readonly election?: string | undefined;
  readonly formatA?: string | undefined;
  readonly formatB?: string | undefined;
  readonly format: OutputFormat;
  readonly out?: string | undefined;
  /** `--jurisdictions DIR`: where the manifest's jurisdiction is looked up before data/. */
  readonly jurisdictions?: string | undefined;
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
  const headers = await Promise.all([readHeader(args.fileA), readHeader(args.fileB)]);
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
  loaded: LoadedManifest,
  file: string,
  sha256: string,
  format: string | undefined,
): { spec: CompareSpec } | { issues: Issue[] } | { usage: string } {
  const sources = actaSourcesOf(loaded).flatMap((s) => {
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
      { format, election: loaded.manifest.id, ids: ids.join(', ') || say('none has an id') },
    ),
  };
}

/** `cifra compare A B`: the observer's cross-check of two sources of the same actas. */
export async function runCompare(args: CompareArgs, io: CliIo): Promise<number> {
  const hashes: string[] = [];
  for (const f of [args.fileA, args.fileB]) {
    try {
      hashes.push((await sha256Of(f)).sha256);
    } catch (e) {
      printIssues(io, [unreadable(f, 'file', e)]);
      return EXIT_ISSUES;
    }
  }
  const e = await electionOf(args, hashes);
  if (!e.ok) {
    printIssues(io, e.issues);
    io.err(
      say(
        'give --election <id|manifest.json> (cifra compare needs the election whose actas these are)',
      ),
    );
    return EXIT_ISSUES;
  }
  if (e.note !== undefined)
    io.err(say('{id} {note} (--election to choose)', { id: e.loaded.manifest.id, note: e.note }));
  const sides = [
    specOf(e.loaded, args.fileA, hashes[0] as string, args.formatA),
    specOf(e.loaded, args.fileB, hashes[1] as string, args.formatB),
  ];
  for (const [k, s] of sides.entries()) {
    if ('usage' in s) {
      io.err(`error: --format-${k === 0 ? 'a' : 'b'}: ${s.usage}`);
      return EXIT_USAGE;
    }
    if ('issues' in s) return (printIssues(io, s.issues), EXIT_ISSUES);
  }
  const [a, b] = sides as [{ spec: CompareSpec }, { spec: CompareSpec }];
  const r = await compareFiles({ election: electionDefOf(e.loaded), a: a.spec, b: b.spec });
  if (!r.ok) return (printIssues(io, r.error), EXIT_ISSUES);
  const text = renderCompare(r.value, args.format);
  if (args.out === undefined) io.out(text);
  else {
    const tmp = `${args.out}.tmp-${process.pid}`;
    writeFileSync(tmp, text + '\n');
    renameSync(tmp, args.out);
    io.out(
      say('wrote {n} disagreeing mesas ({format}) to {out}', {
        n: r.value.disagreements.length,
        format: args.format,
        out: args.out,
      }),
    );
  }
  return EXIT_OK;
}

export function renderCompare(r: CompareReport, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(r, null, 2);
  if (format === 'csv') return compareCsv(r);
  return compareTable(r);
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
  return `${side}: ${s.id ?? '-'} · ${s.format} · ${s.file} · ${thousands(s.actas)} actas${dup}${unread} · sha256 ${s.sha256.slice(0, 16)}`;
}

/** The summary as tables: mesas, reasons with their net effects, fields, the first disagreements. */
function compareTable(r: CompareReport): string {
  const choiceIds = new Set(r.choices.map((c) => c.id));
  const out = [
    `cifra compare — ${r.label}`,
    sourceLine('A', r.a),
    sourceLine('B', r.b),
    say('mesas: {compared} compared ({both} in both) · {agree} agree · {disagree} disagree', {
      compared: thousands(r.mesas.compared),
      both: thousands(r.mesas.both),
      agree: thousands(r.mesas.agree),
      disagree: thousands(r.mesas.disagree),
    }),
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
          x.reason,
          thousands(x.mesas),
          thousands(x.primary),
          ...votes.map((n) => signed(n.byReason[x.reason])),
        ]),
        [say('total'), '', thousands(r.mesas.disagree), ...votes.map((n) => signed(n.total))],
      ],
    ),
  );
  out.push(
    renderTable(
      ['field', 'mesas that differ', 'net (A − B)'],
      r.net.map((n) => [
        say(n.field),
        thousands(r.countDiffers.find((c) => c.field === n.field)?.mesas ?? 0),
        signed(n.total),
      ]),
    ),
  );
  out.push(...r.choices.map((c) => `${c.id} = ${c.label}`));
  if (r.disagreements.length > 0) {
    out.push(
      say('first {n} of {total} disagreeing mesas (--format csv or json for all):', {
        n: Math.min(TABLE_MESAS, r.disagreements.length),
        total: thousands(r.page.total),
      }),
    );
    out.push(...r.disagreements.slice(0, TABLE_MESAS).map(describe));
  }
  return out.join('\n');
}

/** One disagreeing mesa in a line: its reasons with their values. */
function describe(d: Disagreement): string {
  const parts = d.reasons.map((x) => {
    switch (x.reason) {
      case 'missing_in_a':
      case 'missing_in_b':
        return x.reason;
      case 'state_differs':
        return say('state {a} ({aLabel}) ≠ {b} ({bLabel})', x);
      case 'count_differs':
      case 'count_missing':
        return `${x.field} ${x.a ?? '—'} ≠ ${x.b ?? '—'}`;
      case 'place_differs':
        return say('place {a} ≠ {b}', x);
      case 'sum_mismatch_a':
      case 'sum_mismatch_b':
        return say('{reason} (Σ {votes} ≠ voters {voters})', x);
    }
  });
  return `  ${d.mesa}  [${d.primary}]  ${parts.join('; ')}`;
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
