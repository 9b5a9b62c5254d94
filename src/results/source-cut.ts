import { issue, type Issue } from '../core/issues.js';
import { InstantSchema } from '../core/model/manifest.js';
import { err, ok, type Result } from '../core/result.js';

/**
 * The source's cut of a file being imported (`cifra ingest --cut`, `?cut=` on POST
 * /api/v1/imports): the instant the source says its snapshot is of ("actualizado al 07/06/2026
 * 22:30"), written as an ISO 8601 instant with its offset so that a page can put it in any zone.
 */
export const SourceCutSchema = InstantSchema.describe(
  'the source\'s cut of the file: an ISO 8601 instant with its offset, e.g. 2026-06-07T22:30:00-05:00 (ONPE\'s "actualizado al" in Lima time)',
);

/** A cut as given, trimmed, or `cut_invalid` (docs/errors.md) with the value given. */
export function parseSourceCut(value: string): Result<string, Issue[]> {
  const r = SourceCutSchema.safeParse(value.trim());
  if (r.success) return ok(r.data);
  return err([
    issue('cut_invalid', ['cut'], {
      value: value.slice(0, 80),
      message: r.error.issues[0]?.message ?? 'not an instant',
    }),
  ]);
}
