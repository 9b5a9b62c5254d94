import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { dataPath } from './paths.js';

let known: Set<string> | null = null;

/** RENIEC district ubigeos (data/peru/ubigeo); abroad mesas use 91xxxx–95xxxx (continent, country, city). */
export function isKnownUbigeo(ubigeo: string): boolean {
  if (known === null) {
    const rows = parse(
      gunzipSync(readFileSync(dataPath('peru/ubigeo/ubigeo_distrito.csv.gz'))).toString('utf8'),
      { columns: true },
    ) as Record<string, string>[];
    known = new Set(rows.map((r) => r['reniec'] ?? ''));
  }
  return known.has(ubigeo) || /^9[1-5]\d{4}$/.test(ubigeo);
}
