/// <reference lib="dom" />
// A page opened before the night's first import, and a server that stops answering (review 8):
// the page said nothing and stayed blank for good (the election list was read once), and a dead
// server left the last figures on screen with no word. Now the page says there is nothing yet,
// shows the election within a poll of its first import, and says since when the server is silent.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, fixtureElection, ONPE_COLUMNS, onpeRow, tempDir } from '../helpers.js';
import { closeAll, openPage, serveDashboard } from './harness.js';

let store: SqliteStore;
let app: FastifyInstance;
let base: string;
let browser: Browser;
const dir = tempDir('cifra-empty-server-');

beforeAll(async () => {
  store = new SqliteStore(join(dir, 'night.db'));
  await store.migrate();
  ({ app, base, browser } = await serveDashboard(store));
}, 120_000);
afterAll(() => closeAll(browser, undefined, store));

describe('a night that has not begun, and a server gone silent', () => {
  it('says nothing is loaded yet, shows the first import within a poll, then says the server is silent', async () => {
    const { page, errors } = await openPage(browser, `${base}/?poll=1`, 390);
    const notice = page.locator('#server-notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain('Aún no hay resultados cargados');
    expect(await page.locator('#election option').count()).toBe(0);

    const e = fixtureElection('pe-2021-presidencial');
    if (!e) throw new Error('election');
    await store.putElection(e);
    const csv = join(dir, 'first.csv');
    writeFileSync(
      csv,
      [
        ONPE_COLUMNS.join(','),
        onpeRow('000001', '010101', 40, 50),
        onpeRow('000002', '140137', 70, 20),
      ].join('\n') + '\n',
    );
    const r = await ingestFile(store, { file: csv, election: e, now: fixedClock });
    expect(r.ok).toBe(true);
    // within a few polls of 1 s: the election is offered and drawn, the notice gone
    await expect.poll(() => page.locator('#election option').count(), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(() => page.locator('#bars li').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await notice.isHidden()).toBe(true);

    await app.close();
    await expect.poll(() => notice.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await notice.textContent()).toMatch(
      /^Sin conexión con el servidor desde el .*\d{2}:\d{2} \(hora de Lima\): las cifras de abajo pueden no estar al día/,
    );
    // the last figures stay, said to be possibly stale
    expect(await page.locator('#bars li').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
