// SOURCE: Comissão Nacional de Eleições, Mapa Oficial of the Assembleia da República elections of
// 10 March 2024 (Mapa n.º 2-A/2024) and 18 May 2025 (Mapa n.º 2-A/2025), Diário da República: the
// elected deputies per círculo and list, counted per list (data/portugal/20xx/seats_official.csv,
// PROVENANCE.md). The expected seats below are typed from those maps, never from cifra's output.
// The VOTES are the Ministry's final provisional count (SGMAI), not the map's vote table, which no
// source here transcribes; nationally they differ from the official votes by a few hundred per
// list (PROVENANCE.md). With these votes D'Hondt per círculo (Lei 14/79 art. 16) must give the
// official seats in every círculo.
import { describe, expect, it } from 'vitest';
import { computeSeats } from '../../src/core/pipeline/seats.js';
import { loadRuleset } from '../../src/elections/rulesets.js';
import { readCsvFile } from '../../src/io/csv.js';
import { dataPath } from '../../src/io/paths.js';

const OFFICIAL_2024: Record<string, Record<string, number>> = {
  Aveiro: { 'PPD/PSD.CDS-PP.PPM': 7, PS: 5, CH: 3, IL: 1 },
  Beja: { PS: 1, CH: 1, 'PPD/PSD.CDS-PP.PPM': 1 },
  Braga: { 'PPD/PSD.CDS-PP.PPM': 8, PS: 6, CH: 4, IL: 1 },
  Bragança: { 'PPD/PSD.CDS-PP.PPM': 2, PS: 1 },
  'Castelo Branco': { PS: 2, 'PPD/PSD.CDS-PP.PPM': 1, CH: 1 },
  Coimbra: { PS: 4, 'PPD/PSD.CDS-PP.PPM': 3, CH: 2 },
  Évora: { PS: 1, 'PPD/PSD.CDS-PP.PPM': 1, CH: 1 },
  Faro: { CH: 3, PS: 3, 'PPD/PSD.CDS-PP.PPM': 3 },
  Guarda: { 'PPD/PSD.CDS-PP.PPM': 1, PS: 1, CH: 1 },
  Leiria: { 'PPD/PSD.CDS-PP.PPM': 5, PS: 3, CH: 2 },
  Lisboa: { PS: 15, 'PPD/PSD.CDS-PP.PPM': 14, CH: 9, IL: 3, L: 2, 'B.E.': 2, 'PCP-PEV': 2, PAN: 1 },
  Portalegre: { PS: 1, CH: 1 },
  Porto: { 'PPD/PSD.CDS-PP.PPM': 14, PS: 13, CH: 7, IL: 2, 'B.E.': 2, L: 1, 'PCP-PEV': 1 },
  Santarém: { PS: 3, 'PPD/PSD.CDS-PP.PPM': 3, CH: 3 },
  Setúbal: { PS: 7, CH: 4, 'PPD/PSD.CDS-PP.PPM': 4, 'PCP-PEV': 1, 'B.E.': 1, IL: 1, L: 1 },
  'Viana do Castelo': { 'PPD/PSD.CDS-PP.PPM': 2, PS: 2, CH: 1 },
  'Vila Real': { 'PPD/PSD.CDS-PP.PPM': 2, PS: 2, CH: 1 },
  Viseu: { 'PPD/PSD.CDS-PP.PPM': 3, PS: 3, CH: 2 },
  Madeira: { 'PPD/PSD.CDS-PP': 3, PS: 2, CH: 1 },
  Açores: { 'PPD/PSD.CDS-PP.PPM': 2, PS: 2, CH: 1 },
  Europa: { CH: 1, PS: 1 },
  'Fora da Europa': { 'PPD/PSD.CDS-PP.PPM': 1, CH: 1 },
};

const OFFICIAL_2025: Record<string, Record<string, number>> = {
  Aveiro: { 'PPD/PSD.CDS-PP': 7, PS: 4, CH: 4, IL: 1 },
  Beja: { CH: 1, PS: 1, 'PPD/PSD.CDS-PP': 1 },
  Braga: { 'PPD/PSD.CDS-PP': 8, PS: 5, CH: 5, IL: 1 },
  Bragança: { 'PPD/PSD.CDS-PP': 2, PS: 1 },
  'Castelo Branco': { 'PPD/PSD.CDS-PP': 2, PS: 1, CH: 1 },
  Coimbra: { 'PPD/PSD.CDS-PP': 4, PS: 3, CH: 2 },
  Évora: { PS: 1, CH: 1, 'PPD/PSD.CDS-PP': 1 },
  Faro: { CH: 4, 'PPD/PSD.CDS-PP': 3, PS: 2 },
  Guarda: { 'PPD/PSD.CDS-PP': 1, PS: 1, CH: 1 },
  Leiria: { 'PPD/PSD.CDS-PP': 5, CH: 3, PS: 2 },
  Lisboa: { 'PPD/PSD.CDS-PP': 15, PS: 12, CH: 11, IL: 4, L: 3, 'PCP-PEV': 1, 'B.E.': 1, PAN: 1 },
  Portalegre: { CH: 1, PS: 1 },
  Porto: { 'PPD/PSD.CDS-PP': 15, PS: 11, CH: 9, IL: 2, L: 2, 'PCP-PEV': 1 },
  Santarém: { 'PPD/PSD.CDS-PP': 4, CH: 3, PS: 2 },
  Setúbal: { CH: 6, PS: 5, 'PPD/PSD.CDS-PP': 5, 'PCP-PEV': 1, L: 1, IL: 1 },
  'Viana do Castelo': { 'PPD/PSD.CDS-PP': 3, CH: 1, PS: 1 },
  'Vila Real': { 'PPD/PSD.CDS-PP': 3, PS: 1, CH: 1 },
  Viseu: { 'PPD/PSD.CDS-PP': 4, CH: 2, PS: 2 },
  Madeira: { 'PPD/PSD.CDS-PP': 3, CH: 1, PS: 1, JPP: 1 },
  Açores: { 'PPD/PSD.CDS-PP.PPM': 3, PS: 1, CH: 1 },
  Europa: { CH: 1, 'PPD/PSD.CDS-PP': 1 },
  'Fora da Europa': { CH: 1, 'PPD/PSD.CDS-PP': 1 },
};

function votesOf(year: string) {
  const t = readCsvFile(dataPath(`portugal/${year}/votes.csv`), 'votes');
  if (!t.ok) throw new Error(year);
  return t.value.rows.map((r) => ({
    district: r.values['district'] ?? '',
    party: r.values['party'] ?? '',
    votes: Number(r.values['votes']),
  }));
}

describe.each([
  ['2024', OFFICIAL_2024],
  ['2025', OFFICIAL_2025],
] as const)("pt-assembleia, %s: D'Hondt per círculo gives the official map", (year, official) => {
  const rs = loadRuleset('pt-assembleia');
  if (!rs.ok || rs.value.kind !== 'list') throw new Error('pt-assembleia');
  const result = computeSeats(rs.value, { votes: votesOf(year) });

  it('230 seats in 22 círculos, no issues, no ties', () => {
    expect(result.issues).toEqual([]);
    expect(result.ties).toEqual([]);
    expect(result.districts).toHaveLength(22);
    expect(Object.values(result.seats).reduce((a, b) => a + b, 0)).toBe(230);
  });

  it.each(Object.keys(official))('%s: every list gets exactly its official seats', (circulo) => {
    expect(result.districts.find((d) => d.district === circulo)?.seats).toEqual(official[circulo]);
  });
});
