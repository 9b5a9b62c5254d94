import { describe, expect, it } from 'vitest';
import { builtInRulesetIds, readRulesetSource } from '../../elections/rulesets.js';
import { computeSeats } from '../pipeline/seats.js';
import { rulesetFromJson } from './compile.js';
import { mergePatch, whatIfRulesetFile } from './overrides.js';
import type { ListRuleset } from './ruleset.js';

/** A small valid list ruleset, to mutate in each case. */
const tiny = (): Record<string, unknown> => ({
  format: 'cifra-ruleset/1',
  id: 'tiny',
  label: 'Tiny',
  kind: 'list',
  totalSeats: 8,
  districts: [
    { name: 'North', seats: 5 },
    { name: 'South', seats: 3 },
  ],
  method: 'dhondt',
  threshold: { kind: 'share', share: '10%', source: 'test' },
});

function list(raw: unknown, options: Record<string, string> = {}): ListRuleset {
  const r = rulesetFromJson(raw, options);
  if (!r.ok || r.value.kind !== 'list') throw new Error(JSON.stringify(r));
  return r.value;
}

describe('rulesetFromJson(file) validates a ruleset file', () => {
  it('fills the documented defaults: plurality for single seats, report ties, next quotient', () => {
    const r = list(tiny());
    expect(r.singleSeatMethod.id).toBe('plurality');
    expect(r.tieBreak).toEqual({ steps: ['report'] });
    expect(r.exhaustedList).toBe('next-quotient');
    expect(r.threshold).toMatchObject({ kind: 'share', scope: 'national', base: 'valid' });
    expect(r.threshold).toMatchObject({ share: { numerator: 10, denominator: 100 } });
  });

  it.each([
    [{ ...tiny(), format: 'cifra-ruleset/9' }, ['format']],
    [{ ...tiny(), totalSeats: -1 }, ['totalSeats']],
    [{ ...tiny(), method: 'dhont' }, ['method']],
    [
      { ...tiny(), threshold: { kind: 'share', share: 'five percent', source: 't' } },
      ['threshold', 'share'],
    ],
    [{ ...tiny(), threshold: { kind: 'share', share: '5%' } }, ['threshold', 'source']],
    [{ ...tiny(), districts: [{ name: 'North', seats: 2.5 }] }, ['districts', 0, 'seats']],
    [{ ...tiny(), tieBreak: ['coin-toss'] }, ['tieBreak', 0]],
    [{ ...tiny(), colour: 'red' }, ['colour']],
  ] as const)('gives ruleset_invalid with the JSON path of the bad field (%#)', (raw, path) => {
    const r = rulesetFromJson(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.every((i) => i.code === 'ruleset_invalid')).toBe(true);
    expect(r.error.map((i) => i.path)).toContainEqual(path);
  });

  it('checks the seats add up, names are unique and plurality stays for single seats', () => {
    const bad = rulesetFromJson({
      ...tiny(),
      totalSeats: 9,
      districts: [
        { name: 'North', seats: 5 },
        { name: 'north', seats: 3 },
      ],
      method: 'plurality',
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.map((i) => i.path)).toEqual([
      ['districts', 1, 'name'],
      ['totalSeats'],
      ['method'],
    ]);
  });

  it('resolves option switches, with unknown options and values as coded issues', () => {
    const raw = {
      ...tiny(),
      options: [
        { name: 'valla', values: ['low', 'high', 'none'], default: 'low', description: 'd' },
      ],
      threshold: {
        $option: 'valla',
        cases: {
          low: { kind: 'share', share: '3%', source: 't' },
          high: { kind: 'share', share: '7%', source: 't' },
          none: null,
        },
      },
    };
    expect(list(raw).threshold).toMatchObject({ share: { numerator: 3, denominator: 100 } });
    expect(list(raw, { valla: 'high' }).threshold).toMatchObject({ share: { numerator: 7 } });
    expect(list(raw, { valla: 'none' }).threshold).toBeNull();
    expect(list(raw, { valla: 'none' }).options).toEqual({ valla: 'none' });
    const unknown = rulesetFromJson(raw, { valla: 'medium', colour: 'red' });
    expect(unknown.ok ? [] : unknown.error.map((i) => i.code)).toEqual([
      'invalid_option',
      'unknown_option',
    ]);
  });

  it('rejects a switch on an undeclared option or missing a case, and a default outside the values', () => {
    const undeclared = rulesetFromJson({ ...tiny(), method: { $option: 'm', cases: {} } });
    expect(undeclared.ok ? null : undeclared.error[0]).toMatchObject({
      code: 'ruleset_invalid',
      path: ['method'],
    });
    const missing = rulesetFromJson({
      ...tiny(),
      options: [{ name: 'm', values: ['a', 'b'], default: 'a', description: 'd' }],
      method: { $option: 'm', cases: { a: 'dhondt' } },
    });
    expect(missing.ok ? null : missing.error[0]).toMatchObject({
      path: ['method', 'cases'],
      details: { missing: ['b'] },
    });
    const badDefault = rulesetFromJson({
      ...tiny(),
      options: [{ name: 'm', values: ['a'], default: 'z', description: 'd' }],
    });
    expect(badDefault.ok ? null : badDefault.error[0]).toMatchObject({
      path: ['options', 0, 'default'],
    });
  });

  it('"$omit" removes the key that holds the switch', () => {
    const raw = {
      ...tiny(),
      options: [{ name: 'a', values: ['on', 'off'], default: 'on', description: 'd' }],
      threshold: {
        kind: 'share',
        share: '5%',
        source: 't',
        alliance: { $option: 'a', cases: { on: { kind: 'flat', extra: '1%' }, off: '$omit' } },
      },
    };
    expect(list(raw).threshold).toHaveProperty('alliance');
    expect(list(raw, { a: 'off' }).threshold).not.toHaveProperty('alliance');
  });

  it('apportions districts given without seats from their electorate', () => {
    const r = list({
      ...tiny(),
      districts: [
        { name: 'North', electorate: 620 },
        { name: 'South', electorate: 180 },
      ],
      apportionment: { method: 'hare', minimum: 1, source: 't' },
    });
    expect(r.districts.map((d) => d.seats)).toEqual([6, 2]);
  });

  it('a misspelt method name is refused with the names it could be', () => {
    const r = rulesetFromJson({ ...tiny(), method: 'dhont' });
    expect(r.ok ? null : r.error[0]).toMatchObject({ code: 'ruleset_invalid', path: ['method'] });
    const problem = r.ok ? '' : String(r.error[0]?.details?.['problem']);
    expect(problem).toContain('unknown method "dhont"');
    expect(problem).toContain('dhondt, sainte-lague');
  });

  it('remainder pooling needs a quota method in the districts', () => {
    const r = rulesetFromJson({
      ...tiny(),
      method: 'dhondt',
      tiers: [{ kind: 'remainder-pooling', method: 'hare', source: 't' }],
    });
    expect(r.ok ? null : r.error[0]).toMatchObject({ code: 'ruleset_invalid', path: ['tiers', 0] });
  });
});

describe('what-if changes (method, threshold, seats)', () => {
  const votes = [
    { district: 'North', party: 'A', votes: 5000 },
    { district: 'North', party: 'B', votes: 3000 },
    { district: 'North', party: 'C', votes: 900 },
    { district: 'South', party: 'A', votes: 2000 },
    { district: 'South', party: 'B', votes: 1500 },
    { district: 'South', party: 'C', votes: 600 },
  ];
  const whatIf = (w: Parameters<typeof rulesetFromJson>[2]): ListRuleset => {
    const r = rulesetFromJson(tiny(), {}, w);
    if (!r.ok || r.value.kind !== 'list') throw new Error(JSON.stringify(r));
    return r.value;
  };

  it('--threshold lowers the valla: C (11.6 % nationally) passes a 10 % valla and fails 12 %', () => {
    expect(computeSeats(whatIf({}), { votes }).passed).toEqual(['A', 'B', 'C']);
    expect(computeSeats(whatIf({ threshold: '12%' }), { votes }).passed).toEqual(['A', 'B']);
    expect(whatIf({ threshold: 'none' }).threshold).toBeNull();
  });

  it('a share past 100 % is refused, not read as a ratio: "5" is 500 %, never a valla', () => {
    const codes = (w: Parameters<typeof rulesetFromJson>[2]) => {
      const r = rulesetFromJson(tiny(), {}, w);
      return r.ok ? [] : r.error.map((i) => [i.code, i.path.join('.'), i.details?.['reason']]);
    };
    const over = ['invalid_option', 'threshold', 'a share of votes is at most 100 %'];
    for (const t of ['5', '150%', '1.5', '500', '3/2'])
      expect(codes({ threshold: t })).toEqual([over]);
    // the whole is a share; "0.05" and "1/20" are 5 %
    for (const t of ['100%', '1', '0.05', '1/20', '5%'])
      expect(codes({ threshold: t })).toEqual([]);
    expect(whatIf({ threshold: '0.05' }).threshold).toEqual(whatIf({ threshold: '5%' }).threshold);
    // in a file, every share: the valla's, and any other (the schema's ShareText)
    for (const share of ['5', '101%', '1.5']) {
      const r = rulesetFromJson({ ...tiny(), threshold: { kind: 'share', share, source: 't' } });
      expect(r.ok ? [] : r.error.map((i) => [i.code, i.path.join('.')])).toEqual([
        ['ruleset_invalid', 'threshold.share'],
      ]);
    }
  });

  it('a strict share needs strictly more: C at exactly 10 % passes "10%" but not a strict 10 %', () => {
    const exact = [
      { district: 'North', party: 'A', votes: 60 },
      { district: 'North', party: 'B', votes: 30 },
      { district: 'North', party: 'C', votes: 10 },
      { district: 'South', party: 'A', votes: 60 },
      { district: 'South', party: 'B', votes: 30 },
      { district: 'South', party: 'C', votes: 10 },
    ];
    const strict = rulesetFromJson({
      ...tiny(),
      threshold: { kind: 'share', share: '10%', strict: true, source: 't' },
    });
    if (!strict.ok || strict.value.kind !== 'list') throw new Error('strict');
    expect(computeSeats(whatIf({}), { votes: exact }).passed).toEqual(['A', 'B', 'C']);
    expect(computeSeats(strict.value, { votes: exact }).passed).toEqual(['A', 'B']);
  });

  it('--method and --seats change the method and the house; bad values are coded issues', () => {
    expect(whatIf({ method: 'sainte-lague' }).method.id).toBe('sainte-lague');
    expect(whatIf({ method: 'modified-sainte-lague:1.2' }).method.id).toBe(
      'modified-sainte-lague:12/10',
    );
    const bad = rulesetFromJson(tiny(), {}, { method: 'borda', threshold: 'lots', seats: 10 });
    expect(bad.ok ? [] : bad.error.map((i) => [i.code, i.path[0]])).toEqual([
      ['invalid_option', 'method'],
      ['invalid_option', 'threshold'],
      ['invalid_option', 'seats'],
    ]);
  });
});

describe('every built-in ruleset file', () => {
  it.each(builtInRulesetIds())('%s is valid and keeps its id', (id) => {
    const src = readRulesetSource(id);
    expect(src.ok).toBe(true);
    if (!src.ok) return;
    const r = rulesetFromJson(src.value.json);
    expect(r.ok ? r.value.id : r.error).toBe(id);
  });

  it('mergePatch: objects merge, null deletes, the rest replaces (RFC 7386)', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 }, f: [1] })).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      f: [1],
    });
  });
});

describe('what-if files from a request', () => {
  const codes = (r: ReturnType<typeof rulesetFromJson>) =>
    r.ok ? [] : r.error.map((i) => [i.code, i.path.join('.')]);

  it('mergePatch and option switches keep a "__proto__" key as an own key, so the schema rejects it', () => {
    const patch = JSON.parse('{"__proto__": {"totalSeats": 5}}') as unknown;
    const merged = mergePatch(tiny(), patch) as Record<string, unknown>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toContain('__proto__');
    expect(codes(rulesetFromJson(merged))).toEqual([['ruleset_invalid', '__proto__']]);
    const switched = { ...tiny(), ...(JSON.parse('{"__proto__": {"x": 1}}') as object) };
    const r = rulesetFromJson(switched);
    expect(r.ok ? null : r.error[0]?.details).toMatchObject({ check: 'unrecognized_keys' });
  });

  it('options that are not objects are issues, not a crash (found by the what-if fuzz)', () => {
    for (const options of [[null], [1], ['x']])
      expect(codes(rulesetFromJson({ ...tiny(), options }))[0]?.[0]).toBe('ruleset_invalid');
  });

  it('a switch lacking a case is reported even when the value names an inherited property', () => {
    const raw = {
      ...tiny(),
      options: [{ name: 'm', values: ['constructor'], default: 'constructor', description: 'x' }],
      method: { $option: 'm', cases: {} },
    };
    expect(codes(rulesetFromJson(raw))).toEqual([['ruleset_invalid', 'method.cases']]);
  });

  it('limits: a house or a district table too large is query_too_costly, before any apportionment', () => {
    const limits = { maxSeats: 1000, maxDistricts: 2 };
    const huge = {
      ...tiny(),
      totalSeats: 900_000_000,
      districts: [
        { name: 'North', electorate: 10 },
        { name: 'South', electorate: 20 },
      ],
      apportionment: { method: 'dhondt', source: 'test' },
    };
    // refused before apportioning: 900 million seats apportioned would not return within the
    // test's timeout (no wall-clock bound here: machines are noisy)
    expect(codes(rulesetFromJson(huge, {}, {}, limits))).toEqual([
      ['query_too_costly', 'totalSeats'],
    ]);
    const one = { ...tiny(), totalSeats: 5, districts: [{ name: 'All', seats: 5 }] };
    expect(codes(rulesetFromJson(one, {}, { seats: 1001 }, limits))).toEqual([
      ['query_too_costly', 'totalSeats'],
    ]);
    const three = { ...tiny(), districts: [...(tiny()['districts'] as object[]), { name: 'X' }] };
    expect(codes(rulesetFromJson(three, {}, {}, limits))).toEqual([
      ['query_too_costly', 'districts'],
    ]);
    expect(rulesetFromJson(tiny(), {}, {}, limits).ok).toBe(true);
  });

  it('whatIfRulesetFile: a file with a format is taken whole; anything else patches the base as in force', () => {
    const whole = { ...tiny(), id: 'other', threshold: null };
    expect(whatIfRulesetFile(tiny(), whole, {})).toEqual({ ok: true, value: whole });
    const src = readRulesetSource('pe-2026-diputados');
    if (!src.ok) throw new Error('ruleset');
    // the base's switches are resolved first: the patch reaches the share condition itself
    const patch = {
      threshold: { conditions: [{ kind: 'share', share: '4%', source: 'what-if' }] },
    };
    const f = whatIfRulesetFile(src.value.json, patch, {
      'alliance-surcharge': 'registration-only',
    });
    if (!f.ok) throw new Error(JSON.stringify(f.error));
    const r = list(f.value, { 'alliance-surcharge': 'registration-only' });
    expect(r.threshold).toMatchObject({ kind: 'all', conditions: [{ kind: 'share' }] });
    expect(r.threshold).toMatchObject({
      conditions: [{ share: { numerator: 4, denominator: 100 } }],
    });
    expect(r.options['alliance-surcharge']).toBe('registration-only');
    expect(r.exhaustedList).toBe('next-quotient');
    const bad = whatIfRulesetFile(src.value.json, {}, { nope: 'x' });
    expect(bad.ok ? [] : bad.error.map((i) => i.code)).toEqual(['unknown_option']);
  });
});

describe('an adopter’s slips are refused at load, with the fix (review 24)', () => {
  const issuesOf = (raw: unknown) => {
    const r = rulesetFromJson(raw);
    return r.ok ? [] : r.error;
  };

  it('a threshold share written as the number 0.05 gets the text to write, not "invalid input"', () => {
    const file = tiny();
    file['threshold'] = { kind: 'share', share: 0.05, source: 'test' };
    const issues = issuesOf(file);
    expect(issues.map((i) => i.path.join('.'))).toEqual(['threshold.share']);
    expect(String(issues[0]?.details?.['problem'])).toContain('write "0.05" (read as a ratio)');
    file['threshold'] = { kind: 'share', share: 5, source: 'test' };
    expect(String(issuesOf(file)[0]?.details?.['problem'])).toContain('write "5%"');
  });

  it('a district with 0 seats is refused (only beside compensation seats may one have none)', () => {
    const file = tiny();
    file['districts'] = [
      { name: 'North', seats: 8 },
      { name: 'South', seats: 0 },
    ];
    expect(issuesOf(file).map((i) => [i.code, i.path.join('.')])).toEqual([
      ['ruleset_invalid', 'districts.1.seats'],
    ]);
  });
});
