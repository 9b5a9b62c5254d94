// The cross-check's rows filtered by reason and by place (review 26 M12): the dashboard's filters
// ask the API for them; the summary stays the whole comparison. ONPE vs ronderos.pe on the 2021
// runoff (README, test/golden/peru-2021-runoff-compare.test.ts): 21 mesas disagree, 20 by state,
// and one, 012438 in Bambamarca (060701, Cajamarca), by its counts only.
import { describe, expect, it } from 'vitest';
import { compareService } from '../src/api/compare.js';

const compare = compareService();
const q = {
  election: 'pe-2021-presidencial-segunda',
  a: 'onpe',
  b: 'ronderos',
  offset: 0,
  limit: 100,
} as const;
const rows = async (extra: object) => {
  const r = await compare({ ...q, ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('GET /api/v1/compare: reason and unit', () => {
  it('reason keeps the mesas with it; the summary is the whole comparison', async () => {
    const all = await rows({});
    expect(all.page.total).toBe(21);
    const state = await rows({ reason: 'state_differs' });
    expect(state.page.total).toBe(20);
    expect(state.disagreements.every((d) => d.reasons[0]?.reason === 'state_differs')).toBe(true);
    expect(state.mesas).toEqual(all.mesas);
    const counts = await rows({ reason: 'count_differs' });
    expect(counts.disagreements.map((d) => d.mesa)).toContain('012438');
  }, 240_000);

  it('unit keeps the mesas placed in it: a department, a district', async () => {
    for (const unit of ['06', '060701']) {
      const r = await rows({ unit });
      expect(r.disagreements.map((d) => d.mesa)).toContain('012438');
      expect(r.disagreements.every((d) => (d.a?.place ?? '').startsWith(unit))).toBe(true);
    }
    // Umari (090706, Huánuco): 901611, EN PROCESO in ONPE's file, annulled in ronderos.pe's
    const huanuco = await rows({ unit: '09', reason: 'state_differs' });
    expect(huanuco.disagreements.map((d) => d.mesa)).toContain('901611');
    expect(huanuco.disagreements.map((d) => d.mesa)).not.toContain('012438');
  }, 240_000);
});
