// The dashboard draws one cut of the count at a time (web/cut.ts): documents read across an import
// carry different revisions, and the page must never draw them together.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUT_ATTEMPTS, decideCut, loadCut, revisionOf, sameCut } from '../web/cut.js';

const doc = (revision: string) => ({ election: 'e', revision });

describe('revisionOf and sameCut', () => {
  it('reads a revision only where a document carries one', () => {
    expect(revisionOf(doc('2:1:0:7'))).toBe('2:1:0:7');
    for (const d of [null, undefined, 'x', 7, {}, { revision: 7 }, { mesa: '000001' }])
      expect(revisionOf(d), JSON.stringify(d)).toBeNull();
  });

  it('documents without a revision (an acta, a map, an absent one) fit any cut', () => {
    expect(sameCut('a', [doc('a'), null, { mesa: '1' }])).toBe(true);
    expect(sameCut('a', [doc('a'), doc('b')])).toBe(false);
    // nothing drawn yet (no revision on the page): any document of the count is of another cut
    expect(sameCut(null, [doc('a')])).toBe(false);
  });
});

describe('decideCut', () => {
  it('draws documents of the summary revision; reads again, then keeps the view', () => {
    expect(decideCut('2', [doc('2'), doc('2'), null], 0)).toBe('draw');
    expect(decideCut('2', [doc('2'), doc('3')], 0)).toBe('retry');
    expect(decideCut('2', [doc('2'), doc('3')], CUT_ATTEMPTS - 2)).toBe('retry');
    expect(decideCut('2', [doc('2'), doc('3')], CUT_ATTEMPTS - 1)).toBe('keep');
    expect(decideCut('2', [doc('3')], 0, 1)).toBe('keep');
  });

  it('never draws two revisions together, and never refuses one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('1', '2', '3'),
        fc.array(fc.option(fc.constantFrom('1', '2', '3'))),
        fc.nat(5),
        (summary, revisions, attempt) => {
          const docs = revisions.map((r) => (r === null ? null : doc(r)));
          const mixed = revisions.some((r) => r !== null && r !== summary);
          const d = decideCut(summary, docs, attempt);
          expect(d === 'draw').toBe(!mixed);
          if (mixed) expect(d).toBe(attempt + 1 < CUT_ATTEMPTS ? 'retry' : 'keep');
        },
      ),
    );
  });
});

describe('loadCut', () => {
  /** A server whose revision moves by `imports` (one per read of the rest, in turn). */
  function server(imports: readonly boolean[]) {
    let revision = 1;
    let reads = 0;
    const asked: string[] = [];
    return {
      asked,
      summary: async () => {
        asked.push('summary');
        return doc(String(revision));
      },
      rest: async (s: { revision: string }) => {
        asked.push(`rest@${s.revision}`);
        // an import lands between the summary and the rest
        if (imports[reads++] === true) revision++;
        return new Map([['/results/national.json', doc(String(revision))]]);
      },
    };
  }

  it('an import between the summary and the rest: the summary again, then the rest', async () => {
    const s = server([true, false]);
    const cut = await loadCut(undefined, s.summary, s.rest);
    expect(cut?.summary.revision).toBe('2');
    expect(cut?.docs.get('/results/national.json')).toEqual(doc('2'));
    expect(s.asked).toEqual(['summary', 'rest@1', 'summary', 'rest@2']);
  });

  it("a poll's summary is the first attempt's", async () => {
    const s = server([false]);
    const cut = await loadCut(doc('1'), s.summary, s.rest);
    expect(cut?.summary).toEqual(doc('1'));
    expect(s.asked).toEqual(['rest@1']);
  });

  it('an import on every attempt: null (the view on screen stays), after a bounded number', async () => {
    const s = server(Array.from({ length: 10 }, () => true));
    expect(await loadCut(undefined, s.summary, s.rest)).toBeNull();
    expect(s.asked.filter((a) => a === 'summary')).toHaveLength(CUT_ATTEMPTS);
  });
});
