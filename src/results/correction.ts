import { z } from 'zod';
import { issue } from '../core/issues.js';
import type { ElectionDef } from '../core/model/acta.js';
import type { Store } from '../store/store.js';
import { electionWithJurisdiction, type Found } from './service.js';

// one line of text a claim can cite: no control characters (a newline would forge a CLI line)
const citable = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u, 'one line, no control or format characters')
    .optional()
    .describe(what);

/**
 * What a correction records of its ruling, beside the acta (query parameters of the corrections
 * route): both optional, each one line of at most 120 characters, else 422 `invalid_query`.
 */
export const CorrectionRulingSchema = z.object({
  resolution: citable("the ruling's reference, e.g. a JEE resolution number"),
  author: citable('who records the correction (a name, or a personero and party)'),
});

/** One acta to import in `correction` mode: its election, its mesa padded, the acta to read. */
export interface Correction {
  readonly election: ElectionDef;
  /** The mesa as the jurisdiction writes it (`1` is `000001` in Peru). */
  readonly mesa: string;
  /** The body with the padded mesa: one cifra JSON acta (docs/ingest.md, `cifra-json`). */
  readonly acta: Readonly<Record<string, unknown>>;
}

/**
 * The acta a correction replaces, or why none: the body is one acta as a JSON object, for the
 * mesa named (`mesa`; a body without one takes it), of the election named (or the store's only
 * one), and a version of it is stored — one never imported is not there to correct.
 */
export async function correctionOf(
  store: Store,
  id: string | undefined,
  mesa: string,
  body: unknown,
): Promise<Found<Correction>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return {
      ok: false,
      issues: [issue('invalid_query', ['body'], { message: 'expected one acta as a JSON object' })],
    };
  const e = await electionWithJurisdiction(store, id);
  if (!e.ok) return e;
  const { def, jurisdiction } = e.value;
  const given = (body as { mesa?: unknown }).mesa;
  // the mesa named is the acta corrected: a body for another mesa is refused, never applied
  if (
    given !== undefined &&
    (typeof given !== 'string' || jurisdiction.padMesa(given) !== jurisdiction.padMesa(mesa))
  )
    return {
      ok: false,
      issues: [
        issue('invalid_query', ['body', 'mesa'], {
          message: `the body's mesa must be the URL's (${mesa})`,
        }),
      ],
    };
  const padded = jurisdiction.padMesa(mesa);
  if ((await store.getActa(def.id, padded)) === null)
    return {
      ok: false,
      issues: [issue('acta_not_found', ['mesa'], { election: def.id, mesa: padded })],
    };
  return { ok: true, value: { election: def, mesa: padded, acta: { ...body, mesa: padded } } };
}
