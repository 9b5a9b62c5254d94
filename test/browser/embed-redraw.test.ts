/// <reference lib="dom" />
// The embed's map and course redraw when the store's revision moves, as the headline card does:
// a count of one update has no course yet (the frame says so), and once two more land the course
// is drawn in place, and the map's department changes hands — without a reload.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from '../helpers.js';
import { ARTIFACTS, openPage, useDashboard } from './harness.js';

const ID = 'pe-2021-presidencial';
const dir = tempDir('cifra-embed-redraw-');
let batch = 0;

/** One delivery of one counted mesa's acta in Amazonas (JSONL), as the night would import it. */
async function deliver(
  store: SqliteStore,
  mesa: string,
  votes: Readonly<Record<string, number>>,
): Promise<void> {
  const e = bundledElection(ID);
  if (!e) throw new Error(ID);
  const file = join(dir, `batch-${++batch}.jsonl`);
  const voters = Object.values(votes).reduce((a, v) => a + v, 0);
  const acta = { mesa, ubigeo: '010101', state: 'counted', eligible: 900, voters, votes };
  writeFileSync(file, JSON.stringify({ ...acta, blank: 0, null: 0 }));
  expect((await ingestFile(store, { file, election: e, now: fixedClock })).ok).toBe(true);
}

const env = useDashboard(async () => {
  const store = new SqliteStore(join(dir, 'c.db'));
  await store.migrate();
  const e = bundledElection(ID);
  if (!e) throw new Error(ID);
  await store.putElection(e);
  await deliver(store, '000001', { P7: 100, P13: 50 });
  return store;
}, 120_000);

describe('the embed redraws when the revision moves', () => {
  it('course: "no course yet" becomes the course; map: Amazonas changes hands', async () => {
    const course = await openPage(
      env.browser,
      `${env.base}/embed.html?election=${ID}&view=course&poll=1`,
      360,
    );
    const map = await openPage(
      env.browser,
      `${env.base}/embed.html?election=${ID}&view=map&poll=1`,
      360,
    );
    expect(await course.page.locator('#embed-no-course').isVisible()).toBe(true);
    expect(await course.page.locator('#course').isHidden()).toBe(true);
    const amazonas = map.page.locator('#map path[data-level="department"][aria-label^="AMAZONAS"]');
    expect(await amazonas.getAttribute('aria-label')).toMatch(/lidera/);
    const before = await amazonas.getAttribute('aria-label');
    await deliver(env.store, '000002', { P13: 200, P16: 40 });
    await deliver(env.store, '000003', { P16: 400, P11: 380 });
    await course.page.waitForSelector('#course:not([hidden]) #course-legend li');
    expect(await course.page.locator('#course-chart path.margin').count()).toBeGreaterThan(1);
    expect(await course.page.locator('#embed-no-course').isHidden()).toBe(true);
    expect(await course.page.locator('#embed-course-status').innerText()).toContain(
      'no es un resultado',
    );
    await map.page.waitForFunction(
      (b) =>
        document
          .querySelector('#map path[data-level="department"][aria-label^="AMAZONAS"]')
          ?.getAttribute('aria-label') !== b,
      before,
    );
    const after = await amazonas.getAttribute('aria-label');
    expect(after).toMatch(/lidera/);
    expect(after).not.toBe(before);
    // drawn in place: one map, one legend
    expect(await map.page.locator('#map').count()).toBe(1);
    expect(await map.page.locator('#map-legend').count()).toBe(1);
    await course.page.screenshot({ path: join(ARTIFACTS, 'embed-course-redrawn.png') });
    expect(course.errors).toEqual([]);
    expect(map.errors).toEqual([]);
    await course.page.close();
    await map.page.close();
  }, 120_000);
});
