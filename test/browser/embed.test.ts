/// <reference lib="dom" />
// The embeddable headline (embed.html, decision-desk review s27 H2): a newsroom's page on another
// origin frames it; it says what the dashboard's headline says — on ONPE's 10 June 2026 capture of
// the runoff, Sánchez leads and it is not a result (Fujimori won by 49,641) — with the figures'
// status, % and source, and links to the whole dashboard. Only it may be framed: the dashboard
// itself still refuses any frame.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

const CAPTURE = 'pe-2026-presidencial-segunda-2026-06-10';

const env = useDashboard(async () => {
  const store = new SqliteStore(join(tempDir('cifra-browser-embed-'), 'e.db'));
  await store.migrate();
  const r = await putPublishedElection(store, CAPTURE);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return store;
});

// a newsroom's page: another origin (another port) that frames the headline
let newsroom: Server;
let newsroomUrl: string;
beforeAll(async () => {
  newsroom = createServer((req, res) => {
    const lang = req.url?.includes('lang=en') ? 'en' : 'es';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><title>diario</title><h1>Segunda vuelta</h1>` +
        `<iframe id="cifra" width="360" height="520" src="${env.base}/embed.html?election=${CAPTURE}&lang=${lang}"></iframe>` +
        `<iframe id="whole" width="360" height="200" src="${env.base}/?election=${CAPTURE}"></iframe>`,
    );
  });
  await new Promise<void>((done) => newsroom.listen(0, '127.0.0.1', done));
  const a = newsroom.address();
  if (a === null || typeof a === 'string') throw new Error('no port');
  newsroomUrl = `http://127.0.0.1:${a.port}/`;
});
afterAll(() => new Promise<void>((done) => newsroom.close(() => done())));

const WORDS = {
  es: {
    leads: 'lidera',
    wins: /\bgana\b/,
    status: /provisional/i,
    link: 'Resultados completos en cifra',
  },
  en: { leads: 'leads', wins: /\bwins\b/, status: /provisional/i, link: 'Full results on cifra' },
} as const;

describe('the embeddable headline', () => {
  for (const lang of ['es', 'en'] as const)
    it(`${lang}: framed by another origin, it says who leads, that it is not a result, the status and the source`, async () => {
      // the newsroom's page is not cifra's (no data-ready): opened plainly, its errors collected
      const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
      page.setDefaultTimeout(90_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${newsroomUrl}?lang=${lang}`);
      const frame = page.frame({ url: /embed\.html/ });
      if (frame === null) throw new Error('the embed frame did not load');
      await frame.waitForSelector('body[data-ready="true"]');
      const w = WORDS[lang];
      const outcome = await frame.locator('#outcome').innerText();
      expect(outcome).toContain('SÁNCHEZ');
      expect(outcome).toContain(w.leads);
      expect(outcome).not.toMatch(w.wins);
      const status = await frame.locator('#embed-status').innerText();
      expect(status).toMatch(w.status);
      expect(status).toMatch(/\d+\.\d+ %/);
      expect(status).toContain('ONPE');
      const link = frame.locator('#embed-full');
      expect(await link.innerText()).toBe(w.link);
      expect(await link.getAttribute('href')).toContain(`?election=${CAPTURE}&lang=${lang}`);
      expect(await link.getAttribute('target')).toBe('_blank');
      // the dashboard itself is not framed (X-Frame-Options DENY, frame-ancestors 'none')
      const whole = page.frame({ url: /\?election=/ });
      expect(await whole?.$('#election').catch(() => null)).toBeFalsy();
      await page.screenshot({ path: join(ARTIFACTS, `embed-framed-${lang}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });

  it('alone on a phone: no sideways scroll; no election named says how to name one', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/embed.html?election=${CAPTURE}`,
      390,
    );
    expect(await noSideScroll(page)).toBe(true);
    expect(await page.locator('#bars li').count()).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await page.goto(`${env.base}/embed.html`);
    expect(await page.locator('#embed').innerText()).toContain('embed.html?election=');
    await page.close();
  });

  it('only the embed may be framed', async () => {
    const embed = await fetch(`${env.base}/embed.html?election=${CAPTURE}`);
    expect(embed.headers.get('x-frame-options')).toBeNull();
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    const page = await fetch(`${env.base}/`);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
