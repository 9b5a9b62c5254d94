import { authorityWords, PERU_AUTHORITIES } from '../authority-words.js';
import type { ConflictReason, VersionDecision } from '../tally/versioning.js';
import type { ActaState } from './acta.js';

const PERU = {
  es: authorityWords('es', PERU_AUTHORITIES),
  en: authorityWords('en', PERU_AUTHORITIES),
};

/**
 * An acta state in words, Spanish and English (glossary: acta state): one table for the
 * dashboard's badges and the CLI's acta text. Sentence case; a sentence lowers the first letter.
 * Peru's bodies name its `jee` and `resolved` (authority-words.ts, which imports nothing), so the
 * dashboard's bundle takes nothing else from the core.
 */
export const ACTA_STATE_WORDS: Readonly<
  Record<ActaState, { readonly es: string; readonly en: string }>
> = {
  counted: { es: 'Contabilizada', en: 'Counted' },
  resolved: { es: PERU.es.resolved, en: PERU.en.resolved },
  annulled: { es: 'Anulada', en: 'Annulled' },
  not_installed: { es: 'No instalada', en: 'Not installed' },
  pending: { es: 'Por contabilizar', en: 'To be counted' },
  jee: { es: PERU.es.atReview, en: PERU.en.atReview },
};

/** How a version of an acta came (the store's kinds), in words: the dashboard's and the CLI's. */
export const ACTA_CHANGE_WORDS: Readonly<
  Record<VersionDecision['kind'], { readonly es: string; readonly en: string }>
> = {
  new: { es: 'primera versión', en: 'first version' },
  unchanged: { es: 'sin cambios', en: 'unchanged' },
  state_change: { es: 'cambio de estado', en: 'state change' },
  observation_change: { es: 'cambio de observación', en: 'observation changed' },
  correction: { es: 'corrección', en: 'correction' },
  conflict: { es: 'conflicto entre fuentes', en: 'conflict between sources' },
};

/**
 * A conflict version in words by why it was kept (the acta document's `conflict`, as recorded:
 * against the version the acta held then): the dashboard's history and the CLI's table.
 */
export const ACTA_CONFLICT_WORDS: Readonly<
  Record<ConflictReason, { readonly es: string; readonly en: string }>
> = {
  earlier_state: {
    es: 'conflicto: un estado anterior al que tenía (¿archivo desfasado?)',
    en: 'conflict: an earlier state than the one it held (a stale file?)',
  },
  figures: {
    es: 'conflicto: otras cifras que las que tenía',
    en: 'conflict: other figures than the ones it held',
  },
  superseded: {
    es: 'conflicto: la versión que una corrección reemplazó (¿la fuente no se ha puesto al día?)',
    en: 'conflict: the version a correction replaced (the source not caught up?)',
  },
};

/**
 * The current acta's conflict (a later version kept, not applied) by the reason of its latest
 * conflict, after "Conflict:" / "CONFLICT:": the dashboard's badge and the CLI's acta header.
 */
export const ACTA_CONFLICT_NOW_WORDS: Readonly<
  Record<ConflictReason, { readonly es: string; readonly en: string }>
> = {
  earlier_state: {
    es: 'una importación posterior volvió a un estado anterior al que tiene (¿archivo desfasado?), no aplicado',
    en: 'a later import went back to an earlier state than the one held (a stale file?), not applied',
  },
  figures: {
    es: 'una importación posterior trajo otras cifras, no aplicadas',
    en: 'a later import gave other figures, not applied',
  },
  superseded: {
    es: 'una importación posterior trajo la versión que la corrección reemplazó (¿la fuente no se ha puesto al día?), no aplicada',
    en: 'a later import gave the version the correction replaced (the source not caught up?), not applied',
  },
};

/**
 * Why the current acta (version `current`) is in conflict: the reason of the latest conflict
 * kept after it (an earlier one was cleared when a later version became current); null: none
 * with a reason (a history cut short).
 */
export function currentConflictReason(
  history: readonly { readonly version: number; readonly conflict?: ConflictReason | null }[],
  current: number,
): ConflictReason | null {
  // the highest version, whatever order the history comes in
  let latest: { readonly version: number; readonly conflict?: ConflictReason | null } | null = null;
  for (const h of history)
    if (h.version > current && h.conflict && (latest === null || h.version > latest.version))
      latest = h;
  return latest?.conflict ?? null;
}

/** A version's kind in words; a conflict's by its reason, where the document gives one. */
export function versionKindWords(
  h: { readonly kind: VersionDecision['kind']; readonly conflict?: ConflictReason | null },
  lang: 'es' | 'en',
): string {
  return h.kind === 'conflict' && h.conflict
    ? ACTA_CONFLICT_WORDS[h.conflict][lang]
    : ACTA_CHANGE_WORDS[h.kind][lang];
}

/**
 * The source's label in brackets after cifra's word for the state, or nothing where it adds
 * nothing: cifra's own state, or the word itself ("Contabilizada (CONTABILIZADA)").
 */
export function labelAfter(
  a: { readonly state: ActaState; readonly stateLabel: string },
  lang: 'es' | 'en',
  /** cifra's word for the state where a jurisdiction words it otherwise ("Under review"). */
  word: string = ACTA_STATE_WORDS[a.state][lang],
): string {
  const same = a.stateLabel === a.state || bare(a.stateLabel) === bare(word);
  return same ? '' : ` (${a.stateLabel})`;
}

/** Case- and accent-blind form of a label. */
const bare = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
