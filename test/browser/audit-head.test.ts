/// <reference lib="dom" />
// The twenty-seventh brief (M8): the live site gave an observer no audit head to record. The
// footer now says the store's head (entry number, the whole chain hash, its time) in the page's
// language, follows an import by itself, and wraps on a phone. Failed on the old code: no
// #audit-head.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, fixtureElection, ONPE_COLUMNS, onpeRow, tempDir } from '../helpers.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

const ID = 'pe-2021-presidencial';
const dir = tempDir('cifra-audit-head-');

async function deliver(store: SqliteStore, name: string, rows: string[]): Promise<void> {
  const file = join(dir, name);
  writeFileSync(file, [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n');
  const r = await ingestFile(store, { file, election: fixtureElection(ID), now: fixedClock });
  expect(r.ok).toBe(true);
}

const env = useDashboard(async () => {
  const store = new SqliteStore(join(dir, 'a.db'));
  await store.migrate();
  await store.putElection(fixtureElection(ID));
  await deliver(store, 'first.csv', [onpeRow('000001', '010101', 40, 50)]);
  return store;
}, 120_000);

describe("the footer's audit head", () => {
  it('says the store head, follows an import, in both languages, on a phone', async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/?election=${ID}&poll=1`, 390);
    const line = page.locator('#audit-head');
    const first = await env.store.auditHead();
    await expect.poll(() => line.textContent()).toContain(`registro ${first.count} · hash`);
    // what the server verified itself (the 29th session): the whole store as it started
    await expect
      .poll(() => line.textContent())
      .toContain(`verificada por el servidor hasta el registro ${first.count}`);
    expect(await page.textContent('#audit-hash')).toBe(first.hash);
    expect(await line.textContent()).toContain('cifra audit verify --since');
    expect(await line.textContent()).toContain('(hora de Lima)');
    expect(await noSideScroll(page)).toBe(true);

    await deliver(env.store, 'second.csv', [onpeRow('000002', '140137', 70, 20)]);
    const second = await env.store.auditHead();
    expect(second.hash).not.toBe(first.hash);
    await expect.poll(() => page.textContent('#audit-hash'), { timeout: 30_000 }).toBe(second.hash);

    await page.click('#lang');
    await expect.poll(() => line.textContent()).toContain(`Audit chain: entry ${second.count}`);
    // the other process's import verified from the head checked before (a read started it)
    await expect
      .poll(() => line.textContent(), { timeout: 30_000 })
      .toContain(`verified by the server through entry ${second.count}`);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
