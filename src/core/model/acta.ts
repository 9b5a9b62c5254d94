import { z } from 'zod';
import { ACTA_STATES, type ActaState } from './acta-state.js';
import type { Name, Note } from './note.js';
import { annulledNullVotes } from './annulled.js';
import type {
  DistrictUnits,
  ElectionManifest,
  ElectionStatus,
  ManifestSource,
} from './manifest.js';

/**
 * An acta: the tally sheet of one mesa for one election — the unit cifra ingests, validates and
 * versions. Vote figures are aligned with the election's choices (lists or candidates). Its
 * states: acta-state.ts.
 */
export { ACTA_STATES, type ActaState } from './acta-state.js';

export interface Acta {
  readonly election: string;
  /** The mesa id, in the form of the election's jurisdiction (Peru: 6 digits, zero-padded). */
  readonly mesa: string;
  /**
   * The place code of the mesa, in the form of the election's jurisdiction: in Peru the 6-digit
   * RENIEC ubigeo (abroad: 91xxxx–95xxxx), in Spain the INE municipality code.
   */
  readonly ubigeo: string;
  readonly state: ActaState;
  /** The source's own state label, kept verbatim. */
  readonly stateLabel: string;
  /** Electores hábiles of the mesa. */
  readonly eligible: number;
  /** Ciudadanos que votaron (null when the acta carries no figures). */
  readonly voters: number | null;
  /** Votes per choice, aligned with the election's choices; null when the acta carries no figures. */
  readonly votes: readonly number[] | null;
  readonly blank: number;
  readonly null: number;
  readonly impugned: number;
  /**
   * Preferential votes, where the election has them: per choice (list), the votes of each
   * candidate by list position (index 0 = candidate 1). LOE art. 31.
   */
  readonly preferential?: readonly (readonly number[])[] | null;
  /**
   * Why the acta was observed (sent to the JEE), in the source's own word, trimmed: ONPE's
   * TIPO_OBSERVACION ("ERROR MATERIAL", "VOTOS IMPUGNADOS"); absent when the source gives none.
   * Not a figure: it changes no tally (glossary: observation).
   */
  readonly observation?: string;
}

/**
 * Do this acta's figures enter the totals? Counted, resolved and annulled actas do (annulled
 * actas with their votes booked as null, as ONPE does: an annulled mesa gives no valid votes, LOE
 * art. 363; its voters stay in the emitted total — inferred from ONPE's 2021 data, where every one
 * of the 290 districts with annulled actas has emitted = citizens who voted; the regulation's text
 * was not read); actas at the JEE, pending or not installed
 * do not — except, when the election says so, pending actas that carry figures: ONPE's final
 * 2021 open data leaves 32 rows labelled EN PROCESO whose figures are part of its 100 % totals.
 */
export function actaCounts(a: Pick<Acta, 'state' | 'votes'>, pendingFiguresCount = false): boolean {
  switch (a.state) {
    case 'counted':
    case 'resolved':
    case 'annulled':
      return true;
    case 'pending':
      return pendingFiguresCount && a.votes !== null;
    case 'jee':
    case 'not_installed':
      return false;
  }
}

/** An acta's figures as the totals take them (`bookedFigures`). */
export interface BookedFigures<V> {
  readonly votes: V | null;
  readonly blank: number;
  readonly null: number;
  readonly impugned: number;
  readonly preferential?: readonly (readonly number[])[] | null | undefined;
}

/**
 * The figures an acta adds to the totals: its own, except an annulled acta's, whose voters are
 * booked as null votes and whose preferential votes are none — an annulled mesa gives no valid
 * votes (LOE art. 363) and its voters stay in the emitted total (see `actaCounts`), as ONPE
 * published 2021's "contabilizadas anuladas" (every voter in VOTOS_VN). Its figures' sum stands in
 * when it carries no voters. The acta itself keeps what it carried (`annulled_votes_not_null`).
 */
export function bookedFigures<V extends { readonly length: number; readonly [k: number]: number }>(
  state: ActaState,
  f: BookedFigures<V> & { readonly voters: number | null },
  choices: number,
): BookedFigures<V | readonly number[]> {
  if (state !== 'annulled' || f.votes === null) return f;
  return {
    // the election's choices only, as a counted acta's votes are read (cells past them are none)
    votes: new Array<number>(Math.min(choices, f.votes.length)).fill(0),
    blank: 0,
    null: annulledNullVotes({ ...f, votes: f.votes }, choices),
    impugned: 0,
    preferential: null,
  };
}

const count = z.number().int().nonnegative().max(1_000_000_000);

/**
 * The documented cifra JSON acta format (docs/ingest.md). The forms of `mesa` and `ubigeo` (the
 * place code) are the jurisdiction's: validateActa checks them.
 */
export const CifraActaJsonSchema = z.object({
  mesa: z.string().min(1).max(64),
  ubigeo: z.string().min(1).max(64),
  state: z.enum(ACTA_STATES),
  eligible: count,
  voters: count.nullable(),
  votes: z.record(z.string(), count).nullable(),
  blank: count.default(0),
  null: count.default(0),
  impugned: count.default(0),
  /** Why the acta was sent to the JEE, the source's word (the CSV formats' `observation`). */
  observation: z.string().max(1000).optional(),
});
export type CifraActaJson = z.infer<typeof CifraActaJsonSchema>;

/** A replayed count: the election it replays, in what order and with which seed. */
export interface Rehearsal {
  readonly of: string;
  readonly order: string;
  readonly seed: number;
}

/** An election as cifra stores it: its choices in column order, and the rules that decide it. */
export interface ElectionDef {
  readonly id: string;
  readonly label: string;
  readonly ruleset: string;
  /**
   * The jurisdiction whose places, levels and acta states the election uses: an id of
   * data/jurisdictions/ (`pe`, `es`), or the absolute path of a user's jurisdiction folder
   * (`--jurisdictions DIR`; public documents name it by its id). Definitions stored before it
   * existed read as `pe`.
   */
  readonly jurisdiction: string;
  readonly choices: readonly {
    readonly id: string;
    readonly label: string;
    /** The label for screens in both languages, when it describes rather than names. */
    readonly labels?: Note;
    readonly party: string;
    /** The party's colour (#rrggbb), from the manifest. */
    readonly color?: string;
    readonly ballotPosition?: number;
    /** An alliance of this many parties (the manifest's `alliance`): the valla's surcharge applies. */
    readonly alliance?: number;
    /** The source column of this choice's votes (ONPE: VOTOS_Pk). */
    readonly column?: string;
    /** Not a candidate or list: the votes of those the source does not itemise. */
    readonly remainder?: boolean;
    /** A remainder whose every candidate is ranked below each itemised one by the source. */
    readonly rankedBelow?: boolean;
  }[];
  /** What the election manifest says beyond the above (data/elections/<id>.json, docs/elections.md). */
  readonly manifest?: {
    readonly labels: { readonly es: string; readonly en: string };
    readonly date?: string;
    readonly status: ElectionStatus;
    readonly asOf: string;
    /** `asOf` as an instant, when the source states a time there. */
    readonly asOfTime?: string;
    readonly sources: readonly ManifestSource[];
    readonly provenance: string;
    readonly proclamation?: Name;
    readonly discrepancies?: ElectionManifest['discrepancies'];
    readonly reported?: ElectionManifest['reported'];
    /** What to know to read the results' figures (the manifest's `resultsNote`). */
    readonly resultsNote?: ElectionManifest['resultsNote'];
    /** Other sources of the same actas, for the cross-check (`cifra compare`): never counted. */
    readonly crossCheck?: readonly ManifestSource[];
    /** The count's expected extent (an acta election's universe): the store is not the whole count. */
    readonly universe?: ElectionManifest['universe'];
    /**
     * The previous round's election id (a runoff's first round; the manifest's `previousRound`):
     * where the store holds its actas, the per-mesa projection carries them as covariates.
     */
    readonly previousRound?: string;
    /**
     * Set by `cifra replay` only, never by a manifest file: this election is a rehearsal, a
     * finished count (`of`) replayed in an order, not a live count. Every status says so.
     */
    readonly rehearsal?: Rehearsal;
    /**
     * The manifest file a user's election was ingested from (absolute): its universe, count history
     * and previous round are read from there again when served. A bundled election is found by id.
     */
    readonly path?: string;
  };
  /**
   * Set for elections known only from published aggregates (no actas): an official result or a
   * provisional snapshot of the count, with its % counted and time.
   */
  readonly published?: {
    readonly status: 'final' | 'provisional' | 'computed-by-cifra' | 'third-party';
    readonly asOf: string;
    readonly pctCounted: string | null;
    /** Who published the figures (a plain string in stores written before names were { es, en }). */
    readonly source: Name;
    /** Which figures the source has: all; votes, blank and null (no electors); valid votes only; or blank and null together. */
    readonly figures: 'complete' | 'votes' | 'valid-only' | 'blank-null-combined';
    /** The units that are the ruleset's districts: cifra computes seats from them. */
    readonly districtUnits?: DistrictUnits;
    /** An earlier capture of the same count (its units stored as level `previous-<level>`). */
    readonly previous?: { readonly asOf: string; readonly source: Name };
  };
  /** Count pending actas that carry figures (a final release with stale labels); default false. */
  readonly pendingFiguresCount?: boolean;
}
