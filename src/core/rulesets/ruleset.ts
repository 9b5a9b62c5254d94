import type { Name } from '../model/note.js';
import type { TieBreakPolicy } from '../allocation/allocate.js';
import type { AllocationMethod, DivisorMethod } from '../allocation/methods.js';
import type { Ratio } from '../ratio.js';
import type { ApportionmentRule } from '../rules/apportion.js';
import type { NullityVariant } from '../rules/nullity.js';
import type { ThresholdCondition } from '../rules/threshold.js';

/** A ruleset as the engines use it, compiled from a ruleset file (compile.ts). */

export interface RulesetDistrict {
  readonly name: string;
  readonly seats: number;
  readonly aliases?: readonly string[];
  readonly code?: string;
  /** Registered electors (or population), when the file gives them: apportionment's base. */
  readonly electorate?: number;
}

/** A documented choice where the law is ambiguous; the default is the rules document's. */
export interface RulesetOption {
  readonly name: string;
  readonly values: readonly string[];
  readonly default: string;
  readonly description: Name;
}

interface RulesetBase {
  readonly id: string;
  readonly label: string;
  readonly labels: { readonly es: string; readonly en: string };
  readonly version: string | null;
  readonly jurisdiction: string | null;
  /** The two-thirds nullity rule in force (Peru), or null where the jurisdiction has none. */
  readonly nullity: NullityVariant | null;
  /** Option values in force (defaults filled in). */
  readonly options: Readonly<Record<string, string>>;
  /** The options the file declares. */
  readonly optionSpecs: readonly RulesetOption[];
  /** One line per rule: what it is and its legal source. */
  readonly sources: readonly string[];
}

/** Compensation (levelling) seats over the district tier. */
export interface CompensationTier {
  readonly kind: 'compensation';
  readonly seats: number;
  readonly method: AllocationMethod;
  readonly threshold: ThresholdCondition | null;
  readonly source: string;
}

/** Districts give full-quota seats only; the rest are shared on the pooled remainders. */
export interface RemainderPoolingTier {
  readonly kind: 'remainder-pooling';
  readonly method: AllocationMethod;
  /** How each list's pooled seats return to the districts (null: they stay national). */
  readonly placement: AllocationMethod | null;
  readonly source: string;
}

/** Biproportional apportionment (upper and lower apportionment). */
export interface BiproportionalTier {
  readonly kind: 'biproportional';
  readonly upper: AllocationMethod;
  readonly lower: DivisorMethod;
  /** Votes of the upper apportionment: raw, or each district's votes divided by its seats. */
  readonly votes: 'raw' | 'per-seat' | 'per-seat-rounded';
  readonly source: string;
}

/** Surplus-vote agreements: a group takes seats as one list, then shares them inside. */
export interface ApparentmentTier {
  readonly kind: 'apparentment';
  readonly inner: AllocationMethod;
  readonly source: string;
}

/** The most-voted list gets at least the bonus seats; the other lists share the rest. */
export interface MajorityBonusTier {
  readonly kind: 'majority-bonus';
  readonly seats: 'half-plus-one' | { readonly share: Ratio };
  readonly condition: ThresholdCondition | null;
  readonly rest: AllocationMethod | null;
  readonly source: string;
}

/** A list with more than half of the votes gets more than half of the seats. */
export interface AbsoluteMajorityTier {
  readonly kind: 'absolute-majority';
  readonly source: string;
}

export type Tier =
  | CompensationTier
  | RemainderPoolingTier
  | BiproportionalTier
  | ApparentmentTier
  | MajorityBonusTier
  | AbsoluteMajorityTier;

/** An office elected with the list vote: the first candidate of the most-voted list (a mayor). */
export interface HeadOffice {
  readonly office: { readonly es: string; readonly en: string };
  readonly source: string;
}

/** A requirement on the candidate lists, reported with every result and never enforced. */
export interface ListQuota {
  readonly group: { readonly es: string; readonly en: string };
  /** As written in the file ("15%"), and exact. */
  readonly share: string;
  readonly ratio: Ratio;
  readonly where?: string;
  readonly source: string;
}

/** District sizes by population bands, ascending; the last band may have no upper limit. */
export interface SeatBands {
  readonly base: 'population';
  readonly bands: readonly { readonly upTo?: number; readonly seats: number }[];
  /** Seats of named districts (matched by name key), whatever their population. */
  readonly fixed: ReadonlyMap<string, number>;
  readonly source: string;
}

export interface ListRuleset extends RulesetBase {
  readonly kind: 'list';
  readonly totalSeats: number;
  readonly districts: readonly RulesetDistrict[];
  /** Method for multi-seat districts. */
  readonly method: AllocationMethod;
  /** Method for single-seat districts. */
  readonly singleSeatMethod: AllocationMethod;
  readonly threshold: ThresholdCondition | null;
  readonly tieBreak: TieBreakPolicy;
  /** Seats a list cannot fill for lack of candidates: next highest quotient, or left vacant. */
  readonly exhaustedList: 'next-quotient' | 'vacant';
  /** Single-seat districts: the most-voted list's top candidate, or the most-voted candidate. */
  readonly singleSeatWinner: 'list' | 'candidate';
  readonly apportionment: ApportionmentRule | null;
  readonly tiers: readonly Tier[];
  /** The office that goes to the most-voted list's first candidate in each district, or null. */
  readonly head: HeadOffice | null;
  readonly listQuotas: readonly ListQuota[];
  readonly seatBands: SeatBands | null;
}

/** A single-winner contest decided in one or two rounds (a president, a governor). */
export interface PresidentialRuleset extends RulesetBase {
  readonly kind: 'presidential';
  readonly round: 'first' | 'runoff';
  /** First round: the share of `base` votes that wins outright (strictly more when strict). */
  readonly winnerShare: Ratio;
  readonly strict: boolean;
  readonly base: 'valid' | 'emitted';
  readonly runoffCandidates: number;
}

export type Ruleset = ListRuleset | PresidentialRuleset;
