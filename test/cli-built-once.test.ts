// The CLI builds each of its issues and option parsers once (an earlier re-read found
// `file_unreadable` built in two commands, and three near-identical number parsers): a second
// copy here fails the run, whichever command it is in.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/io/paths.js';

const CLI = join(PROJECT_ROOT, 'src', 'cli');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const sources = files(CLI).map((f) => ({ file: relative(CLI, f), text: readFileSync(f, 'utf8') }));
const where = (re: RegExp): string[] =>
  sources.flatMap(({ file, text }) =>
    text.split('\n').flatMap((l, i) => (re.test(l) ? [`${file}:${i + 1}`] : [])),
  );

describe('the CLI builds each thing once', () => {
  it('reads the tree it checks', () => {
    expect(sources.map((s) => s.file)).toContain('commands/compare.ts');
    expect(where(/issue\('/).length).toBeGreaterThan(0);
  });

  it('file_unreadable comes from src/io/csv.ts `unreadable`, never built in a command', () => {
    expect(where(/'file_unreadable'/)).toEqual([]);
  });

  it('a number option is parsed by the one family in options.ts', () => {
    // a parser of its own tests digits with a regular expression beside a usage error
    const own = sources
      .filter((s) => s.file !== 'options.ts')
      .flatMap(({ file, text }) =>
        /\/\^\\d\{/.test(text) && /usageError\(/.test(text) ? [file] : [],
      );
    expect(own).toEqual([]);
    // and options.ts tests digits in one place: its one family, whole and decimal
    const inOptions = where(/\/\^\\d\{/).filter((at) => at.startsWith('options.ts:'));
    expect(inOptions).toHaveLength(1);
  });
});
