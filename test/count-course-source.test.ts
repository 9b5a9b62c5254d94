// Review L17: a published count course named the final capture as its source ("ONPE 100 %,
// captured on 2 July"), though its points are every update captured from 8 June on. It names its
// own file's publisher now: the captures it holds. Failed on the old code: the final's name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { getCountCourse } from '../src/results/service.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const ID = 'pe-2026-presidencial-segunda';

describe("the count course's source", () => {
  it('is the course capture (every update, 8 June to 2 July), not the final one', async () => {
    const manifest = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'data', 'elections', `${ID}.json`), 'utf8'),
    ) as { course: { publisher: unknown }; sources: { publisher: unknown }[] };
    const store = new SqliteStore(join(tempDir('cifra-course-source-'), 'c.db'));
    await store.migrate();
    try {
      expect((await putPublishedElection(store, ID)).ok).toBe(true);
      const c = await getCountCourse(store, ID);
      if (!c.ok) throw new Error(JSON.stringify(c.issues));
      expect(c.value.points.length).toBeGreaterThan(1);
      expect(c.value.source).toEqual(manifest.course.publisher);
      expect(c.value.source).not.toEqual(manifest.sources[0]?.publisher);
      expect(JSON.stringify(c.value.source)).toContain('desde el 8 de junio (94.8 %)');
    } finally {
      await store.close();
    }
  });
});
