// The Spanish texts the bundled manifests carry are shown on pages (and by the CLI) that write
// numbers in Peru's format, es-PE: "1,694", "96.6" (docs/house-style.md). One text in Spain's
// format ("96,6–100 %", "185 de 1.694") beside the page's "9,375" read as two formats on one page
// (review s33: ERM 2022's source line). Every es text of data/contests and data/elections.
// A manifest of a jurisdiction written in another locale follows that one: Spain's page writes
// es-ES ("33,327 %") in either language, and its note said "33.327 %" — thirty-three thousand in
// es-ES (review s34).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/io/paths.js';

/** Every string under one of `langs` (default `es`), with where it is. */
function spanish(v: unknown, at: string, langs = ['es']): { at: string; text: string }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => spanish(x, `${at}[${i}]`, langs));
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) =>
    langs.includes(k) && typeof x === 'string'
      ? [{ at: `${at}.${k}`, text: x }]
      : spanish(x, `${at}.${k}`, langs),
  );
}

/**
 * Spain's format: a decimal comma (a comma not followed by exactly three digits, "96,6") or a dot
 * grouping thousands ("1.694"); a dot before " %" is a decimal ("33.327 %"), Peru's.
 */
const SPAIN = /(?<![\d,])\d+,(?:\d{1,2}|\d{4,})(?!\d)|\b\d{1,3}(?:\.\d{3})+\b(?![.\d]|\s*%)/g;

/**
 * Peru's format where es-ES is the page's: a dot before " %" ("33.327 %", a decimal in es-PE) or a
 * comma grouping thousands ("1,694"; not before " %": "33,327 %" is es-ES's decimal). A dot not before " %" is left alone: "LOREG art. 96.5".
 */
const PERU = /\b\d+\.\d+(?=\s*%)|\b\d{1,3}(?:,\d{3})+(?![,\d]|\s*%)/g;

/** The locale the manifest's jurisdiction writes numbers in (absent: es-PE, Peru's). */
function localeOf(json: unknown): string {
  const j = (json as { jurisdiction?: unknown }).jurisdiction;
  if (typeof j !== 'string') return 'es-PE';
  const doc = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'data', 'jurisdictions', j, 'jurisdiction.json'), 'utf8'),
  ) as { locale?: string };
  return doc.locale ?? 'es-PE';
}

const files = ['contests', 'elections'].flatMap((dir) =>
  readdirSync(join(PROJECT_ROOT, 'data', dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join('data', dir, f)),
);

describe("the bundled manifests' Spanish texts write numbers as their jurisdiction's page does", () => {
  it('finds the manifests', () => {
    expect(files).toContain(join('data', 'contests', 'pe-erm-2022.json'));
    expect(files).toContain(join('data', 'elections', 'pe-2026-diputados.json'));
  });

  it('the pattern tells the two formats apart', () => {
    const hits = (s: string): string[] => s.match(SPAIN) ?? [];
    expect(hits('96,6–100 %, 185 de 1.694 por debajo del 99 %')).toEqual(['96,6', '1.694']);
    expect(hits('96.6–100 %, 185 de 1,694, 12,858,920 votos, 33.327 %')).toEqual([]);
    const peru = (s: string): string[] => s.match(PERU) ?? [];
    expect(peru('el PP, 33.327 % aquí, 1,694 actas, 12,858,920 votos')).toEqual([
      '33.327',
      '1,694',
      '12,858,920',
    ]);
    expect(
      peru('LOREG art. 96.5 y 163.1.a: el PP, 33,327 %, 8.160.837 votos, 1.694 actas'),
    ).toEqual([]);
  });

  it('Spain is the one es-ES jurisdiction among them, Peru es-PE', () => {
    const locales = files.map(
      (f) => [f, localeOf(JSON.parse(readFileSync(join(PROJECT_ROOT, f), 'utf8')))] as const,
    );
    expect(locales).toContainEqual([join('data', 'elections', 'es-2023-congreso.json'), 'es-ES']);
    expect(locales).toContainEqual([join('data', 'elections', 'pe-2026-diputados.json'), 'es-PE']);
  });

  it.each(files)('%s', (file) => {
    const json: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, file), 'utf8'));
    // an es-ES page writes its figures so in either language (web/ui.ts numberLocale): en too
    const es = localeOf(json) === 'es-ES';
    const found = spanish(json, '', es ? ['es', 'en'] : ['es']).flatMap(({ at, text }) =>
      (text.match(es ? PERU : SPAIN) ?? []).map((m) => `${at}: ${m}`),
    );
    expect(found).toEqual([]);
  });
});
