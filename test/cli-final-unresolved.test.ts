// `cifra results` on a final count whose release leaves actas unresolved for good (ONPE 2021's
// runoff: 20 actas EN PROCESO) said "final" above "eligible voters still to come 5,961", as if the
// count went on; session 30: the electors of the unresolved actas. Freedonia with one of its six
// actas pending under a final manifest that leaves 1 unresolved; a count under way keeps "still
// to come". Failed on the old code: "eligible voters still to come" beside "final".
import { afterEach, describe, expect, it } from 'vitest';
import { renderResults } from '../src/cli/commands/actas.js';
import { useTableLanguage } from '../src/cli/format.js';
import { getResults } from '../src/results/service.js';
import { XF_ELECTION, xfWithPendingMesa } from './xf-fixture.js';

afterEach(() => useTableLanguage('en'));

/** Freedonia with mesa 00006 pending, under a manifest with `status` (null: the fixture's own). */
async function store(status: unknown) {
  return xfWithPendingMesa('cifra-cli-final-unresolved-', 'u.db', status);
}

async function nationalText(s: Awaited<ReturnType<typeof store>>, lang: 'en' | 'es') {
  const r = await getResults(s, XF_ELECTION, 'national');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  useTableLanguage(lang);
  return { doc: r.value, text: renderResults(r.value, 'table') };
}

describe('cifra results on a final count with an acta left unresolved', () => {
  it('names the electors of the unresolved actas, in both languages', async () => {
    const note = { es: 'Una acta sigue sin resolver.', en: 'One acta is still unresolved.' };
    const s = await store({ kind: 'final', unresolved: { actas: 1, note } });
    try {
      const en = await nationalText(s, 'en');
      // the premise: final, one acta pending, its electors out
      expect(en.doc.status.kind).toBe('final');
      const remaining = en.doc.units[0]?.eligibleRemaining ?? 0;
      expect(remaining).toBeGreaterThan(0);
      const n = new Intl.NumberFormat('en-US').format(remaining);
      expect(en.text).toContain(`pending 1; eligible voters of the unresolved actas ${n}`);
      expect(en.text).not.toContain('still to come');
      const es = await nationalText(s, 'es');
      expect(es.text).toContain(`pendientes 1; electores hábiles de las actas sin resolver ${n}`);
      expect(es.text).not.toContain('aún por llegar');
    } finally {
      await s.close();
    }
  });

  it('a count under way (the fixture final, yet an acta out): the electors still to come', async () => {
    const s = await store(null);
    try {
      const en = await nationalText(s, 'en');
      expect(en.doc.status.kind).toBe('provisional');
      expect(en.text).toContain('eligible voters still to come');
    } finally {
      await s.close();
    }
  });
});
