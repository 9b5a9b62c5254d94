// A rehearsal stopped part-way names its stop point in its labels: as the election's
// jurisdiction writes decimals (Spain es-ES 85,5; Peru es-PE 85.5), not always with a dot.
import { describe, expect, it } from 'vitest';
import type { ElectionDef } from '../src/core/model/acta.js';
import { bundledElection } from '../src/elections/manifests.js';
import { REPLAY_ORDERS } from '../src/core/projection/replay-order.js';
import { replayDefinition } from '../src/projection/replay.js';
import { STRINGS } from '../web/i18n.js';

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
    expect(l.es).toMatch(/ — ensayo \(por ODPE, semilla 2, hasta 85,5 %\)$/);
    expect(l.en).toMatch(/ — replay \(by ODPE, seed 2, to 85,5 %\)$/);
  });

  it("in Peru's for a Peruvian one, and whole where it is whole", () => {
    expect(labels('pe-2021-presidencial-segunda', 0.855).es).toMatch(/, hasta 85\.5 %\)$/);
    expect(labels('pe-2021-presidencial-segunda', 0.5).en).toMatch(/, to 50 %\)$/);
    expect(labels('pe-2021-presidencial-segunda', 1).label).toMatch(/\(odpe, seed 2\)$/);
  });
});

// night review 6: the Spanish label said "(urban-first, semilla 1, hasta 30 %)"
describe('a rehearsal label in one language', () => {
  it('the order in Spanish words in es, English in en', () => {
    const election = bundledElection('pe-2021-presidencial-segunda') as ElectionDef;
    const def = replayDefinition({
      election,
      target: 'r',
      order: 'urban-first',
      seed: 1,
      until: 0.3,
    } as Parameters<typeof replayDefinition>[0]);
    expect(def.manifest?.labels.es).toMatch(
      / — ensayo \(urbanas primero, semilla 1, hasta 30 %\)$/,
    );
    expect(def.manifest?.labels.en).toMatch(/ — replay \(urban areas first, seed 1, to 30 %\)$/);
  });
  it("the dashboard's status line names each order in the label's words; an unknown one by its id", () => {
    const election = bundledElection('pe-2021-presidencial-segunda') as ElectionDef;
    for (const order of REPLAY_ORDERS) {
      const def = replayDefinition({ election, target: 'r', order, seed: 1 } as Parameters<
        typeof replayDefinition
      >[0]);
      expect(def.manifest?.labels.es).toContain(`ensayo (${STRINGS.es.replayOrder(order)}, `);
      expect(def.manifest?.labels.en).toContain(`replay (${STRINGS.en.replayOrder(order)}, `);
    }
    expect(STRINGS.en.replayOrder('later')).toBe('later');
  });
});
