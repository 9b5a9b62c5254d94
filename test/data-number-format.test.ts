// The Spanish texts the bundled manifests carry are shown on pages (and by the CLI) that write
// numbers in Peru's format, es-PE: "1,694", "96.6" (docs/house-style.md). One text in Spain's
// format ("96,6–100 %", "185 de 1.694") beside the page's "9,375" read as two formats on one page
// (review s33: ERM 2022's source line). Every es text of data/contests and data/elections.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/io/paths.js';

/** Every string under an `es` key, with where it is. */
function spanish(v: unknown, at: string): { at: string; text: string }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => spanish(x, `${at}[${i}]`));
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) =>
    k === 'es' && typeof x === 'string' ? [{ at, text: x }] : spanish(x, `${at}.${k}`),
  );
}

/**
 * Spain's format: a decimal comma (a comma not followed by exactly three digits, "96,6") or a dot
 * grouping thousands ("1.694"); a dot before " %" is a decimal ("33.327 %"), Peru's.
 */
const SPAIN = /(?<![\d,])\d+,(?:\d{1,2}|\d{4,})(?!\d)|\b\d{1,3}(?:\.\d{3})+\b(?![.\d]|\s*%)/g;

const files = ['contests', 'elections'].flatMap((dir) =>
  readdirSync(join(PROJECT_ROOT, 'data', dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join('data', dir, f)),
);

describe("the bundled manifests' Spanish texts write numbers as es-PE", () => {
  it('finds the manifests', () => {
    expect(files).toContain(join('data', 'contests', 'pe-erm-2022.json'));
    expect(files).toContain(join('data', 'elections', 'pe-2026-diputados.json'));
  });

  it('the pattern tells the two formats apart', () => {
    const hits = (s: string): string[] => s.match(SPAIN) ?? [];
    expect(hits('96,6–100 %, 185 de 1.694 por debajo del 99 %')).toEqual(['96,6', '1.694']);
    expect(hits('96.6–100 %, 185 de 1,694, 12,858,920 votos, 33.327 %')).toEqual([]);
  });

  it.each(files)('%s', (file) => {
    const json: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, file), 'utf8'));
    const found = spanish(json, '').flatMap(({ at, text }) =>
      (text.match(SPAIN) ?? []).map((m) => `${at}: ${m}`),
    );
    expect(found).toEqual([]);
  });
});
