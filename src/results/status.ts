import { z } from 'zod';
import type { ElectionDef } from '../core/model/acta.js';
import { ISO_INSTANT } from '../core/model/instant.js';
import { bothLanguages, joinNames, type Note } from '../core/model/note.js';
import type { PresidentialOutcome } from '../core/rules/presidential.js';
import { settlePresidentialRound, votesStillOut, type Settlement } from '../core/rules/settled.js';
import { percentCounted } from '../core/ratio.js';
import type { PresidentialRuleset } from '../core/rulesets/ruleset.js';
import type { Issue } from '../core/issues.js';
import { loadJurisdiction } from '../jurisdictions/load.js';
import {
  latestGivenCut,
  latestSnapshotOf,
  revisionLastImport,
  type ImportCut,
  type ImportRecord,
  type Store,
} from '../store/store.js';
import { perRevision } from './per-revision.js';
import { buildResults, countExtent, type ResultUnit } from './documents.js';
import { declaredUniverse, EXTENT_READ, extentNote } from './extent.js';
import { quarantinedOnly } from './quarantined-only.js';

export { quarantinedOnly };

export { FiguresStatusSchema, type FiguresStatus } from './document-schemas.js';
import type { FiguresStatus } from './document-schemas.js';

/** The count's extent, as the summary gives it. */
export const CountSchema = z.object({
  complete: z
    .boolean()
    .describe(
      'the count is over: every acta processed (less those a final release leaves unresolved), no acta known only by its quarantined rows, and no provisional status declared by the manifest',
    ),
  actasTotal: z.number().int(),
  actasProcessed: z.number().int(),
  votesRemaining: z
    .number()
    .int()
    .nullable()
    .describe(
      'at most this many votes are still to count (electors of the actas not in); null: the source does not say',
    ),
});
export type CountDocument = z.infer<typeof CountSchema>;

/** A results document as served (API, CSV, `cifra results`, `cifra export`): with its status. */
export type { ServedResults } from './document-schemas.js';

/**
 * The status every document of the election's figures carries (the summary, results, what-if):
 * from the national unit, as the summary computes it — one function, so no two screens differ.
 */
export async function figuresStatus(store: Store, def: ElectionDef): Promise<FiguresStatus> {
  const { revision, units } = await buildResults(store, def, 'national');
  return (await storedStatus(store, def, units[0], revision)).status;
}

/**
 * A national unit's count and status with what the store adds: its extent's problems, and the cut
 * of the latest import of `revision`, the revision the unit was read at.
 */
export async function storedStatus(
  store: Store,
  def: ElectionDef,
  n: ResultUnit | undefined,
  revision: string,
): Promise<{ count: CountDocument; status: FiguresStatus }> {
  const problems = await extentProblems(store, def);
  const quarantined = await quarantinedOnly(store, def, revision);
  return actasStatus(
    def,
    { ...unitActas(n), quarantined },
    problems,
    await latestImportCut(store, def, revision),
  );
}

/** The source's cut of an import (`cifra ingest --cut`) and the import that carries it. */
export type { ImportCut };

/**
 * The cut of the figures: null when the latest committed snapshot gave none (its actas are of no
 * known time), else the latest cut any snapshot gave. A snapshot is an import or a re-read (the
 * source seen unchanged at a later cut, ingest/reread.ts), not a correction. An older snapshot
 * imported late does not take the cut back: the figures keep the later file's counted actas (a
 * counted acta reported open again, or with other figures, is a conflict, never current:
 * core/tally/versioning.ts). `upTo`: the last import the figures are of (an import committed
 * since is not theirs).
 */
export function latestCutOf(
  imports: readonly ImportRecord[],
  upTo: number | null = null,
): ImportCut | null {
  return latestSnapshotOf(imports, upTo)?.cut === undefined ? null : latestGivenCut(imports, upTo);
}

/** Per store, election and revision: its latest import's cut (every document of it asks). */
const CUTS = new WeakMap<Store, Map<string, Promise<unknown>>>();

/** The latest import's cut of an acta election at `revision` (a published one has no imports). */
export function latestImportCut(
  store: Store,
  def: ElectionDef,
  revision: string,
): Promise<ImportCut | null> {
  if (def.published !== undefined) return Promise.resolve(null);
  return perRevision(CUTS, store, `${def.id}|${revision}`, async () =>
    latestCutOf(await store.listImports(def.id), revisionLastImport(revision)),
  );
}

/** What the count's expected extent finds wrong (docs/errors.md: `extent_exceeded`); [] if none. */
export async function extentProblems(store: Store, def: ElectionDef): Promise<readonly Issue[]> {
  return (await countExtent(store, def))?.issues ?? [];
}

/**
 * What an acta election's universe declares, read without the store (for the elections list): the
 * actas it expects in all (null: none declared, or one that does not load) and the problems that
 * leave the count's extent unknown (a universe that does not load, or at no level).
 */
export function declaredActas(def: ElectionDef): {
  actas: number | null;
  problems: readonly Issue[];
} {
  if (def.published !== undefined || def.manifest?.universe === undefined)
    return { actas: null, problems: [] };
  const j = loadJurisdiction(def.jurisdiction);
  const d = j.ok ? declaredUniverse(def, j.value) : j;
  if (!d.ok) return { actas: null, problems: d.error };
  return { actas: d.value?.universe.reduce((a, x) => a + x.actasTotal, 0) ?? null, problems: [] };
}

/**
 * The source's cut as it gives it and as an instant: the manifest's instant for it, else the cut
 * itself when it is one; a date, or text with no instant beside it, has no time (never invented).
 */
function cutOf(
  cut: string | null,
  time: string | undefined,
): Pick<FiguresStatus, 'cut' | 'cutTime'> {
  if (cut === null) return { cut, cutTime: null };
  return { cut, cutTime: time ?? (ISO_INSTANT.test(cut) ? cut : null) };
}

/**
 * The cut of a count of actas: complete, the manifest's date (else the latest import's cut); under
 * way, the latest import's cut, else a provisional release's own (the file is that cut: its actas
 * are the count); a final release's date is not a partial store's, so none (a replay, a partial
 * import). An import's cut names its import (`cutImport`): it is the source's time of that file.
 */
function countCutOf(
  def: ElectionDef,
  complete: boolean,
  latest: ImportCut | null,
): Pick<FiguresStatus, 'cut' | 'cutTime' | 'cutImport'> {
  const m = def.manifest;
  const fromImport = latest && { cut: latest.cut, cutTime: latest.cut, cutImport: latest.importId };
  if (complete)
    return m?.asOf === undefined && fromImport ? fromImport : cutOf(m?.asOf ?? null, m?.asOfTime);
  if (fromImport) return fromImport;
  return m?.status.kind === 'provisional'
    ? cutOf(m.status.cut, m.status.cutTime)
    : cutOf(null, undefined);
}

/** What the figures are and where they come from: the manifest, the published source, or the count. */
export function statusOf(
  def: ElectionDef,
  complete: boolean,
  pctProcessed: string | null,
  problems: readonly Issue[] = [],
  latest: ImportCut | null = null,
  quarantined: readonly string[] = [],
): FiguresStatus {
  const m = def.manifest;
  const published = def.published === undefined ? null : bothLanguages(def.published.source);
  const source = m ? joinNames(m.sources.map((s) => s.publisher)) : published;
  // a release may give both: its unresolved actas' note, then its own (neither dropped)
  const notes = [unresolvedOf(def)?.note, finalNoteOf(def)].filter(
    (n): n is Note => n !== undefined && n !== null,
  );
  const note = notes.length === 0 ? null : joinNames(notes, ' ');
  const rehearsal = m?.rehearsal ?? null;
  if (def.published !== undefined) {
    const st = m?.status ?? null;
    const kind = st?.kind ?? def.published.status;
    const cut =
      st?.kind === 'provisional'
        ? cutOf(st.cut, st.cutTime)
        : cutOf(m?.asOf ?? def.published.asOf, m?.asOfTime);
    // a final without acta counts has no % of actas (null), never a made-up 100 % (review 6)
    const pctCounted =
      (st?.kind === 'provisional' ? st.pctCounted : null) ??
      def.published.pctCounted ??
      pctProcessed;
    // a release's % is its source's counted share (its units' actas are the counted ones)
    const pctOf = pctCounted === null ? null : 'actas-counted';
    return { kind, pctCounted, pctOf, ...cut, source, note, rehearsal };
  }
  // a count of actas: final only when every acta is in, whatever a manifest copied says
  const kind = complete ? (m?.status.kind ?? 'final') : 'provisional';
  const cut = countCutOf(def, complete, latest);
  const pct = countPct(def, pctProcessed, latest);
  // a universe the actas disagree with is said first: the figures may not be this election's
  const open = [extentNote(problems), quarantinedNote(quarantined), pct.note].filter(
    (n): n is Note => n !== null,
  );
  return {
    kind,
    pctCounted: pct.pctCounted,
    pctOf: pct.pctOf,
    ...cut,
    source,
    note: open.length > 0 ? joinNames(open, ' ') : complete ? note : null,
    rehearsal,
  };
}

/**
 * A count of actas' % and what it is of: cifra's own share of the actas it processed (core
 * processedActas, never the JEE's) — but a manifest that declares the count provisional, with no
 * universe to count the actas against, says the store is not the whole count: its share is the
 * source's declared `pctCounted` while the figures are that release's (no import gave a cut of
 * its own), else unknown, and a note says so (docs/elections.md, "Status").
 */
function countPct(
  def: ElectionDef,
  pctProcessed: string | null,
  latest: ImportCut | null,
): Pick<FiguresStatus, 'pctCounted' | 'pctOf'> & { note: Note | null } {
  const st = def.manifest?.status;
  if (st?.kind !== 'provisional' || def.manifest?.universe !== undefined || pctProcessed === null)
    return {
      pctCounted: pctProcessed,
      pctOf: pctProcessed === null ? null : 'actas-processed',
      note: null,
    };
  const declared = latest === null ? st.pctCounted : null;
  if (declared !== null) return { pctCounted: declared, pctOf: 'actas-counted', note: null };
  return {
    pctCounted: null,
    pctOf: null,
    note: {
      es: 'El manifiesto declara el conteo provisional y no da su universo: no se sabe cuántas actas tiene en total, así que el % contado no se conoce.',
      en: 'The manifest declares the count provisional and gives no universe: how many actas it has in all is not known, so the % counted is unknown.',
    },
  };
}

/** Mesas named in a note: the first few, then how many more. */
function mesasNamed(mesas: readonly string[], more: (n: number) => string): string {
  const shown = mesas.slice(0, 5).join(', ');
  return mesas.length > 5 ? `${shown} ${more(mesas.length - 5)}` : shown;
}

/** The note of actas known only by quarantined rows (quarantinedOnly), or null: none. */
function quarantinedNote(mesas: readonly string[]): Note | null {
  if (mesas.length === 0) return null;
  const one = mesas.length === 1;
  return {
    es: `${one ? 'Falta 1 acta cuyas filas quedaron' : `Faltan ${mesas.length} actas cuyas filas quedaron`} en cuarentena sin ninguna versión guardada (${one ? 'mesa' : 'mesas'} ${mesasNamed(mesas, (n) => `y ${n} más`)}): el conteo no está completo hasta que ${one ? 'entre' : 'entren'} (cifra quarantine).`,
    en: `${one ? '1 acta is' : `${mesas.length} actas are`} not in: ${one ? 'its rows were' : 'their rows were'} quarantined and no version is stored (${one ? 'mesa' : 'mesas'} ${mesasNamed(mesas, (n) => `and ${n} more`)}); the count is not complete until ${one ? 'it is' : 'they are'} (cifra quarantine).`,
  };
}

/** A final release's own note (pending actas whose figures count: pe-2021-presidencial), or null. */
function finalNoteOf(def: ElectionDef): Note | null {
  const st = def.manifest?.status;
  return st?.kind === 'final' ? (st.note ?? null) : null;
}

/** The actas a final release leaves unresolved for good, as its manifest counts them, or null. */
function unresolvedOf(def: ElectionDef): { actas: number; note: Note } | null {
  const st = def.manifest?.status;
  return st?.kind === 'final' ? (st.unresolved ?? null) : null;
}

/**
 * A count of actas is complete when every acta is in, or all but those a final release leaves
 * unresolved (its manifest counts them: a count still arriving has more missing, so it stays
 * provisional).
 */
export function actasComplete(def: ElectionDef, total: number, processed: number): boolean {
  const unresolved = unresolvedOf(def)?.actas ?? 0;
  return total > 0 && (processed === total || total - processed === unresolved);
}

/** A count's actas as its status reads them: a national unit's, or the store's counts by state. */
export interface CountedActas {
  readonly total: number;
  readonly processed: number;
  /** Electors of the actas not in (null: unknown). */
  readonly votesRemaining: number | null;
  /** The actas the store holds (absent: `total`, no universe counted beside them). */
  readonly stored?: number;
  /** Mesas known only by quarantined rows (quarantinedOnly): actas not in. */
  readonly quarantined?: readonly string[];
}

/** A national unit's actas (none: a unit without acta counts, or no unit). */
export function unitActas(n: ResultUnit | undefined): CountedActas {
  const a = n?.actas;
  return {
    total: a?.total ?? 0,
    processed: a?.processed ?? 0,
    votesRemaining: n?.eligibleRemaining ?? null,
    // every stored acta is in one state; a universe's total also counts those not stored
    stored: a ? a.counted + a.resolved + a.annulled + a.notInstalled + a.pending + a.jee : 0,
  };
}

/**
 * The actas with those known only by quarantined rows (quarantinedOnly): they exist, so the total
 * is at least the stored actas and them — a universe that expects them already counts them among
 * those to come (one rule, with or without one). Their electors are not known (a quarantined row's
 * cells are not read as figures): where they raise the total, the votes still to come are unknown.
 */
function withQuarantined(a: CountedActas): CountedActas {
  const q = a.quarantined?.length ?? 0;
  if (q === 0) return a;
  const total = Math.max(a.total, (a.stored ?? a.total) + q);
  return { ...a, total, votesRemaining: total === a.total ? a.votesRemaining : null };
}

/** The count's extent: complete or not, actas, and a bound of the votes still to come. */
function countOf(def: ElectionDef, a: CountedActas): CountDocument {
  const { total, processed } = a;
  if (def.published !== undefined) {
    const complete = (def.manifest?.status.kind ?? def.published.status) === 'final';
    // a published aggregate says nothing of the electors still to count
    return {
      complete,
      actasTotal: total,
      actasProcessed: processed,
      votesRemaining: complete ? 0 : null,
    };
  }
  // a source that says its count is under way is not over because its file's actas are all in;
  // nor is a count with an acta known only by its quarantined rows
  const open = def.manifest?.status.kind === 'provisional' || (a.quarantined?.length ?? 0) > 0;
  return {
    complete: !open && actasComplete(def, total, processed),
    actasTotal: total,
    actasProcessed: processed,
    votesRemaining: a.votesRemaining,
  };
}

/**
 * A count whose declared universe cannot be read (its manifest moved, its file broken) is not known
 * to be complete: the actas in the store may not be all, and how many votes remain is unknown.
 */
function withExtentKnown(count: CountDocument, problems: readonly Issue[]): CountDocument {
  return problems.some((i) => !EXTENT_READ.has(i.code))
    ? { ...count, complete: false, votesRemaining: null }
    : count;
}

/**
 * A count and the status it gives its figures, from its actas and its extent's problems: the one
 * rule of the summary, the seats, the results and the elections list, so no two of them differ.
 */
export function actasStatus(
  def: ElectionDef,
  a: CountedActas,
  problems: readonly Issue[] = [],
  latest: ImportCut | null = null,
): { count: CountDocument; status: FiguresStatus } {
  const all = def.published === undefined ? withQuarantined(a) : a;
  const count = withExtentKnown(countOf(def, all), problems);
  const pct = all.total > 0 ? percentCounted(all.processed, all.total) : null;
  const quarantined = def.published === undefined ? (all.quarantined ?? []) : [];
  return { count, status: statusOf(def, count.complete, pct, problems, latest, quarantined) };
}

/** The % of actas processed of a counted unit, or null: no actas known (published aggregates). */
export function unitPct(n: ResultUnit | undefined): string | null {
  return n?.actas && n.actas.total > 0 ? n.actas.pctProcessed : null;
}

/**
 * A presidential round's figures as the rules read them, by choice id or label: the itemised
 * candidates, the votes of a remainder not itemised (no candidate), valid and emitted votes.
 */
export function roundFigures(
  def: ElectionDef,
  rules: PresidentialRuleset,
  n: ResultUnit | undefined,
  name: 'id' | 'label' = 'id',
) {
  const remainder = new Set(def.choices.filter((c) => c.remainder === true).map((c) => c.id));
  const choices = n?.choices ?? [];
  const candidates = choices
    .filter((c) => !remainder.has(c.id))
    .map((c) => ({ candidate: name === 'id' ? c.id : c.label, votes: c.votes }));
  // the source ranks every candidate of the remainder below each itemised one
  const below =
    remainder.size > 0 && def.choices.every((c) => c.remainder !== true || c.rankedBelow === true);
  return {
    round: rules.round,
    candidates,
    unitemised: choices.filter((c) => remainder.has(c.id)).reduce((a, c) => a + c.votes, 0),
    ...(below && candidates.length > 0
      ? { unitemisedEach: Math.max(0, Math.min(...candidates.map((c) => c.votes)) - 1) }
      : {}),
    valid: n?.valid ?? 0,
    // emitted votes the source does not give: no art. 322 check, never one against 0
    ...(n === undefined || n.emitted === null ? {} : { emitted: n.emitted }),
    winner: { share: rules.winnerShare, strict: rules.strict, base: rules.base },
  };
}

/**
 * Whether the count settles a presidential round, and its outcome then (by choice id or label):
 * decided here for the summary and the seats alike, so no screen or answer states a winner or a
 * runoff pair that the other holds open. `decided`: the rules' outcome on the same figures
 * (`roundFigures`), when the caller has it.
 */
export function settlementOf(
  def: ElectionDef,
  rules: PresidentialRuleset,
  n: ResultUnit | undefined,
  count: CountDocument,
  name: 'id' | 'label' = 'id',
  decided?: PresidentialOutcome,
): Settlement {
  return settlePresidentialRound({
    ...roundFigures(def, rules, n, name),
    complete: count.complete,
    // the electors still out and the impugned votes the JEE has yet to rule on (one bound)
    remaining: votesStillOut({
      eligibleRemaining: count.votesRemaining,
      impugned: n?.impugned,
      pendingWithFigures: n?.actas?.pendingWithFigures,
    }),
    // on a complete count, the votes still out: it settles only if they cannot change it
    impugned: n?.impugned,
    // and the electors of the actas a final release leaves unresolved (null: unknown)
    unresolved: count.votesRemaining,
    ...(decided === undefined ? {} : { decided }),
  });
}
