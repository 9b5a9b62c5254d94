import type { Note } from '../core/model/note.js';
import type { Issue } from '../core/issues.js';
import { nameKey } from '../core/names.js';
import { dataPath } from '../io/paths.js';
import { loadElectorate, type Loaded } from '../io/seat-files.js';

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

/** The bundled padrón of a ruleset, read (null: none bundled): `cifra apportion` and the what-if's --seats. */
export function loadBundledElectorate(
  rulesetId: string,
): (Loaded<{ district: string; electorate: number }> & { bundled: BundledElectorate }) | null {
  const bundled = bundledElectorate(rulesetId);
  return bundled === null ? null : { ...loadElectorate(dataPath(bundled.file)), bundled };
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A ruleset file whose districts without an electorate take the bundled padrón's (by name or
 * alias, as `cifra apportion` matches them), so that a new house size can be apportioned; the
 * file as it is when none is bundled or its districts already have theirs.
 */
export function withBundledElectorate(
  file: unknown,
  rulesetId: string,
): { readonly file: unknown; readonly issues: readonly Issue[] } {
  if (!isObj(file) || !Array.isArray(file['districts'])) return { file, issues: [] };
  const districts: unknown[] = file['districts'];
  if (districts.every((d) => !isObj(d) || d['electorate'] !== undefined))
    return { file, issues: [] };
  const loaded = loadBundledElectorate(rulesetId);
  if (loaded === null || loaded.issues.length > 0) return { file, issues: loaded?.issues ?? [] };
  const byName = new Map(loaded.rows.map((r) => [nameKey(r.district), r.electorate]));
  const electorateOf = (d: Obj): number | undefined =>
    [d['name'], ...(Array.isArray(d['aliases']) ? d['aliases'] : [])]
      .filter((n): n is string => typeof n === 'string')
      .map((n) => byName.get(nameKey(n)))
      .find((n) => n !== undefined);
  const filled = districts.map((d: unknown) => {
    if (!isObj(d) || d['electorate'] !== undefined) return d;
    const electorate = electorateOf(d);
    return electorate === undefined ? d : { ...d, electorate };
  });
  return { file: { ...file, districts: filled }, issues: [] };
}
