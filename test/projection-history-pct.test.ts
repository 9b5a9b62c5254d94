// The projection history's % of actas (diff review s35): its table wrote fmt(pctCounted, 3) of the
// projection's float, so 199,999 of 200,000 actas read "100.000 %" with an acta still out. Each
// point now carries its actas, written by the page's one rule (web/count-pct.ts); a point recorded
// before them falls back to the float, never 100 under 100.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProjectionHistorySchema } from '../src/api/schemas.js';
import { bundledElection } from '../src/elections/manifests.js';
import { projectionHistory } from '../src/results/projection.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Places } from '../web/api-client.js';
import { historyPctText } from '../web/count-pct.js';
import { state } from '../web/ui.js';
import { tempDir } from './helpers.js';

const inLocale = (locale: string): void => {
  state.places = { jurisdiction: { locale } } as unknown as Places;
};

afterEach(() => {
  state.places = null;
});

describe('historyPctText', () => {
  it('199,999 of 200,000 actas: 99,999 %, not 100 (an acta is out), whatever the float says', () => {
    inLocale('es-ES');
    const pt = { pctCounted: 100, actasProcessed: 199_999, actasTotal: 200_000 };
    expect(`${historyPctText(pt)} %`).toBe('99,999 %');
    inLocale('es-PE');
    expect(historyPctText(pt)).toBe('99.999');
    expect(historyPctText({ pctCounted: 100, actasProcessed: 200_000, actasTotal: 200_000 })).toBe(
      '100.000',
    );
    // half-up in integers: 1 of 8,000 is 0.0125 %
    expect(historyPctText({ pctCounted: 0.013, actasProcessed: 1, actasTotal: 8_000 })).toBe(
      '0.013',
    );
  });

  it('a point recorded before its actas were kept: the float, never 100 under 100', () => {
    inLocale('es-ES');
    expect(historyPctText({ pctCounted: 99.9996 })).toBe('99,999');
    expect(historyPctText({ pctCounted: 99.9995 })).toBe('99,999');
    expect(historyPctText({ pctCounted: 99.9994 })).toBe('99,999');
    expect(historyPctText({ pctCounted: 12.3456 })).toBe('12,346');
    expect(historyPctText({ pctCounted: 100 })).toBe('100,000');
  });
});

describe("the history's points carry their actas", () => {
  const ELECTION = 'pe-2021-presidencial';
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(join(tempDir('cifra-history-pct-'), 'h.db'));
    await store.migrate();
    const e = bundledElection(ELECTION);
    if (!e) throw new Error('election');
    await store.putElection(e);
    const record = (revision: string, recordedAt: string, doc: object) => ({
      election: ELECTION,
      revision,
      recordedAt,
      pctCounted: 100,
      doc: { choices: [{ choice: 'A', median: 50, lo90: 49, hi90: 51 }], ...doc },
    });
    // a document stored before the history kept the actas, then one with them
    await store.putProjection(record('r1', '2026-12-01T00:00:00.000Z', {}));
    await store.putProjection(
      record('r2', '2026-12-01T01:00:00.000Z', { actasProcessed: 199_999, actasTotal: 200_000 }),
    );
  });
  afterAll(async () => {
    await store.close();
  });

  it('from the recorded projection, through the schema and back', async () => {
    const h = await projectionHistory(store, ELECTION);
    if (!h.ok) throw new Error('history');
    const [old, now] = h.value.points;
    expect(old).not.toHaveProperty('actasProcessed');
    expect(old).not.toHaveProperty('actasTotal');
    expect(now).toMatchObject({ pctCounted: 100, actasProcessed: 199_999, actasTotal: 200_000 });
    const wire = ProjectionHistorySchema.parse(JSON.parse(JSON.stringify(h.value)));
    expect(wire).toEqual(h.value);
    expect(wire.points.map((p) => historyPctText(p))).toEqual(['100.000', '99.999']);
    // an integer is required: a float from a broken writer is refused, not rounded
    const bad = { ...wire, points: [{ ...now, actasProcessed: 1.5 }] };
    expect(ProjectionHistorySchema.safeParse(bad).success).toBe(false);
  });
});
