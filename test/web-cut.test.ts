// The dashboard draws one cut of the count at a time (web/cut.ts): documents read across an import
// carry different revisions, and the page must never draw them together.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CUT_ATTEMPTS,
  decideCut,
  loadCut,
  revisionOf,
  sameCut,
  UNREAD,
  type Cut,
  type Kept,
} from '../web/cut.js';

const doc = (revision: string) => ({ election: 'e', revision });
/** The cut loaded, or undefined when the view was kept. */
const drawn = <S>(c: Cut<S> | Kept): Cut<S> | undefined => ('summary' in c ? c : undefined);

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

  it('a document whose read failed is never drawn: read again, then the view kept', () => {
    // a 408 for the national results was drawn as a missing document (a panel of the cut before
    // beside this one, and "national.json: 404" on the page: review 22's live replay)
    expect(decideCut('2', [doc('2'), UNREAD], 0)).toBe('retry');
    expect(decideCut('2', [doc('2'), UNREAD], CUT_ATTEMPTS - 1)).toBe('keep');
    expect(decideCut('2', [doc('2'), null], 0)).toBe('draw');
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
    const cut = drawn(await loadCut(undefined, s.summary, s.rest));
    expect(cut?.summary.revision).toBe('2');
    expect(cut?.docs.get('/results/national.json')).toEqual(doc('2'));
    expect(s.asked).toEqual(['summary', 'rest@1', 'summary', 'rest@2']);
  });

  it("a poll's summary is the first attempt's", async () => {
    const s = server([false]);
    const cut = drawn(await loadCut(doc('1'), s.summary, s.rest));
    expect(cut?.summary).toEqual(doc('1'));
    expect(s.asked).toEqual(['rest@1']);
  });

  it('an import on every attempt: the view on screen stays, after a bounded number', async () => {
    const s = server(Array.from({ length: 10 }, () => true));
    expect(await loadCut(undefined, s.summary, s.rest)).toEqual({ kept: 'moved' });
    expect(s.asked.filter((a) => a === 'summary')).toHaveLength(CUT_ATTEMPTS);
  });

  it('a read that fails is read again; one that keeps failing keeps the view, said apart', async () => {
    const national = '/results/national.json';
    let fails = 1;
    const rest = async (s: { revision: string }) =>
      new Map<string, unknown>([[national, fails-- > 0 ? UNREAD : doc(s.revision)]]);
    const cut = drawn(await loadCut(doc('1'), async () => doc('1'), rest));
    expect(cut?.docs.get(national)).toEqual(doc('1'));
    fails = 10;
    expect(await loadCut(doc('1'), async () => doc('1'), rest)).toEqual({ kept: 'unread' });
    // a summary whose read fails (a 408, no answer) is the same
    const refused = async (): Promise<{ election: string; revision: string }> => {
      throw new Error('summary.json: 408');
    };
    expect(await loadCut(undefined, refused, rest)).toEqual({ kept: 'unread' });
  });
});
