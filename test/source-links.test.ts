// Where a figure's source can be fetched, when its manifest says (session 28): Spain's manifest
// gives the Ministry's Infoelectoral zip as its source's `url`, which the progress document
// dropped (only the publisher's name reached the page); now it carries it as `about.sourceLinks`.
// A source without one (ONPE's captures) gives no field: nothing is made up.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { putPublishedElection } from '../src/results/published-load.js';
import { getProgress } from '../src/results/service.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

describe("the progress document's source links", () => {
  it("Spain's Infoelectoral zip, by its publisher; none for Peru's published count", async () => {
    const store = new SqliteStore(join(tempDir('cifra-source-links-'), 's.db'));
    try {
      await store.migrate();
      for (const id of ['es-2023-congreso', 'pe-2026-presidencial'])
        expect((await putPublishedElection(store, id)).ok, id).toBe(true);
      const es = await getProgress(store, 'es-2023-congreso');
      if (!es.ok) throw new Error(JSON.stringify(es));
      const links = es.value.about?.sourceLinks ?? [];
      expect(links.map((l) => l.url)).toEqual([
        'https://infoelectoral.interior.gob.es/estaticos/docxl/apliextr/02202307_TOTA.zip',
      ]);
      expect(JSON.stringify(links[0]?.publisher)).toContain('Infoelectoral 02202307_TOTA.zip');
      const pe = await getProgress(store, 'pe-2026-presidencial');
      if (!pe.ok) throw new Error(JSON.stringify(pe));
      expect(pe.value.about).toBeDefined();
      expect(pe.value.about?.sourceLinks).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
