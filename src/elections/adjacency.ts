import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { SnapshotModelOptions } from '../core/projection/frame-snapshot.js';
import { NEIGHBOUR_TERM } from '../core/projection/model-parameters.js';
import { requireJurisdiction } from '../jurisdictions/load.js';

/**
 * Which units share a border, from their polygons' vertices: two units are neighbours when at least
 * `minShared` of their boundary vertices coincide (rounded to `digits` decimals). Simplified
 * polygons cut from one topology share their borders' vertices exactly; one common point is a
 * corner touch, not a border. Codes sorted, each list sorted.
 */
export function departmentAdjacency(
  polygons: readonly { readonly code: string; readonly points: readonly (readonly number[])[] }[],
  minShared = 2,
  digits = 6,
): Record<string, string[]> {
  const owners = new Map<string, Set<string>>();
  for (const p of polygons)
    for (const [x, y] of p.points) {
      const key = `${(x as number).toFixed(digits)},${(y as number).toFixed(digits)}`;
      let set = owners.get(key);
      if (set === undefined) owners.set(key, (set = new Set()));
      set.add(p.code);
    }
  const shared = new Map<string, number>();
  for (const set of owners.values()) {
    const codes = [...set].sort();
    for (let i = 0; i < codes.length; i++)
      for (let j = i + 1; j < codes.length; j++) {
        const key = `${codes[i] as string}|${codes[j] as string}`;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  const out: Record<string, string[]> = {};
  for (const p of [...polygons].sort((a, b) => a.code.localeCompare(b.code))) out[p.code] = [];
  for (const [key, n] of shared) {
    if (n < minShared) continue;
    const [a, b] = key.split('|') as [string, string];
    out[a]?.push(b);
    out[b]?.push(a);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

const adjacencyFile = z.object({
  source: z.string(),
  neighbours: z.record(z.string(), z.array(z.string())),
});

/** The bundled adjacency file (scripts/department-adjacency.ts writes it), checked. */
export function readAdjacency(path: string): Record<string, string[]> {
  return adjacencyFile.parse(JSON.parse(readFileSync(path, 'utf8')) as unknown).neighbours;
}

/**
 * The neighbours of a jurisdiction's units, from the adjacency file its jurisdiction file names
 * (`adjacency`), for the snapshot model's prior line (runs 9–10, docs/projection.md); undefined
 * where it names none. Codes not in the file get none.
 */
export function unitNeighbours(jurisdiction: string): Record<string, string[]> | undefined {
  // an election's jurisdiction was checked when its manifest loaded
  const j = requireJurisdiction(jurisdiction);
  const a = j.file.adjacency;
  return a === undefined ? undefined : readAdjacency(resolve(j.folder, a.file));
}

/**
 * The snapshot model's neighbours' term as production uses it (run 10): the bundled adjacency of
 * the jurisdiction with the fitted constants, or nothing where no adjacency is bundled.
 */
export function neighbourModel(jurisdiction: string | undefined): SnapshotModelOptions {
  const neighbours = jurisdiction === undefined ? undefined : unitNeighbours(jurisdiction);
  return neighbours === undefined ? {} : { neighbours, ...NEIGHBOUR_TERM };
}
