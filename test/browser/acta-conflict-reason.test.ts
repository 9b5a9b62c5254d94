/// <reference lib="dom" />
// Session 30: the mesa view's history showed a stale file's conflict only as "conflicto entre
// fuentes · Por contabilizar", the same words as a conflict of other figures. Mesa 00006 of
// Quetzalia (test/fixtures/xq): counted (actas.csv), then a second source's other figures
// (actas-conflict.csv, a conflict of figures), then an older file with it pending (an earlier
// state), then a ruling that sets it pending on purpose (a correction). Each conflict says why it
// was kept — as recorded, against the counted version held then, not the pending one now — in
// the CLI's words (ACTA_CONFLICT_WORDS), on a phone, in Spanish and in English.
// Session 31: the current acta's badge said only "Conflicto: otra versión no fue aplicada (otras
// cifras, o un estado anterior…)", whichever. The stale file also has mesa 00004 pending (counted
// before: an earlier state) and 00005 with other figures: each badge says its own reason.
// Session 32: a ruling reopens 00003 (counted in actas.csv), and the source's next file still
// gives it counted with the same figures: a conflict kept because a correction replaced it.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ElectionDef } from '../../src/core/model/acta.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { PROJECT_ROOT } from '../../src/io/paths.js';
import { fixedClock, tempDir } from '../helpers.js';
import { manifestStore } from '../xf-fixture.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

const XQ = join(PROJECT_ROOT, 'test', 'fixtures', 'xq');
const ELECTION = 'xq-2026-parlamento';
const HEADER = 'mesa,ubigeo,state,eligible,voters,blank,null,impugned,A,B,C,D';
/** Mesa 00006 not counted yet: its electors, no figure. */
const PENDING_ROW = '00006,0401,PENDING,3000,,,,,,,,';
/** Mesa 00004, counted in actas.csv, reported pending again (a stale file). */
const STALE_00004 = '00004,0202,PENDING,2000,,,,,,,,';
/** Mesa 00005 with other figures than actas.csv's (A 601, B 699 where it has 600 and 700). */
const FIGURES_00005 = '00005,0301,COUNTED,3000,2115,10,5,0,601,699,750,50';
/** Mesa 00003 as actas.csv counts it, and reopened by a ruling. */
const COUNTED_00003 = '00003,0201,COUNTED,3000,2215,10,5,0,700,1000,450,50';
const REOPENED_00003 = '00003,0201,PENDING,3000,,,,,,,,';

const env = useDashboard(async () => {
  const dir = tempDir('cifra-browser-acta-conflict-reason-');
  const stale = join(dir, 'stale.csv');
  writeFileSync(stale, `${HEADER}\n${PENDING_ROW}\n${STALE_00004}\n${FIGURES_00005}\n`);
  const store = await manifestStore(
    join(dir, 'xq.db'),
    join(XQ, 'xq-2026.json'),
    join(XQ, 'jurisdictions'),
    [join(XQ, 'actas-conflict.csv'), stale],
  );
  const ruling = join(dir, 'ruling.csv');
  writeFileSync(ruling, `${HEADER},observation\n${PENDING_ROW},RECOUNT ORDERED\n`);
  const election = (await store.getElection(ELECTION)) as ElectionDef;
  const r = await ingestFile(store, {
    file: ruling,
    election,
    mode: 'correction',
    now: fixedClock,
  });
  expect(r.ok && r.report.corrected).toBe(1);
  const reopen = join(dir, 'reopen.csv');
  writeFileSync(reopen, `${HEADER}\n${REOPENED_00003}\n`);
  const ruled = await ingestFile(store, {
    file: reopen,
    election,
    mode: 'correction',
    now: fixedClock,
  });
  expect(ruled.ok && ruled.report.corrected).toBe(1);
  // the source's next file, not caught up with the ruling (another file: other bytes)
  const lagging = join(dir, 'lagging.csv');
  writeFileSync(lagging, `${HEADER}\n${COUNTED_00003}\n`);
  const held = await ingestFile(store, { file: lagging, election, now: fixedClock });
  expect(held.ok && held.report.issues.map((i) => i.code)).toEqual([
    'acta_superseded_by_correction',
  ]);
  return store;
});

interface ActaDoc {
  current: { state: string; version: number };
  history: { version: number; kind: string; conflict: string | null; acta: { state: string } }[];
}

const WORDS = {
  es: {
    earlierNow:
      'Conflicto: una importación posterior volvió a un estado anterior al que tiene (¿archivo desfasado?), no aplicado',
    figuresNow: 'Conflicto: una importación posterior trajo otras cifras, no aplicadas',
    earlier: 'conflicto: un estado anterior al que tenía (¿archivo desfasado?)',
    figures: 'conflicto: otras cifras que las que tenía',
    supersededNow:
      'Conflicto: una importación posterior trajo la versión que la corrección reemplazó (¿la fuente no se ha puesto al día?), no aplicada',
    superseded:
      'conflicto: la versión que una corrección reemplazó (¿la fuente no se ha puesto al día?)',
    pending: 'Por contabilizar',
    counted: 'Contabilizada',
  },
  en: {
    earlierNow:
      'Conflict: a later import went back to an earlier state than the one held (a stale file?), not applied',
    figuresNow: 'Conflict: a later import gave other figures, not applied',
    earlier: 'conflict: an earlier state than the one it held (a stale file?)',
    figures: 'conflict: other figures than the ones it held',
    supersededNow:
      'Conflict: a later import gave the version the correction replaced (the source not caught up?), not applied',
    superseded: 'conflict: the version a correction replaced (the source not caught up?)',
    pending: 'To be counted',
    counted: 'Counted',
  },
} as const;

describe("the mesa view's conflicts, each with its reason", () => {
  for (const lang of ['es', 'en'] as const)
    it(`${lang}, 390 px: an earlier state and other figures, each in its own words`, async () => {
      const acta = (await (
        await fetch(`${env.base}/api/v1/actas/00006?election=${ELECTION}`)
      ).json()) as ActaDoc;
      // the API: the reason of each conflict as recorded, though the acta is pending now
      expect(acta.current).toMatchObject({ state: 'pending', version: 4 });
      expect(acta.history.map((h) => [h.version, h.kind, h.conflict, h.acta.state])).toEqual([
        [1, 'new', null, 'counted'],
        [2, 'conflict', 'figures', 'counted'],
        [3, 'conflict', 'earlier_state', 'pending'],
        [4, 'correction', null, 'pending'],
      ]);

      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${ELECTION}&mesa=00006&lang=${lang}`,
        390,
        { consoleErrors: true, timeout: 60_000 },
      );
      await page.waitForSelector('#acta-history li[data-version="4"]');
      const w = WORDS[lang];
      const summary = (v: number) =>
        page.locator(`#acta-history li[data-version="${v}"] summary`).textContent();
      expect(await summary(3)).toContain(`v3 · ${w.earlier} · ${w.pending}`);
      expect(await summary(2)).toContain(`v2 · ${w.figures} · `);
      expect(await summary(2)).not.toContain(w.earlier);
      for (const v of [1, 4]) expect(await summary(v)).not.toMatch(/^v\d · confl/);
      // corrected since its conflicts: the current acta is in none, and says none
      expect(await page.locator('#acta-conflict').count()).toBe(0);
      expect(
        await page
          .locator('#acta-history li[data-conflict]')
          .evaluateAll((li) =>
            li.map((x) => [x.getAttribute('data-version'), x.getAttribute('data-conflict')]),
          ),
      ).toEqual([
        ['2', 'figures'],
        ['3', 'earlier_state'],
      ]);
      expect(await noSideScroll(page)).toBe(true);
      await page
        .locator('#acta')
        .screenshot({ path: join(ARTIFACTS, `acta-conflict-reason-${lang}-390.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);

  for (const lang of ['es', 'en'] as const)
    it(`${lang}, 390 px: the current acta's conflict badge says its latest conflict's reason`, async () => {
      const w = WORDS[lang];
      for (const [mesa, reason, words] of [
        ['00004', 'earlier_state', w.earlierNow],
        ['00005', 'figures', w.figuresNow],
        ['00003', 'superseded', w.supersededNow],
      ] as const) {
        const { page, errors } = await openPage(
          env.browser,
          `${env.base}/?election=${ELECTION}&mesa=${mesa}&lang=${lang}`,
          390,
          { consoleErrors: true, timeout: 60_000 },
        );
        await page.waitForSelector('#acta-history li[data-version="2"]');
        const badge = page.locator('#acta-conflict');
        expect(await badge.getAttribute('data-conflict')).toBe(reason);
        expect((await badge.textContent())?.trim()).toBe(words);
        // the other reasons' words are not said
        for (const other of [w.earlierNow, w.figuresNow, w.supersededNow].filter(
          (x) => x !== words,
        ))
          expect(await page.locator('#acta').textContent()).not.toContain(other);
        expect(await noSideScroll(page)).toBe(true);
        await page.locator('#acta').screenshot({
          path: join(ARTIFACTS, `acta-conflict-now-${mesa}-${lang}-390.png`),
        });
        expect(errors).toEqual([]);
        await page.close();
      }
    }, 120_000);

  for (const lang of ['es', 'en'] as const)
    it(`${lang}, 390 px: the version a ruling replaced, given again, says so in the history`, async () => {
      const acta = (await (
        await fetch(`${env.base}/api/v1/actas/00003?election=${ELECTION}`)
      ).json()) as ActaDoc;
      expect(acta.current).toMatchObject({ state: 'pending', version: 2 });
      expect(acta.history.map((h) => [h.version, h.kind, h.conflict, h.acta.state])).toEqual([
        [1, 'new', null, 'counted'],
        [2, 'correction', null, 'pending'],
        [3, 'conflict', 'superseded', 'counted'],
      ]);
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${ELECTION}&mesa=00003&lang=${lang}`,
        390,
        { consoleErrors: true, timeout: 60_000 },
      );
      await page.waitForSelector('#acta-history li[data-version="3"]');
      const w = WORDS[lang];
      const summary = await page
        .locator('#acta-history li[data-version="3"] summary')
        .textContent();
      expect(summary).toContain(`v3 · ${w.superseded} · ${w.counted}`);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
});
