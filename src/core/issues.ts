import { z } from 'zod';

/**
 * Issues are data: a stable snake_case code, where it happened, and the numbers involved.
 * Wording lives apart (src/core/issue-words.ts: one table the CLI and the dashboard both say).
 * Every code is listed in docs/errors.md; a test keeps ISSUE_CODES, the docs and the code in step.
 */
export const ISSUE_CODES = [
  // seat engine and rule inputs
  'invalid_votes',
  'invalid_seats',
  'duplicate_row',
  'unknown_district',
  'unknown_party',
  'missing_field',
  'district_without_votes',
  'district_without_seats',
  'district_votes_missing',
  'alliance_mismatch',
  'blank_votes_required',
  'electorate_required',
  'no_eligible_list',
  'district_not_counted',
  'tie_unresolved',
  'threshold_tie',
  'insufficient_candidates',
  'preferential_tie',
  'presidential_tie',
  'seats_total_mismatch',
  'unknown_option',
  'invalid_option',
  'not_a_list_election',
  'not_a_presidential_election',
  'csv_unreadable',
  'candidate_votes_required',
  'ruleset_not_found',
  'ruleset_invalid',
  'ruleset_district_unmatched',
  'election_invalid',
  'column_map_invalid',
  'biproportional_unsettled',
  'seats_unassigned',
  'absolute_majority_with_exhaustion',
  'lot_invalid',
  'lot_unused',
  'runoff_pair_mismatch',
  // acta pipeline
  'file_unreadable',
  'file_empty',
  'file_truncated',
  'file_binary',
  'file_encoding_invalid',
  'file_too_large',
  'too_many_rows',
  'line_too_long',
  'too_many_quarantined',
  'json_too_deep',
  'json_unreadable',
  'duplicate_header',
  'columns_missing',
  'unknown_party_column',
  'sheet_sum_mismatch',
  'voters_exceed_eligible',
  'votes_exceed_voters',
  'negative_number',
  'non_integer',
  'number_too_large',
  'unknown_ubigeo',
  'unknown_state',
  'state_inconsistent',
  'acta_conflict',
  'acta_state_backwards',
  'acta_superseded_by_correction',
  'duplicate_acta',
  'row_cells_mismatch',
  'missing_required',
  'impugned_pending',
  'annulled_votes_not_null',
  'mesa_invalid',
  'mesa_not_in_universe',
  'mesa_ubigeo_mismatch',
  'ubigeo_invalid',
  'unknown_election',
  'election_required',
  'unknown_contest',
  'acta_not_found',
  'import_not_found',
  'aggregates_not_actas',
  'cut_invalid',
  'already_imported',
  'source_unchanged',
  'cut_not_later',
  // jurisdictions
  'unknown_jurisdiction',
  'jurisdiction_invalid',
  'jurisdiction_shadowed',
  'jurisdictions_folder_invalid',
  'place_table_invalid',
  'party_colors_invalid',
  'unknown_level',
  // projection
  'unknown_rules',
  'projection_unavailable',
  'snapshot_invalid',
  'universe_unknown',
  'history_invalid',
  'history_unit_unknown',
  'previous_snapshot_invalid',
  'history_total_changed',
  'history_not_monotone',
  'previous_choice_unknown',
  // the count's extent
  'extent_exceeded',
  'extent_unlisted_mesas',
  // store
  'audit_chain_broken',
  'store_busy',
  'store_writer_failed',
  'store_not_found',
  'disk_full',
  'store_read_only',
  'store_cannot_open',
  'store_read_denied',
  'store_too_new',
  // API
  'unauthorized',
  'too_many_requests',
  'server_busy',
  'server_closing',
  'worker_failed',
  'query_too_costly',
  'invalid_query',
  'body_not_json',
  'not_found',
  'method_not_allowed',
  'body_too_large',
  'internal_error',
  // publish
  'publish_dir_not_ours',
  'publish_out_invalid',
  'publish_locked',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];
export type Severity = 'error' | 'warning';

export interface Issue {
  readonly code: IssueCode;
  readonly severity: Severity;
  /** Where: e.g. ['district', 'ICA', 'party', 'P6'] or ['row', 17, 'VOTOS_P3']. */
  readonly path: readonly (string | number)[];
  /** Numbers and names a person needs to act on it. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** An issue as JSON (API responses, CLI output): the shape of `Issue`. */
export const IssueSchema = z.object({
  code: z.enum(ISSUE_CODES),
  severity: z.enum(['error', 'warning']),
  path: z.array(z.union([z.string(), z.number()])),
  details: z.record(z.string(), z.unknown()).exactOptional(),
});

export function issue(
  code: IssueCode,
  path: readonly (string | number)[],
  details?: Readonly<Record<string, unknown>>,
  severity: Severity = 'error',
): Issue {
  return details === undefined ? { code, severity, path } : { code, severity, path, details };
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
