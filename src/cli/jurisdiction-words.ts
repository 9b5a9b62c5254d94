import { authorityWords, type AuthorityWords } from '../core/authority-words.js';
import { loadJurisdiction } from '../jurisdictions/load.js';
import { runLanguage } from './format.js';

/**
 * The bodies of an election's jurisdiction in the run's language (core/authority-words.ts, the
 * dashboard's words): Peru's JEE, JNE and ONPE only where its file names them, else neutral words.
 */
export function jurisdictionWords(
  def: { readonly jurisdiction: string } | undefined,
): AuthorityWords {
  const j = def === undefined ? null : loadJurisdiction(def.jurisdiction);
  return authorityWords(runLanguage(), j?.ok === true ? j.value.file.authorities : null);
}

/** The locale the election's jurisdiction writes its figures in (undefined: none stated). */
export function jurisdictionLocale(def: { readonly jurisdiction: string }): string | undefined {
  const j = loadJurisdiction(def.jurisdiction);
  return j.ok ? j.value.file.locale : undefined;
}
