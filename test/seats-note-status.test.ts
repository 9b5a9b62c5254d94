// One claim per figure (review s34): the 2026 reported seat table's caption said "provisional:
// reparto sobre el 85.991 % de actas" (its pctCounted below 100: seatsOpen) while the note under
// the table said "La composición reportada se presenta como la final", README "the reported final
// composition" and PROVENANCE "Reported final composition". A reported table's note says the
// status its caption draws: open seats are never called final, settled ones never provisional.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seatsOpen } from '../src/core/pipeline/seats-open.js';
import { PROJECT_ROOT } from '../src/io/paths.js';

interface Text {
  readonly es: string;
  readonly en: string;
}
interface Seats {
  readonly kind: string;
  readonly pctCounted?: string;
  readonly note?: Text;
}

/** Calls the composition final: "se presenta como la final", "composición final", "the final one". */
const SAYS_FINAL = {
  es: /(presenta|es|da) como (la )?final|es la final|composición final(?! no)/i,
  en: /said to be the final|is the final|reported final composition|final composition/i,
};
const SAYS_PROVISIONAL = { es: /provisional/i, en: /provisional/i };

const manifests = readdirSync(join(PROJECT_ROOT, 'data', 'elections'))
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => {
    const m = JSON.parse(readFileSync(join(PROJECT_ROOT, 'data', 'elections', f), 'utf8')) as {
      seats?: Seats;
    };
    return m.seats?.note ? [[f, m.seats] as const] : [];
  });

const read = (p: string): string => readFileSync(join(PROJECT_ROOT, p), 'utf8');

describe("a reported seat table's note says the status its caption draws", () => {
  it('finds the 2026 Congress tables, both open (drawn provisional)', () => {
    const byFile = new Map(manifests);
    for (const f of ['pe-2026-diputados.json', 'pe-2026-senado.json']) {
      const s = byFile.get(f);
      expect(s, f).toBeDefined();
      expect(seatsOpen(s as Seats), f).toBe(true);
    }
  });

  it.each(manifests)('%s', (_f, seats) => {
    const open = seatsOpen(seats);
    const note = seats.note as Text;
    for (const lang of ['es', 'en'] as const) {
      if (open) {
        expect(note[lang], lang).not.toMatch(SAYS_FINAL[lang]);
        expect(note[lang], lang).toMatch(SAYS_PROVISIONAL[lang]);
      } else expect(note[lang], lang).not.toMatch(SAYS_PROVISIONAL[lang]);
    }
  });

  it('README and the 2026 PROVENANCE do not call the ~86 % composition final', () => {
    const readme = read('README.md')
      .split('\n')
      .filter(
        (l) =>
          l.startsWith('| Perú 2026, Chamber of Deputies') || l.startsWith('| Perú 2026, Senate'),
      );
    expect(readme).toHaveLength(2);
    for (const l of readme) {
      expect(l).not.toMatch(SAYS_FINAL.en);
      expect(l).toMatch(/third-party, provisional/);
    }
    const row = read('data/peru/2026/final/PROVENANCE.md')
      .split('\n')
      .find((l) => l.startsWith('| `congress_2026_seats.csv`'));
    expect(row).toBeDefined();
    expect(row).not.toMatch(/Reported final composition/i);
    expect(row).toMatch(/provisional/);
  });
});
