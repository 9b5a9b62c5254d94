// SOURCES: 2021 first round — ONPE 100 % (per-mesa open data, sums in
// data/peru/2021/presidential_r1/candidate_columns_VOTOS_Pn_2021_1ra_vuelta.csv; ONPE published
// Castillo 2,724,752 = 18.921 %, Fujimori 1,930,762 = 13.407 %, valid 14,400,630).
// 2021 runoff — JNE proclamation: Castillo 8,836,380 (50.126 %), Fujimori 8,792,117 (49.874 %).
// 2026 runoff — ONPE 100 % actas: Fujimori 9,223,396, Sánchez 9,173,755 (rules §2.3, [L–M]).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { decidePresidentialRound } from '../../src/core/rules/presidential.js';
import { dataPath } from '../../src/io/paths.js';

describe('presidential rule on official totals', () => {
  it('2021 first round: no majority, runoff Castillo–Fujimori with the published percentages', () => {
    const rows = parse(
      readFileSync(
        dataPath('peru/2021/presidential_r1/candidate_columns_VOTOS_Pn_2021_1ra_vuelta.csv'),
        'utf8',
      ),
      { columns: true },
    ) as Record<string, string>[];
    const r = decidePresidentialRound({
      round: 'first',
      candidates: rows.map((x) => ({
        candidate: x['candidato'] ?? '',
        votes: Number(x['votes_total_all_mesas_in_file']),
      })),
    });
    expect(r.valid).toBe(14_400_630);
    expect(r.outcome).toEqual({
      kind: 'runoff',
      pair: ['JOSE PEDRO CASTILLO TERRONES', 'KEIKO SOFIA FUJIMORI HIGUCHI'],
    });
    expect(r.candidates[0]).toEqual({
      candidate: 'JOSE PEDRO CASTILLO TERRONES',
      votes: 2_724_752,
      pctValid: '18.921',
    });
    expect(r.candidates[1]?.pctValid).toBe('13.407');
  });

  it('2021 runoff: Castillo wins with 50.126 %', () => {
    const r = decidePresidentialRound({
      round: 'runoff',
      candidates: [
        { candidate: 'Fujimori', votes: 8_792_117 },
        { candidate: 'Castillo', votes: 8_836_380 },
      ],
    });
    expect(r.outcome).toEqual({ kind: 'winner', winner: 'Castillo', round: 'runoff' });
    expect(r.candidates.map((c) => c.pctValid)).toEqual(['50.126', '49.874']);
  });

  it('2026 runoff: Fujimori wins with 50.135 % and a margin of 49,641', () => {
    const r = decidePresidentialRound({
      round: 'runoff',
      candidates: [
        { candidate: 'Sánchez', votes: 9_173_755 },
        { candidate: 'Fujimori', votes: 9_223_396 },
      ],
    });
    expect(r.outcome).toEqual({ kind: 'winner', winner: 'Fujimori', round: 'runoff' });
    expect(r.candidates[0]?.pctValid).toBe('50.135');
    expect(9_223_396 - 9_173_755).toBe(49_641);
  });
});
