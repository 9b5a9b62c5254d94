// SOURCE: Stadt Zürich, official results of the Gemeinderat election of 4 March 2018 —
// "Oberzuteilung der Sitze an die Listengruppen" (Wählerzahlen, Wahlschlüssel 770, seats per
// Listengruppe) and "Unterzuteilung der Sitze an die Listen" (seats per list and Wahlkreis,
// Wahlkreis- and Listengruppendivisoren), as transcribed in data/switzerland/zurich-gemeinderat-2018
// (PROVENANCE.md). The expected seats below are typed from those pages, never from cifra's output.
// A two-tier system: biproportional apportionment ("doppelter Pukelsheim").
import { describe, expect, it } from 'vitest';
import { computeSeats } from '../../src/core/pipeline/seats.js';
import type { ListRuleset } from '../../src/core/rulesets/ruleset.js';
import { loadRuleset } from '../../src/elections/rulesets.js';
import { readCsvFile } from '../../src/io/csv.js';
import { dataPath } from '../../src/io/paths.js';

/** Unterzuteilung: seats per Wahlkreis and Listengruppe (official). */
const OFFICIAL: Record<string, Record<string, number>> = {
  'Kreis 1+2': { SP: 4, SVP: 2, FDP: 2, Grüne: 2, glp: 1, AL: 1, 'EVP/BDP': 0 },
  'Kreis 3': { SP: 6, SVP: 1, FDP: 2, Grüne: 2, glp: 2, AL: 2, 'EVP/BDP': 0 },
  'Kreis 4+5': { SP: 5, SVP: 1, FDP: 1, Grüne: 2, glp: 2, AL: 2, 'EVP/BDP': 0 },
  'Kreis 6': { SP: 4, SVP: 1, FDP: 2, Grüne: 1, glp: 1, AL: 1, 'EVP/BDP': 0 },
  'Kreis 7+8': { SP: 4, SVP: 2, FDP: 5, Grüne: 2, glp: 2, AL: 1, 'EVP/BDP': 0 },
  'Kreis 9': { SP: 5, SVP: 3, FDP: 3, Grüne: 2, glp: 1, AL: 1, 'EVP/BDP': 1 },
  'Kreis 10': { SP: 5, SVP: 1, FDP: 2, Grüne: 2, glp: 1, AL: 1, 'EVP/BDP': 0 },
  'Kreis 11': { SP: 7, SVP: 4, FDP: 3, Grüne: 2, glp: 3, AL: 1, 'EVP/BDP': 2 },
  'Kreis 12': { SP: 3, SVP: 2, FDP: 1, Grüne: 1, glp: 1, AL: 0, 'EVP/BDP': 1 },
};

/** Oberzuteilung: Wählerzahl totals and seats per Listengruppe (official). */
const UPPER_VOTES = {
  SP: 32892,
  SVP: 12999,
  FDP: 16312,
  Grüne: 12064,
  glp: 10580,
  AL: 7892,
  'EVP/BDP': 2810,
};
const UPPER_SEATS = { SP: 43, SVP: 17, FDP: 21, Grüne: 16, glp: 14, AL: 10, 'EVP/BDP': 4 };

function ruleset(): ListRuleset {
  const r = loadRuleset('ch-zh-gemeinderat-2018');
  if (!r.ok || r.value.kind !== 'list') throw new Error(JSON.stringify(r));
  return r.value;
}

const table = readCsvFile(dataPath('switzerland/zurich-gemeinderat-2018/votes.csv'), 'votes');
if (!table.ok) throw new Error('votes.csv');
const votes = table.value.rows.map((r) => ({
  district: r.values['district'] ?? '',
  party: r.values['party'] ?? '',
  votes: Number(r.values['votes']),
}));

describe('ch-zh-gemeinderat-2018 reproduces the official biproportional apportionment of 2018', () => {
  const result = computeSeats(ruleset(), { votes });

  it('with no issues: 125 seats', () => {
    expect(result.issues).toEqual([]);
    expect(result.totalSeats).toBe(125);
    expect(Object.values(result.seats).reduce((a, b) => a + b, 0)).toBe(125);
  });

  it('the 5 % quorum in at least one Wahlkreis lets exactly seven Listengruppen in', () => {
    expect([...result.passed].sort()).toEqual(Object.keys(UPPER_SEATS).sort());
    // CVP's best Wahlkreis was 4.85 %: below 5 % everywhere
    expect(result.excluded.find((e) => e.party === 'CVP')).toMatchObject({ reason: 'below_share' });
  });

  it('the upper apportionment: the official Wählerzahlen and seats per Listengruppe', () => {
    const tier = result.tiers?.find((t) => t.kind === 'biproportional');
    expect(tier?.kind).toBe('biproportional');
    if (tier?.kind !== 'biproportional') return;
    expect(tier.upperVotes).toEqual(UPPER_VOTES);
    expect(tier.upper).toEqual(UPPER_SEATS);
    expect(result.seats).toEqual(UPPER_SEATS);
  });

  it.each(Object.keys(OFFICIAL))('%s: every list gets exactly its official seats', (district) => {
    const got = result.districts.find((d) => d.district === district)?.seats ?? {};
    const want = Object.fromEntries(
      Object.entries(OFFICIAL[district] ?? {}).filter(([, s]) => s > 0),
    );
    expect(got).toEqual(want);
  });
});
