/// <reference lib="dom" />
// A final release that leaves actas unresolved for good (ONPE 2021's runoff: 20 actas EN PROCESO,
// its manifest's `unresolved`) is a complete count with electors out of it. The page said
// "Resultado final" beside "Electores por contabilizar: 5,961" ("Electors still to count"), as if
// the count went on; session 30: their electors are named as those of the unresolved actas, in the
// count strip and the national unit's facts. Freedonia (test/fixtures/xf) with one of its six
// actas pending under a final manifest that leaves 1 acta unresolved, at 390 px in es and en.
// Failed on the old code: the strip and the facts said "Electores por contabilizar".
import { describe, expect, it } from 'vitest';
import { XF_ELECTION, xfWithPendingMesa } from '../xf-fixture.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

const env = useDashboard(async () => {
  const note = { es: 'Una acta sigue sin resolver.', en: 'One acta is still unresolved.' };
  const status = { kind: 'final', unresolved: { actas: 1, note } };
  return xfWithPendingMesa('cifra-browser-final-unresolved-', 'f.db', status);
});

const WORDS = {
  es: {
    final: 'Resultado final',
    pending: 'Pendientes: 1',
    unresolved: 'Electores de las actas sin resolver: ',
    toCount: 'Electores por contabilizar',
  },
  en: {
    final: 'Final result',
    pending: 'Pending: 1',
    unresolved: 'Electors of the unresolved actas: ',
    toCount: 'Electors still to count',
  },
} as const;

describe('a final count with actas left unresolved', () => {
  it('the API: complete, final, 1 acta out with its electors', async () => {
    const res = await fetch(`${env.base}/api/v1/elections/${XF_ELECTION}/summary.json`);
    const s = (await res.json()) as {
      status: { kind: string };
      count: { complete: boolean; actasTotal: number; actasProcessed: number };
    };
    // the premise: complete with one acta out, final
    expect(s.status.kind).toBe('final');
    expect(s.count).toMatchObject({ complete: true, actasTotal: 6, actasProcessed: 5 });
  });

  for (const lang of ['es', 'en'] as const)
    it(`390 px, ${lang}: names the electors of the unresolved actas, never "still to count"`, async () => {
      const w = WORDS[lang];
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${XF_ELECTION}&lang=${lang}`,
        390,
      );
      await page.waitForSelector('#unit-facts');
      const notice = (await page.textContent('#provisional')) ?? '';
      const progress = (await page.textContent('#progress')) ?? '';
      const facts = (await page.textContent('#unit-facts')) ?? '';
      expect(notice).toContain(w.final);
      expect(progress).toContain(w.pending);
      expect(await page.textContent('#remaining')).toMatch(new RegExp(`^${w.unresolved}\\d`));
      expect(facts).toMatch(new RegExp(`${w.unresolved}\\d`));
      for (const text of [progress, facts]) expect(text).not.toContain(w.toCount);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });
});
