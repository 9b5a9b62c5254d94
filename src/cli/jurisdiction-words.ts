import { authorityWords, type AuthorityWords } from '../core/authority-words.js';
import { loadJurisdiction, type LoadedJurisdiction } from '../jurisdictions/load.js';
import type { Note } from '../core/model/note.js';
import { runLanguage, say, useNumberLocale } from './format.js';

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

/**
 * What names an election: its label (the Spanish) and, where stored, both languages (a definition's
 * manifest, an elections list's summary).
 */
export interface Labelled {
  readonly label: string;
  readonly labels?: Note | undefined;
  readonly manifest?: { readonly labels: Note } | undefined;
}

/** An election's label in the run's language (as `cifra rules` names a ruleset); else its label. */
export function electionLabel(e: Labelled): string {
  return (e.manifest?.labels ?? e.labels)?.[runLanguage()] ?? e.label;
}

/** The levels every jurisdiction has, which its file names not (core/model/jurisdiction.ts). */
const GENERIC_LEVELS: Readonly<Record<string, string>> = { national: 'National', mesa: 'Mesa' };

/**
 * A level's name in the run's language, as the dashboard names it: the jurisdiction's name for it
 * where it has one (Peru's "Departamento"), else a generic word (National, Mesa), else its id.
 */
export function levelWord(of: OfJurisdiction, level: string): string {
  const named = fileOf(of)?.levels.find((l) => l.id === level)?.labels[runLanguage()];
  const generic = GENERIC_LEVELS[level];
  return named ?? (generic === undefined ? level : say(generic));
}

/** A document's title: the election's label and the level, both in the run's language. */
export function titleOf(e: Labelled & OfJurisdiction, level: string): string {
  return `${electionLabel(e)} — ${levelWord(e, level)}`;
}
