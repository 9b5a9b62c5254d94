// A re-read after a ruling: the source's file, read at one cut, is given again at a later cut
// after a correction reopened one of its actas (a JEE ruling: back to pending). The re-read says
// only that the source is unchanged since that read; the ruling stays the acta's current version.
// Session 31 tried reading the bytes again as an import instead: the file's older COUNTED row was
// applied over the ruling as a state change, with no issue (diff review s31), and was reverted.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { xqIngester } from './xf-fixture.js';

const dir = tempDir('cifra-reread-ruling-');
let xq: Awaited<ReturnType<typeof xqIngester>>;

beforeAll(async () => {
  xq = await xqIngester(join(dir, 'xq.db'));
});

describe('a re-read after a ruling that reopened an acta', () => {
  it('moves the cut and keeps the ruling: the acta stays pending, no version added', async () => {
    // the source's snapshot: the fixture's actas (other bytes: a trailing blank line), at a cut
    const snapshot = join(dir, 'snapshot.csv');
    writeFileSync(snapshot, readFileSync(join(xq.dir, 'actas.csv'), 'utf8') + '\n');
    const first = await xq.ingest(snapshot, 'import', '2026-06-07T20:00:00-05:00');
    expect(first).toMatchObject({ alreadyImported: false, new: 0, conflicts: 0 });
    // the ruling: mesa 00006 back to pending, figures withdrawn
    const ruling = join(dir, 'ruling.csv');
    writeFileSync(
      ruling,
      'mesa,ubigeo,state,eligible,voters,blank,null,impugned,A,B,C,D\n' +
        '00006,0401,PENDING,3000,,,,,,,,\n',
    );
    expect(await xq.ingest(ruling, 'correction')).toMatchObject({ corrected: 1 });
    const ruled = await xq.store.getActa(xq.election.id, '00006');
    expect(ruled?.state).toBe('pending');
    // the source, unchanged, at a later cut: a re-read naming the snapshot's import
    const later = await xq.ingest(snapshot, 'import', '2026-06-07T22:00:00-05:00');
    expect(later.alreadyImported).toBe(true);
    expect(later.issues.map((i) => [i.code, i.details?.['sameAs']])).toEqual([
      ['source_unchanged', first.importId],
    ]);
    // the ruling is still the acta: pending, the same version, no conflict and no new version
    const now = await xq.store.getActa(xq.election.id, '00006');
    expect(now).toMatchObject({ state: 'pending', version: ruled?.version, conflict: false });
    const history = await xq.store.actaHistory(xq.election.id, '00006');
    expect(history.map((h) => h.kind)).toEqual(['new', 'correction']);
  });
});
