// The what-if panel's levers, without the page: what the election's ruleset sets them to, and
// the request body for the levers that moved (web/what-if.ts draws the panel). Pure, so that a
// node test reads them as the page does.
import type { RulesetFile, WhatIfBody } from './api-client.js';
import { percentHalfUp, ratioText, type Ratio } from '../src/core/ratio.js';
import { vallaLevers, withValla, type VallaChange } from '../src/core/rulesets/valla.js';

export const PARAMS = ['valla', 'min', 'comb', 'method'] as const;
export type Param = (typeof PARAMS)[number];
export type Levers = Record<Param, string>;
/** The levers as the election's ruleset sets them, and its valla as written (for the patch). */
export type Base = Levers & { threshold: Json | null };
/** A node of a ruleset file as JSON.parse gives it. */
type Json = unknown;

const SOURCE = 'what-if (cifra dashboard)';

const isObject = (x: Json): x is Record<string, Json> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A ruleset node with its option switches resolved to the options' defaults. */
function resolved(node: Json, defaults: Readonly<Record<string, string>>): Json {
  if (Array.isArray(node)) return node.map((x: Json) => resolved(x, defaults));
  if (!isObject(node)) return node;
  const option = node['$option'];
  if (typeof option === 'string') {
    const cases = node['cases'];
    const key = defaults[option];
    const chosen = isObject(cases) && key !== undefined ? cases[key] : undefined;
    return chosen === '$omit' ? undefined : resolved(chosen, defaults);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolved(v, defaults)]));
}

/** A share as the valla lever shows it, in percent: "5" for 1/20; 3 decimals past that (1/150). */
function percentOf(share: Ratio | null): string {
  if (share === null) return '0';
  const text = ratioText(share);
  return text.endsWith('%')
    ? text.slice(0, -1)
    : String(Number(percentHalfUp(share.numerator, share.denominator)));
}

/** The levers as the ruleset sets them: the first share and seat minimum of its valla, its method. */
export function leversOf(file: RulesetFile): Base {
  const options = Array.isArray(file['options']) ? (file['options'] as Json[]) : [];
  const defaults = Object.fromEntries(
    options.filter(isObject).map((o) => [String(o['name']), String(o['default'])]),
  );
  const th = resolved(file['threshold'], defaults);
  const valla = vallaLevers(th);
  return {
    valla: percentOf(valla.share),
    min: String(valla.min),
    comb: valla.comb,
    method: typeof file['method'] === 'string' ? file['method'] : '',
    threshold: th ?? null,
  };
}

/**
 * The request body for levers that differ from the ruleset's (none: the election's own rules).
 * Only a lever that moved is changed, by the function `cifra seats --threshold` uses: the rest of
 * the valla stays as written (its share's base and scope, "1/20" as "1/20").
 */
export function whatIfBody(election: string, levers: Levers, base: Base): WhatIfBody {
  const body: WhatIfBody = { election };
  const change: VallaChange = {
    ...(levers.valla !== base.valla
      ? { share: Number(levers.valla) > 0 ? `${levers.valla}%` : null }
      : {}),
    ...(levers.min !== base.min ? { min: Number(levers.min) } : {}),
    ...(levers.comb !== base.comb ? { comb: levers.comb === 'any' ? 'any' : 'all' } : {}),
  };
  if (Object.keys(change).length > 0) {
    const rebuilt = withValla(base.threshold, change, SOURCE);
    // a merge patch (RFC 7386): the valla in force loses every key the new one does not have
    // (a copy: the rebuilt valla may share a condition with the ruleset's)
    const threshold = isObject(rebuilt) ? { ...rebuilt } : null;
    if (threshold !== null && isObject(base.threshold))
      for (const k of Object.keys(base.threshold)) if (!(k in threshold)) threshold[k] = null;
    body.rules = { threshold };
  }
  if (levers.method && levers.method !== base.method) body.whatIf = { method: levers.method };
  return body;
}
