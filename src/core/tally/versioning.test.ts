// How an incoming acta relates to the stored one (docs/ingest.md, "Versions").
import { describe, expect, it } from 'vitest';
import type { Acta, ActaState } from '../model/acta.js';
import { decideVersion } from './versioning.js';
import { countedActa } from '../../test-utils/acta.js';

const acta = (state: ActaState, over: Partial<Acta> = {}): Acta =>
  countedActa({ mesa: '000205', state, stateLabel: state.toUpperCase(), ...over });

describe('decideVersion', () => {
  it('applies progress: an open acta arriving, a counted one relabelled', () => {
    expect(decideVersion(acta('pending'), acta('counted'), 'import').kind).toBe('state_change');
    expect(decideVersion(acta('jee'), acta('resolved'), 'import').kind).toBe('state_change');
    expect(decideVersion(acta('pending'), acta('jee'), 'import').kind).toBe('state_change');
    expect(decideVersion(acta('counted'), acta('resolved'), 'import').kind).toBe('state_change');
  });

  // The review's case: two counted runoff actas relabelled EN PROCESO with the same figures were
  // made current, and the national count lost them.
  it('never moves a closed acta back to open on an import: a conflict, kept and flagged', () => {
    for (const closed of ['counted', 'resolved', 'annulled', 'not_installed'] as const)
      for (const open of ['pending', 'jee'] as const) {
        expect(decideVersion(acta(closed), acta(open), 'import').kind).toBe('conflict');
        expect(
          decideVersion(acta(closed), acta(open, { votes: null, voters: null }), 'import').kind,
        ).toBe('conflict');
      }
  });

  it('lets a correction reopen it (a ruling), and leaves identical content alone', () => {
    expect(decideVersion(acta('counted'), acta('jee'), 'correction').kind).toBe('correction');
    expect(decideVersion(acta('counted'), acta('counted'), 'import').kind).toBe('unchanged');
    expect(decideVersion(null, acta('pending'), 'import').kind).toBe('new');
  });

  // Session 26: a new observation on the same state and figures was labelled a state change.
  it('names a version whose only change is its observation: observation_change', () => {
    const at = (observation?: string): Acta =>
      acta('jee', observation === undefined ? {} : { observation });
    expect(decideVersion(at('ERROR MATERIAL'), at('ILEGIBILIDAD'), 'import').kind).toBe(
      'observation_change',
    );
    // given where there was none, and gone where there was one
    expect(decideVersion(at(), at('ERROR MATERIAL'), 'import').kind).toBe('observation_change');
    expect(decideVersion(at('ERROR MATERIAL'), at(), 'import').kind).toBe('observation_change');
    const counted = acta('counted', { observation: 'ERROR MATERIAL' });
    expect(decideVersion(acta('counted'), counted, 'import').kind).toBe('observation_change');
  });

  it('keeps a state change that also changes the observation a state change; a correction, a correction', () => {
    const jee = acta('jee', { observation: 'ERROR MATERIAL' });
    expect(decideVersion(jee, acta('resolved'), 'import').kind).toBe('state_change');
    const resolved = acta('resolved', { observation: 'ILEGIBILIDAD' });
    expect(decideVersion(jee, resolved, 'import').kind).toBe('state_change');
    const other = acta('jee', { observation: 'ILEGIBILIDAD' });
    expect(decideVersion(jee, other, 'correction').kind).toBe('correction');
    // other figures at the JEE, another observation: the figures moved, not only the observation
    const figures = acta('jee', { observation: 'ILEGIBILIDAD', votes: [61, 29] });
    expect(decideVersion(jee, figures, 'import').kind).toBe('state_change');
  });

  it('keeps different figures for a counted acta as a conflict', () => {
    const other = acta('counted', { votes: [61, 29] });
    expect(decideVersion(acta('counted'), other, 'import').kind).toBe('conflict');
  });
});

// The code review's case: a stale file sent again wrote another conflict version each time.
describe('a conflict already kept', () => {
  it('is not kept again when the same content comes back on an import', () => {
    const stale = acta('pending');
    expect(decideVersion(acta('counted'), stale, 'import', acta('pending')).kind).toBe('unchanged');
    const other = acta('counted', { votes: [61, 29] });
    expect(decideVersion(acta('counted'), other, 'import', stale).kind).toBe('conflict');
  });

  it('still lets a correction make that content current', () => {
    expect(decideVersion(acta('counted'), acta('jee'), 'correction', acta('jee')).kind).toBe(
      'correction',
    );
  });
});
