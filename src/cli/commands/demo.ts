import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decidePresidentialRound } from '../../core/rules/presidential.js';
import { settlePresidentialRound } from '../../core/rules/settled.js';
import { percentHalfUp, ratio, reachesShare } from '../../core/ratio.js';
import { readCsvFile } from '../../io/csv.js';
import { dataPath } from '../../io/paths.js';
import { decimal, header, renderTable, say, thousands } from '../format.js';
import { EXIT_OK, type CliIo } from '../io.js';
import { jurisdictionWords } from '../jurisdiction-words.js';
import { describeOutcome } from './president.js';
import { runApportion } from './apportion.js';
import { runSeats } from './seats.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function table(path: string): { line: number; values: Readonly<Record<string, string>> }[] {
  const t = readCsvFile(path, 'demo');
  if (!t.ok) throw new Error(`bundled file unreadable: ${path}`);
  return [...t.value.rows];
}

/** A Peruvian presidential round's outcome: > 50 % of valid votes, a tie for Peru's JNE. */
const peruOutcome = (r: Parameters<typeof describeOutcome>[0]): string =>
  describeOutcome(r, say('> 50 % of valid votes'), jurisdictionWords({ jurisdiction: 'pe' }).tie);

/** A section's heading, in the run's language. */
const heading = (io: CliIo, s: string): void => io.out(`\n=== ${say(s)} ===`);

/** Peru 2021: the presidential first round (ONPE, by mesa) and the runoff (JNE). */
function demoPresidential2021(io: CliIo): void {
  heading(io, 'Peru 2021 — presidential first round (ONPE, 100 % actas, open data by mesa)');
  const p2021 = table(
    dataPath('peru/2021/presidential_r1/candidate_columns_VOTOS_Pn_2021_1ra_vuelta.csv'),
  ).map((r) => ({
    candidate: `${r.values['candidato']} (${r.values['partido']})`,
    votes: Number(r.values['votes_total_all_mesas_in_file']),
  }));
  const r1 = decidePresidentialRound({ candidates: p2021, round: 'first' });
  io.out(
    renderTable(
      ['candidate', 'votes', '% valid'],
      r1.candidates.slice(0, 6).map((c) => [c.candidate, thousands(c.votes), c.pctValid]),
    ),
  );
  io.out(
    say('valid votes {valid} → {outcome}', {
      valid: thousands(r1.valid),
      outcome: peruOutcome(r1),
    }),
  );

  heading(io, 'Peru 2021 — runoff (JNE, proclamation)');
  const r2 = decidePresidentialRound({
    round: 'runoff',
    candidates: table(dataPath('peru/2021/presidential_r2/runoff_2021_official_JNE.csv')).map(
      (r) => ({ candidate: r.values['candidate'] ?? '', votes: Number(r.values['votes']) }),
    ),
  });
  io.out(
    renderTable(
      ['candidate', 'votes', '% valid'],
      r2.candidates.map((c) => [c.candidate, thousands(c.votes), c.pctValid]),
    ),
  );
  io.out(peruOutcome(r2));
}

/** Peru 2026: the provisional first round and runoff (ONPE's partial counts). */
function demoPresidential2026(io: CliIo): void {
  heading(
    io,
    'Peru 2026 — presidential first round (PROVISIONAL: ONPE 27-04-2026, ~96 % of actas counted)',
  );
  const raw = JSON.parse(
    gunzipSync(
      readFileSync(dataPath('peru/2026/partial_results_2026-04-27/resultados_total_2026.json.gz')),
    ).toString('utf8'),
  ) as {
    departamento: string;
    total: number;
    candidato: string;
    partido: string;
    conteo: number;
  }[];
  const totals = raw.filter((x) => x.departamento === 'TOTAL');
  const r26 = decidePresidentialRound({
    round: 'first',
    candidates: totals.map((x) => ({ candidate: `${x.candidato} (${x.partido})`, votes: x.total })),
  });
  io.out(
    renderTable(
      ['candidate', 'votes', '% valid'],
      r26.candidates.slice(0, 5).map((c) => [c.candidate, thousands(c.votes), c.pctValid]),
    ),
  );
  // `conteo`: ONPE's % of actas contabilizadas (96.16; the same capture's genera_elecciones.json:
  // porcentajeActasContabilizadas 96.157), not the votes still out: no pair is settled by it (the
  // rules' outcome on these figures named a pair that 4 % of actas could still change, review s27)
  const open = !settlePresidentialRound({
    round: 'first',
    candidates: r26.candidates,
    complete: false,
    remaining: null,
  }).settled;
  const [a, b, c] = r26.candidates;
  io.out(
    open
      ? say(
          'leading at {counted} % of actas counted (contabilizadas, as ONPE publishes it): {a}, then {b} and {c} — NOT settled: who goes to the runoff is open while votes remain (this file does not say how many)',
          {
            counted: totals[0] === undefined ? '?' : decimal(String(totals[0].conteo)),
            a: a?.candidate ?? '',
            b: b?.candidate ?? '',
            c: c?.candidate ?? '',
          },
        )
      : peruOutcome(r26),
  );
  demoRunoff2026(io);
}

/** Peru 2026's runoff at ONPE's 10 June cut: the leader then, whom the full count reversed. */
function demoRunoff2026(io: CliIo): void {
  heading(io, 'Peru 2026 — runoff (PROVISIONAL: ONPE 10-06-2026 01:18, 96.918 % of actas counted)');
  const flash = JSON.parse(
    readFileSync(dataPath('peru/2026/runoff_partial_2026-06-10/flash-electoral.json'), 'utf8'),
  ) as {
    candidates: { a: string; b: string };
    sources: { id: string; data: { votesA: number; votesB: number; advancePct: number } }[];
  };
  // advancePct: actas contabilizadas over all (89,907 / 92,766: the 2,859 left are the 1,577 at
  // the JEE and the 1,282 pending, the file's note), as ONPE's summary published it
  const cut = flash.sources.find((s) => s.id === 'onpe-parcial');
  if (cut) {
    const rr = decidePresidentialRound({
      round: 'runoff',
      candidates: [
        { candidate: flash.candidates.a, votes: cut.data.votesA },
        { candidate: flash.candidates.b, votes: cut.data.votesB },
      ],
    });
    io.out(
      renderTable(
        ['candidate', 'votes', '% valid'],
        rr.candidates.map((c) => [c.candidate, thousands(c.votes), c.pctValid]),
      ),
    );
    io.out(
      say(
        'leader at {counted} % of actas counted (contabilizadas, as ONPE publishes it): {leader} — NOT a final result (the full count reversed it)',
        {
          counted: decimal(String(cut.data.advancePct)),
          leader: rr.candidates[0]?.candidate ?? '',
        },
      ),
    );
  }
}

/** Peru 2021 Congress: each list against the 5 % valla (JNE 0602-2021). */
function demoCongress2021(io: CliIo): void {
  heading(io, 'Peru 2021 — Congress: valla (JNE 0602-2021, national totals)');
  const congress = table(
    dataPath('peru/2021/congress/congress_2021_national_official_JNE_0602-2021.csv'),
  );
  const totalsRows = table(
    dataPath('peru/2021/congress/congress_2021_national_totals_JNE_0602-2021.csv'),
  );
  const valid = Number(
    totalsRows.find((r) => r.values['metric'] === 'votos_validos')?.values['value'],
  );
  const listed = congress.reduce((a, r) => a + Number(r.values['valid_votes']), 0);
  io.out(
    renderTable(
      ['party', 'votes', '% valid', '≥ 5 %', 'seats (JNE)'],
      congress.map((r) => {
        const v = Number(r.values['valid_votes']);
        return [
          r.values['party_short_name'] ?? '',
          thousands(v),
          percentHalfUp(v, valid),
          header(reachesShare(v, valid, ratio(5, 100)) ? 'yes' : 'no'),
          r.values['seats'] ?? '',
        ];
      }),
    ),
  );
  io.out(
    say('valid {valid}; 5 % = {five} votes; all other lists together: {others}', {
      valid: thousands(valid),
      five: thousands(Math.ceil(valid / 20)),
      others: thousands(valid - listed),
    }),
  );
}

/** Peru 2026 Chamber of Deputies apportioned, and Spain 2023 Congress seats. */
function demoSeats(io: CliIo): void {
  heading(
    io,
    'Peru 2026 — Chamber of Deputies: seats per district (R-0053-2025) from the electoral roll',
  );
  runApportion({ rules: 'pe-2026-diputados', format: 'table' }, io);

  heading(io, "Spain 2023 — Congress (D'Hondt by province, 3 %): totals");
  const es = mkdtempSync(join(tmpdir(), 'cifra-demo-es-'));
  const esVotes = join(es, 'votes.csv');
  writeFileSync(
    esVotes,
    gunzipSync(readFileSync(dataPath('spain/2023/votes_congreso_2023.csv.gz'))),
  );
  const quiet: CliIo = { out: (s) => io.out(s.split('\n').slice(0, 16).join('\n')), err: io.err };
  runSeats(
    {
      rules: 'es-congreso',
      votes: esVotes,
      districts: dataPath('spain/2023/districts_congreso_2023.csv'),
      format: 'table',
      options: {},
    },
    quiet,
  );
}

/**
 * `cifra demo`: the rules engine on the bundled real data — 2021 and 2026 presidential rounds,
 * the 2021 Congress valla, the seat tables, Spain 2023 — printed as tables.
 */
export function runDemo(io: CliIo): number {
  demoPresidential2021(io);
  demoPresidential2026(io);
  demoCongress2021(io);
  demoSeats(io);
  return EXIT_OK;
}
