import {
  checkJurisdictionsFolder,
  listJurisdictions,
  listJurisdictionsIn,
  loadJurisdiction,
  resolveJurisdiction,
} from '../../jurisdictions/load.js';
import { ok } from '../../core/result.js';
import { header, renderTable, runLanguage, say, thousands } from '../format.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo } from '../io.js';
import { printIssues } from './seats.js';

/**
 * `cifra jurisdictions [id]`: the jurisdictions cifra has (and those of `--jurisdictions DIR`), or
 * one of them loaded and checked (its file, its place table) with its levels — what to run after
 * adding a folder.
 */
export function runJurisdictions(
  id: string | undefined,
  io: CliIo,
  dir?: string | undefined,
): number {
  if (id === undefined) return listAll(io, dir);
  const ref = resolveJurisdiction(id, dir);
  const r = ref.ok ? loadJurisdiction(ref.value) : ref;
  if (!r.ok) {
    printIssues(io, r.error);
    return EXIT_ISSUES;
  }
  const j = r.value;
  const lang = runLanguage();
  io.out(`${j.id}: ${j.labels.en} / ${j.labels.es}`);
  io.out(
    say(
      'places: {place} {pattern}; {rows} rows in the table (skipped: {skipped}), {known} known patterns; mesa {mesa}',
      {
        place: j.file.place.labels[lang],
        pattern: j.placePattern.source,
        rows: thousands(j.tableRows),
        skipped: thousands(j.skippedRows),
        known: (j.file.place.known ?? []).length,
        mesa: j.mesaPattern.source,
      },
    ),
  );
  // the label in the run's language, then in the other one
  const other = lang === 'es' ? 'en' : 'es';
  io.out(
    renderTable(
      ['level', 'label', other, 'named by'],
      j.levels.map((l) => [
        l.id,
        l.labels[lang],
        l.labels[other],
        header(l.named === 'names' ? 'its table' : 'places'),
      ]),
    ),
  );
  io.out(
    say(
      'electoral districts: {districts} · projection groups: {groups} · state labels: {states} · rulesets: {rulesets}',
      {
        districts: j.electoralDistricts,
        groups: j.projectionGroups,
        states: Object.keys(j.file.states).length,
        rulesets: [...j.rulesets].map(([k, v]) => `${k}=${v}`).join(', ') || '—',
      },
    ),
  );
  // no locale is no error, but its figures then read as Peru's on a Spanish page (review s36):
  // said here, where a maintainer checks a new folder
  if (j.file.locale === undefined)
    io.err(
      say(
        "warning: no `locale` in {id}'s jurisdiction.json: its figures are written as Peru's (es-PE: 12,345 and 80.484 %) by the CLI and on Spanish pages, as en-US on English ones; set `locale` (e.g. es-ES: 12.345 and 80,484 %) if {label} writes them otherwise",
        { id: j.id, label: j.labels[lang] },
      ),
    );
  return EXIT_OK;
}

/** Every jurisdiction: the bundled ones, then DIR's (each resolved: a bundled id there is refused). */
function listAll(io: CliIo, dir: string | undefined): number {
  const folder = dir === undefined ? [] : checkJurisdictionsFolder(dir);
  if (folder.length > 0) return (printIssues(io, folder), EXIT_ISSUES);
  const bundled = listJurisdictions();
  const ids = [...bundled, ...(dir === undefined ? [] : listJurisdictionsIn(dir))];
  let bad = false;
  const rows = ids.map((id, i) => {
    const ref = i < bundled.length ? ok(id) : resolveJurisdiction(id, dir);
    const r = ref.ok ? loadJurisdiction(ref.value) : ref;
    if (!r.ok) {
      bad = true;
      printIssues(io, r.error);
      return [id, 'INVALID', ''];
    }
    return [id, r.value.labels[runLanguage()], r.value.levelIds.join(', ')];
  });
  io.out(renderTable(['id', 'label', 'levels'], rows));
  return bad ? EXIT_ISSUES : EXIT_OK;
}
