/// <reference lib="dom" />
// A partial file of actas in the browser: ONPE's 2021 runoff cut to Lima, over the election's
// universe. The projection panel must name the units with no acta loaded by their own names (review
// 5 saw "Tacna" beside Lima's code: circunscripción codes are another level's) and say what they
// are — mesas still to count — not "missing from the source's snapshot", which is a published
// aggregate's wording. Phone and desktop, Spanish and English, with a screenshot each. The
// published final beside it is worded as a reference for a partial count, not the file's note.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { dataPath } from '../../src/io/paths.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from '../helpers.js';
import {
  ARTIFACTS,
  type Dashboard,
  noSideScroll,
  ONPE_2021,
  openPage,
  useDashboard,
} from './harness.js';

const RUNOFF = 'pe-2021-presidencial-segunda' as const;

/** The runoff's actas whose row `keep` keeps (of its rows, in the file's order), over the universe. */
async function runoffRows(keep: (rows: readonly string[]) => string[]): Promise<SqliteStore> {
  const dir = tempDir('cifra-browser-partial-');
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  const e = bundledElection(RUNOFF);
  if (!e) throw new Error(RUNOFF);
  await store.putElection(e);
  const [header, ...rows] = gunzipSync(readFileSync(dataPath(ONPE_2021[RUNOFF])))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  const file = join(dir, 'lima.csv');
  writeFileSync(file, [header, ...keep(rows)].join('\n') + '\n');
  const r = await ingestFile(store, { file, election: e, now: fixedClock });
  expect(r.ok).toBe(true);
  return store;
}

const limaOnly = (): Promise<SqliteStore> =>
  runoffRows((rows) => rows.filter((l) => l.startsWith('"14')));

const env = useDashboard(limaOnly);

/** Each case on a phone in Spanish and on a desktop in English. */
const VIEWS = [
  [390, 'es'],
  [1400, 'en'],
] as const;

/** The runoff's dashboard at `width` px in `lang`. */
const openRunoff = (d: Dashboard, width: number, lang: 'es' | 'en'): ReturnType<typeof openPage> =>
  openPage(d.browser, `${d.base}/?election=${RUNOFF}${lang === 'en' ? '&lang=en' : ''}`, width);

/** The runoff's projection as the dashboard reads it. */
const projectionOf = async <T>(d: Dashboard): Promise<T> =>
  (await (await fetch(`${d.base}/api/v1/elections/${RUNOFF}/projection.json`)).json()) as T;

describe('a partial count of actas: the units with none loaded, named and said for what they are', () => {
  for (const [width, lang] of VIEWS)
    it(`${width} px, ${lang}`, async () => {
      const p = await projectionOf<{ unitsAbsent?: string[] }>(env);
      const absent = p.unitsAbsent ?? [];
      // the premise (RENIEC codes: 07 Cusco, 14 Lima): every department but Lima, and the continents, have no acta loaded
      expect(absent).toContain('07');
      expect(absent).not.toContain('14');
      const { page, errors } = await openRunoff(env, width, lang);
      await page.waitForSelector('#projection-priors:not([hidden]) li');
      // the actas no file has brought yet, said in the count strip (review 5: only "Pending: 0")
      const progress = (await (
        await fetch(`${env.base}/api/v1/progress?election=${RUNOFF}`)
      ).json()) as { actasNotLoaded: number };
      const notLoaded = new Intl.NumberFormat(lang === 'es' ? 'es-PE' : 'en-US').format(
        progress.actasNotLoaded,
      );
      expect(await page.textContent('#not-loaded')).toBe(
        `${lang === 'es' ? 'Actas aún sin cargar' : 'Actas not loaded yet'}: ${notLoaded}`,
      );
      const cusco = (await page.textContent('#projection-priors li[data-code="07"]')) ?? '';
      expect(cusco).toMatch(/^CUSCO: /i);
      expect(cusco).toContain(lang === 'es' ? 'sin actas cargadas' : 'no actas loaded');
      const panel = (await page.textContent('#projection')) ?? '';
      // Lima is counted: it is not among the units without a count of their own
      expect(await page.locator('#projection-priors li[data-code="14"]').count()).toBe(0);
      expect(panel).not.toContain(lang === 'es' ? 'corte de la fuente' : "source's snapshot");
      expect(panel).not.toContain(
        lang === 'es' ? 'que la fuente no publica' : 'the source does not publish',
      );
      // Lima is a third of the actas: past the calibrated range's 10 %, the odds are there
      expect(await page.textContent('#headline-projection')).toContain(
        lang === 'es' ? 'gana con probabilidad' : 'wins with probability',
      );
      expect(await page.locator('#projection-odds tr').count()).toBeGreaterThan(0);
      // the published final beside this partial count is a reference, worded for a partial count:
      // its note describes the complete file ("20 actas are still EN PROCESO … The file gives
      // 8,834,440 and 8,790,091"), false beside Lima alone (review s34); the figures stay, labelled
      const s = (await (await fetch(`${env.base}/api/v1/summary?election=${RUNOFF}`)).json()) as {
        count: { complete: boolean };
        status: { pctCounted: string };
      };
      expect(s.count.complete).toBe(false);
      // the page writes the served % as it is (decimalText): Peru's decimal point in both languages
      const pct = s.status.pctCounted;
      const reported = (await page.textContent('#reported')) ?? '';
      expect(reported).toContain('8,836,380');
      expect(reported).toContain(
        lang === 'es'
          ? `Resultado final publicado, como referencia: el conteo aquí va en el ${pct} % de actas procesadas`
          : `The published final result, as a reference: the count here is at ${pct} % of actas processed`,
      );
      expect(reported).not.toContain('EN PROCESO');
      expect(reported).not.toContain('8,834,440');
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({
        path: join(ARTIFACTS, `partial-count-${width}-${lang}.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);
      await page.close();
    });
});

// The first minutes of a night (diff review s34): 40 actas of one province, 0.046 % of the
// runoff's. The projection's odds were calibrated only from 10 % of actas counted on (core
// ODDS_CALIBRATED_FROM): below, no probability anywhere, a sentence in their place.
describe('a count below the calibrated range: no odds, the reason instead', () => {
  const early = useDashboard(() =>
    runoffRows((rows) => rows.filter((l) => l.startsWith('"0101')).slice(0, 40)),
  );
  for (const [width, lang] of VIEWS)
    it(`${width} px, ${lang}`, async () => {
      const p = await projectionOf<{
        actasProcessed: number;
        actasTotal: number;
        winner: unknown[];
        odds: { withinCalibration: boolean };
      }>(early);
      // the premise: 40 actas counted of the universe's, and the API keeps its figures
      expect(p.actasProcessed).toBe(40);
      expect(p.odds.withinCalibration).toBe(false);
      expect(p.winner.length).toBe(2);
      const { page, errors } = await openRunoff(early, width, lang);
      await page.waitForSelector('#projection:not([hidden]) #projection-bars li');
      // es-PE writes a decimal point; the share is cut, not rounded (0.04625 → 0.046)
      const now = (Math.floor((100_000 * p.actasProcessed) / p.actasTotal) / 1000).toFixed(3);
      const sentence =
        lang === 'es'
          ? `Probabilidades desde el 10 % de actas contabilizadas (ahora ${now} %): con menos, cifra no ha medido si aciertan.`
          : `Odds from 10 % of actas counted (now ${now} %): with fewer, cifra has not measured whether they hold.`;
      const outcome = (await page.textContent('#outcome')) ?? '';
      expect(outcome).toContain(sentence);
      // who leads is still said; no probability is
      expect(await page.textContent('#lead')).toMatch(lang === 'es' ? /lidera por/ : /leads/);
      expect(outcome).not.toMatch(/probabilidad \d|probability \d|[<>] \d+ %/);
      // the panel: intervals kept, each marked; the probabilities' place says why there are none
      const bars = await page.locator('#projection-bars li[data-choice]').count();
      expect(bars).toBeGreaterThan(0);
      expect(await page.locator('#projection-bars li[data-choice] .uncalibrated').count()).toBe(
        bars,
      );
      expect(await page.textContent('#projection-bars')).toContain(
        lang === 'es' ? 'fuera del rango calibrado' : 'outside the calibrated range',
      );
      expect(await page.locator('#projection-odds tr').count()).toBe(0);
      expect(await page.textContent('#projection-odds')).toBe(sentence);
      expect(await page.textContent('#live-news')).not.toMatch(/probabilidad|probability/);
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({
        path: join(ARTIFACTS, `partial-count-early-${width}-${lang}.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);
      await page.close();
    });
});
