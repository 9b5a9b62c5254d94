import type { Issue } from '../core/issues.js';
import { runLanguage, type TableLang } from './format.js';
import type { CliIo } from './io.js';

import { issueSentence } from '../core/issue-words.js';

/** Human wording for issue codes lives in the core: one table for the CLI and the dashboard. */
export { MESSAGES } from '../core/issue-words.js';

/** An issue as one line in `lang` (default: the run's `--lang`): severity, code, where, message, details. */
export function formatIssue(i: Issue, lang: TableLang = runLanguage()): string {
  const at = lang === 'es' ? 'en' : 'at';
  const where = i.path.length > 0 ? ` ${at} ${i.path.join('.')}` : '';
  const shown = i.details === undefined ? {} : detailsIn(i.details, lang);
  const details = Object.keys(shown).length > 0 ? ` ${JSON.stringify(shown)}` : '';
  const severity = lang === 'es' && i.severity === 'warning' ? 'advertencia' : i.severity;
  const message = issueSentence(i, lang);
  return `${severity} ${i.code}${where}: ${message}${details}`;
}

/**
 * An issue's details as a line in `lang` shows them: a schema problem said in both languages
 * (`problem`, `problemEs`: core/schema-problem.ts) shows the one of the run, as `problem`.
 */
function detailsIn(d: Readonly<Record<string, unknown>>, lang: TableLang): Record<string, unknown> {
  const es = d['problemEs'];
  return Object.fromEntries(
    Object.entries(d)
      .filter(([k]) => k !== 'problemEs')
      .map(([k, v]) => [k, k === 'problem' && lang === 'es' && typeof es === 'string' ? es : v]),
  );
}

/**
 * Prints issues on stderr, one line each, in the run's `--lang` unless told (here, not in
 * seats.ts: `cifra ingest` loads no seats).
 */
export function printIssues(
  io: CliIo,
  issues: readonly Issue[],
  lang: TableLang = runLanguage(),
): void {
  for (const i of issues) io.err(formatIssue(i, lang));
}
