// What a store says of a presidential round's settlement, everywhere it is said: the summary, the
// seats' outcome, the first department's map flag and `cifra seats` in both languages — so a test
// can check they agree (shared by complete-impugned and final-unresolved).
import { expect } from 'vitest';
import { SummarySchema } from '../src/api/schemas.js';
import { runElectionSeats } from '../src/cli/commands/seats.js';
import { useTableLanguage } from '../src/cli/format.js';
import { unitLeadHolds } from '../src/results/leaders.js';
import { getResults, getSeats } from '../src/results/service.js';
import { getSummary } from '../src/results/summary.js';
import type { Store } from '../src/store/store.js';

/** The store's answers for election `id` (then closes the store). */
export async function settlementAnswers(
  store: Store,
  def: Parameters<typeof unitLeadHolds>[0],
  id: string,
) {
  const s = await getSummary(store, id);
  const seats = await getSeats(store, id);
  const dept = await getResults(store, id, 'department');
  const cli: Record<'en' | 'es', string> = { en: '', es: '' };
  for (const lang of ['en', 'es'] as const) {
    useTableLanguage(lang);
    const io = { out: (t: string) => (cli[lang] += t), err: () => undefined };
    expect(await runElectionSeats(store, { election: id, format: 'table', lang }, io)).toBe(0);
  }
  useTableLanguage('en');
  await store.close();
  if (!s.ok || !seats.ok || !dept.ok) throw new Error('no answer');
  const unit = dept.value.units[0];
  if (unit === undefined) throw new Error('no department');
  const holds = unitLeadHolds(def, unit.choices, {
    eligibleRemaining: unit.eligibleRemaining,
    impugned: unit.impugned,
    pendingWithFigures: unit.actas?.pendingWithFigures,
  });
  if (seats.value.kind !== 'presidential') throw new Error(seats.value.kind);
  return { summary: SummarySchema.parse(s.value), seats: seats.value, holds, unit, cli };
}
