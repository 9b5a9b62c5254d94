// ERM 2022's national picture as cifra derives it (not a golden file: no official publication
// states these counts; they are worked from the rules on the captured figures, review 20 L10 and
// session 22). On this capture Tacna's 30.6 % with up to 20 actas × 300 votes out is a lead, not
// a win (LOE art. 52, Ley 27683 art. 5), and Cajamarca's and Piura's runoff pairs could still
// change: 15 governors decided outright, 7 pairs decided (14 places in runoffs), 10 governors open.
import { describe, expect, it } from 'vitest';
import { computeContests, nationalPicture } from '../src/core/pipeline/contests.js';
import { loadContests } from '../src/elections/contests.js';

const loaded = loadContests('pe-erm-2022');
if (!loaded.ok) throw new Error(JSON.stringify(loaded.error.slice(0, 3)));
const { sets, manifest } = loaded.value;
const result = computeContests(sets, { seed: 2022 });
const n = nationalPicture(result.contests, manifest.nationalParties.names);

describe('ERM 2022 national picture, rule-worked (pe-erm-2022)', () => {
  it('counts as won only what is decided: 15 governors, the decided mayors; 14 runoff places; 10 governors open', () => {
    const heads = n.byType.reduce((a, t) => a + t.heads, 0);
    const councils = result.contests.filter(
      (c) => c.type === 'council' && c.head !== null && c.decided !== null,
    ).length;
    expect(heads).toBe(15 + councils);
    expect(n.byType.reduce((a, t) => a + t.runoffs, 0)).toBe(14);
    expect(n.open.filter((id) => id.startsWith('governor/'))).toHaveLength(10);
  });

  it('seats: decided ones and those on the votes counted add up to every council allocation', () => {
    const allocated = result.contests.reduce(
      (a, c) => a + (c.type === 'council' ? Object.values(c.seats).reduce((x, y) => x + y, 0) : 0),
      0,
    );
    const decided = n.byType.reduce((a, t) => a + t.seats, 0);
    const open = n.byType.reduce((a, t) => a + t.seatsOpen, 0);
    expect(decided + open).toBe(allocated);
    const openCouncils = result.contests.filter(
      (c) => c.type === 'council' && c.seatsDecided === null,
    );
    expect(open).toBe(
      openCouncils.reduce(
        (a, c) =>
          a + (c.type === 'council' ? Object.values(c.seats).reduce((x, y) => x + y, 0) : 0),
        0,
      ),
    );
    // every council whose seats are open is an open contest
    for (const c of openCouncils) expect(n.open).toContain(c.id);
  });
});
