import { authorityWords, type AuthorityWords } from '../core/authority-words.js';
import { loadJurisdiction, type LoadedJurisdiction } from '../jurisdictions/load.js';
import { runLanguage, useNumberLocale } from './format.js';

/** What names a jurisdiction: an election's definition, a ruleset (null: it names none). */
type OfJurisdiction = { readonly jurisdiction: string | null } | undefined;

/** The jurisdiction's file, or null where it names none or it does not load. */
function fileOf(of: OfJurisdiction): LoadedJurisdiction['file'] | null {
  const ref = of?.jurisdiction ?? null;
  const j = ref === null ? null : loadJurisdiction(ref);
  return j?.ok === true ? j.value.file : null;
}

/**
 * The bodies of an election's jurisdiction in the run's language (core/authority-words.ts, the
 * dashboard's words): Peru's JEE, JNE and ONPE only where its file names them, else neutral words.
 */
export function jurisdictionWords(of: OfJurisdiction): AuthorityWords {
  return authorityWords(runLanguage(), fileOf(of)?.authorities);
}

/** The locale the election's jurisdiction writes its figures in (undefined: none stated). */
export function jurisdictionLocale(of: OfJurisdiction): string | undefined {
  return fileOf(of)?.locale;
}

/** This run's figures grouped as the jurisdiction writes them (format.ts useNumberLocale). */
export function useJurisdictionLocale(of: OfJurisdiction): void {
  useNumberLocale(jurisdictionLocale(of));
}
