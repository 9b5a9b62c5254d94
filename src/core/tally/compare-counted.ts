// No zod here: the dashboard imports this (web/crosscheck.ts) beside the CLI's table.

/**
 * A field's A − B in the counts of a comparison (its `counted`), 0 where it has none: the CLI's
 * table and the dashboard's cross-check read the same figure the same way.
 */
export function countedOf(
  c: { readonly counted: readonly { readonly field: string; readonly total: number }[] | null },
  field: string,
): number {
  return c.counted?.find((x) => x.field === field)?.total ?? 0;
}
