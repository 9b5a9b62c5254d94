// The 2026 first round keeps 29 candidates as one remainder ("OTROS 29 CANDIDATOS", 3,778,318
// votes), more than Keiko Fujimori's 2,877,678. It is no contender: the summary, the count's
// course and `cifra results` name the same leader by one rule (review 7, M1: the course named
// "otros" leader, as the summary and the dashboard did not).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderResults } from '../src/cli/commands/actas.js';
import { leadersOf, leadOf } from '../src/results/leaders.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { election, getCountCourse, getResults } from '../src/results/service.js';
import { getSummary } from '../src/results/summary.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const MANIFEST = 'data/elections/pe-2026-presidencial.json';
const NATIONAL = 'data/peru/2026/final/first_round_2026_final_national.results.csv';

/** The bundled first round with a course of two updates, each led in votes by the remainder. */
function withCourse(dir: string): string {
  const m = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, unknown> & {
    id: string;
    sources: { file: string }[];
  };
  const base = dirname(resolve(MANIFEST));
  for (const src of m.sources) src.file = resolve(base, src.file);
  const [header, total] = readFileSync(NATIONAL, 'utf8').trim().split('\n');
  const cols = (header ?? '').split(',');
  const row = (time: string, counted: number, scale: number): string =>
    (total ?? '')
      .split(',')
      .map((v, i) => {
        const c = cols[i] ?? '';
        if (c === 'level') return 'course';
        if (c === 'code' || c === 'name') return time;
        if (c === 'actas_counted') return String(counted);
        // every vote scaled alike: the remainder out-polls every candidate at each update
        return i >= cols.indexOf('keiko-fujimori') && v !== '' ? String(Math.round(+v * scale)) : v;
      })
      .join(',');
  const course = join(dir, 'course.csv');
  writeFileSync(
    course,
    [header, row('2026-04-13T06:00:00Z', 50_000, 0.5), row('2026-04-20T06:00:00Z', 92_766, 1)]
      .join('\n')
      .concat('\n'),
  );
  const file = join(dir, 'with-course.json');
  const course_ = { format: 'cifra-aggregate-csv', file: course, publisher: 'test' };
  writeFileSync(file, JSON.stringify({ ...m, id: `${m.id}-course`, course: course_ }));
  return file;
}

describe('a remainder with the most votes leads nothing', () => {
  let store: SqliteStore;
  let id: string;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await store.migrate();
    const put = await putPublishedElection(store, withCourse(tempDir('cifra-leader-')));
    if (!put.ok) throw new Error(JSON.stringify(put.error));
    id = put.value.id;
  });
  afterAll(() => store.close());

  it('by the rule itself: the itemised first, a tie leads nobody', () => {
    const def = { choices: [{ id: 'otros', remainder: true }, { id: 'a' }, { id: 'b' }] };
    const votes = [
      { id: 'a', votes: 5 },
      { id: 'b', votes: 3 },
      { id: 'otros', votes: 9 },
    ];
    expect(leadersOf(def, votes).map((c) => c.id)).toEqual(['a', 'b']);
    expect(leadOf(def, votes)).toMatchObject({ leader: { id: 'a' }, margin: 2 });
    expect(leadOf({ choices: [] }, votes)).toMatchObject({ leader: { id: 'otros' }, margin: 4 });
    expect(leadOf(def, [{ id: 'a', votes: 3 }, ...votes.slice(1)]).leader).toBeNull();
  });

  it('the summary and every point of the course name the same leader, never "otros"', async () => {
    const s = await getSummary(store, id);
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    expect(s.value.leaders[0]?.id).toBe('keiko-fujimori');
    const c = await getCountCourse(store, id);
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    expect(c.value.points.length).toBe(2);
    for (const p of c.value.points) {
      const otros = p.votes.find((v) => v.id === 'otros')?.votes ?? 0;
      expect(otros).toBeGreaterThan(
        Math.max(...p.votes.filter((v) => v.id !== 'otros').map((v) => v.votes)),
      );
      expect(p.leader).toBe(s.value.leaders[0]?.id);
      const of = (id: string): number => p.votes.find((v) => v.id === id)?.votes ?? 0;
      expect(p.margin).toBe(of('keiko-fujimori') - of('roberto-sanchez'));
    }
  });

  it('`cifra results` by unit names the itemised leader', async () => {
    const r = await getResults(store, id, 'national');
    const e = await election(store, id);
    if (!r.ok || !e.ok) throw new Error('results');
    const u = r.value.units[0];
    if (u === undefined) throw new Error('unit');
    // two units of the same figures: the table with a leader column
    const doc = { ...r.value, units: [u, { ...u, code: 'PE2', name: 'copy' }] };
    const text = renderResults(doc, 'table', { election: e.value });
    expect(text).toContain('KEIKO FUJIMORI');
    expect(text).not.toContain('OTROS 29');
  });
});
