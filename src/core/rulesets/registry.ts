import { DHONDT, HARE, PLURALITY } from '../allocation/methods.js';
import { issue, type Issue } from '../issues.js';
import { ratio } from '../ratio.js';
import { err, ok, type Result } from '../result.js';
import type { ApportionmentRule } from '../rules/apportion.js';
import type { ThresholdCondition } from '../rules/threshold.js';
import { ABROAD, CIRCUNSCRIPCIONES, NATIONAL_DISTRICT } from './peru-circunscripciones.js';
import { SPAIN_PROVINCES_2023 } from './spain-provinces.js';
import type {
  ListRuleset,
  PresidentialRuleset,
  Ruleset,
  RulesetDistrict,
  RulesetOption,
} from './ruleset.js';

const FIVE_PERCENT = ratio(5, 100);
const ONE_POINT = ratio(1, 100);

const OPT_NULLITY: RulesetOption = {
  name: 'nullity',
  values: ['const-184', 'loe-365'],
  default: 'const-184',
  description:
    'Two-thirds nullity denominator: emitted votes (CONST art. 184, binding) or valid votes (LOE arts. 364–365).',
};
const OPT_PRELIM_AMONG: RulesetOption = {
  name: 'preliminary-among',
  values: ['all', 'share-qualified'],
  default: 'all',
  description:
    'Lists in the preliminary allocation that counts seats for the valla (rules §4.3, ambiguity 2).',
};
const OPT_PRELIM_ITERATE: RulesetOption = {
  name: 'preliminary-iterate',
  values: ['no', 'yes'],
  default: 'no',
  description:
    'Repeat the preliminary allocation without the lists that failed, until stable (ambiguity 2).',
};
const OPT_ALLIANCE: RulesetOption = {
  name: 'alliance-surcharge',
  values: ['seat-access', 'registration-only'],
  default: 'seat-access',
  description:
    'Whether the +1 point for alliances (LOP art. 13) also applies to seat access (ambiguity 4).',
};
const OPT_SENATE_SHARE: RulesetOption = {
  name: 'senate-share',
  values: ['pooled', 'best-modality', 'per-modality'],
  default: 'pooled',
  description:
    'Senate 5 %: national and district votes pooled (JNE, Mar-2026), either modality, or both (ambiguity 1).',
};
const OPT_SINGLE_SEAT: RulesetOption = {
  name: 'single-seat',
  values: ['list', 'candidate'],
  default: 'list',
  description:
    'Single-seat Senate districts: most-voted list then its top candidate (A), or most-voted candidate (B) (ambiguity 3).',
};
const OPT_ANDEAN_THRESHOLD: RulesetOption = {
  name: 'threshold',
  values: ['none', '5-percent'],
  default: 'none',
  description:
    'No valla is found in the law for the Andean Parliament; 5 % of valid votes is selectable (ambiguity 11).',
};
const OPT_EXHAUSTED: RulesetOption = {
  name: 'exhausted-list',
  values: ['next-quotient', 'vacant'],
  default: 'next-quotient',
  description:
    'A list that wins more seats than it has candidates: next highest quotient, or seat vacant (ambiguity 9).',
};

function peruDistricts(
  seatsOf: (c: (typeof CIRCUNSCRIPCIONES)[number]) => number,
): RulesetDistrict[] {
  return CIRCUNSCRIPCIONES.map((c) => ({ name: c.name, seats: seatsOf(c), aliases: c.aliases }));
}

/** R-0304-2020 and R-0053-2025: 1 seat per circunscripción, 2 for abroad, 102 by Hare LR on electors. */
const PERU_APPORTIONMENT: ApportionmentRule = {
  totalSeats: 130,
  fixed: new Map([[ABROAD, 2]]),
  minimumPerDistrict: 1,
  method: HARE,
  tieBreak: { kind: 'report' },
  source:
    'R-0053-2025-JNE / R-0304-2020-JNE: 1 per circunscripción (abroad 2), 102 by Hare largest remainder on electors',
};

function prelimSeats(
  min: number,
  opts: Record<string, string>,
  minDistricts?: number,
): ThresholdCondition {
  return {
    kind: 'preliminary-seats',
    min,
    ...(minDistricts === undefined ? {} : { minDistricts }),
    among: opts['preliminary-among'] === 'share-qualified' ? 'share-qualified' : 'all',
    iterate: opts['preliminary-iterate'] === 'yes',
    source: 'LOE art. 20; preliminary cifra repartidora per ONPE R.J. 000376-2015-J/ONPE',
  };
}

/** The options every Peruvian list ruleset shares: exhausted lists and the nullity denominator. */
function peruChoices(
  o: Record<string, string>,
): Pick<ListRuleset, 'exhaustedList' | 'nullity' | 'options'> {
  return {
    exhaustedList: o['exhausted-list'] === 'vacant' ? 'vacant' : 'next-quotient',
    nullity: o['nullity'] === 'loe-365' ? 'loe-365' : 'const-184',
    options: o,
  };
}

interface Definition {
  readonly id: string;
  readonly options: readonly RulesetOption[];
  readonly build: (opts: Record<string, string>) => Ruleset;
}

const list = (r: Omit<ListRuleset, 'kind'>): ListRuleset => ({ kind: 'list', ...r });

const DEFINITIONS: readonly Definition[] = [
  {
    id: 'pe-2021-congreso',
    options: [OPT_PRELIM_AMONG, OPT_PRELIM_ITERATE, OPT_EXHAUSTED, OPT_NULLITY],
    build: (o) =>
      list({
        id: 'pe-2021-congreso',
        label: 'Perú 2021 — Congreso de la República (130, 27 circunscripciones)',
        totalSeats: 130,
        districts: peruDistricts((c) => c.seats2021),
        method: DHONDT,
        singleSeatMethod: PLURALITY,
        // LOE art. 20 (2021 text): 5 % of national valid votes OR 7 seats in more than one circunscripción.
        threshold: {
          kind: 'any',
          conditions: [
            {
              kind: 'share',
              scope: 'national',
              share: FIVE_PERCENT,
              base: 'valid',
              source: 'LOE art. 20 (Ley 30995 text)',
            },
            prelimSeats(7, o, 2),
          ],
        },
        tieBreak: { kind: 'lot' }, // LOE art. 30(f): sorteo
        ...peruChoices(o),
        singleSeatWinner: 'list',
        apportionment: PERU_APPORTIONMENT,
        sources: [
          'Seats per circunscripción: R-0304-2020-JNE (Ley 31032)',
          'Valla: LOE art. 20 (2021 text) — 5 % of national valid votes OR ≥ 7 seats in > 1 circunscripción',
          "Allocation: cifra repartidora (D'Hondt) per circunscripción — LOE arts. 29–30",
          'Ties: sorteo — LOE art. 30(f)',
          'Preferential order: LOE art. 31 (ties by sorteo)',
          'Validated against R-0602-2021-JNE',
        ],
      }),
  },
  {
    id: 'pe-2026-diputados',
    options: [OPT_PRELIM_AMONG, OPT_PRELIM_ITERATE, OPT_ALLIANCE, OPT_EXHAUSTED, OPT_NULLITY],
    build: (o) =>
      list({
        id: 'pe-2026-diputados',
        label: 'Perú 2026 — Cámara de Diputados (130, 27 circunscripciones)',
        totalSeats: 130,
        districts: peruDistricts((c) => c.deputies2026),
        method: DHONDT,
        singleSeatMethod: PLURALITY,
        // LOE art. 20 (Ley 32245): 5 % of the chamber's national valid votes AND 5 % of its members (7).
        threshold: {
          kind: 'all',
          conditions: [
            {
              kind: 'share',
              scope: 'national',
              share: FIVE_PERCENT,
              base: 'valid',
              ...(o['alliance-surcharge'] === 'registration-only'
                ? {}
                : { alliance: { kind: 'flat' as const, extra: ONE_POINT } }),
              source: 'LOE art. 20 (Ley 32245); alliances +1 point: LOP art. 13',
            },
            prelimSeats(7, o),
          ],
        },
        tieBreak: { kind: 'lot' },
        ...peruChoices(o),
        singleSeatWinner: 'list',
        apportionment: PERU_APPORTIONMENT,
        sources: [
          'Seats per circunscripción: R-0053-2025-JNE',
          'Valla: LOE art. 20 (Ley 32245) — 5 % of national valid votes AND ≥ 7 deputies (5 % of 130)',
          'Alliances: +1 percentage point regardless of members — LOP art. 13 (2026 text, as reported)',
          'Allocation: cifra repartidora per circunscripción — LOE art. 30; ties by sorteo, art. 30(f)',
        ],
      }),
  },
  {
    id: 'pe-2026-senado',
    options: [
      OPT_SENATE_SHARE,
      OPT_PRELIM_AMONG,
      OPT_PRELIM_ITERATE,
      OPT_ALLIANCE,
      OPT_SINGLE_SEAT,
      OPT_EXHAUSTED,
      OPT_NULLITY,
    ],
    build: (o) => {
      const dem = CIRCUNSCRIPCIONES.map((c) => c.name);
      const alliance =
        o['alliance-surcharge'] === 'registration-only'
          ? {}
          : { alliance: { kind: 'flat' as const, extra: ONE_POINT } };
      const share = (districts?: string[]): ThresholdCondition => ({
        kind: 'share',
        scope: 'national',
        share: FIVE_PERCENT,
        base: 'valid',
        ...(districts ? { districts } : {}),
        ...alliance,
        source:
          'LOE art. 20 (Ley 32245); pooled DEU + DEM votes per the JNE plenary criterion (Mar-2026)',
      });
      const shareCondition: ThresholdCondition =
        o['senate-share'] === 'best-modality'
          ? { kind: 'any', conditions: [share([NATIONAL_DISTRICT]), share(dem)] }
          : o['senate-share'] === 'per-modality'
            ? { kind: 'all', conditions: [share([NATIONAL_DISTRICT]), share(dem)] }
            : share();
      return list({
        id: 'pe-2026-senado',
        label: 'Perú 2026 — Senado (30 nacional + 30 por circunscripción)',
        totalSeats: 60,
        districts: [
          {
            name: NATIONAL_DISTRICT,
            seats: 30,
            aliases: ['DEU', 'DISTRITO UNICO', 'DISTRITO ELECTORAL UNICO'],
          },
          ...peruDistricts((c) => c.senate2026),
        ],
        method: DHONDT,
        singleSeatMethod: PLURALITY,
        threshold: { kind: 'all', conditions: [shareCondition, prelimSeats(3, o)] },
        tieBreak: { kind: 'lot' },
        ...peruChoices(o),
        singleSeatWinner: o['single-seat'] === 'candidate' ? 'candidate' : 'list',
        apportionment: null,
        sources: [
          'Composition: 30 national (DEU) + 30 district (DEM: Lima Metropolitana 4, others 1) — LOE art. 21, R-0053-2025-JNE',
          'Valla: 5 % of valid votes AND ≥ 3 senators — LOE art. 20 (Ley 32245); votes pooled per JNE criterion (Mar-2026)',
          'DEU and Lima Metropolitana: cifra repartidora — LOE art. 30',
          'Single-seat districts: plurality ("mayoría de los votos válidos") — LOE art. 31',
        ],
      });
    },
  },
  ...(['2021', '2026'] as const).map((year): Definition => ({
    id: `pe-${year}-parlamento-andino`,
    options: [OPT_ANDEAN_THRESHOLD, OPT_EXHAUSTED, OPT_NULLITY],
    build: (o) =>
      list({
        id: `pe-${year}-parlamento-andino`,
        label: `Perú ${year} — Parlamento Andino (5, distrito único)`,
        totalSeats: 5,
        districts: [{ name: NATIONAL_DISTRICT, seats: 5, aliases: ['DEU', 'PERU'] }],
        method: DHONDT,
        singleSeatMethod: PLURALITY,
        threshold:
          o['threshold'] === '5-percent'
            ? {
                kind: 'share',
                scope: 'national',
                share: FIVE_PERCENT,
                base: 'valid',
                source: 'selectable; LOE art. 20 does not name the Andean Parliament',
              }
            : null,
        tieBreak: { kind: 'lot' },
        ...peruChoices(o),
        singleSeatWinner: 'list',
        apportionment: null,
        sources: [
          '5 representatives, single national district, cifra repartidora — Ley 28360 art. 1',
          'No valla found in LOE art. 20 (rules document ambiguity 11)',
        ],
      }),
  })),
  ...(['2021', '2026'] as const).flatMap((year) =>
    (['first', 'runoff'] as const).map((round): Definition => ({
      id: round === 'first' ? `pe-${year}-presidencial` : `pe-${year}-presidencial-segunda`,
      options: [OPT_NULLITY],
      build: (o): PresidentialRuleset => ({
        kind: 'presidential',
        id: round === 'first' ? `pe-${year}-presidencial` : `pe-${year}-presidencial-segunda`,
        label: `Perú ${year} — Presidencial, ${round === 'first' ? 'primera vuelta' : 'segunda vuelta'}`,
        round,
        nullity: o['nullity'] === 'loe-365' ? 'loe-365' : 'const-184',
        options: o,
        sources: [
          'Winner: more than half of valid votes, blank and null not counted — CONST art. 111, LOE art. 17',
          'Runoff between the two highest — CONST art. 111, LOE art. 18',
          'Ties: no rule in the LOE — reported for the JNE (rules document ambiguity 6)',
        ],
      }),
    })),
  ),
  {
    id: 'es-congreso',
    options: [],
    build: (o) =>
      list({
        id: 'es-congreso',
        label: 'España — Congreso de los Diputados (350, 52 circunscripciones)',
        totalSeats: 350,
        districts: SPAIN_PROVINCES_2023.map((p) => ({ name: p.name, seats: p.seats })),
        method: DHONDT,
        singleSeatMethod: PLURALITY,
        // LOREG art. 163.1.a: 3 % of the valid votes (blank included) of the circunscripción.
        threshold: {
          kind: 'share',
          scope: 'district',
          share: ratio(3, 100),
          base: 'valid-and-blank',
          source: 'LOREG art. 163.1.a',
        },
        // LOREG art. 163.1.d: equal quotients — more total votes; then by lot.
        tieBreak: { kind: 'more-votes', then: 'lot' },
        exhaustedList: 'next-quotient',
        singleSeatWinner: 'list',
        apportionment: {
          totalSeats: 350,
          fixed: new Map([
            ['Ceuta', 1],
            ['Melilla', 1],
          ]),
          minimumPerDistrict: 2,
          method: HARE,
          tieBreak: { kind: 'report' },
          source:
            'LOREG art. 162: Ceuta and Melilla 1, each province 2, the rest by Hare largest remainder on population',
        },
        nullity: null, // no two-thirds nullity rule in the LOREG
        options: o,
        sources: [
          'Seats per province: Real Decreto 400/2023 (convocatoria), LOREG art. 162',
          'Threshold: 3 % of valid votes incl. blank in the province — LOREG art. 163.1.a',
          "D'Hondt per province; equal quotients to more votes, then lot — LOREG art. 163.1.c–d",
        ],
      }),
  },
];

export const RULESET_IDS: readonly string[] = DEFINITIONS.map((d) => d.id);

export function rulesetOptions(id: string): readonly RulesetOption[] {
  return DEFINITIONS.find((d) => d.id === id)?.options ?? [];
}

/** A ruleset by id, with documented options (defaults from the rules document). */
export function getRuleset(
  id: string,
  options: Readonly<Record<string, string>> = {},
): Result<Ruleset, Issue[]> {
  const def = DEFINITIONS.find((d) => d.id === id);
  if (def === undefined)
    return err([issue('invalid_option', ['rules'], { value: id, allowed: RULESET_IDS })]);
  const issues: Issue[] = [];
  const resolved: Record<string, string> = {};
  for (const o of def.options) resolved[o.name] = o.default;
  for (const [k, v] of Object.entries(options)) {
    const spec = def.options.find((o) => o.name === k);
    if (spec === undefined)
      issues.push(
        issue('unknown_option', ['option', k], { allowed: def.options.map((o) => o.name) }),
      );
    else if (!spec.values.includes(v))
      issues.push(issue('invalid_option', ['option', k], { value: v, allowed: spec.values }));
    else resolved[k] = v;
  }
  if (issues.length > 0) return err(issues);
  return ok(def.build(resolved));
}
