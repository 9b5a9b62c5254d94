/// <reference lib="dom" />
// An import landing while the page reads a cut (web/cut.ts): the summary read at one revision,
// the national results at the next. The page must never draw figures of two cuts together (the
// leader's margin of one beside the valid votes of another) and must end on the new cut — on the
// live API and on the static site `cifra publish` writes, drilled into a department.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { publishSite } from '../../src/api/publish-site.js';
import { buildOpenApi } from '../../src/api/server.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock } from '../helpers.js';
import { RUNOFF as ID, runoffActa as acta, runoffStore } from '../runoff-deliveries.js';
import { useDashboard } from './harness.js';
import { servePublished } from './nginx.js';

// the 2021 runoff without its universe: the few mesas below are the whole count
let dir: string;
let store: SqliteStore;
let deliver: (rows: readonly object[]) => Promise<void>;

/**
 * Each cut's figures, by hand from the actas delivered (all in Amazonas, so the department's valid
 * votes are the nation's): valid votes, the leader's margin, % of actas counted.
 */
const CUTS = {
  // 000001 counted (P1 110, P2 70), three of four pending
  A: { valid: '180', margin: '40', pct: '25.000 %' },
  // + 000002 (P1 25, P2 120): P1 135, P2 190
  B: { valid: '325', margin: '55', pct: '50.000 %' },
  // + 000003 (P1 100, P2 10): P1 235, P2 200
  C: { valid: '435', margin: '35', pct: '75.000 %' },
} as const;
type CutName = keyof typeof CUTS;

const env = useDashboard(async () => {
  ({ store, dir, deliver } = await runoffStore('cifra-revision-mix-'));
  await deliver([
    acta('000001', true, { P1: 110, P2: 70 }),
    acta('000002', false),
    acta('000003', false),
    acta('000004', false),
  ]);
  return store;
}, 120_000);

/** What the page shows of each document, sampled before every frame it paints. */
interface Sample {
  valid: string;
  lead: string;
  unit: string;
  pct: string;
}

/** Records each new sample in `window.samples` from the page's first frame. */
function sampleFrames(): void {
  const w = window as unknown as { samples: Sample[] };
  w.samples = [];
  const text = (id: string): string => document.getElementById(id)?.textContent ?? '';
  const tick = (): void => {
    const s = { valid: text('total-valid'), lead: text('lead'), unit: text('unit-facts'), pct: '' };
    s.pct = text('pct-actas');
    const last = w.samples.at(-1);
    if (!last || JSON.stringify(last) !== JSON.stringify(s)) w.samples.push(s);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** The cuts a sample's figures could come from (every cut when it shows none). */
function cutsOf(s: Sample): CutName[] {
  const margin = /(\d+) votos? sobre/.exec(s.lead)?.[1];
  const unit = /Votos válidos: (\d+)/.exec(s.unit)?.[1];
  return (Object.keys(CUTS) as CutName[]).filter((k) => {
    const c = CUTS[k];
    return (
      (s.valid === '' || s.valid === c.valid) &&
      (margin === undefined || margin === c.margin) &&
      (unit === undefined || unit === c.valid) &&
      (s.pct === '' || s.pct === c.pct)
    );
  });
}

/**
 * Opens `url` (drilled into Amazonas), lets `landed` import a new cut when the page first asks
 * for the national results (after its summary), and returns what the page showed, frame by frame.
 */
async function openAcrossImport(url: string, landed: () => Promise<void>): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(60_000);
  await page.addInitScript(sampleFrames);
  let first = true;
  await page.route('**/results/national.json', async (route) => {
    if (first) {
      first = false;
      await landed();
    }
    await route.continue();
  });
  // no poll during the test: what the page shows is what its first load drew
  await page.goto(`${url}/?election=${ID}&level=department&code=01&poll=600`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#unit-facts');
  return page;
}

/** Every frame showed one cut's figures; the last shows all of `cut`'s. */
async function expectOneCutEachFrame(page: Page, cut: CutName): Promise<void> {
  const samples = await page.evaluate(() => (window as unknown as { samples: Sample[] }).samples);
  const mixed = samples.filter((s) => cutsOf(s).length === 0);
  expect(mixed, 'frames with figures of two cuts').toEqual([]);
  const last = samples.at(-1);
  expect(last && cutsOf(last)).toEqual([cut]);
  expect(last?.valid).toBe(CUTS[cut].valid);
  expect(last?.lead).toContain(`${CUTS[cut].margin} votos`);
  expect(last?.unit).toContain(`Votos válidos: ${CUTS[cut].valid}`);
  expect(await page.getAttribute('body', 'data-error')).toBeNull();
  expect(await page.isHidden('#cut-notice')).toBe(true);
}

describe('an import between the summary and the rest', () => {
  it('the live API: the page reads the new cut again and draws it whole', async () => {
    const page = await openAcrossImport(env.base, () =>
      deliver([acta('000002', true, { P1: 25, P2: 120 })]),
    );
    await expectOneCutEachFrame(page, 'B');
    await page.close();
  });

  it('the static site: a re-publish between the reads, the same', async () => {
    const { site, stop } = await servePublished(store, dir, fixedClock());
    try {
      const page = await openAcrossImport(site, async () => {
        await deliver([acta('000003', true, { P1: 100, P2: 10 })]);
        const again = await publishSite(store, join(dir, 'site'), buildOpenApi(), fixedClock());
        expect(again.ok).toBe(true);
      });
      await expectOneCutEachFrame(page, 'C');
      await page.close();
    } finally {
      stop();
    }
  });
});

/** The cut the store holds now, by its national valid votes. */
async function currentCut(): Promise<CutName> {
  const res = await fetch(`${env.base}/api/v1/elections/${ID}/results/national.json`);
  const valid = String(((await res.json()) as { units: { valid: number }[] }).units[0]?.valid);
  const name = (Object.keys(CUTS) as CutName[]).find((k) => CUTS[k].valid === valid);
  if (name === undefined) throw new Error(`no cut with ${valid} valid votes`);
  return name;
}

/** A phone opens Amazonas while national.json is refused with a 408 (`times` times); its errors. */
async function openRefused(times: number): Promise<{ page: Page; errors: string[] }> {
  const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
  page.setDefaultTimeout(60_000);
  await page.addInitScript(sampleFrames);
  // the browser's own line for a failed request is not the page's error
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      errors.push(m.text());
  });
  let refused = 0;
  await page.route('**/results/national.json', async (route) => {
    if (refused++ >= times) return route.continue();
    // what the server answered a phone's request after its loop was held (src/api/http-safety.ts)
    await route.fulfill({ status: 408, json: { error: 'invalid_query', issues: [] } });
  });
  await page.goto(`${env.base}/?election=${ID}&level=department&code=01&poll=600`);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}

describe('a read of the cut that fails (review 22: a 408 during a live replay)', () => {
  it('is read again: the page draws one cut whole, with no error', async () => {
    // failed on the old code: the 408 was drawn as a missing document, the headline of the cut
    // before stayed beside this one's progress, and "national.json: 404" was the page's error
    const { page, errors } = await openRefused(1);
    await page.waitForSelector('#unit-facts');
    await expectOneCutEachFrame(page, await currentCut());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fails on every attempt: nothing half drawn, and the page says it is updating', async () => {
    const { page, errors } = await openRefused(Number.MAX_SAFE_INTEGER);
    await page.waitForSelector('#cut-notice:not([hidden])');
    expect(await page.textContent('#cut-notice')).toBe(
      'Actualizando: el servidor no entregó todos los datos; se reintenta',
    );
    expect(await page.getAttribute('body', 'data-error')).toBeNull();
    const samples = await page.evaluate(() => (window as unknown as { samples: Sample[] }).samples);
    expect(samples.every((s) => s.valid === '' && s.pct === '')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
