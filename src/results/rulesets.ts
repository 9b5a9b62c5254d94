import { z } from 'zod';
import { issue } from '../core/issues.js';
import { rulesetFromJson } from '../core/rulesets/compile.js';
import { NAMED_METHODS } from '../core/allocation/methods.js';
import { METHOD_NAMES } from '../core/rulesets/schema.js';
import { builtInRulesetIds, isRulesetPath, readRulesetSource } from '../elections/rulesets.js';
import type { Store } from '../store/store.js';
import { election, type Found } from './service.js';

/** A built-in ruleset as listed by `GET /api/v1/rulesets` (and `cifra rules`). */
export const RulesetSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['list', 'single-winner']),
  label: z.string().describe('The Spanish label, as elections have.'),
  labels: z.object({ es: z.string(), en: z.string() }),
  jurisdiction: z.string().nullable(),
});
export const RulesetsSchema = z.object({
  rulesets: z.array(RulesetSummarySchema),
  methods: z
    .array(z.string())
    .describe(
      "The allocation methods of multi-seat districts cifra knows by name: a ruleset's `method`, `cifra seats --method` and the what-if's `whatIf.method` take any of them (plurality, for single-seat districts only, is not one).",
    ),
});
export type RulesetsDocument = z.infer<typeof RulesetsSchema>;

/** The named methods a list ruleset's `method` takes: not plurality, which decides single seats only. */
const MULTI_SEAT_METHODS: readonly string[] = METHOD_NAMES.filter((name) => {
  const m = NAMED_METHODS.get(name);
  return !(m?.kind === 'divisor' && m.singleSeat);
});

/**
 * The built-in rulesets (data/rulesets/), each validated: id, kind, labels, jurisdiction; and the
 * methods the core knows by name (the dashboard's what-if offers them).
 */
export function listRulesets(): Found<RulesetsDocument> {
  const rulesets: RulesetsDocument['rulesets'] = [];
  for (const id of builtInRulesetIds()) {
    const src = readRulesetSource(id);
    const r = src.ok ? rulesetFromJson(src.value.json) : src;
    if (!r.ok) return { ok: false, issues: r.error };
    rulesets.push({
      id: r.value.id,
      kind: r.value.kind === 'list' ? 'list' : 'single-winner',
      label: r.value.labels.es,
      labels: r.value.labels,
      jurisdiction: r.value.jurisdiction,
    });
  }
  return { ok: true, value: { rulesets, methods: [...MULTI_SEAT_METHODS] } };
}

/**
 * A built-in ruleset file's text, as written (option switches and all): only ids of
 * data/rulesets/, never a path.
 */
export function getRulesetText(id: string): Found<{ readonly id: string; readonly text: string }> {
  const known = builtInRulesetIds();
  if (!known.includes(id))
    return {
      ok: false,
      issues: [issue('ruleset_not_found', ['id'], { rules: id.slice(0, 64), known })],
    };
  const src = readRulesetSource(id);
  return src.ok
    ? { ok: true, value: { id, text: src.value.text } }
    : { ok: false, issues: src.error };
}

/**
 * The ruleset file an election is counted under, as written: a built-in one, or the user's file
 * its manifest named (any ruleset the server loaded). Refused without this machine's path.
 */
export async function getElectionRuleset(
  store: Store,
  id: string,
): Promise<Found<{ readonly text: string }>> {
  const e = await election(store, id);
  if (!e.ok) return e;
  const ref = e.value.ruleset;
  const src = readRulesetSource(ref);
  // a file changed on disk since it was loaded is served only while it is still a ruleset
  if (src.ok && rulesetFromJson(src.value.json).ok)
    return { ok: true, value: { text: src.value.text } };
  // the store keeps a user's file by its absolute path: the public answer names the election
  if (!isRulesetPath(ref) && !src.ok) return { ok: false, issues: src.error };
  return { ok: false, issues: [issue('ruleset_not_found', ['ruleset'], { election: id })] };
}
