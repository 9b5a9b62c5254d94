import type { z } from 'zod';
import { issue, type Issue } from '../core/issues.js';
import type { ElectionDef } from '../core/model/acta.js';
import type { DistrictUnits, PublishedSeatsFile } from '../core/model/manifest.js';
import { bothLanguages, joinNames, type Note } from '../core/model/note.js';
import { nameKey } from '../core/names.js';
import {
  computeSeats,
  type DistrictRow,
  type SeatResult,
  type VoteRow,
} from '../core/pipeline/seats.js';
import { partyKey } from '../core/pipeline/seat-input.js';
import { seatsOpen } from '../core/pipeline/seats-open.js';
import type { ListRuleset } from '../core/rulesets/ruleset.js';
import { decimalIn, figureLocales } from '../jurisdictions/figure-locale.js';
import type { Store } from '../store/store.js';
import type { ResultUnit } from './documents.js';
import type {
  DeepReadonly,
  FiguresStatus,
  SeatDifference,
  SeatFigures,
  SeatsSchema,
} from './document-schemas.js';

export {
  SeatDifferenceSchema,
  SeatFiguresSchema,
  type SeatDifference,
  type SeatFigures,
} from './document-schemas.js';

/** The seats document as its schema (document-schemas.ts) says it: one type per kind. */
type SeatsOfSchema = DeepReadonly<z.infer<typeof SeatsSchema>>;
type PublishedSeatsOfSchema = Extract<SeatsOfSchema, { kind: 'official' | 'third-party' }>;

/**
 * cifra's own seat computation, with what a source reported beside it (never mixed): the schema's
 * type, its result the seat engine's own, which the schema names in part (`.loose()`: the engine's
 * further fields, such as each district's elected candidates, pass through).
 */
export type ListSeatsDocument = Omit<Extract<SeatsOfSchema, { kind: 'list' }>, 'result'> & {
  readonly result: SeatResult;
};

/**
 * A seats document (GET /seats, `cifra seats --format json`): seats a source published (never
 * cifra's; its two kinds as one, as a manifest's file holds either), a presidential round's
 * outcome, or cifra's computation for a list election.
 */
export type SeatsDocument =
  | (Omit<PublishedSeatsOfSchema, 'kind' | 'result'> & {
      readonly kind: PublishedSeatsOfSchema['kind'];
      readonly result: PublishedSeatsOfSchema['result'];
    })
  | Extract<SeatsOfSchema, { kind: 'presidential' }>
  | ListSeatsDocument;

/** How far a count of actas has come: complete or not, and when its actas last changed. */
export interface LiveCount {
  readonly complete: boolean;
  /** When the actas last changed in the store (ISO 8601), or null. */
  readonly lastChange: string | null;
}

/**
 * The status and source of an election's figures (none for older stores without a manifest),
 * from `status`, the figures' status the summary gives (statusOf), so the seats never say another
 * % or another word for it: a count of actas is provisional until every acta is in, whatever the
 * manifest says (docs/elections.md), at the store's last change; a provisional figure's % and what
 * it is of are the status's (a complete count under a manifest still provisional at 96.918 %: the
 * count's 100 % of actas processed, never the manifest's % called processed); published figures
 * are as their manifest says.
 */
export function seatFigures(
  def: ElectionDef,
  status: FiguresStatus,
  live?: LiveCount,
): SeatFigures | undefined {
  const m = def.manifest;
  if (m === undefined) return undefined;
  const figures = {
    status: m.status,
    asOf: m.asOf,
    source: joinNames(m.sources.map((s) => s.publisher)),
    provenance: m.provenance,
  };
  if (def.published !== undefined || live === undefined || live.complete)
    return withPctOf(figures, status);
  // the figures' cut (the source's time), not cifra's import time, beside the source's %
  const cut = status.cutTime ?? status.cut ?? live.lastChange ?? m.asOf;
  const under = { kind: 'provisional' as const, pctCounted: null, cut };
  return withPctOf({ ...figures, status: under, asOf: cut }, status);
}

/**
 * Seat figures with their % of actas and what it is of: a provisional figure's are the figures'
 * status's; a computation's own % is its source's counted share (manifest: "as their source
 * states it"); a final or a third party's figure has none.
 */
function withPctOf(figures: Omit<SeatFigures, 'pctOf'>, status: FiguresStatus): SeatFigures {
  const s = figures.status;
  if (s.kind === 'provisional') {
    const pctCounted = status.pctCounted;
    return { ...figures, status: { ...s, pctCounted }, pctOf: status.pctOf };
  }
  const counted = s.kind === 'computed-by-cifra' && s.pctCounted !== undefined;
  return { ...figures, pctOf: counted ? 'actas-counted' : null };
}

/** What the seat engine reads of a stored election: votes by district, blank and null per district. */
export interface SeatInput {
  readonly votes: VoteRow[];
  readonly districts: DistrictRow[] | undefined;
  readonly issues: Issue[];
}

/**
 * The votes of published units as the ruleset's districts (docs/elections.md, `districtUnits`):
 * each unit of the mapped level is the district with its code (or name), each named unit the
 * district named; blank and null go with each district when the source has them. A unit that
 * is no district of the ruleset is an `unknown_district` issue.
 */
export function votesFromDistrictUnits(
  ruleset: ListRuleset,
  map: DistrictUnits,
  units: readonly ResultUnit[],
  withBlank: boolean,
): SeatInput {
  const byName = new Map<string, string>();
  for (const d of ruleset.districts)
    for (const n of [d.name, ...(d.aliases ?? [])]) byName.set(nameKey(n), d.name);
  const byCode = new Map(ruleset.districts.map((d) => [d.code, d.name]));
  const issues: Issue[] = [];
  const found = new Map<string, ResultUnit>();
  for (const u of units.filter((x) => x.level === map.level)) {
    const district = map.by === 'code' ? byCode.get(u.code) : byName.get(nameKey(u.name));
    if (district === undefined)
      issues.push(
        issue('unknown_district', ['districtUnits', u.level, u.code], {
          district: u.name,
          level: u.level,
          code: u.code,
          rules: ruleset.id,
        }),
      );
    else found.set(district, u);
  }
  for (const named of map.units) {
    const u = units.find((x) => x.level === named.level && x.code === named.code);
    const district = byName.get(nameKey(named.district));
    if (u !== undefined && district !== undefined) found.set(district, u);
  }
  const votes = [...found].flatMap(([district, u]) =>
    u.choices.map((c) => ({ district, party: c.party || c.label, votes: c.votes })),
  );
  const spoiled = [...found].map(([district, u]) => ({
    district,
    blank: u.blank ?? undefined,
    null: u.null ?? undefined,
  }));
  return { votes, districts: withBlank ? districtRows(ruleset, spoiled) : undefined, issues };
}

/**
 * The votes with each alliance's size from the election's choices (the manifest's `alliance`),
 * matched as the seat engine matches parties: the ruleset's alliance surcharge of the valla then
 * applies to them (Peru 2026: LOP art. 13, +1 point).
 */
export function withAlliances(input: SeatInput, choices: ElectionDef['choices']): SeatInput {
  const size = new Map(
    choices.flatMap((c) =>
      c.alliance === undefined ? [] : [[nameKey(c.party || c.label), c.alliance] as const],
    ),
  );
  if (size.size === 0) return input;
  const votes = input.votes.map((v) => {
    const n = size.get(nameKey(v.party));
    return n === undefined ? v : { ...v, alliance: n };
  });
  return { ...input, votes };
}

/**
 * The ruleset's districts as the seat engine's rows — its seats and electors — with each one's
 * blank and null votes from `spoiled` (by district name, aliases too; absent: not known). A
 * what-if reads the election's blank and null into its changed ruleset's table this way.
 */
export function districtRows(
  ruleset: ListRuleset,
  spoiled: readonly Pick<DistrictRow, 'district' | 'blank' | 'null'>[],
): DistrictRow[] {
  const byName = new Map(spoiled.map((s) => [nameKey(s.district), s]));
  return ruleset.districts.map((d) => {
    const s = [d.name, ...(d.aliases ?? [])].map((n) => byName.get(nameKey(n))).find(Boolean);
    return {
      district: d.name,
      seats: d.seats,
      blank: s?.blank,
      null: s?.null,
      electorate: d.electorate,
    };
  });
}

/**
 * cifra's seats against a reported composition, per party: a reported key is a choice id (its
 * party) or a party name; parties match as the seat engine matches them (case, spacing).
 */
export function seatDifferences(
  computed: Readonly<Record<string, number>>,
  reported: PublishedSeatsFile,
  choices: ElectionDef['choices'],
): SeatDifference[] {
  const rows = new Map<string, { party: string; computed: number; reported: number }>();
  const row = (party: string) => {
    const k = partyKey(party);
    const r = rows.get(k) ?? { party, computed: 0, reported: 0 };
    rows.set(k, r);
    return r;
  };
  for (const [party, n] of Object.entries(computed)) row(party).computed += n;
  for (const [key, n] of Object.entries(reported.seats)) {
    const choice = choices.find((c) => c.id === key);
    row(choice === undefined ? key : choice.party || choice.label).reported += n;
  }
  return [...rows.values()]
    .filter((r) => r.computed > 0 || r.reported > 0)
    .map((r) => ({ ...r, difference: r.computed - r.reported }))
    .sort(
      (a, b) =>
        b.reported - a.reported ||
        b.computed - a.computed ||
        (a.party < b.party ? -1 : a.party > b.party ? 1 : 0),
    );
}

/** Spanish for a figure's status in a sentence (the English is the status's kind). */
const STATUS_ES = {
  final: 'definitivas',
  provisional: 'provisionales',
  'third-party': 'de un tercero',
} as const;

/** What a provisional figure's % of actas is of, in a sentence (the status's pctOf). */
const PCT_OF = {
  'actas-processed': { es: 'de actas procesadas', en: 'of actas processed' },
  'actas-counted': { es: 'de actas contabilizadas', en: 'of actas counted' },
} as const;

/**
 * What the seats were computed from, in both languages: a provisional figure's % of actas and what
 * it is of, both the figures' own (seatFigures: the summary's status), the % written in each
 * language's locale (figureLocales: Spain 86,123 %).
 */
export function seatsFrom(
  figures: SeatFigures | undefined,
  locales: Readonly<Record<keyof Note, string>>,
): Note {
  const s = figures?.status;
  if (s === undefined) return { es: 'los votos del registro', en: 'the votes in the store' };
  if (s.kind === 'computed-by-cifra') return s.from;
  const at = (l: 'es' | 'en'): string => `${figures?.asOf ?? '?'} (${figures?.source[l] ?? '?'})`;
  // a provisional count says how far it had come
  const pct = s.kind === 'provisional' && s.pctCounted !== null ? s.pctCounted : null;
  const of = figures?.pctOf ?? null;
  const ofEs = of === null ? 'de actas' : PCT_OF[of].es;
  const ofEn = of === null ? 'of actas' : PCT_OF[of].en;
  return {
    es: `las cifras ${STATUS_ES[s.kind]}${pct === null ? '' : ` (${decimalIn(locales.es, pct)} % ${ofEs})`} al ${at('es')}`,
    en: `${s.kind} figures${pct === null ? '' : ` (${decimalIn(locales.en, pct)} % ${ofEn})`} as of ${at('en')}`,
  };
}

/** A sentence for screens (es/en): what cifra computed from, and how the reported composition compares. */
export function seatsNote(
  rules: string,
  figures: SeatFigures | undefined,
  reported: PublishedSeatsFile | null,
  differences: readonly SeatDifference[],
  locales: Readonly<Record<keyof Note, string>>,
): Note {
  const from = seatsFrom(figures, locales);
  const es = [`Escaños calculados por cifra con las reglas ${rules} a partir de ${from.es}.`];
  const en = [`Seats computed by cifra with the ruleset ${rules} from ${from.en}.`];
  if (reported !== null) {
    const official = reported.kind === 'official';
    const differ = differences.filter((d) => d.difference !== 0);
    const n = differ.length;
    const source = bothLanguages(reported.source);
    es.push(
      `Al lado, la composición reportada por una fuente ${official ? 'oficial' : 'de un tercero'} (${source.es}): ` +
        (n === 0
          ? 'los mismos escaños para cada lista.'
          : `${n} ${n === 1 ? 'lista difiere' : 'listas difieren'} (${differ
              .map((d) => `${d.party} ${d.computed} aquí, ${d.reported} reportados`)
              .join('; ')}).`),
    );
    en.push(
      `Beside them, the composition reported by ${official ? 'an official' : 'a third-party'} source (${source.en}): ` +
        (n === 0
          ? 'the same seats for every list.'
          : `${n} ${n === 1 ? 'list differs' : 'lists differ'} (${differ
              .map((d) => `${d.party} ${d.computed} here, ${d.reported} reported`)
              .join('; ')}).`),
    );
    if (reported.note !== undefined) {
      es.push(reported.note.es);
      en.push(reported.note.en);
    }
  }
  return { es: es.join(' '), en: en.join(' ') };
}

/**
 * The head of cifra's seats document for a list election, whether its votes are a count of actas
 * (service.ts) or published units (below): one builder, so the two stay the same document.
 */
export function listSeatsHead(
  election: string,
  revision: string,
  figures: SeatFigures | undefined,
  status: ListSeatsDocument['status'],
  result: SeatResult,
): ListSeatsDocument {
  return {
    election,
    revision,
    kind: 'list',
    computedBy: 'cifra',
    ...(figures === undefined ? {} : { figures }),
    status,
    // the rule the dashboard draws rings by, said in the document (seatsOpen)
    open: seatsOpen(status),
    result,
  };
}

/**
 * Seats of an election of published units that are its ruleset's districts (`districtUnits`):
 * cifra's computation with the ruleset, and the reported composition beside it when the
 * manifest has one, with the difference per party; `status`: the votes' (figuresStatus).
 */
export async function seatsFromPublishedUnits(
  store: Store,
  def: ElectionDef,
  ruleset: ListRuleset,
  input: SeatInput,
  seed: number | undefined,
  revision: string,
  status: ListSeatsDocument['status'],
): Promise<ListSeatsDocument> {
  const computed = computeSeats(
    ruleset,
    { votes: input.votes, ...(input.districts ? { districts: input.districts } : {}) },
    { seed },
  );
  const result = { ...computed, issues: [...input.issues, ...computed.issues] };
  const reported = (await store.publishedSeats(def.id)) as PublishedSeatsFile | null;
  const figures = seatFigures(def, status);
  const differences =
    reported === null ? undefined : seatDifferences(result.seats, reported, def.choices);
  return {
    ...listSeatsHead(def.id, revision, figures, status, result),
    ...(reported === null
      ? {}
      : { reported: { ...reported, open: seatsOpen(reported) }, differences }),
    note: seatsNote(
      ruleset.id,
      figures,
      reported,
      differences ?? [],
      figureLocales(def.jurisdiction),
    ),
  };
}
