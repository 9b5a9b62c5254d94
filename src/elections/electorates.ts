import type { Note } from '../core/model/note.js';

/** An electorate (padrón) bundled in data/ for a ruleset's apportionment; PROVENANCE.md beside it. */
export interface BundledElectorate {
  /** Under data/: a CSV district,electorate[,source]. */
  readonly file: string;
  readonly source: Note;
  /** How far the figures may be trusted (what they are, and what they reproduce). */
  readonly status: Note;
}

/** The bundled electorates by ruleset id; `cifra apportion` uses one when --electorate is not given. */
export const BUNDLED_ELECTORATES: Readonly<Record<string, BundledElectorate>> = {
  'pe-2026-diputados': {
    file: 'peru/2026/electorate_2026_by_circunscripcion.csv',
    source: {
      es: 'padrón 2026 por circunscripción: peruvotoinformado a través del documento de reglas (24 filas), radar del JNE del 17-01-2026 (Tumbes, Ucayali); el extranjero (2 escaños fijos) de un archivo de ámbitos de un tercero',
      en: 'padrón 2026 per circunscripción: peruvotoinformado via the rules document (24 rows), JNE radar of 2026-01-17 (Tumbes, Ucayali); abroad (2 fixed seats) from a third-party scopes file',
    },
    status: {
      es: 'compilado de fuentes secundarias, no la tabla del padrón del propio JNE; reproduce cada fila de la R-0053-2025-JNE',
      en: "compiled from secondary sources, not the JNE's own padrón table; it reproduces every row of R-0053-2025-JNE",
    },
  },
};

export function bundledElectorate(rulesetId: string): BundledElectorate | null {
  return Object.hasOwn(BUNDLED_ELECTORATES, rulesetId)
    ? (BUNDLED_ELECTORATES[rulesetId] ?? null)
    : null;
}
