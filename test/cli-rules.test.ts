import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cli, fileWriter, tempDir } from './helpers.js';
import { builtInRulesetIds } from '../src/elections/rulesets.js';
import { dataPath } from '../src/io/paths.js';

const dir = tempDir('cifra-rules-');
const file = fileWriter(dir);

const spainVotes = file(
  'es.csv',
  gunzipSync(readFileSync(dataPath('spain/2023/votes_congreso_2023.csv.gz'))).toString('utf8'),
);
const spainDistricts = dataPath('spain/2023/districts_congreso_2023.csv');

describe('cifra rules', () => {
  it('--schema prints the JSON Schema of ruleset files', async () => {
    const r = await cli('rules', '--schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out) as { title: string; oneOf?: unknown[]; anyOf?: unknown[] };
    expect(schema.title).toContain('cifra-ruleset/1');
    expect(JSON.stringify(schema)).toContain('"hagenbach-bischoff"');
    expect(JSON.stringify(schema)).toContain('"biproportional"');
    // the committed copy (npm run openapi) is the same
    expect(schema).toEqual(
      JSON.parse(readFileSync(new URL('../schemas/ruleset.schema.json', import.meta.url), 'utf8')),
    );
  });

  it('ID --format json prints the file as written; a file path shows the same ruleset', async () => {
    const r = await cli('rules', 'es-congreso', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(dataPath('rulesets/es-congreso.json'), 'utf8').trimEnd());
    const copy = file('mine.json', r.out);
    const shown = await cli('rules', copy);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('es-congreso: España — Congreso de los Diputados');
    expect(shown.out).toContain('LOREG art. 163.1.a');
  });

  it("states each ruleset's threshold, in the run's language", async () => {
    expect((await cli('rules', 'es-congreso')).out).toContain(
      'threshold: ≥ 3% of valid and blank votes (per district)',
    );
    // LOE art. 20 (Ley 30995): 5 % of the valid votes nationally, or 7 seats in more than one
    expect((await cli('rules', 'pe-2021-congreso', '--lang', 'es')).out).toContain(
      'valla: (≥ 5% de los votos válidos (nacional) o ≥ 7 escaños en una asignación preliminar en ≥ 2 circunscripciones)',
    );
  });

  it('an invalid file gets coded issues with the JSON path, never a stack trace', async () => {
    const bad = file(
      'bad.json',
      JSON.stringify({
        format: 'cifra-ruleset/1',
        id: 'x',
        kind: 'list',
        label: 'x',
        totalSeats: 3,
        districts: [{ name: 'A', seats: 3 }],
        method: 'dhont',
      }),
    );
    const r = await cli(
      'seats',
      '--rules',
      bad,
      '--votes',
      file('v.csv', 'district,party,votes\nA,P,1\n'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('error ruleset_invalid at method');
    expect(r.err).not.toContain('    at ');
    // a share without "%" past the whole is 500 %: refused by `rules` and by `seats --threshold`
    const pct = file(
      'pct.json',
      JSON.stringify({
        format: 'cifra-ruleset/1',
        id: 'pct',
        label: 'pct',
        kind: 'list',
        totalSeats: 3,
        districts: [{ name: 'A', seats: 3 }],
        method: 'dhondt',
        threshold: { kind: 'share', share: '5', source: 'x' },
      }),
    );
    const shown = await cli('rules', pct);
    expect([shown.code, shown.out]).toEqual([1, '']);
    expect(shown.err).toContain('error ruleset_invalid at threshold.share');
    // the file named, as `ingest` names it (review s36: `rules FILE` named none)
    expect(shown.err).toContain(`"file":${JSON.stringify(pct)}`);
    const es = await cli('rules', pct, '--lang', 'es');
    expect(es.err).toContain('"problem":"una proporción de votos es como mucho 100 %');
    const votes = file('v5.csv', 'district,party,votes\nA,P,1\n');
    const five = await cli('seats', '--rules', 'es-congreso', '--votes', votes, '--threshold', '5');
    expect(five.code).toBe(1);
    expect(five.err).toContain('error invalid_option at threshold');
    expect(five.err).toContain('a share of votes is at most 100 %');
    const notJson = await cli('rules', file('broken.json', '{"format": '));
    expect(notJson.code).toBe(1);
    expect(notJson.err).toContain('ruleset_invalid');
    expect(notJson.err).toContain(`"file":${JSON.stringify(join(dir, 'broken.json'))}`);
    const missing = await cli('seats', '--rules', join(dir, 'nowhere.json'), '--votes', bad);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('ruleset_not_found');
    const unknownId = await cli('rules', 'pe-2031-congreso');
    expect(unknownId.err).toContain('ruleset_not_found');
  });
});

describe('built-in rulesets round trip', () => {
  // the golden data where a ruleset has it; otherwise four lists in fixed proportions in every
  // district of the ruleset (the same file for the built-in id and its exported copy)
  const golden: Record<string, string[]> = {
    'es-congreso': ['--votes', spainVotes, '--districts', spainDistricts],
    'pt-assembleia': ['--votes', dataPath('portugal/2025/votes.csv')],
    'nl-tweede-kamer': ['--votes', dataPath('netherlands/2023/votes.csv')],
    'ch-zh-gemeinderat-2018': [
      '--votes',
      dataPath('switzerland/zurich-gemeinderat-2018/votes.csv'),
    ],
  };
  it.each(builtInRulesetIds())(
    '%s exported with --format json and read back gives identical results',
    async (id) => {
      const exported = file(`${id}.json`, (await cli('rules', id, '--format', 'json')).out);
      const kind = (JSON.parse(readFileSync(exported, 'utf8')) as { kind: string }).kind;
      const run = async (rules: string): Promise<{ code: number; out: string }> =>
        kind === 'single-winner'
          ? cli('president', '--rules', rules, '--votes', presidentVotes, '--format', 'json')
          : cli(
              'seats',
              '--rules',
              rules,
              ...(golden[id] ?? ['--votes', file(`${id}.csv`, listVotes(exported))]),
              ...(id === 'nl-gemeenteraad' ? ['--seats', '15'] : []),
              '--format',
              'json',
              '--seed',
              '7',
            );
      const builtIn = await run(id);
      const fromFile = await run(exported);
      expect(builtIn.code).toBe(0);
      expect(fromFile.out).toBe(builtIn.out);
      expect(builtIn.out.length).toBeGreaterThan(100);
    },
  );
});

const presidentVotes = file(
  'president.csv',
  'candidate,votes\nA,480\nB,300\nC,220\nBLANK,50\nNULL,40\n',
);

/** Votes for every district of a ruleset file: four lists in fixed proportions. */
function listVotes(rulesFile: string): string {
  const rs = JSON.parse(readFileSync(rulesFile, 'utf8')) as { districts: { name: string }[] };
  const lines = ['district,party,votes'];
  rs.districts.forEach((d, i) => {
    for (const [p, v] of [
      ['A', 5000 + i * 37],
      ['B', 3000 + i * 11],
      ['C', 1500 - i * 13],
      ['D', 300],
    ] as const)
      lines.push(`${d.name},${p},${v}`);
  });
  return lines.join('\n') + '\n';
}

describe('cifra seats what-if', () => {
  it('--threshold, --method and --seats change the valla, the method and the house', async () => {
    const votes = file(
      'andean.csv',
      'district,party,votes\nNACIONAL,PL,400\nNACIONAL,FP,300\nNACIONAL,RP,200\nNACIONAL,AP,45\n',
    );
    const base = [
      'seats',
      '--rules',
      'pe-2026-parlamento-andino',
      '--votes',
      votes,
      '--format',
      'json',
    ];
    const seats = async (...more: string[]) =>
      JSON.parse((await cli(...base, ...more)).out) as {
        seats: Record<string, number>;
        passed: string[];
      };
    expect((await seats()).seats).toEqual({ FP: 2, PL: 2, RP: 1 });
    // AP has 4.8 %: a 4 % valla lets it in, 5 % keeps it out
    expect((await seats('--threshold', '4%')).passed).toContain('AP');
    expect((await seats('--threshold', '5%')).passed).not.toContain('AP');
    // Sainte-Laguë, 5 seats: 400, 300, 200, 133.3 PL, 100 FP → PL 2, FP 2, RP 1; with 9 seats AP gets one
    expect((await seats('--method', 'sainte-lague', '--seats', '9')).seats).toEqual({
      PL: 4,
      FP: 3,
      RP: 2,
    });
    expect((await seats('--method', 'hare', '--seats', '20')).seats).toEqual({
      PL: 9,
      FP: 6,
      RP: 4,
      AP: 1,
    });
    const bad = await cli(...base, '--method', 'borda');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('invalid_option at method');
  });

  it('--seats on a ruleset with several districts and no electorate is a coded issue', async () => {
    const r = await cli(
      'seats',
      '--rules',
      'es-congreso',
      '--votes',
      spainVotes,
      '--districts',
      spainDistricts,
      '--seats',
      '400',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('invalid_option at seats');
  });
});

describe('cifra apportion with a ruleset file', () => {
  it("uses the file's own districts and electorate; --seats apportions another house", async () => {
    const rules = file(
      'council.json',
      JSON.stringify({
        format: 'cifra-ruleset/1',
        id: 'council',
        label: 'A council',
        kind: 'list',
        totalSeats: 10,
        districts: [
          { name: 'Ward 1', electorate: 5200 },
          { name: 'Ward 2', electorate: 3100 },
          { name: 'Ward 3', electorate: 1700 },
        ],
        apportionment: { method: 'hare', minimum: 1, source: 'by-law' },
        method: 'dhondt',
      }),
    );
    const r = await cli('apportion', '--rules', rules, '--format', 'json');
    expect(r.code).toBe(0);
    // 1 each, 7 by Hare on 5200/3100/1700: 3.64, 2.17, 1.19 → 3, 2, 1 + the remainder to Ward 1 (.64)
    expect(JSON.parse(r.out)).toEqual({
      rules: 'council',
      totalSeats: 10,
      seats: { 'Ward 1': 5, 'Ward 2': 3, 'Ward 3': 2 },
      electorate: { kind: 'ruleset' },
    });
    const more = await cli('apportion', '--rules', rules, '--seats', '20', '--format', 'json');
    // 17 by Hare: 8.84, 5.27, 2.89 → 8, 5, 2 + 2 remainders (Ward 3 .89, Ward 1 .84)
    expect((JSON.parse(more.out) as { seats: object }).seats).toEqual({
      'Ward 1': 10,
      'Ward 2': 6,
      'Ward 3': 4,
    });
  });
});
