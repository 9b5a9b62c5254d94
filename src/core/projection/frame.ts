/**
 * The projection's model, fitted once per update and then simulated (simulate.ts).
 *
 * Every uncounted part of the count ("group": a province's uncounted mesas, or a reporting unit's
 * uncounted actas) is predicted as base × rate × shares, where base is known in advance (eligible
 * voters of the uncounted mesas, or the number of uncounted actas), rate is turnout (or emitted
 * votes per acta) and shares are the shares of emitted votes of every choice, blank and null.
 * Each of those D + 1 quantities is modelled per group as
 *
 *   q_g = c0_g + c1_g · θ_r + sd_g · Z_g + cb_g · Z_common + cp_g · Z_prior,   θ_r ~ N(mean_r, sd_r²)
 *
 * where θ_r is the region's (circunscripción's) level, Z are independent standard normals per
 * simulation, and Z_common is shared by every group: the "arrival bias" that makes the part of
 * the count still to come differ, everywhere in the same direction, from the part already in;
 * Z_prior is shared by the units predicted without a count of their own (from a prior or the
 * parent's shares), whose prediction errs for all of them together.
 * The coefficients come from a hierarchical normal model (frame-mesas.ts) or from aggregate
 * snapshots (frame-snapshot.ts). docs/projection.md derives them.
 */
export interface ProjectionFrame {
  /** The contest's choices (candidates or lists), in order. */
  readonly choices: readonly string[];
  readonly regions: readonly FrameRegion[];
  readonly groups: readonly FrameGroup[];
  /** Upper bound of the rate (1 for turnout; Infinity for votes per acta). */
  readonly rateMax: number;
  /** Actas processed and total (for reporting the % counted). */
  readonly actasProcessed: number;
  readonly actasTotal: number;
  /** Units (regions) that have reported nothing yet. */
  readonly unitsWithoutData: readonly string[];
  /** Snapshot frames: what each unit's remainder is projected from (unit order). */
  readonly basis?: readonly UnitBasis[];
  /**
   * Per-mesa frames whose mesas carry a previous round (same mesa numbers), when its regression
   * was used: the mesas with a prior, and the counted ones it was fitted on.
   */
  readonly mesaPrior?: { readonly mesas: number; readonly fitted: number };
  /** Snapshot frames with a prior: the prior's choices used as covariates (indices). */
  readonly priorColumns?: readonly number[];
  /**
   * Snapshot frames where run 16's camp term acted: how the camp's candidate was found (run 17):
   * from the previous round's choices each candidate ran as, or inferred from vote levels.
   */
  readonly campFrom?: 'previous-choices' | 'levels';
}

/**
 * What a unit's uncounted part is projected from: its own count (`count`), its count and its
 * figures in a previous round or election (`count-and-prior`), that prior alone (`prior`, no
 * acta counted yet), or the other units' shares with the between-unit variance (`parent`).
 */
export interface UnitBasis {
  readonly code: string;
  readonly basis: 'count' | 'count-and-prior' | 'prior' | 'parent';
}

export interface FrameRegion {
  readonly code: string;
  readonly label: string;
  /** Counted votes per choice, then blank, then null (exact integers). */
  readonly counted: Float64Array;
  /** Posterior mean and sd of the region's level for every share dimension and the rate (last). */
  readonly mean: Float64Array;
  readonly sd: Float64Array;
}

export interface FrameGroup {
  readonly region: number;
  /** Known in advance: eligible voters of the uncounted mesas, or uncounted actas. */
  readonly base: number;
  readonly c0: Float64Array;
  readonly c1: Float64Array;
  readonly sd: Float64Array;
  readonly cb: Float64Array;
  /**
   * Loading of a second common term, shared by the units projected from a prior or from the
   * parent's shares: the uncertainty of that prediction itself (its coefficients, or the parent's
   * mean), which is the same for all of them. Absent: zero.
   */
  readonly cp?: Float64Array;
}

/** Number of share dimensions: the choices, blank and null. */
export function shareDims(frame: Pick<ProjectionFrame, 'choices'>): number {
  return frame.choices.length + 2;
}
