import type { Issue } from '../core/issues.js';
import { issue } from '../core/issues.js';
import type { ElectionDef } from '../core/model/acta.js';
import { computeSeats, type SeatResult, type VoteRow } from '../core/pipeline/seats.js';
import { decidePresidentialRound, type PresidentialResult } from '../core/rules/presidential.js';
import { loadRuleset } from '../elections/rulesets.js';
import type { Level } from '../core/tally/aggregate.js';
import { loadJurisdiction, type LoadedJurisdiction } from '../jurisdictions/load.js';
import type { ActaVersion, ImportRecord, PlaceNames, Store, StoredActa } from '../store/store.js';
import { buildResults, type ResultsDocument } from './documents.js';
import type { PublishedSeatsFile } from '../core/model/manifest.js';

/** The read side shared by the HTTP API, `cifra publish` and the CLI. Errors are issues. */
export type Found<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export interface ElectionSummary {
  readonly id: string;
  readonly label: string;
  readonly ruleset: string;
  readonly choices: number;
  /** Elections known from published aggregates: final (official) or provisional. */
  readonly status?: 'final' | 'provisional' | 'computed-by-cifra' | 'third-party';
}

export interface ProgressDocument {
  readonly election: string;
  readonly actas: ResultsDocument['units'][number]['actas'];
  readonly eligible: number;
  readonly eligibleRemaining: number;
  readonly emitted: number;
  readonly participation: string;
  /** When the last import that changed something finished (ISO 8601), or null. */
  readonly snapshotTime: string | null;
  readonly imports: number;
  /** For elections known from published aggregates: status, % counted, time, source. */
  readonly published?: NonNullable<ElectionDef['published']>;
}

export type SeatsDocument =
  /** Seats a source published (never cifra's): the electoral authority's, or a third party's. */
  | {
      readonly election: string;
      readonly kind: 'official' | 'third-party';
      readonly result: PublishedSeatsFile;
    }
  | {
      readonly election: string;
      readonly kind: 'presidential';
      readonly result: PresidentialResult;
    }
  | { readonly election: string; readonly kind: 'list'; readonly result: SeatResult };

export interface ActaDocument {
  readonly election: string;
  readonly mesa: string;
  readonly place: PlaceNames | null;
  readonly current: StoredActa | null;
  readonly history: readonly ActaVersion[];
}

/**
 * The election asked for, or the only one in the store. When there is none to take, the issue
 * names the election asked for (null: none was) and the elections the store has.
 */
export async function election(store: Store, id: string | undefined): Promise<Found<ElectionDef>> {
  let e: ElectionDef | null;
  if (id === undefined) {
    const all = await store.listElections();
    e = all.length === 1 ? (all[0] ?? null) : null;
  } else e = await store.getElection(id);
  if (e !== null) return { ok: true, value: e };
  const known = (await store.listElections()).map((x) => x.id);
  return {
    ok: false,
    issues: [issue('unknown_election', ['election'], { election: id ?? null, known })],
  };
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
  return (await store.listElections()).map((e) => ({
    id: e.id,
    label: e.label,
    ruleset: e.ruleset,
    choices: e.choices.length,
    ...(e.published ? { status: e.published.status } : {}),
  }));
}

export interface ImportsDocument {
  /** The election whose imports these are; null: every election's. */
  readonly election: string | null;
  /** The import log, oldest first: file, SHA-256, size, counts, status. */
  readonly imports: readonly ImportRecord[];
}

/** The import log of an election (it must exist), or of the whole store. */
export async function getImports(
  store: Store,
  id: string | undefined,
): Promise<Found<ImportsDocument>> {
  if (id !== undefined) {
    const e = await election(store, id);
    if (!e.ok) return e;
  }
  return { ok: true, value: { election: id ?? null, imports: await store.listImports(id) } };
}

export async function getCandidates(
  store: Store,
  id: string | undefined,
): Promise<Found<{ election: string; choices: ElectionDef['choices'] }>> {
  const e = await election(store, id);
  return e.ok ? { ok: true, value: { election: e.value.id, choices: e.value.choices } } : e;
}

export async function getResults(
  store: Store,
  id: string | undefined,
  level: Level,
  code?: string,
): Promise<Found<ResultsDocument>> {
  const e = await electionWithJurisdiction(store, id);
  if (!e.ok) return e;
  const { def, jurisdiction } = e.value;
  const bad = checkLevel(jurisdiction, level);
  if (bad.length > 0) return { ok: false, issues: bad };
  const unit = level === 'mesa' && code !== undefined ? jurisdiction.padMesa(code) : code;
  const doc = await buildResults(store, def, level, unit);
  if (code !== undefined && doc.units.length === 0)
    return {
      ok: false,
      issues: [
        issue(level === 'mesa' ? 'acta_not_found' : 'unknown_ubigeo', ['code'], { level, code }),
      ],
    };
  return { ok: true, value: doc };
}

export async function getProgress(
  store: Store,
  id: string | undefined,
): Promise<Found<ProgressDocument>> {
  const found = await electionWithJurisdiction(store, id);
  if (!found.ok) return found;
  const def = found.value.def;
  const n = (await buildResults(store, def, 'national')).units[0];
  const imports = (await store.listImports(def.id)).filter((i) => i.status === 'committed');
  const changed = imports.filter(
    (i) => (i.new ?? 0) + (i.stateChanges ?? 0) + (i.corrected ?? 0) > 0,
  );
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
    pctProcessed: '0.000',
  };
  return {
    ok: true,
    value: {
      election: def.id,
      actas: n?.actas ?? empty,
      eligible: n?.eligible ?? 0,
      eligibleRemaining: n?.eligibleRemaining ?? 0,
      emitted: n?.emitted ?? 0,
      participation: n?.participation ?? '0.000',
      snapshotTime: def.published?.asOf ?? changed.at(-1)?.finishedAt ?? null,
      imports: imports.length,
      ...(def.published ? { published: def.published } : {}),
    },
  };
}

/**
 * The current votes of a list election at its electoral-district level (Peru: circunscripciones),
 * as the seat engine reads them: the unit's name is the ruleset's district, the choice's party
 * (or label) the list. The one input of the seats and what-if services.
 */
export async function districtVotes(
  store: Store,
  def: ElectionDef,
  jurisdiction: LoadedJurisdiction,
): Promise<VoteRow[]> {
  const units = (await buildResults(store, def, jurisdiction.electoralDistricts)).units;
  return units.flatMap((u) =>
    u.choices.map((c) => ({ district: u.name, party: c.party || c.label, votes: c.votes })),
  );
}

/** Seats or the presidential outcome, from the current results through the election's ruleset. */
export async function getSeats(
  store: Store,
  id: string | undefined,
  seed?: number,
): Promise<Found<SeatsDocument>> {
  const found = await electionWithJurisdiction(store, id);
  if (!found.ok) return found;
  const def = found.value.def;
  const official = def.published ? await store.publishedSeats(def.id) : null;
  if (official)
    return {
      ok: true,
      value: {
        election: def.id,
        kind: (official as PublishedSeatsFile).kind,
        result: official as PublishedSeatsFile,
      },
    };
  const rs = loadRuleset(def.ruleset);
  if (!rs.ok) return { ok: false, issues: rs.error };
  if (rs.value.kind === 'presidential') {
    const n = (await buildResults(store, def, 'national')).units[0];
    const result = decidePresidentialRound({
      round: rs.value.round,
      winner: { share: rs.value.winnerShare, strict: rs.value.strict, base: rs.value.base },
      candidates: (n?.choices ?? []).map((c) => ({ candidate: c.label, votes: c.votes })),
      emitted: n?.emitted,
    });
    return {
      ok: true,
      value: {
        election: def.id,
        kind: 'presidential',
        result,
        ...(def.published?.status === 'provisional' ? { provisional: true } : {}),
      },
    };
  }
  const votes = await districtVotes(store, def, found.value.jurisdiction);
  const result = computeSeats(rs.value, { votes }, { seed });
  return { ok: true, value: { election: def.id, kind: 'list', result } };
}

export async function getActa(
  store: Store,
  id: string | undefined,
  mesaRaw: string,
): Promise<Found<ActaDocument>> {
  const e = await electionWithJurisdiction(store, id);
  if (!e.ok) return e;
  const { def } = e.value;
  const mesa = e.value.jurisdiction.padMesa(mesaRaw);
  const current = await store.getActa(def.id, mesa);
  const history = await store.actaHistory(def.id, mesa);
  if (current === null && history.length === 0)
    return {
      ok: false,
      issues: [issue('acta_not_found', ['mesa'], { mesa, election: def.id })],
    };
  const place = current ? ((await store.places(def.id)).get(current.ubigeo) ?? null) : null;
  return { ok: true, value: { election: def.id, mesa, place, current, history } };
}

export async function getMesas(
  store: Store,
  id: string | undefined,
  district: string,
): Promise<
  Found<{ election: string; district: string; mesas: Awaited<ReturnType<Store['mesasOf']>> }>
> {
  const e = await electionWithJurisdiction(store, id);
  if (!e.ok) return e;
  const { def, jurisdiction } = e.value;
  if (!jurisdiction.placePattern.test(district))
    return {
      ok: false,
      issues: [
        issue('ubigeo_invalid', ['query', 'district'], {
          ubigeo: district,
          pattern: jurisdiction.placePattern.source,
        }),
      ],
    };
  return {
    ok: true,
    value: { election: def.id, district, mesas: await store.mesasOf(def.id, district) },
  };
}
