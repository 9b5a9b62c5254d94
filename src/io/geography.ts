import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { Geography } from '../core/model/jurisdiction.js';

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: unknown;
}
interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

/** A GeoJSON file, gzipped when its name ends in .gz. */
function readGeoJson(path: string): FeatureCollection {
  const bytes = readFileSync(path);
  return JSON.parse(
    (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'),
  ) as FeatureCollection;
}

/**
 * The map of the dashboard, from the shapes the jurisdiction file declares (`geography`; paths
 * relative to `folder`). Each feature says which results colour it: `level`, `code`, `name`.
 */
export function dashboardGeography(geography: Geography, folder: string): FeatureCollection {
  if (geography.kind === 'peru-departments') return peruDepartments(geography, folder);
  const { code, name, level } = geography;
  const source = readGeoJson(resolve(folder, geography.file));
  return {
    type: 'FeatureCollection',
    features: source.features.map((f) => ({
      type: 'Feature',
      properties: { name: String(f.properties[name]), level, code: String(f.properties[code]) },
      geometry: f.geometry,
    })),
  };
}

/**
 * Peru's map: the 25 department polygons (INEI codes in the source) joined to RENIEC codes — the
 * ones ONPE's results use (Cusco is INEI 08 but RENIEC 07) — plus the province of Lima (INEI 1501)
 * drawn over its department as Lima Metropolitana: circunscripciones 15 and 16 (LOE art. 21).
 */
function peruDepartments(
  g: Extract<Geography, { kind: 'peru-departments' }>,
  folder: string,
): FeatureCollection {
  const deps = readGeoJson(resolve(folder, g.departments));
  const provs = readGeoJson(resolve(folder, g.provinces));
  const codes = parse(readFileSync(resolve(folder, g.codes), 'utf8'), {
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
