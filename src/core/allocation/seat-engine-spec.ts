// What the SeatEngine is compiled from (seat-engine.ts), apart so that its valla
// (seat-engine-valla.ts) reads it without an import cycle.
import type { ThresholdCondition } from '../rules/threshold.js';
import type { DivisorMethod } from './methods.js';

export interface SeatEngineSpec {
  readonly districtNames: readonly string[];
  readonly seats: readonly number[];
  readonly methods: readonly DivisorMethod[];
  readonly parties: number;
  readonly threshold: ThresholdCondition | null;
  /** Members of each party's alliance (1 = not an alliance). */
  readonly allianceMembers?: readonly number[];
  /** Blank votes per district, for conditions whose base includes blank votes. */
  readonly blank?: readonly number[];
}
