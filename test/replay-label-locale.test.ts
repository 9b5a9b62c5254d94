// A rehearsal stopped part-way names its stop point in its labels: as the election's
// jurisdiction writes decimals (Spain es-ES 85,5; Peru es-PE 85.5), not always with a dot.
import { describe, expect, it } from 'vitest';
import type { ElectionDef } from '../src/core/model/acta.js';
import { bundledElection } from '../src/elections/manifests.js';
import { replayDefinition } from '../src/projection/replay.js';

function labels(id: string, until: number): { es: string; en: string; label: string } {
  const election = bundledElection(id) as ElectionDef;
  const def = replayDefinition({
    election,
    target: `${id}-replay`,
    order: 'odpe',
    seed: 2,
    until,
  } as Parameters<typeof replayDefinition>[0]);
  const m = def.manifest;
  if (m === undefined) throw new Error(`${id}: no manifest`);
  return { ...m.labels, label: def.label };
}

describe('the stop point of a rehearsal in its labels', () => {
  it("in Spain's decimals for a Spanish election", () => {
    const l = labels('es-2023-congreso', 0.855);
    expect(l.es).toMatch(/ — ensayo \(odpe, semilla 2, hasta 85,5 %\)$/);
    expect(l.en).toMatch(/ — replay \(odpe, seed 2, to 85,5 %\)$/);
  });

  it("in Peru's for a Peruvian one, and whole where it is whole", () => {
    expect(labels('pe-2021-presidencial-segunda', 0.855).es).toMatch(/, hasta 85\.5 %\)$/);
    expect(labels('pe-2021-presidencial-segunda', 0.5).en).toMatch(/, to 50 %\)$/);
    expect(labels('pe-2021-presidencial-segunda', 1).label).toMatch(/\(odpe, seed 2\)$/);
  });
});
