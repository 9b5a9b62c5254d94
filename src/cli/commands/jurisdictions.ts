import { listJurisdictions, loadJurisdiction } from '../../jurisdictions/load.js';
import { renderTable } from '../format.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo } from '../io.js';
import { printIssues } from './seats.js';

/**
 * `cifra jurisdictions [id]`: the jurisdictions cifra has, or one of them loaded and checked (its
 * file, its place table) with its levels — what to run after adding a folder.
 */
export function runJurisdictions(id: string | undefined, io: CliIo): number {
  if (id === undefined) {
    io.out(
      renderTable(
        ['id', 'label', 'levels'],
        listJurisdictions().map((j) => {
          const r = loadJurisdiction(j);
          return r.ok ? [j, r.value.labels.en, r.value.levelIds.join(', ')] : [j, 'INVALID', ''];
        }),
      ),
    );
    return EXIT_OK;
  }
  const r = loadJurisdiction(id);
  if (!r.ok) {
    printIssues(io, r.error);
    return EXIT_ISSUES;
  }
  const j = r.value;
  io.out(`${j.id}: ${j.labels.en} / ${j.labels.es}`);
  io.out(
    `places: ${j.file.place.labels.en} ${j.placePattern.source}; ${j.tableRows} in the table (${j.skippedRows} rows skipped), ${(j.file.place.known ?? []).length} known patterns; mesa ${j.mesaPattern.source}`,
  );
  io.out(
    renderTable(
      ['level', 'label', 'es', 'named by'],
      j.levels.map((l) => [
        l.id,
        l.labels.en,
        l.labels.es,
        l.named === 'names' ? 'its table' : 'places',
      ]),
    ),
  );
  io.out(
    `electoral districts: ${j.electoralDistricts} · projection groups: ${j.projectionGroups} · state labels: ${Object.keys(j.file.states).length} · rulesets: ${[...j.rulesets].map(([k, v]) => `${k}=${v}`).join(', ') || '—'}`,
  );
  return EXIT_OK;
}
