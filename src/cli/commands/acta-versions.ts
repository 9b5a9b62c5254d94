import type { ElectionDef } from '../../core/model/acta.js';
import type { ActaDocument, MesaQuarantine } from '../../results/service.js';
import { renderTable, say } from '../format.js';
import { formatIssue } from '../messages.js';

type Version = ActaDocument['history'][number];

/**
 * Every version's figures side by side, one column a version (the current one marked ✓) and a
 * ≠ on each figure the versions with figures disagree on: a conflict is read here, not in the
 * store (a version without figures shows "—" and disagrees with none). Choices
 * with no vote in any version are left out (18 rows of zeros say nothing).
 */
export function renderVersionFigures(history: readonly Version[], e: ElectionDef): string {
  const column = (h: Version): string => `v${h.version}${h.current ? ' ✓' : ''}`;
  const figure = (v: number | null | undefined): string | number => v ?? '—';
  const rows: (readonly (string | number)[])[] = [];
  // the ≠ column only where versions can disagree (review 21 L10: one version, an empty column)
  const several = history.length > 1;
  // a version without figures (pending: its blank and null are stored as 0) shows none and
  // disagrees with nothing: only versions that carry figures can differ (poll-watcher review M5)
  const carries = history.map((h) => h.acta.votes !== null);
  const add = (label: string, values: readonly (number | null | undefined)[]): void => {
    const shown = values.map((v, k) => (carries[k] ? (v ?? null) : null));
    const differ = new Set(shown.filter((v, k) => carries[k])).size > 1;
    rows.push([label, ...shown.map(figure), ...(several ? [differ ? '≠' : ''] : [])]);
  };
  add(
    say('voters'),
    history.map((h) => h.acta.voters),
  );
  e.choices.forEach((c, i) => {
    const values = history.map((h) => h.acta.votes?.[i] ?? null);
    if (values.some((v) => v !== null && v !== 0)) add(c.label, values);
  });
  add(
    say('blank'),
    history.map((h) => h.acta.blank),
  );
  add(
    say('null'),
    history.map((h) => h.acta.null),
  );
  add(
    say('impugned'),
    history.map((h) => h.acta.impugned),
  );
  return renderTable(['figures', ...history.map(column), ...(several ? [''] : [])], rows);
}

/** Those rows as lines: import, row, and each issue's code and message. */
export function renderQuarantined(rows: readonly MesaQuarantine[]) {
  const out = [say('quarantined rows of this mesa: {n}', { n: rows.length })];
  for (const row of rows) {
    out.push(say('import #{id} · row {row}', { id: row.importId, row: row.row }));
    for (const i of row.issues) out.push(`  ${formatIssue(i)}`);
  }
  return out.join('\n');
}

/** A ruling's text that starts with the word itself, in Spanish or English (any case, accent). */
const NAMES_ITSELF = /^\s*(resoluci[oó]n|resolution)(?![a-z])/i;

/**
 * Where each version came from, to cite in a claim: its import, file and the file's SHA-256, the
 * SHA-256 of its figures as the acta document shows them (figuresHash), a correction's ruling.
 */
export function renderVersionSources(history: readonly Version[]): string {
  const out: string[] = [];
  for (const h of history) {
    if (h.importId !== null)
      out.push(
        say('v{version} · import #{id} · file {file} · sha256 {sha256}', {
          version: h.version,
          id: h.importId,
          file: h.file ?? '—',
          sha256: h.sha256 ?? '—',
        }),
      );
    else out.push(`v${h.version}`);
    out.push(say('  figures sha256 {hash}', { hash: h.figuresHash }));
    if (h.acta.observation !== undefined)
      out.push(say('  observation {observation}', { observation: h.acta.observation }));
    if (h.resolution !== null || h.author !== null)
      out.push(
        // a ruling's text that names itself ("Resolución N.° …") is not prefixed with the word again
        say(
          NAMES_ITSELF.test(h.resolution ?? '')
            ? '  {resolution} · recorded by {author}'
            : '  resolution {resolution} · recorded by {author}',
          {
            resolution: h.resolution ?? '—',
            author: h.author ?? '—',
          },
        ),
      );
  }
  return out.join('\n');
}
