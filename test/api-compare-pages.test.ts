// The pages of a cross-check at `/api/v1/elections/{election}/compare/{a}/{b}/{page}.json`: a page
// past the last, or not a number, is no document — 404 with a code whose docs/errors.md row says
// 404, as a static host answers a file it does not have (a review found 200 with an empty page,
// and 404 `invalid_query`, a code documented as 422).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_NOT_FOUND, DOCUMENTS, type DocumentContext } from '../src/api/documents.js';
import { statusOf } from '../src/api/errors.js';
import type { CompareReport } from '../src/ingest/compare-files.js';
import type { Store } from '../src/store/store.js';

const def = DOCUMENTS.find((d) => d.url.endsWith('/compare/:a/:b/:page.json'));
if (def === undefined) throw new Error('no compare page document');

/** A cross-check with `total` disagreements: only its page matters here. */
const withDisagreements = (total: number): DocumentContext => ({
  store: {} as Store,
  compare: async (q) => ({
    ok: true,
    value: { page: { offset: q.offset, limit: q.limit, total } } as unknown as CompareReport,
  }),
});

const page = (total: number, n: string) =>
  def.make(withDisagreements(total), { election: 'e', a: 'onpe', b: 'ronderos', page: n });

const documentedStatus = (code: string): string => {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  return (
    /HTTP (\d{3})/.exec(doc.split('\n').find((l) => l.startsWith(`| \`${code}\``)) ?? '')?.[1] ?? ''
  );
};

describe('cross-check pages', () => {
  it('pages 0 … last exist (page 0 even with no disagreement)', async () => {
    expect((await page(0, '0')).ok).toBe(true);
    expect((await page(120, '2')).ok).toBe(true); // 50 a page: 0, 1, 2
  });

  it.each([
    [120, '3'],
    [0, '1'],
    [120, '9'],
    [120, 'x'],
    [120, '-1'],
  ])('with %i disagreements, page %s is 404 and its code is documented as 404', async (n, p) => {
    const r = await page(n, p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const status = statusOf(r.issues, DOCUMENT_NOT_FOUND);
    expect(status).toBe(404);
    for (const i of r.issues) expect(documentedStatus(i.code)).toBe('404');
  });
});
