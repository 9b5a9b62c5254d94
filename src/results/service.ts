import { perRevision } from './per-revision.js';
import { basename, relative, sep } from 'node:path';
import type { Name } from '../core/model/note.js';
import type { Issue } from '../core/issues.js';
import { issueSentence } from '../core/issue-words.js';
import { issue } from '../core/issues.js';
import { actaCounts, type ElectionDef } from '../core/model/acta.js';
import { computeSeats } from '../core/pipeline/seats.js';
import { seatsOpen } from '../core/pipeline/seats-open.js';
import { decidePresidentialRound } from '../core/rules/presidential.js';
import { checkRulesetDistricts, isRulesetPath, loadRuleset } from '../elections/rulesets.js';
import { choiceColors } from '../elections/party-colors.js';
import { manifestOfRef, provenanceFile } from '../elections/manifests.js';
import { actaCountsOf, processedActas, type Level } from '../core/tally/aggregate.js';
import { conflictReasons } from '../core/tally/versioning.js';
import { loadJurisdiction, type LoadedJurisdiction } from '../jurisdictions/load.js';
import {
  latestSnapshotOf,
  type ImportRecord,
  type MesaSummary,
  type PlaceNames,
  type QuarantinedRow,
  type Store,
} from '../store/store.js';
import { PROJECT_ROOT } from '../io/paths.js';
import { actaCourse, CourseStopped, pointLead } from './count-course.js';
import { buildResults, countExtent, type Lang } from './documents.js';
import { figuresHash } from './figures-hash.js';
import type { ElectionExtent } from './extent.js';
import { unitFormIssue, universeHasPlace } from './unit-form.js';
import {
  servedFigures,
  type ActaDocument,
  type CountCourseDocument,
  type CoursePoint,
  type DistrictQuarantined,
  type ImportsDocument,
  type ElectionSummary,
  type MesaQuarantine,
  type ProgressDocument,
  type ResultUnit,
} from './document-schemas.js';
import {
  actasStatus,
  declaredActas,
  figuresStatus,
  quarantinedOnly,
  roundFigures,
  settlementOf,
  storedStatus,
  unitPct,
  type ServedResults,
} from './status.js';
import type { PublishedSeatsFile } from '../core/model/manifest.js';
import {
  listSeatsHead,
  seatFigures,
  seatsFromPublishedUnits,
  votesFromDistrictUnits,
  withAlliances,
  type SeatInput,
  type SeatsDocument,
} from './seats.js';
import type { ListRuleset, PresidentialRuleset } from '../core/rulesets/ruleset.js';

export type { ListSeatsDocument, SeatsDocument } from './seats.js';
// the documents' types, inferred from their schemas (document-schemas.ts)
export type {
  ActaDocument,
  CountCourseDocument,
  CoursePoint,
  ElectionSummary,
  ImportsDocument,
  MesaQuarantine,
  ProgressDocument,
} from './document-schemas.js';

// the read side's answer type (found.ts: a module of its own, so readers need not import this one)
export type { Found } from './found.js';
export { election } from './found.js';
import { election, type Found } from './found.js';

/**
 * Where the provenance note is, so a reader knows what to open: a bundled PROVENANCE.md by its
 * path in cifra's repository (data/peru/…); a note beside a user's manifest as the manifest names
 * it (not cifra's data/PROVENANCE.md of the same name, review 6; no folder of the server's in a
 * document); the note's text as the manifest gives it.
 */
function provenancePath(m: NonNullable<ElectionDef['manifest']>): string {
  const file = provenanceFile(m.provenance, m.path);
  if (file === null) return m.provenance;
  const inRepo = relative(PROJECT_ROOT, file);
  return inRepo.startsWith('data' + sep) ? inRepo.split(sep).join('/') : m.provenance;
}

/** The part of a manifest a reader of the results needs beside every figure. */
function aboutOf(def: ElectionDef): ProgressDocument['about'] | undefined {
  const m = def.manifest;
  if (m === undefined) return undefined;
  return {
    status: m.status,
    asOf: m.asOf,
    sources: m.sources.map((s) => s.publisher),
    ...sourceLinks(m.sources),
    provenance: provenancePath(m),
    ...(m.proclamation === undefined ? {} : { proclamation: m.proclamation }),
    ...(m.discrepancies === undefined ? {} : { discrepancies: m.discrepancies }),
    ...(m.reported === undefined ? {} : { reported: m.reported }),
    ...(m.crossCheck === undefined ? {} : { compareSources: compareSources(m) }),
  };
}

/** The sources' URLs where the manifest gives them (none: no field, as before). */
function sourceLinks(sources: NonNullable<ElectionDef['manifest']>['sources']): {
  sourceLinks?: { publisher: Name; url: string }[];
} {
  const links = sources.flatMap((s) =>
    s.url === undefined ? [] : [{ publisher: s.publisher, url: s.url }],
  );
  return links.length === 0 ? {} : { sourceLinks: links };
}

function compareSources(m: NonNullable<ElectionDef['manifest']>): {
  id: string;
  publisher: Name;
  role: 'publication' | 'third-party';
  sha256: string | null;
}[] {
  const of = (list: typeof m.sources, role: 'publication' | 'third-party') =>
    list.flatMap((s) =>
      s.id === undefined
        ? []
        : [{ id: s.id, publisher: s.publisher, role, sha256: s.sha256 ?? null }],
    );
  return [...of(m.sources, 'publication'), ...of(m.crossCheck ?? [], 'third-party')];
}

/**
 * A mesa's quarantined rows, by import and row: the store reads those of its key (an index), and
 * the jurisdiction's padding keeps the rows of this mesa (`00123` and `123` are one mesa in Peru).
 */
async function quarantinedOf(
  store: Store,
  election: string,
  mesa: string,
  padMesa: (m: string) => string,
): Promise<MesaQuarantine[]> {
  return (await store.quarantinedOfMesa(election, mesa))
    .filter((q) => q.mesa !== null && padMesa(q.mesa) === mesa)
    .map((q) => ({ importId: q.importId, file: q.file, row: q.row, issues: q.issues, raw: q.raw }));
}

/** The election asked for (or the only one) with its jurisdiction loaded. */
export async function electionWithJurisdiction(
  store: Store,
  id: string | undefined,
): Promise<Found<{ def: ElectionDef; jurisdiction: LoadedJurisdiction }>> {
  const e = await election(store, id);
  if (!e.ok) return e;
  const j = loadJurisdiction(e.value.jurisdiction);
  if (!j.ok) return { ok: false, issues: j.error };
  return { ok: true, value: { def: e.value, jurisdiction: j.value } };
}

/** `unknown_level` unless the level is one of the jurisdiction's (national and mesa always are). */
export function checkLevel(j: LoadedJurisdiction, level: string): readonly Issue[] {
  return j.isLevel(level)
    ? []
    : [issue('unknown_level', ['level'], { level, jurisdiction: j.id, allowed: j.levelIds })];
}

export async function listElections(store: Store): Promise<ElectionSummary[]> {
  const out: ElectionSummary[] = [];
  for (const e of await store.listElections()) {
    const rs = loadRuleset(e.ruleset); // read once: its kind, and a file's public id
    out.push({
      id: e.id,
      label: e.label,
      labels: e.manifest?.labels ?? { es: e.label, en: e.label },
      ruleset: publicRuleset(e.ruleset, rs),
      choices: e.choices.length,
      ...(await listedStatusOf(store, e)),
      kind: rs.ok ? rs.value.kind : null,
      ...(e.manifest?.date === undefined ? {} : { date: e.manifest.date }),
    });
  }
  return out;
}

/**
 * The status an election is listed with: the summary's rule (`actasStatus`), from the store's
 * count of actas by state and what its universe declares: no national tally (0.3 s on a large
 * election). A universe that no longer loads leaves the count provisional, as in the summary.
 */
async function listedStatusOf(
  store: Store,
  e: ElectionDef,
): Promise<{ status?: ElectionSummary['status'] }> {
  if (e.manifest === undefined && e.published === undefined) return {};
  if (e.published !== undefined)
    return { status: actasStatus(e, { total: 0, processed: 0, votesRemaining: null }).status.kind };
  const actas = actaCountsOf(await store.actaStates(e.id), e.pendingFiguresCount ?? false);
  const declared = declaredActas(e);
  // the universe's actas where the manifest has one (a partial file is not the whole count), as
  // the extent counts them: the summary's total, a stored acta of an unlisted mesa added apart
  // (it fills no expected acta). Cached per revision; read only where a universe is declared.
  const extent = declared.actas === null ? null : (await countExtent(store, e))?.extent;
  const total = Math.max(actas.total, extent?.national.actasTotal ?? declared.actas ?? 0);
  // an acta known only by quarantined rows is not in: the summary's rule (quarantinedOnly)
  const quarantined = await quarantinedOnly(store, e, await store.revision(e.id));
  const counted = {
    total,
    processed: processedActas(actas),
    votesRemaining: null,
    stored: actas.total,
    quarantined,
  };
  return { status: actasStatus(e, counted, declared.problems).status.kind };
}

/**
 * A ruleset as the public documents name it: a built-in id as it is; a user's ruleset file by
 * its own id (the store keeps the file's absolute path, which is this machine's, not the public's).
 */
function publicRuleset(ref: string, rs: ReturnType<typeof loadRuleset>): string {
  if (!isRulesetPath(ref)) return ref;
  return rs.ok ? rs.value.id : basename(ref);
}

/** A page of the import log (GET /api/v1/imports); absent: the whole log. */
export interface ImportsPage {
  readonly offset: number;
  readonly limit: number;
}

/** The import log of an election (it must exist), or of the whole store, oldest first. */
export async function getImports(
  store: Store,
  id: string | undefined,
  page?: ImportsPage,
): Promise<Found<ImportsDocument>> {
  if (id !== undefined) {
    const e = await election(store, id);
    if (!e.ok) return e;
  }
  const all = await store.listImports(id);
  const offset = page?.offset ?? 0;
  const limit = page?.limit ?? all.length;
  const imports = all.slice(offset, offset + limit).map((i) => ({
    ...i,
    accepted:
      typeof i.rowsRead === 'number' && typeof i.quarantined === 'number'
        ? i.rowsRead - i.quarantined
        : null,
  }));
  return { ok: true, value: { election: id ?? null, total: all.length, offset, limit, imports } };
}

/** Every quarantined row of one import, with its issues and raw cells (`cifra quarantine`). */
export async function getQuarantine(
  store: Store,
  importId: number,
): Promise<Found<{ importId: number; election: string; rows: QuarantinedRow[] }>> {
  const found = (await store.listImports()).find((i) => i.id === importId);
  if (found === undefined)
    return { ok: false, issues: [issue('import_not_found', ['import'], { import: importId })] };
  return {
    ok: true,
    value: { importId, election: found.election, rows: await store.quarantined(importId) },
  };
}

export async function getCandidates(
  store: Store,
  id: string | undefined,
): Promise<Found<{ election: string; choices: ElectionDef['choices'] }>> {
  const e = await election(store, id);
  if (!e.ok) return e;
  const colors = choiceColors(e.value);
  return {
    ok: true,
    value: {
      election: e.value.id,
      choices: e.value.choices.map((c, i) => ({ ...c, color: colors[i] as string })),
    },
  };
}

/** An election's results at a level (or one unit); a mesa's name in `lang` (buildResults). */
export async function getResults(
  store: Store,
  id: string | undefined,
  level: Level,
  code?: string,
  lang: Lang = 'es',
): Promise<Found<ServedResults>> {
  const e = await electionWithJurisdiction(store, id);
  if (!e.ok) return e;
  const { def, jurisdiction } = e.value;
  const bad = checkLevel(jurisdiction, level);
  if (bad.length > 0) return { ok: false, issues: bad };
  const unit = level === 'mesa' && code !== undefined ? jurisdiction.padMesa(code) : code;
  if (level === 'mesa' && unit !== undefined && !jurisdiction.mesaPattern.test(unit))
    return { ok: false, issues: [badMesa(unit, ['code'])] };
  // a code not of the level's form is ubigeo_invalid, as /api/v1/mesas says of a district (s35)
  const form =
    unit !== undefined && level !== 'mesa' && level !== 'national'
      ? unitFormIssue(jurisdiction, level, unit, ['code'])
      : null;
  if (form !== null) return { ok: false, issues: [form] };
  const doc = await buildResults(store, def, level, unit, lang);
  if (code !== undefined && doc.units.length === 0)
    return {
      ok: false,
      issues: [
        issue(level === 'mesa' ? 'acta_not_found' : 'unknown_ubigeo', ['code'], { level, code }),
      ],
    };
  return { ok: true, value: { ...doc, status: await figuresStatus(store, def) } };
}

/** The count's course (a published election's national figures after each update), oldest first. */
export async function getCountCourse(
  store: Store,
  id: string | undefined,
): Promise<Found<CountCourseDocument>> {
  const e = await election(store, id);
  if (!e.ok) return e;
  // read first, as the results' snapshot is: the figures below are of this revision or later
  const revision = await store.revision(e.value.id);
  const units = (await store.publishedUnits(e.value.id, 'course'))
    .map((u) => u.doc as ResultUnit)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (units.length === 0 && e.value.published === undefined)
    return {
      ok: true,
      value: courseDocument(e.value.id, revision, null, await actaCourse(store, e.value), 'import'),
    };
  // a course's updates carry acta counts (docs/elections.md, `course`); one without is no point
  const points = units.flatMap((u): CoursePoint[] => {
    if (u.actas === null || u.valid === null) return [];
    const { leader, margin } = pointLead(e.value, u.choices);
    return [
      {
        time: u.code,
        cut: null,
        actasCounted: u.actas.counted,
        actasTotal: u.actas.total,
        pctCounted: u.actas.pctProcessed,
        valid: u.valid,
        emitted: u.emitted,
        votes: u.choices.map((c) => ({ id: c.id, label: c.label, votes: c.votes })),
        leader,
        margin,
      },
    ];
  });
  const source = points.length > 0 ? courseSource(e.value) : null;
  return { ok: true, value: courseDocument(e.value.id, revision, source, points, 'capture') };
}

/**
 * Who published the course's updates: its own file's publisher (the manifest's `course`, which
 * names the captures it holds or their range), not the final capture the results are read from
 * (review L17); that one only for a manifest no longer there to say.
 */
function courseSource(def: ElectionDef): Name | null {
  const m = manifestOfRef(def);
  const course = m.ok ? m.value.manifest.course : undefined;
  return course?.publisher ?? def.published?.source ?? null;
}

/**
 * Every acta election's count course, built before its first reader asks (`cifra serve` at start):
 * actaCourse's replay, kept per store and chained, so a reader of the election under way awaits
 * this very build and nothing is read twice. One election at a time, in the background: a reader
 * of another election replays it at once, the build giving way between its pages. `stopped()`
 * ends the build between two pages, mid-election (a server closing): a reader that awaited it
 * then replays that election itself (course-at-start.ts waits for it before the store closes);
 * any other failure is the caller's to tell.
 */
export async function buildCountCourses(
  store: Store,
  stopped: () => boolean = () => false,
  page?: number,
): Promise<void> {
  for (const e of await store.listElections()) {
    if (stopped()) return;
    // an election with published course updates has no acta course to build (getCountCourse)
    if (e.published !== undefined || (await store.publishedUnits(e.id, 'course')).length > 0)
      continue;
    try {
      await actaCourse(store, e, page, { stopped });
    } catch (err) {
      if (err instanceof CourseStopped) return;
      throw err;
    }
  }
}

function courseDocument(
  election: string,
  revision: string,
  source: Name | null,
  points: readonly CoursePoint[],
  times: CountCourseDocument['times'],
): CountCourseDocument {
  const leadChanges = points.flatMap((p, i) => {
    const before = points
      .slice(0, i)
      .reverse()
      .find((q) => q.leader !== null)?.leader;
    return p.leader !== null && before !== undefined && before !== null && before !== p.leader
      ? [{ time: p.time, cut: p.cut, from: before, to: p.leader }]
      : [];
  });
  return { election, revision, source, points, times, leadChanges };
}

/** When the last committed import that changed an acta finished, or null. */
function lastChangeOf(imports: readonly ImportRecord[]): string | null {
  const changed = imports.filter(
    (i) =>
      i.status === 'committed' &&
      (i.new ?? 0) + (i.stateChanges ?? 0) + (i.observationChanges ?? 0) + (i.corrected ?? 0) > 0,
  );
  return changed.at(-1)?.finishedAt ?? null;
}

/** When the election's actas last changed in the store (ISO 8601), or null: none imported. */
export async function lastChange(store: Store, id: string): Promise<string | null> {
  return lastChangeOf(await store.listImports(id));
}

/** The source as cifra last read it: when, its cut, and the import (a re-read is one). */
export interface SourceCheck {
  readonly at: string;
  readonly cut: string | null;
  readonly import: number;
}

/**
 * The latest committed snapshot (an import or a re-read; a correction is a ruling, not a read of
 * the source), or null. A re-read changes no acta, so it moves this and not `lastChangeOf`.
 */
function lastCheckOf(imports: readonly ImportRecord[]): SourceCheck | null {
  const last = latestSnapshotOf(imports);
  if (last?.finishedAt === undefined) return null;
  return { at: last.finishedAt, cut: last.cut ?? null, import: last.id };
}

/** How fresh the figures are: when an acta last changed, and when the source was last read. */
export async function freshnessOf(
  store: Store,
  id: string,
): Promise<{ updatedAt: string | null; checked: SourceCheck | null }> {
  const imports = await store.listImports(id);
  return { updatedAt: lastChangeOf(imports), checked: lastCheckOf(imports) };
}

export async function getProgress(
  store: Store,
  id: string | undefined,
): Promise<Found<ProgressDocument>> {
  const found = await electionWithJurisdiction(store, id);
  if (!found.ok) return found;
  const def = found.value.def;
  // the revision of the national figures' snapshot: the document's
  const { revision, units } = await buildResults(store, def, 'national');
  const n = units[0];
  const imports = (await store.listImports(def.id)).filter((i) => i.status === 'committed');
  const none = def.published ? null : 0;
  const counted = def.published ? null : await countExtent(store, def);
  const extent = counted?.extent;
  const empty = {
    total: 0,
    counted: 0,
    resolved: 0,
    annulled: 0,
    notInstalled: 0,
    pending: 0,
    jee: 0,
    pendingWithFigures: 0,
    processed: 0,
    pctProcessed: null,
  };
  return {
    ok: true,
    value: {
      election: def.id,
      revision,
      // the count's own status, as the summary's: a replay of a final release is provisional
      status: (await storedStatus(store, def, n, revision)).status,
      // a unit whose source gives no acta counts: null (unknown), never 0 of 0
      actas: n ? n.actas : empty,
      // conflicted actas and the JEE's by observation, the national unit's (results/acta-flags.ts)
      ...(n?.actasConflicted === undefined
        ? {}
        : { actasConflicted: n.actasConflicted, jeeObservations: n.jeeObservations ?? [] }),
      // no national unit: no actas imported yet (0 of each), or a source without one (unknown)
      eligible: n ? n.eligible : none,
      eligibleRemaining: n ? n.eligibleRemaining : none,
      // no universe (or one that does not load): the actas to come are unknown, never "0 to come"
      actasNotLoaded: extent?.national.actasMissing ?? null,
      // none without a list to check them against (never "0 unlisted" when nothing was checked)
      actasNotInList: extent && counted?.mesas ? extent.national.unlisted : null,
      universe: def.published ? null : universeOf(counted),
      emitted: n ? n.emitted : none,
      participation: n?.participation ?? null,
      snapshotTime: def.published?.asOf ?? lastChangeOf(imports),
      imports: imports.length,
      // a final release's % of actas is its figures' own count, or none (never a made-up 100 %)
      ...(def.published
        ? { published: { ...def.published, pctCounted: def.published.pctCounted ?? unitPct(n) } }
        : {}),
      ...(def.manifest ? { about: aboutOf(def) } : {}),
    },
  };
}

/** What a count of actas is measured against: its universe, none declared, or one that does not load. */
function universeOf(counted: ElectionExtent | null | undefined): 'known' | 'none' | 'unreadable' {
  if (counted === null || counted === undefined) return 'none';
  return counted.extent === null ? 'unreadable' : 'known';
}

/**
 * What the seat engine reads of a stored list election, by the ruleset's districts: the published
 * units its manifest maps to districts (`districtUnits`, with blank and null per district), else
 * the current results at the electoral-district level (Peru: circunscripciones), the unit's name
 * being the district, the choice's party (or label) the list. The one input of the seats and
 * what-if services.
 */
export async function seatInput(
  store: Store,
  def: ElectionDef,
  jurisdiction: LoadedJurisdiction,
  ruleset: ListRuleset,
): Promise<SeatInput> {
  const map = def.published?.districtUnits;
  if (map !== undefined) {
    const levels = [...new Set([map.level, ...map.units.map((u) => u.level)])];
    const units: ResultUnit[] = [];
    for (const level of levels)
      units.push(...(await store.publishedUnits(def.id, level)).map((u) => u.doc as ResultUnit));
    const withBlank = def.published?.figures !== 'valid-only';
    return withAlliances(votesFromDistrictUnits(ruleset, map, units, withBlank), def.choices);
  }
  const units = (await buildResults(store, def, jurisdiction.electoralDistricts)).units;
  const votes = units.flatMap((u) =>
    u.choices.map((c) => ({ district: u.name, party: c.party || c.label, votes: c.votes })),
  );
  return withAlliances({ votes, districts: undefined, issues: [] }, def.choices);
}

/**
 * Seats or the presidential outcome, through the election's ruleset: from the store's actas, or
 * from published units that are the ruleset's districts (`districtUnits`: cifra's computation,
 * the reported composition beside it). Published seats without such units are served as
 * published (official or third-party), never as cifra's.
 */
export async function getSeats(
  store: Store,
  id: string | undefined,
  seed?: number,
): Promise<Found<SeatsDocument>> {
  const found = await electionWithJurisdiction(store, id);
  if (!found.ok) return found;
  const { def, jurisdiction } = found.value;
  // read first, as the summary reads it: the seats below are of this revision or later
  const revision = await store.revision(def.id);
  const map = def.published?.districtUnits;
  const published =
    def.published && map === undefined
      ? ((await store.publishedSeats(def.id)) as PublishedSeatsFile | null)
      : null;
  if (published)
    return {
      ok: true,
      value: {
        election: def.id,
        revision,
        kind: published.kind,
        open: seatsOpen(published),
        result: published,
      },
    };
  const rs = loadRuleset(def.ruleset);
  if (!rs.ok) return { ok: false, issues: rs.error };
  if (rs.value.kind === 'presidential')
    return { ok: true, value: await presidentialSeats(store, def, rs.value, revision) };
  const unmatched = map === undefined ? unmatchedDistricts(def, jurisdiction, rs.value) : [];
  if (unmatched.length > 0) return { ok: false, issues: unmatched };
  const input = await seatInput(store, def, jurisdiction, rs.value);
  if (map !== undefined) {
    const status = await figuresStatus(store, def);
    return {
      ok: true,
      value: await seatsFromPublishedUnits(store, def, rs.value, input, seed, revision, status),
    };
  }
  return { ok: true, value: await listSeats(store, def, rs.value, input, seed, revision) };
}

/**
 * A district no unit is would count no votes: a coded error, never empty seats (an edited ruleset
 * after ingest; the manifest's load refuses it before). The seats match districts by name, so
 * only a name no unit has is refused here; a code is the manifest's concern (districtUnits).
 */
function unmatchedDistricts(
  def: ElectionDef,
  jurisdiction: LoadedJurisdiction,
  ruleset: ListRuleset,
): Issue[] {
  // the election named, so that the API can say whose deployment is at fault without the file
  return checkRulesetDistricts(ruleset, jurisdiction, def.ruleset)
    .filter((i) => i.path.at(-1) === 'name')
    .map((i) => ({ ...i, details: { ...i.details, election: def.id } }));
}

/** The presidential round's figures in full, and its outcome once the count settles it. */
async function presidentialSeats(
  store: Store,
  def: ElectionDef,
  ruleset: PresidentialRuleset,
  revision: string,
): Promise<SeatsDocument> {
  const national = await buildResults(store, def, 'national');
  const n = national.units[0];
  // the figures in full (shares, art. 322), decided once; the outcome only once the count
  // settles it, as the summary decides it (never from a partial count's order); the status is
  // the count's own, not only the manifest's (its cut: the figures' latest import's)
  const result = decidePresidentialRound(roundFigures(def, ruleset, n, 'label'));
  const { count, status } = await storedStatus(store, def, n, national.revision);
  const settled = settlementOf(def, ruleset, n, count, 'label', result.outcome);
  return {
    election: def.id,
    revision,
    kind: 'presidential',
    status,
    settled: settled.settled,
    settledBy: settled.by,
    openReason: settled.settled ? null : settled.openReason,
    result: { ...result, outcome: settled.outcome },
    ...(status.kind === 'provisional' ? { provisional: true } : {}),
  };
}

/** A list election's seats from the store's actas, with the count's status and figures. */
async function listSeats(
  store: Store,
  def: ElectionDef,
  ruleset: ListRuleset,
  input: SeatInput,
  seed: number | undefined,
  revision: string,
): Promise<SeatsDocument> {
  const result = computeSeats(ruleset, { votes: input.votes }, { seed });
  const national = await buildResults(store, def, 'national');
  const n = national.units[0];
  // complete as the summary says it: a universe that no longer loads leaves the count provisional
  const { count, status } = await storedStatus(store, def, n, national.revision);
  // the seats' figures from the summary's status (one source: their % and its word the same)
  const figures = seatFigures(def, status, {
    complete: count.complete,
    lastChange: await lastChange(store, def.id),
  });
  // the summary's status (one rule): the page draws seats on a partial count as open
  return listSeatsHead(def.id, revision, figures, status, result);
}

/** Each store's place names per election, kept while its revision stands: read once, not per acta. */
const PLACES = new WeakMap<
  Store,
  Map<string, { revision: string; places: Map<string, PlaceNames> }>
>();

async function placesOf(store: Store, election: string): Promise<Map<string, PlaceNames>> {
  const revision = await store.revision(election);
  const byElection = PLACES.get(store) ?? new Map();
  PLACES.set(store, byElection);
  const hit = byElection.get(election);
  if (hit?.revision === revision) return hit.places;
  const places = await store.places(election);
  byElection.set(election, { revision, places });
  return places;
}

export async function getActa(
  store: Store,
  id: string | undefined,
  mesaRaw: string,
): Promise<Found<ActaDocument>> {
  const e = await electionWithJurisdiction(store, id);
  if (!e.ok) return e;
  const { def, jurisdiction } = e.value;
  const mesa = jurisdiction.padMesa(mesaRaw);
  if (!jurisdiction.mesaPattern.test(mesa)) return { ok: false, issues: [badMesa(mesa, ['mesa'])] };
  const current = await store.getActa(def.id, mesa);
  const history = await store.actaHistory(def.id, mesa);
  const quarantined = await quarantinedOf(store, def.id, mesa, (m) => jurisdiction.padMesa(m));
  if (current === null && history.length === 0 && quarantined.length === 0)
    return {
      ok: false,
      issues: [issue('acta_not_found', ['mesa'], { mesa, election: def.id })],
    };
  const place = current ? ((await placesOf(store, def.id)).get(current.ubigeo) ?? null) : null;
  // each conflict's reason as it was recorded: the CLI and the dashboard read it, never derive it
  const reasons = conflictReasons(history);
  return {
    ok: true,
    value: {
      election: def.id,
      mesa,
      place,
      current: current && {
        ...servedFigures(current),
        counts: actaCounts(current, def.pendingFiguresCount ?? false),
      },
      history: history.map((h, i) => {
        const acta = servedFigures(h.acta);
        return { ...h, conflict: reasons[i] ?? null, acta, figuresHash: figuresHash(acta) };
      }),
      quarantined,
    },
  };
}

/**
 * The mesas whose only rows were quarantined: no version stored, so no place lists them, yet their
 * acta document exists (its refused rows). `cifra publish` writes theirs too.
 */
export async function mesasOnlyQuarantined(store: Store, id: string): Promise<string[]> {
  const e = await electionWithJurisdiction(store, id);
  if (!e.ok) return [];
  const { def, jurisdiction } = e.value;
  const revision = await store.revision(def.id);
  const quarantined = new Set(
    (await store.quarantinedMesas(def.id)).map((m) => jurisdiction.padMesa(m)),
  );
  // a mesa with any version has a current one (version 1 is always applied): the district lists
  // publish reads anyway say which mesas have versions, with no read per quarantined mesa
  const stored = new Set<string>();
  for (const list of (await mesasByDistrict(store, def.id, revision)).values())
    for (const m of list) stored.add(m.mesa);
  return [...quarantined].filter((mesa) => !stored.has(mesa)).sort();
}

/** A district's mesas as the drill-down lists them (the district is the document's own field). */
type DistrictMesa = Omit<MesaSummary, 'ubigeo'>;

/**
 * Every district's mesas of one election revision, grouped from one read of the store: the
 * drill-down and `cifra publish` ask for each district in turn, and one scan per district was a
 * scan of the whole election each time (publish: 1,874 of them). Keyed by revision, so a write by
 * any process (the store's revision moves) makes the next request read again.
 */
const MESAS = new WeakMap<Store, Map<string, Promise<unknown>>>();

function mesasByDistrict(
  store: Store,
  election: string,
  revision: string,
): Promise<Map<string, DistrictMesa[]>> {
  return perRevision(MESAS, store, `${election}|${revision}`, () =>
    store.mesaSummaries(election).then((rows) => {
      const by = new Map<string, DistrictMesa[]>();
      for (const { ubigeo, ...m } of rows) {
        const list = by.get(ubigeo);
        if (list === undefined) by.set(ubigeo, [m]);
        else list.push(m);
      }
      return by;
    }),
  );
}

/** A mesa id that cannot be one in this jurisdiction (its pattern), at the request's path. */
function badMesa(mesa: string, at: readonly string[]): Issue {
  return issue('mesa_invalid', at, { mesa });
}

/**
 * The mesas of a district. `at` is where the request names it (`['query', 'district']` for
 * `/api/v1/mesas`, `['path', 'place']` for the static document); a district the election knows
 * nothing of is `unknown_ubigeo`, as `getResults` says of an unknown unit.
 */
export async function getMesas(
  store: Store,
  id: string | undefined,
  district: string,
  at: readonly string[] = ['query', 'district'],
): Promise<
  Found<{
    election: string;
    district: string;
    revision: string;
    mesas: DistrictMesa[];
    conflicts: number;
    quarantined: DistrictQuarantined[];
  }>
> {
  const e = await electionWithJurisdiction(store, id);
  if (!e.ok) return e;
  const { def, jurisdiction } = e.value;
  if (!jurisdiction.placePattern.test(district))
    return {
      ok: false,
      issues: [
        issue('ubigeo_invalid', at, {
          ubigeo: district,
          pattern: jurisdiction.placePattern.source,
        }),
      ],
    };
  const revision = await store.revision(def.id);
  const by = await mesasByDistrict(store, def.id, revision);
  const mesas = by.get(district);
  // a universe lists the election's every unit: a code of the form it lacks is no district of
  // this election, not one with no mesas loaded yet (910000 was 200 with no mesas: s35)
  const known = async (): Promise<boolean> =>
    (universeHasPlace(def, jurisdiction, district) ?? jurisdiction.isKnownPlace(district)) ||
    (await placesOf(store, def.id)).has(district);
  if (mesas === undefined && !(await known()))
    return {
      ok: false,
      issues: [issue('unknown_ubigeo', at, { level: 'district', code: district })],
    };
  const list = mesas ?? [];
  return {
    ok: true,
    value: {
      election: def.id,
      district,
      revision,
      mesas: list,
      conflicts: list.filter((m) => m.conflict).length,
      quarantined: await districtQuarantine(store, def.id, revision, list, (m) =>
        jurisdiction.padMesa(m),
      ),
    },
  };
}

const QUARANTINED = new WeakMap<Store, Map<string, Promise<unknown>>>();

/**
 * The quarantined rows of a district's mesas, one line per issue (a row refused for two reasons
 * is two lines), by mesa, import and row. The election's quarantined mesas are read once per
 * revision (publish asks every district); only this district's are then read row by row. A mesa
 * whose every row was refused has no place stored, so no district lists it (its acta document does).
 */
async function districtQuarantine(
  store: Store,
  election: string,
  revision: string,
  mesas: readonly DistrictMesa[],
  padMesa: (m: string) => string,
): Promise<DistrictQuarantined[]> {
  const all = await perRevision(QUARANTINED, store, `${election}|${revision}`, async () => {
    return new Set((await store.quarantinedMesas(election)).map(padMesa));
  });
  const out: DistrictQuarantined[] = [];
  for (const { mesa } of mesas.filter((m) => all.has(m.mesa)).sort(byMesa))
    for (const q of await quarantinedOf(store, election, mesa, padMesa))
      for (const i of q.issues)
        out.push({
          mesa,
          importId: q.importId,
          row: q.row,
          code: i.code,
          sentence: { es: issueSentence(i, 'es'), en: issueSentence(i, 'en') },
        });
  return out;
}

const byMesa = (a: { mesa: string }, b: { mesa: string }): number =>
  a.mesa < b.mesa ? -1 : a.mesa > b.mesa ? 1 : 0;
