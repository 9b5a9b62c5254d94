import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ElectionDef } from '../core/model/acta.js';
import { DEFAULT_JURISDICTION } from '../core/model/jurisdiction.js';
import { dataPath } from '../io/paths.js';

/**
 * Elections cifra knows out of the box, with their choices in the source's column order.
 * pe-2021-presidencial: VOTOS_P1..P18 → candidates, from the documented map
 * data/peru/2021/presidential_r1/candidate_columns_VOTOS_Pn_2021_1ra_vuelta.csv.
 */
export function builtInElection(id: string): ElectionDef | null {
  if (id === 'pe-2021-presidencial') {
    const rows = parse(
      readFileSync(
        dataPath('peru/2021/presidential_r1/candidate_columns_VOTOS_Pn_2021_1ra_vuelta.csv'),
        'utf8',
      ),
      { columns: true },
    ) as Record<string, string>[];
    return {
      id,
      label: 'Perú 2021 — Presidencial, primera vuelta (ONPE, datos abiertos por mesa)',
      ruleset: 'pe-2021-presidencial',
      jurisdiction: 'pe',
      // ONPE's final open data (June 2021) still labels 32 actas EN PROCESO; their figures are in
      // ONPE's 100 % totals, so they count (PROVENANCE.md of the file).
      pendingFiguresCount: true,
      choices: rows.map((r) => ({
        id: (r['column'] ?? '').replace(/^VOTOS_/, ''),
        label: r['candidato'] ?? '',
        party: r['partido'] ?? '',
      })),
    };
  }
  return null;
}

export const BUILT_IN_ELECTIONS: readonly string[] = ['pe-2021-presidencial'];

/** A choices map file (column,candidate,party) for other elections: `--choices`. */
export function electionFromMap(
  id: string,
  ruleset: string,
  mapPath: string,
  jurisdiction = DEFAULT_JURISDICTION,
): ElectionDef {
  const rows = parse(readFileSync(mapPath, 'utf8'), { columns: true, trim: true }) as Record<
    string,
    string
  >[];
  return {
    id,
    label: id,
    ruleset,
    jurisdiction,
    choices: rows.map((r) => ({
      id: (r['column'] ?? r['id'] ?? '').replace(/^VOTOS_/i, ''),
      label: r['candidate'] ?? r['label'] ?? '',
      party: r['party'] ?? '',
    })),
  };
}
