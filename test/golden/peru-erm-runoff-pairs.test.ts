// SOURCES: who went to the 4 Dec 2022 second election for governor, as the press reported ONPE's
// results — typed from these publications, never from cifra's output:
// - La República, 1 Dec 2022 ("¿En qué regiones hay segunda vuelta este 4 de diciembre?") and
//   Radio Marañón, Nov 2022: Amazonas (Sentimiento Amazonense Regional – Victoria Amazonense),
//   Cajamarca (Somos Perú – Frente Regional de Cajamarca), Callao (Contigo Callao – Más Callao),
//   Cusco (Somos Perú – Inka Pachakuteq).
// - El Comercio, Dec 2022 (Lambayeque's count at 99.732 %): Somos Perú – Alianza para el Progreso.
// - La República, 5 Dec 2022 (Piura at 98 %): Contigo Región – Unidad Regional.
// Lima Provincias, Moquegua and Pasco: no pair found in a citable publication, so not asserted.
// The ERM 2022 second-round vote counts themselves were not found: cifra has none bundled.
import { describe, expect, it } from 'vitest';
import { computeContests } from '../../src/core/pipeline/contests.js';
import { loadContests } from '../../src/elections/contests.js';

const loaded = loadContests('pe-erm-2022');
if (!loaded.ok) throw new Error(JSON.stringify(loaded.error.slice(0, 3)));
const contests = computeContests(loaded.value.sets).contests;

/** The published pair of a region (order-free), as words that the list names must contain. */
const PUBLISHED: Record<string, [string, string]> = {
  AMAZONAS: ['SENTIMIENTO AMAZONENSE REGIONAL', 'VICTORIA AMAZONENSE'],
  CAJAMARCA: ['SOMOS PERU', 'FRENTE REGIONAL DE CAJAMARCA'],
  CALLAO: ['CONTIGO CALLAO', 'MAS CALLAO'],
  CUSCO: ['SOMOS PERU', 'INKA PACHAKUTEQ'],
  LAMBAYEQUE: ['SOMOS PERU', 'ALIANZA PARA EL PROGRESO'],
  PIURA: ['CONTIGO REGION', 'UNIDAD REGIONAL'],
};

describe('ERM 2022 governors: who is in each second round (pairs as published)', () => {
  for (const [region, pair] of Object.entries(PUBLISHED))
    it(region, () => {
      const c = contests.find((x) => x.id === `governor/${region}`);
      if (c?.type !== 'single-winner') throw new Error(`no governor contest for ${region}`);
      const o = c.result.outcome;
      if (o.kind !== 'runoff') throw new Error(`${region}: ${o.kind}`);
      const matched = pair.map((want) => o.pair.filter((p) => p.includes(want)).length);
      expect(matched).toEqual([1, 1]);
    });
});
