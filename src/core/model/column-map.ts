import { z } from 'zod';
import { ACTA_STATES } from './acta-state.js';

/**
 * A column map, `cifra-columns/1`: how to read a CSV file of actas whose columns are someone
 * else's (an observer's transcription, a scrape of a results site) without writing a reader —
 * which column holds the mesa, the place, the state, each figure and each choice's votes.
 * An election manifest carries one inline for each `column-map` source; `cifra compare
 * --format-a my-map.json` reads one from a file (docs/ingest.md, "Column maps").
 */
export const COLUMN_MAP_FORMAT = 'cifra-columns/1';

const column = z.string().min(1).max(200);

export const ColumnMapSchema = z.strictObject({
  /** The mesa id (zero-padded as the jurisdiction says: "1" reads as "000001" in Peru). */
  mesa: column,
  /** The place code (Peru: the RENIEC ubigeo); without it places are not compared. */
  place: column.optional(),
  /**
   * The acta's state: the columns to read, in order, and the labels they may hold; the first
   * column whose value is a known label decides. Without `labels`, the jurisdiction's.
   */
  state: z
    .strictObject({
      columns: z.array(column).min(1).max(8),
      labels: z.record(z.string().min(1), z.enum(ACTA_STATES)).optional(),
    })
    .optional(),
  eligible: column.optional(),
  voters: column.optional(),
  blank: column.optional(),
  null: column.optional(),
  impugned: column.optional(),
  /**
   * Why the acta was observed (sent to the JEE), kept as the source's word: e.g. the 2021
   * runoff transcription's `observacion` ("ERROR MATERIAL", "VOTOS IMPUGNADOS"). Not compared.
   */
  observation: column.optional(),
  /** Each choice id of the election → the column of its votes. */
  choices: z.record(z.string().min(1), column),
  /** Cell texts that mean "the source gives no figure here" (besides an empty cell), e.g. "NA". */
  missing: z.array(z.string().max(20)).max(20).default([]),
});
export type ColumnMap = z.infer<typeof ColumnMapSchema>;

/** A column map in a file of its own (`--format-a my-map.json`). */
export const ColumnMapFileSchema = ColumnMapSchema.extend({
  $schema: z.string().optional(),
  format: z.literal(COLUMN_MAP_FORMAT),
});
