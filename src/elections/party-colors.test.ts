import { describe, expect, it } from 'vitest';
import { deltaE, DISTINCT_PALETTE } from '../core/color-difference.js';
import { choiceColors } from './party-colors.js';

type Choice = { id: string; label: string; party: string; color?: string; remainder?: boolean };
const choices = (...names: string[]): Choice[] => names.map((n) => ({ id: n, label: n, party: n }));
const minGap = (colors: readonly string[]): number =>
  Math.min(...colors.flatMap((a, i) => colors.slice(i + 1).map((b) => deltaE(a, b))));

describe('choiceColors for parties no table or manifest colours', () => {
  it('keeps every pair at least ΔE00 15 apart (a new election with no colours)', () => {
    // the review's made-up election: P, R and S got three near-identical reds
    for (const names of [
      ['P', 'Q', 'R', 'S'],
      ['Partido A', 'Partido B', 'Partido C', 'Partido D', 'Partido E', 'Partido F'],
      Array.from({ length: 20 }, (_, i) => `Lista ${i + 1}`),
    ]) {
      const colors = choiceColors({ jurisdiction: 'xx', choices: choices(...names) });
      expect(minGap(colors), names.join()).toBeGreaterThanOrEqual(15);
    }
  });

  it('keeps a fallback apart from the colours a manifest gives, and from the remainder grey', () => {
    const colors = choiceColors({
      jurisdiction: 'xx',
      choices: [
        ...choices('P', 'Q'),
        { id: 'M', label: 'M', party: 'M', color: DISTINCT_PALETTE[0] ?? '#c0392b' },
        { id: 'O', label: 'Otras', party: '', remainder: true },
      ],
    });
    expect(minGap(colors)).toBeGreaterThanOrEqual(15);
  });

  it('gives a party the same colour in two elections when nothing close is taken', () => {
    const a = choiceColors({ jurisdiction: 'xx', choices: choices('Partido Azul') });
    const b = choiceColors({ jurisdiction: 'xx', choices: choices('Otro', 'Partido Azul') });
    const c = choiceColors({ jurisdiction: 'xx', choices: choices('Partido Azul', 'Otro') });
    expect(c[0]).toBe(a[0]);
    // in b, "Otro" came first; Partido Azul keeps its colour unless Otro's is close to it
    expect(b[1] === a[0] || deltaE(b[0] as string, a[0] as string) < 15).toBe(true);
  });
});
