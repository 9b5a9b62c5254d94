// A source alternating between two contents a ruling replaced (session 33): each switch is a new
// conflict version, as the source served it at that import; the same content again is unchanged.
// Kept on purpose (docs/ingest.md): the versions are what the source gave, import by import.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/store/audit-log.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import { acta, ELECTION, importActas } from './store-contract.js';

const pending = acta('000001', { state: 'pending', stateLabel: 'EN PROCESO', votes: null });
const counted = acta('000001');
const ruled = acta('000001', {
  state: 'pending',
  stateLabel: 'EN PROCESO',
  votes: null,
  voters: 7,
});

describe('a source alternating between two superseded contents', () => {
  it('writes one conflict per switch, none for a repeat, and verifies', async () => {
    const s = new SqliteStore(join(tempDir('cifra-alternating-'), 'store.db'));
    await s.migrate();
    await s.putElection(ELECTION);
    await importActas(s, [pending], 'i1');
    await importActas(s, [counted], 'i2');
    const ruling = await importActas(s, [ruled], 'c1', 'correction');
    const held = [];
    for (const [sha, a] of [
      ['i3', pending],
      ['i4', counted],
      ['i5', pending],
      ['i6', pending],
    ] as const)
      held.push(await importActas(s, [a], sha));
    expect(held.map((h) => [h.conflicts, h.unchanged])).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    for (const h of held.slice(0, 3))
      expect(h.superseded).toEqual([{ mesa: '000001', correction: ruling.importId }]);
    const history = await s.actaHistory(ELECTION.id, '000001');
    expect(history.map((v) => v.kind)).toEqual([
      'new',
      'state_change',
      'correction',
      'conflict',
      'conflict',
      'conflict',
    ]);
    expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({ version: 3, voters: 7 });
    expect(verifyAudit(await s.auditRecords()).breaks).toEqual([]);
    await s.close();
  });
});
