import type { ElectionDef } from '../core/model/acta.js';
import { CIRCUNSCRIPCIONES } from '../core/rulesets/peru-circunscripciones.js';
import { tabulate, unitPercentages, type Level, type UnitResult } from '../core/tally/aggregate.js';
import type { PlaceNames, Store, StoredActa } from '../store/store.js';

/** One unit of a results document: what `cifra results`, exports and the API return. */
export interface ResultUnit {
  readonly level: Level;
  readonly code: string;
  readonly name: string;
  readonly choices: readonly {
    readonly id: string;
    readonly label: string;
    readonly party: string;
    readonly votes: number;
    readonly pctValid: string;
    readonly pctEmitted: string;
    /** Preferential votes by candidate list position (1-based in `position`), when present. */
    readonly candidates?: readonly { readonly position: number; readonly votes: number }[];
  }[];
  readonly valid: number;
  readonly blank: number;
  readonly null: number;
  readonly impugned: number;
  readonly emitted: number;
  readonly eligible: number;
  readonly participation: string;
  readonly blankPctEmitted: string;
  readonly nullPctEmitted: string;
  readonly actas: UnitResult['actas'] & {
    readonly processed: number;
    readonly pctProcessed: string;
  };
  /** Eligible voters of mesas whose figures are not in yet. */
  readonly eligibleRemaining: number;
}

export interface ResultsDocument {
  readonly election: string;
  readonly label: string;
  readonly level: Level;
  readonly units: readonly ResultUnit[];
}

export function unitName(
  level: Level,
  code: string,
  places: ReadonlyMap<string, PlaceNames>,
  actas?: readonly StoredActa[],
): string {
  switch (level) {
    case 'national':
      return 'TOTAL';
    case 'ambito':
      return code === 'PERU' ? 'PERÚ' : 'EXTRANJERO';
    case 'circunscripcion':
      return CIRCUNSCRIPCIONES.find((c) => String(c.code) === code)?.name ?? code;
    case 'department':
    case 'province':
    case 'district': {
      for (const [ubigeo, p] of places) {
        if (!ubigeo.startsWith(code)) continue;
        return level === 'department'
          ? p.department
          : level === 'province'
            ? `${p.province}, ${p.department}`
            : `${p.district}, ${p.province}, ${p.department}`;
      }
      return code;
    }
    case 'mesa': {
      const a = actas?.find((x) => x.mesa === code);
      const p = a ? places.get(a.ubigeo) : undefined;
      return p ? `Mesa ${code} — ${p.district}, ${p.province}` : `Mesa ${code}`;
    }
  }
}

export function resultUnit(u: UnitResult, election: ElectionDef, name: string): ResultUnit {
  const pct = unitPercentages(u);
  return {
    level: u.level,
    code: u.code,
    name,
    choices: election.choices.map((c, i) => ({
      id: c.id,
      label: c.label,
      party: c.party,
      votes: u.votes[i] ?? 0,
      pctValid: pct.pctValid[i] ?? '0.000',
      pctEmitted: pct.pctEmitted[i] ?? '0.000',
      ...(u.preferential
        ? { candidates: (u.preferential[i] ?? []).map((votes, k) => ({ position: k + 1, votes })) }
        : {}),
    })),
    valid: u.valid,
    blank: u.blank,
    null: u.null,
    impugned: u.impugned,
    emitted: u.emitted,
    eligible: u.eligible,
    participation: pct.participation,
    blankPctEmitted: pct.blankPctEmitted,
    nullPctEmitted: pct.nullPctEmitted,
    actas: { ...u.actas, processed: u.actasProcessed, pctProcessed: pct.pctActasProcessed },
    eligibleRemaining: u.eligibleRemaining,
  };
}

/** Results of an election at a level (optionally one unit), from the store's current actas. */
export async function buildResults(
  store: Store,
  election: ElectionDef,
  level: Level,
  code?: string,
): Promise<ResultsDocument> {
  const actas = await store.currentActas(election.id);
  const places = await store.places(election.id);
  const subset =
    level === 'mesa' && code !== undefined ? actas.filter((a) => a.mesa === code) : actas;
  const units = (
    tabulate(subset, election.choices.length, [level], {
      pendingFiguresCount: election.pendingFiguresCount ?? false,
    }).get(level) ?? []
  ).filter((u) => code === undefined || u.code === code);
  return {
    election: election.id,
    label: election.label,
    level,
    units: units.map((u) => resultUnit(u, election, unitName(level, u.code, places, subset))),
  };
}
