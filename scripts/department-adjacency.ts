// Which Peruvian departments share a border, from the bundled department GeoJSON: writes
// data/peru/geo/department-adjacency.json keyed by ONPE (RENIEC) department code, the unit codes
// of the department snapshots. Two departments are neighbours when their polygons share at least
// MIN_SHARED boundary vertices (the simplified polygons come from one topology, so shared borders
// share vertices exactly; a single common point is a corner touch, not a border).
//   npx tsx scripts/department-adjacency.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { departmentAdjacency } from '../src/elections/adjacency.js';

const GEO = 'data/peru/geo/peru_departamental_simple.geojson.gz';
const UBIGEO = 'data/peru/ubigeo/ubigeo_departamento.csv';
const OUT = 'data/peru/geo/department-adjacency.json';

interface Feature {
  readonly properties: { readonly FIRST_IDDP: string; readonly NOMBDEP: string };
  readonly geometry: { readonly type: string; readonly coordinates: unknown };
}

const geo = JSON.parse(gunzipSync(readFileSync(GEO)).toString('utf8')) as {
  features: Feature[];
};
// INEI department code (2 digits) → RENIEC/ONPE code (2 digits)
const toOnpe = new Map<string, string>();
for (const line of readFileSync(UBIGEO, 'utf8').trim().split('\n').slice(1)) {
  const [inei, reniec] = line.split(',');
  if (inei !== undefined && reniec !== undefined) toOnpe.set(inei.slice(0, 2), reniec.slice(0, 2));
}
const polygons = geo.features.map((f) => {
  const code = toOnpe.get(f.properties.FIRST_IDDP);
  if (code === undefined) throw new Error(`no ONPE code for ${f.properties.FIRST_IDDP}`);
  return { code, points: pointsOf(f.geometry.coordinates) };
});

function pointsOf(c: unknown): [number, number][] {
  if (Array.isArray(c) && typeof c[0] === 'number') return [[c[0], c[1] as number]];
  return Array.isArray(c) ? c.flatMap((x) => pointsOf(x)) : [];
}

const neighbours = departmentAdjacency(polygons);
writeFileSync(
  OUT,
  JSON.stringify(
    {
      source: `${GEO} (INEI codes mapped to ONPE/RENIEC through ${UBIGEO}); shared boundary vertices ≥ 2; written by scripts/department-adjacency.ts`,
      neighbours,
    },
    null,
    2,
  ) + '\n',
);
console.log(`${Object.keys(neighbours).length} departments → ${OUT}`);
