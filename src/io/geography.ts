import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { dataPath } from './paths.js';

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: unknown;
}

/** Does the dashboard have shapes of the jurisdiction's units? Only Peru's departments so far. */
export const hasGeography = (jurisdiction: string): boolean => jurisdiction === 'pe';

/**
 * The map of the dashboard: the 25 department polygons (INEI codes in the source) joined to
 * RENIEC codes — the ones ONPE's results use (Cusco is INEI 08 but RENIEC 07) — plus the province
 * of Lima (INEI 1501) drawn over its department as Lima Metropolitana. Each feature says which
 * results colour it: `level`/`code` (department, or circunscripción 15/16 for Lima).
 */
export function dashboardGeography(): { type: 'FeatureCollection'; features: Feature[] } {
  const deps = JSON.parse(
    gunzipSync(readFileSync(dataPath('peru/geo/peru_departamental_simple.geojson.gz'))).toString(
      'utf8',
    ),
  ) as { features: Feature[] };
  const provs = JSON.parse(
    gunzipSync(readFileSync(dataPath('peru/geo/peru_provincial_simple.geojson.gz'))).toString(
      'utf8',
    ),
  ) as { features: Feature[] };
  const codes = parse(readFileSync(dataPath('peru/ubigeo/ubigeo_departamento.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  const reniecOf = new Map(
    codes.map((c) => [(c['inei'] ?? '').slice(0, 2), (c['reniec'] ?? '').slice(0, 2)]),
  );
  const features: Feature[] = deps.features.map((f) => {
    const inei = String(f.properties['FIRST_IDDP']);
    const reniec = reniecOf.get(inei) ?? inei;
    const lima = reniec === '14';
    return {
      type: 'Feature',
      properties: {
        name: lima ? 'LIMA PROVINCIAS' : String(f.properties['NOMBDEP']),
        inei,
        reniec,
        level: lima ? 'circunscripcion' : 'department',
        code: lima ? '16' : reniec,
      },
      geometry: f.geometry,
    };
  });
  const limaMet = provs.features.find((f) => String(f.properties['FIRST_IDPR']) === '1501');
  if (limaMet)
    features.push({
      type: 'Feature',
      properties: {
        name: 'LIMA METROPOLITANA',
        inei: '1501',
        reniec: '14',
        level: 'circunscripcion',
        code: '15',
      },
      geometry: limaMet.geometry,
    });
  return { type: 'FeatureCollection', features };
}
