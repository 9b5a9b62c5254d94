import { z } from 'zod';
import type { Acta } from '../core/model/acta.js';
import { CompareReasonSchema, placedIn, type Disagreement } from '../core/tally/compare.js';
import { issue, type Issue } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';
import { actaSourcesOf, electionDefOf, loadManifest } from '../elections/manifests.js';
import {
  compareFiles,
  specOfSource,
  type Compared,
  type CompareReport,
  type CompareSpec,
} from '../ingest/compare-files.js';
import { servedFigures } from '../results/document-schemas.js';
import { figuresHash } from '../results/figures-hash.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

/** The query of `GET /api/v1/compare`: a bundled election and two of its sources, a page (or one mesa). */
export const CompareQuerySchema = z.object({
  election: id.describe('a bundled election manifest (data/elections/<id>.json)'),
  a: id.describe("a source id of the election's manifest (its sources and crossCheck)"),
  b: id.describe('another source id'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(0).max(1000).default(100),
  mesa: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .optional()
    .describe(
      "only this mesa's disagreement, as the acta view asks (page.total 0: the sources agree on it)",
    ),
  reason: CompareReasonSchema.optional().describe(
    'only the disagreeing mesas with this reason among theirs (the summary stays the whole comparison)',
  ),
  unit: z
    .string()
    .regex(/^[A-Za-z0-9]{1,12}$/)
    .optional()
    .describe(
      "only the disagreeing mesas placed in this unit by either source: a place code or its prefix (a ubigeo's 2-digit department, e.g. 06); the summary stays the whole comparison (cifra compare --unit scopes it all)",
    ),
});
export type CompareQuery = z.infer<typeof CompareQuerySchema>;

/** Whether a disagreement is one the query's filters (mesa, reason, unit) keep. */
const asked = (q: CompareQuery, d: Disagreement): boolean =>
  (q.mesa === undefined || d.mesa === q.mesa) &&
  (q.reason === undefined || d.reasons.some((r) => r.reason === q.reason)) &&
  (q.unit === undefined || placedIn(d.a, d.b, q.unit));

/** How many comparisons the server keeps (each a few MB at most; the sources never change). */
const KEPT = 16;

/**
 * `GET /api/v1/compare` over the sources the server knows: those a bundled manifest declares,
 * each checked against its SHA-256. A comparison is computed once per (election, a, b) and kept
 * (the files are immutable); requests page its disagreements.
 */
export function compareService(): (q: CompareQuery) => Promise<Result<CompareReport, Issue[]>> {
  const kept = new Map<string, Promise<Result<Compared, Issue[]>>>();
  const compute = async (q: CompareQuery): Promise<Result<Compared, Issue[]>> => {
    const m = loadManifest(q.election);
    if (!m.ok) return m;
    const specs = new Map<string, CompareSpec>();
    for (const s of actaSourcesOf(m.value)) {
      const spec = specOfSource(s.source, s.file);
      if (spec !== null && s.source.id !== undefined)
        specs.set(s.source.id, { ...spec, nameOnly: true });
    }
    const a = specs.get(q.a);
    const b = specs.get(q.b);
    if (a === undefined || b === undefined)
      return err(
        (['a', 'b'] as const)
          .filter((k) => !specs.has(q[k]))
          .map((k) =>
            issue('invalid_query', ['query', k], { source: q[k], known: [...specs.keys()] }),
          ),
      );
    // each mesa's figures hashed as its acta document cites them, for the acta view's `mesa`
    const hash = (x: Acta): string => figuresHash(servedFigures(x));
    return compareFiles({ election: electionDefOf(m.value), a, b, figuresHash: hash });
  };
  return async (q) => {
    const key = `${q.election}\n${q.a}\n${q.b}`;
    let r = kept.get(key);
    if (r === undefined) {
      if (kept.size >= KEPT) kept.delete(kept.keys().next().value as string);
      r = compute(q);
      kept.set(key, r);
      r.catch(() => kept.delete(key)); // a bug is not kept: the next request tries again
    }
    const done = await r;
    if (!done.ok) return done;
    const { report, figures } = done.value;
    const all = report.disagreements.filter((d) => asked(q, d));
    const mesa = q.mesa;
    return ok({
      ...report,
      disagreements: all.slice(q.offset, q.offset + q.limit),
      ...(mesa === undefined
        ? {}
        : {
            figuresHash: {
              a: figures.a?.get(mesa) ?? null,
              b: figures.b?.get(mesa) ?? null,
            },
          }),
      page: { offset: q.offset, limit: q.limit, total: all.length },
    });
  };
}
