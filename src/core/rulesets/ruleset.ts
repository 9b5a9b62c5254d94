import type { TieBreakPolicy } from '../allocation/allocate.js';
import type { AllocationMethod } from '../allocation/methods.js';
import type { ApportionmentRule } from '../rules/apportion.js';
import type { NullityVariant } from '../rules/nullity.js';
import type { ThresholdCondition } from '../rules/threshold.js';

export interface RulesetDistrict {
  readonly name: string;
  readonly seats: number;
  readonly aliases?: readonly string[];
}

/** A documented choice where the law is ambiguous; the default is the rules document's. */
export interface RulesetOption {
  readonly name: string;
  readonly values: readonly string[];
  readonly default: string;
  readonly description: string;
}

interface RulesetBase {
  readonly id: string;
  readonly label: string;
  /** The two-thirds nullity rule in force (Peru), or null where the jurisdiction has none. */
  readonly nullity: NullityVariant | null;
  /** Option values in force (defaults filled in). */
  readonly options: Readonly<Record<string, string>>;
  /** One line per rule: what it is and its legal source. */
  readonly sources: readonly string[];
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
}

export interface PresidentialRuleset extends RulesetBase {
  readonly kind: 'presidential';
  readonly round: 'first' | 'runoff';
}

export type Ruleset = ListRuleset | PresidentialRuleset;
