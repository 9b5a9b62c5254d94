// The current acta's conflict line names the reason of its latest conflict after the current
// version (diff review s31: every CLI and browser case had one conflict, so `find` passed as well
// as `findLast`); a correction after the conflicts is the current version, so none is after it.
import { describe, expect, it } from 'vitest';
import { currentConflictReason } from './acta-state-words.js';

describe('currentConflictReason', () => {
  it('the latest conflict after the current version gives the reason', () => {
    const history = [
      { version: 1, conflict: null },
      { version: 2, conflict: 'earlier_state' as const },
      { version: 3, conflict: 'figures' as const },
    ];
    expect(currentConflictReason(history, 1)).toBe('figures');
    expect(currentConflictReason([...history].reverse(), 1)).toBe('figures');
  });
  it('a version after the conflicts that is current (a correction) leaves none', () => {
    const history = [
      { version: 1 },
      { version: 2, conflict: 'figures' as const },
      { version: 3, conflict: null },
    ];
    expect(currentConflictReason(history, 3)).toBeNull();
  });
  it('conflicts before the current version do not count', () => {
    const history = [
      { version: 1 },
      { version: 2, conflict: 'earlier_state' as const },
      { version: 3 },
    ];
    expect(currentConflictReason(history, 3)).toBeNull();
    expect(currentConflictReason(history, 1)).toBe('earlier_state');
  });
});
