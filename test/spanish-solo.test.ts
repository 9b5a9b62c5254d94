// Spanish spelling: the adverb is "solo", without the accent (RAE, Ortografía 2010). The CLI once
// said "sólo" in three projection lines and one issue message while every other line said "solo".
// Every Spanish word a user reads is written in src/ (the CLI's table, the issue messages, the
// API's words) or web/ (the dashboard's i18n), and the API's documentation is docs/openapi.json:
// none of them may say "sólo" again, however it is spelled in the file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../src/core/issue-words.js';
import { STRINGS } from '../web/i18n.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** "sólo" as a word, in any case, composed or decomposed, or as a \u escape in source. */
const ACCENTED = /(?<!\p{L})s(?:ó|\\u00f3)lo(?!\p{L})/iu;

const sources = [
  ...files(join(ROOT, 'src')),
  ...files(join(ROOT, 'web')),
  join(ROOT, 'docs/openapi.json'),
].filter((p) => /\.(ts|tsx|html|css|json)$/.test(p));

/** Each line that says "sólo", as `file:line: text`. */
function accented(path: string): string[] {
  return readFileSync(path, 'utf8')
    .normalize('NFC')
    .split('\n')
    .flatMap((line, i) =>
      ACCENTED.test(line) ? [`${relative(ROOT, path)}:${i + 1}: ${line.trim()}`] : [],
    );
}

describe('"solo", not "sólo"', () => {
  it('the pattern finds the accented word and only it', () => {
    expect(ACCENTED.test('sólo se proyectan')).toBe(true);
    expect(ACCENTED.test('Sólo de las unidades')).toBe(true);
    expect(ACCENTED.test('so\u0301lo'.normalize('NFC'))).toBe(true);
    expect(ACCENTED.test("'s\\u00f3lo'")).toBe(true);
    expect(ACCENTED.test('solo se proyectan')).toBe(false);
    expect(ACCENTED.test('sólido')).toBe(false);
  });

  it("reads the CLI's, the issues' and the dashboard's string tables", () => {
    const read = sources.map((p) => relative(ROOT, p));
    expect(read).toEqual(
      expect.arrayContaining(['src/cli/format.ts', 'src/core/issue-words.ts', 'web/i18n.ts']),
    );
    expect(readFileSync(join(ROOT, 'src/cli/format.ts'), 'utf8')).toContain(
      'solo se proyectan las unidades del corte',
    );
  });

  it('no Spanish string in src/, web/ or the API documentation says "sólo"', () => {
    expect(sources.flatMap(accented)).toEqual([]);
  });

  it('no Spanish issue message or dashboard string says it, as the program holds them', () => {
    const issues = Object.values(MESSAGES).map((m) => m.es);
    const dashboard = Object.values(STRINGS.es).map((v) =>
      typeof v === 'string' ? v : String((v as (...a: unknown[]) => unknown)('1', '2', '3')),
    );
    expect(issues.length).toBeGreaterThan(0);
    expect(dashboard.length).toBeGreaterThan(0);
    expect([...issues, ...dashboard].filter((s) => ACCENTED.test(s.normalize('NFC')))).toEqual([]);
    expect(issues.some((s) => s.includes('solo se proyectan'))).toBe(true);
  });
});
