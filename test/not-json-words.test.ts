// A file that is not JSON is said in the run's language (review s36: "not valid JSON" was English
// in Spanish output too) and named by the one path rule (io/paths.ts shownPath): a user's file by
// its absolute path, wherever cifra runs.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseJsonFile } from '../src/io/json-file.js';
import { loadRuleset } from '../src/elections/rulesets.js';
import { cli, fileWriter, tempDir } from './helpers.js';

const dir = tempDir('cifra-not-json-');
const file = fileWriter(dir);
const broken = file('broken.json', '{ "format": "cifra-ruleset/1", ');

describe('a file that is not JSON', () => {
  it('a data file: the problem in English and Spanish, the file by its absolute path', () => {
    const r = parseJsonFile(broken, z.object({}), 'election_invalid');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toHaveLength(1);
    expect(r.error[0]?.details).toMatchObject({
      file: broken,
      problem: 'not valid JSON',
      problemEs: 'no es JSON válido',
    });
  });

  it('a ruleset file: the same words, the same path', () => {
    const r = loadRuleset(broken);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error[0]?.code).toBe('ruleset_invalid');
    expect(r.error[0]?.details).toMatchObject({
      file: broken,
      problem: 'not valid JSON',
      problemEs: 'no es JSON válido',
    });
  });

  it('cifra rules says it in Spanish, with no English left', async () => {
    const es = await cli('rules', broken, '--lang', 'es');
    expect(es.code).not.toBe(0);
    expect(es.out + es.err).toContain('no es JSON válido');
    expect(es.out + es.err).not.toContain('not valid JSON');
    expect(es.out + es.err).toContain(broken);
  });
});
