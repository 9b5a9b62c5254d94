/// <reference lib="dom" />
// The twenty-ninth session: the footer gave the store's audit head as if the history were whole
// even when rows had been edited in the database. The server now verifies the chain itself, and
// when that fails the footer says so plainly and gives no head to record, in both languages, on
// a phone. Failed on the old code: the footer gave `registro N · hash …` for an edited store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, fixtureElection, ONPE_COLUMNS, onpeRow, tempDir } from '../helpers.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

const ID = 'pe-2021-presidencial';
const dir = tempDir('cifra-audit-failed-');

const env = useDashboard(async () => {
  const db = join(dir, 'a.db');
  const store = new SqliteStore(db);
  await store.migrate();
  await store.putElection(fixtureElection(ID));
  const file = join(dir, 'first.csv');
  writeFileSync(file, [ONPE_COLUMNS.join(','), onpeRow('000001', '010101', 40, 50)].join('\n'));
  expect(
    (await ingestFile(store, { file, election: fixtureElection(ID), now: fixedClock })).ok,
  ).toBe(true);
  // the audit log's first entry edited in the database (its time), as in test/audit-tamper.test.ts
  const raw = new Database(db);
  raw.prepare("UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 1").run();
  raw.close();
  return store;
}, 120_000);

describe("the footer when the server's check of the audit chain fails", () => {
  it('says the history does not verify, with no head, in both languages, on a phone', async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/?election=${ID}&poll=1`, 390);
    const line = page.locator('#audit-head');
    await expect
      .poll(() => line.textContent(), { timeout: 30_000 })
      .toContain(
        'el servidor la comprobó y la historia no verifica (audit_chain_broken: audit_log 1',
      );
    expect(await line.textContent()).not.toMatch(/registro \d+ · hash/);
    expect(await page.locator('#audit-hash').count()).toBe(0);
    expect(await noSideScroll(page)).toBe(true);

    await page.click('#lang');
    await expect
      .poll(() => line.textContent())
      .toContain('the server checked it and the history does not verify');
    expect(await line.textContent()).toContain('No head to record');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
