// Session 30: bytes first ingested as a correction made a later plain import of the same bytes
// "already imported" (findImport found any import of the file): the snapshot was never read as
// one. A file counts as imported once a snapshot of it was (an import, a re-read): a correction's
// bytes imported plainly are a new import, their rows unchanged, and only then "already imported".
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';
import { xqIngester } from './xf-fixture.js';

const dir = tempDir('cifra-correction-bytes-');
let xq: Awaited<ReturnType<typeof xqIngester>>;
const ingest = (file: string, mode: 'import' | 'correction', cut?: string) =>
  xq.ingest(file, mode, cut);

beforeAll(async () => {
  xq = await xqIngester(join(dir, 'xq.db'));
});

describe("a correction's bytes, imported plainly later", () => {
  it('are a new import, read and found unchanged; the next plain import of them is the repeat', async () => {
    // a ruling recorded by hand as a file: mesa 00006 with other figures
    const ruling = join(dir, 'ruling.csv');
    copyFileSync(join(xq.dir, 'actas-conflict.csv'), ruling);
    expect(await ingest(ruling, 'correction')).toMatchObject({
      ...{ alreadyImported: false, corrected: 1, importId: 2 },
    });
    // the source publishes the same bytes as its snapshot: read, not "already imported"
    const plain = await ingest(ruling, 'import');
    expect(plain).toMatchObject({
      ...{ alreadyImported: false, rowsRead: 1, unchanged: 1, new: 0, importId: 3 },
      ...{ conflicts: 0, corrected: 0, issues: [] },
    });
    // now the file is imported: given again, nothing is read, and the import named is the plain one
    const again = await ingest(ruling, 'import');
    expect(again.alreadyImported).toBe(true);
    expect(again.issues).toEqual([
      {
        code: 'already_imported',
        severity: 'warning',
        path: ['file'],
        details: { importId: 3 },
      },
    ]);
    const imports = await xq.store.listImports(xq.election.id);
    expect(imports.map((i) => [i.id, i.mode, i.fileName])).toEqual([
      [1, 'import', 'actas.csv'],
      [2, 'correction', 'ruling.csv'],
      [3, 'import', 'ruling.csv'],
    ]);
    // the acta: counted, corrected, and no version for the plain import of the same figures
    const history = await xq.store.actaHistory(xq.election.id, '00006');
    expect(history.map((h) => [h.version, h.kind, h.importId])).toEqual([
      [1, 'new', 1],
      [2, 'correction', 2],
    ]);
  });

  it("a correction's bytes given again with a later cut are a new import too, then a re-read", async () => {
    const ruling = join(dir, 'ruling-2.csv');
    writeFileSync(
      ruling,
      'mesa,ubigeo,state,eligible,voters,blank,null,impugned,A,B,C,D\n' +
        '00005,0301,COUNTED,3000,2115,10,5,0,601,699,750,50\n',
    );
    expect(await ingest(ruling, 'correction')).toMatchObject({ corrected: 1 });
    const first = await ingest(ruling, 'import', '2026-06-07T20:00:00-05:00');
    expect(first).toMatchObject({ alreadyImported: false, unchanged: 1, issues: [] });
    const later = await ingest(ruling, 'import', '2026-06-07T22:00:00-05:00');
    expect(later.alreadyImported).toBe(true);
    expect(later.issues.map((i) => [i.code, i.details?.['sameAs']])).toEqual([
      ['source_unchanged', first.importId],
    ]);
  });
  it('cifra imports names the snapshot a re-read repeats, never a correction of the same bytes', async () => {
    // diff review s30: the row looked for the latest import of the bytes whatever its mode
    const snapshot = join(dir, 'snapshot-3.csv');
    writeFileSync(
      snapshot,
      'mesa,ubigeo,state,eligible,voters,blank,null,impugned,A,B,C,D\n' +
        '00004,0301,COUNTED,3000,2115,10,5,0,601,699,750,50\n',
    );
    const first = await ingest(snapshot, 'import', '2026-06-08T20:00:00-05:00');
    const ruling = await ingest(snapshot, 'correction');
    const again = await ingest(snapshot, 'import', '2026-06-08T22:00:00-05:00');
    expect(again.issues.map((i) => [i.code, i.details?.['sameAs']])).toEqual([
      ['source_unchanged', first.importId],
    ]);
    const last = (await xq.store.listImports(xq.election.id)).at(-1);
    expect(last).toMatchObject({ mode: 'reread' });
    const out = (await cli('imports', '--db', join(dir, 'xq.db'))).out;
    const row = out.split('\n').find((l) => l.startsWith(`│ ${last?.id} `));
    expect(row).toContain(`re-read of #${first.importId} (1)`);
    expect(row).not.toContain(`re-read of #${ruling.importId}`);
  });
});
