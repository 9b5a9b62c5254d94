// What every browser test shares: Debian's Chromium launched headless, a page opened at a width
// with its script errors collected, the no-sideways-scroll check, the screenshots folder, and the
// 2021 runoff's per-mesa count ingested into a fresh store.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApi } from '../../src/api/server.js';
import { addContestsFile } from '../../src/elections/contests.js';
import { bundledElection } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { dataPath, PROJECT_ROOT } from '../../src/io/paths.js';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock } from '../helpers.js';

export const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Chromium from Debian, headless; the screenshots folder made. Missing Chromium is a clear error. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium (.ci/run does it)`,
    );
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The API with the dashboard over `store` on a free local port, and Chromium to read it. */
export async function serveDashboard(
  store: SqliteStore,
): Promise<{ app: FastifyInstance; base: string; browser: Browser }> {
  const app = await buildApi({ store, tokenHash: null, dashboard: true });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base, browser: await launchChromium() };
}

/** What a browser test file works with: its store, the API with the dashboard over it, Chromium. */
export interface Dashboard {
  store: SqliteStore;
  app: FastifyInstance;
  /** the API's address, e.g. http://127.0.0.1:41234 */
  base: string;
  browser: Browser;
}

/**
 * The setup every browser test file shares: before its tests, the store `makeStore` fills, the
 * API with the dashboard over it and Chromium; after them, all closed. The fields are set in
 * `beforeAll`: read them inside tests and hooks, never at the module's top level.
 */
export function useDashboard(makeStore: () => Promise<SqliteStore>, timeout = 300_000): Dashboard {
  const env: Partial<Dashboard> = {};
  beforeAll(async () => {
    env.store = await makeStore();
    Object.assign(env, await serveDashboard(env.store));
  }, timeout);
  afterAll(() => closeAll(env.browser, env.app, env.store));
  return env as Dashboard;
}

/** The FICTITIOUS regional second-round count (test/fixtures/erm-runoff) served beside the bundled. */
export function addErmRunoffFixture(): void {
  const added = addContestsFile(
    join(PROJECT_ROOT, 'test', 'fixtures', 'erm-runoff', 'manifest.json'),
  );
  if (!added.ok) throw new Error(JSON.stringify(added.error));
}

/** Closes the browser, the API and the store, each only if its setup got that far. */
export async function closeAll(
  browser: Browser | undefined,
  app: FastifyInstance | undefined,
  store: SqliteStore | undefined,
): Promise<void> {
  await browser?.close();
  await app?.close();
  await store?.close();
}

export interface OpenOptions {
  /** the viewport's height (default: a phone's 844 px under 500 px wide, else 1,000 px) */
  readonly height?: number;
  /** each wait's limit (generous: CI runs this beside other test files on two cores) */
  readonly timeout?: number;
  /** count console errors as page errors too */
  readonly consoleErrors?: boolean;
}

/** A page `width` px wide at `url`, once the dashboard says it is ready; its script errors collected. */
export async function openPage(
  browser: Browser,
  url: string,
  width: number,
  o: OpenOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({
    viewport: { width, height: o.height ?? (width > 500 ? 1000 : 844) },
  });
  page.setDefaultTimeout(o.timeout ?? 90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (o.consoleErrors) page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}

/** Nothing on the page is wider than the window (no sideways scroll on a phone). */
export const noSideScroll = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** ONPE's per-mesa files of 2021 as shipped (data/peru/2021). */
export const ONPE_2021 = {
  'pe-2021-presidencial':
    'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
  'pe-2021-presidencial-segunda':
    'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz',
} as const;

/** A new SQLite store at `file` with the `published` elections and one 2021 round's per-mesa count. */
export async function storeWithCount(
  file: string,
  published: readonly string[],
  counted: keyof typeof ONPE_2021,
): Promise<SqliteStore> {
  const store = new SqliteStore(file);
  await store.migrate();
  const e = bundledElection(counted);
  if (!e) throw new Error(counted);
  await store.putElection(e);
  for (const id of published) expect((await putPublishedElection(store, id)).ok).toBe(true);
  const r = await ingestFile(store, {
    file: dataPath(ONPE_2021[counted]),
    election: e,
    now: fixedClock,
  });
  expect(r.ok).toBe(true);
  return store;
}
