// A night with actas at the JEE (the fixture of test/api-jee-votes and its browser test): in
// district 010101 FP leads JP by 20 with 25 voters at the JEE (12 + 13: they reach the margin);
// in 010102 FP leads by 50 with 10 at the JEE (they do not); the nation 70 ahead with 35 held.
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { nightCsvStore } from './night-csv.js';

const ROWS = [
  '000001,010101,CONTABILIZADA,300,103,2,1,0,60,40',
  '000002,010101,OBSERVADA,300,12,0,0,0,6,6',
  '000003,010101,OBSERVADA,300,13,1,0,0,6,6',
  '000004,010102,CONTABILIZADA,300,152,1,1,0,100,50',
  '000005,010102,OBSERVADA,300,10,0,0,0,5,5',
];

/** A new store with the night of actas at the JEE ingested. */
export const jeeNightStore = (prefix: string): Promise<SqliteStore> =>
  nightCsvStore(prefix, [{ name: 'jee-night.csv', rows: ROWS }]);
