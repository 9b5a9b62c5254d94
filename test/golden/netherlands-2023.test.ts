// SOURCE: Kiesraad (central stembureau), Tweede Kamer election of 22 November 2023: the list votes
// (Totaaltelling_TK2023.eml.xml) and the elected candidates (Resultaat_TK2023.eml.xml) of the
// official result of 1/4 December 2023, as bundled in data/netherlands/2023 (PROVENANCE.md). The
// expected seats are typed from the official result (seats per list), never from cifra's output.
import { describe, expect, it } from 'vitest';
import { computeSeats } from '../../src/core/pipeline/seats.js';
import { loadRuleset } from '../../src/elections/rulesets.js';
import { readCsvFile } from '../../src/io/csv.js';
import { dataPath } from '../../src/io/paths.js';

const OFFICIAL_SEATS: Record<string, number> = {
  VVD: 24,
  D66: 9,
  'GROENLINKS / Partij van de Arbeid (PvdA)': 25,
  'PVV (Partij voor de Vrijheid)': 37,
  CDA: 5,
  'SP (Socialistische Partij)': 5,
  'Forum voor Democratie': 3,
  'Partij voor de Dieren': 3,
  ChristenUnie: 3,
  Volt: 2,
  JA21: 1,
  'Staatkundig Gereformeerde Partij (SGP)': 3,
  DENK: 3,
  BBB: 7,
  'Nieuw Sociaal Contract': 20,
};

const table = readCsvFile(dataPath('netherlands/2023/votes.csv'), 'votes');
if (!table.ok) throw new Error('votes.csv');
const votes = table.value.rows.map((r) => ({
  district: r.values['district'] ?? '',
  party: r.values['party'] ?? '',
  votes: Number(r.values['votes']),
}));

describe('nl-tweede-kamer reproduces the official Tweede Kamer 2023 (150 seats)', () => {
  const rs = loadRuleset('nl-tweede-kamer');
  if (!rs.ok || rs.value.kind !== 'list') throw new Error('nl-tweede-kamer');
  const result = computeSeats(rs.value, { votes });

  it('10,432,726 valid votes, no issues, no ties', () => {
    expect(votes.reduce((a, v) => a + v.votes, 0)).toBe(10_432_726);
    expect(result.issues).toEqual([]);
    expect(result.ties).toEqual([]);
  });

  it('every list gets exactly its official seats (the last residual seat: SP over D66)', () => {
    expect(result.seats).toEqual(
      Object.fromEntries(
        Object.entries(OFFICIAL_SEATS).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
      ),
    );
  });

  it('the kiesdeler (10,432,726 / 150 = 69,551 38/75) is the threshold: BVNL (52,913) is below it', () => {
    const bvnl = result.excluded.find((e) => e.party === 'BVNL / Groep Van Haga');
    expect(bvnl).toMatchObject({ reason: 'below_share', votes: 52_913, total: 10_432_726 });
  });
});
