import type { Acta } from '../core/model/acta.js';

/** A counted acta for tests: 300 electors, 100 voters, 60 + 30 votes, 6 blank, 4 null. */
export const countedActa = (over: Partial<Acta> = {}): Acta => ({
  election: 'e',
  mesa: '000001',
  ubigeo: '010101',
  state: 'counted',
  stateLabel: 'CONTABILIZADA',
  eligible: 300,
  voters: 100,
  votes: [60, 30],
  blank: 6,
  null: 4,
  impugned: 0,
  ...over,
});
