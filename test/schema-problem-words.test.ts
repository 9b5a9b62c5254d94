import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaProblem } from '../src/core/schema-problem.js';
import type { Issue } from '../src/core/issues.js';
import { parseJurisdictionFile } from '../src/core/model/jurisdiction.js';
import { rulesetFromJson } from '../src/core/rulesets/compile.js';
import { loadManifest } from '../src/elections/manifests.js';
import { formatIssue } from '../src/cli/messages.js';

/**
 * Review s36: a field left out got zod's English ("Invalid input: expected string, received
 * undefined") in both languages. Every field of the manifest, ruleset and jurisdiction files is
 * removed in turn: each schema problem names the fix, in English and in Spanish.
 */

const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;

type Json = Record<string, unknown> | unknown[];

/** Every path to a key of an object in `json` (array elements walked, not removed). */
function keyPaths(json: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(json)) return json.flatMap((v, i) => keyPaths(v, [...at, i]));
  if (typeof json !== 'object' || json === null) return [];
  return Object.entries(json).flatMap(([k, v]) => [[...at, k], ...keyPaths(v, [...at, k])]);
}

function without(json: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(json) as Json;
  let node: Json = copy;
  for (const k of path.slice(0, -1)) node = (node as Record<string | number, Json>)[k] as Json;
  delete (node as Record<string | number, unknown>)[path[path.length - 1] as string];
  return copy;
}

// zod's own English starts so ("Invalid input…", "Too small…", "Unrecognized key…")
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

/** The schema problems of a removal: each in words, not zod's, and in both languages. */
function checkProblems(issues: readonly Issue[], removed: string): number {
  const schema = issues.filter((i) => i.details?.['problem'] !== undefined);
  for (const i of schema) {
    const en = String(i.details?.['problem']);
    const es = i.details?.['problemEs'];
    expect(en, `${removed}: ${en}`).not.toMatch(ZOD_DEFAULT);
    expect(typeof es, `${removed}: no Spanish`).toBe('string');
    expect(String(es), `${removed}: ${String(es)}`).not.toMatch(ZOD_DEFAULT);
    expect(es, removed).not.toBe(en);
  }
  return schema.length;
}

/** Walks a valid file's fields, removing each; returns how many removals a problem named. */
function walk(valid: unknown, issuesOf: (json: unknown) => readonly Issue[]): number {
  expect(issuesOf(valid)).toEqual([]);
  let required = 0;
  for (const path of keyPaths(valid)) {
    const n = checkProblems(issuesOf(without(valid, path)), path.join('.'));
    if (n > 0) required++;
  }
  return required;
}

const dir = mkdtempSync(join(tmpdir(), 'cifra-schema-words-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A manifest's schema issues as `cifra ingest --election FILE` meets them (only those). */
function manifestIssues(json: unknown): readonly Issue[] {
  const file = join(dir, 'm.json');
  writeFileSync(file, JSON.stringify(json));
  const r = loadManifest(file);
  return r.ok ? [] : r.error.filter((i) => i.code === 'election_invalid');
}

/** A ruleset's schema issues (those with zod's `check`; the compiler's own come after). */
const rulesetIssues = (json: unknown): readonly Issue[] => {
  const r = rulesetFromJson(json);
  return r.ok ? [] : r.error.filter((i) => i.details?.['check'] !== undefined);
};
const jurisdictionIssues = (json: unknown): readonly Issue[] => {
  const r = parseJurisdictionFile(json);
  return r.ok ? [] : r.error;
};

describe('a field left out names what it is and how to write it, in English and Spanish', () => {
  it('every field of an election manifest (Freedonia, and a provisional Peru one)', () => {
    // the manifest's ruleset and jurisdiction are looked up beside it: only schema issues count
    const xf = read('test/fixtures/xf/xf-2026.json');
    expect(walk(xf, manifestIssues)).toBeGreaterThanOrEqual(10);
  });

  it('every field of a list ruleset and of a single-winner one', () => {
    expect(walk(read('test/fixtures/xf/xf-parliament.json'), rulesetIssues)).toBeGreaterThanOrEqual(
      8,
    );
    expect(walk(read('data/rulesets/pe-2021-congreso.json'), rulesetIssues)).toBeGreaterThanOrEqual(
      8,
    );
    expect(walk(read('data/rulesets/pe-2026-presidencial.json'), rulesetIssues)).toBeGreaterThan(4);
  });

  it('every field of a jurisdiction file (Freedonia, Peru)', () => {
    const xf = read('test/fixtures/xf/jurisdictions/xf/jurisdiction.json');
    expect(walk(xf, jurisdictionIssues)).toBeGreaterThanOrEqual(10);
    expect(
      walk(read('data/jurisdictions/pe/jurisdiction.json'), jurisdictionIssues),
    ).toBeGreaterThan(10);
  });
});

describe("the review's cases, word for word", () => {
  const xf = read('test/fixtures/xf/xf-2026.json') as Record<string, unknown>;

  it('a manifest without provenance: required, what it is, in the run language', () => {
    const [i] = manifestIssues(without(xf, ['provenance']));
    expect(i?.path).toEqual(['provenance']);
    expect(i?.details?.['problem']).toBe(
      'required: the path of a PROVENANCE.md beside the manifest, or its text: how far to trust the source (docs/elections.md)',
    );
    expect(formatIssue(i as Issue, 'es')).toContain(
      '"problem":"obligatorio: la ruta de un PROVENANCE.md junto al manifiesto, o su texto',
    );
    expect(formatIssue(i as Issue, 'es')).not.toContain('problemEs');
    expect(formatIssue(i as Issue, 'en')).not.toContain('obligatorio');
  });

  it('a date not written YYYY-MM-DD: the form, with an example', () => {
    const [i] = manifestIssues({ ...xf, date: '04/10/2026' });
    expect([i?.details?.['problem'], i?.details?.['problemEs']]).toEqual([
      'write the date as YYYY-MM-DD, e.g. 2026-10-04',
      'escriba la fecha como AAAA-MM-DD, p. ej. 2026-10-04',
    ]);
  });

  it("a ruleset's threshold without its source, and a share written as a number", () => {
    const rs = read('test/fixtures/xf/xf-parliament.json') as Record<string, unknown>;
    const [i] = rulesetIssues(without(rs, ['threshold', 'source']));
    expect(i?.path).toEqual(['threshold', 'source']);
    expect(String(i?.details?.['problem'])).toMatch(/^required: the legal source/);
    expect(String(i?.details?.['problemEs'])).toMatch(/^obligatorio: la fuente legal/);
    const float = structuredClone(rs) as { threshold: { share: unknown } };
    float.threshold.share = 0.05;
    const [f] = rulesetIssues(float);
    expect(String(f?.details?.['problemEs'])).toContain(
      'una proporción es texto, no un número: escriba "0.05"',
    );
  });

  it('a jurisdiction without its time zone', () => {
    const j = read('test/fixtures/xf/jurisdictions/xf/jurisdiction.json');
    const [i] = jurisdictionIssues(without(j, ['timeZone']));
    expect(i?.details?.['reason']).toBe('missing');
    expect(String(i?.details?.['problem'])).toMatch(/^required: the IANA time zone/);
    expect(String(i?.details?.['problemEs'])).toMatch(/^obligatorio: la zona horaria IANA/);
  });
});

// review s36: an integer field said "not a number" of a number; a record's bad key and a multiple
// fell back to zod's English; several unknown keys were one "clave desconocida"
describe('the mapper says what is wrong with the value given', () => {
  const problemOf = (schema: z.ZodType, json: unknown) => {
    const r = schema.safeParse(json);
    expect(r.success).toBe(false);
    if (r.success) throw new Error('parsed');
    return r.error.issues.map((i) => schemaProblem(i, json, {}, 'docs/x.md'));
  };

  it('a number where a whole one goes names the number', () => {
    const [p] = problemOf(z.object({ seats: z.number().int() }), { seats: 10.5 });
    expect(p?.problem).toBe(
      'write a whole number here, not 10.5: "seats" as docs/x.md describes it',
    );
    expect(p?.problemEs).toBe(
      'escriba aquí un número entero, no 10.5: "seats" como lo describe docs/x.md',
    );
  });

  it("a record's key that fails its schema: the key and its own problem, no zod English", () => {
    const schema = z.object({ seats: z.record(z.string().regex(/^[A-Z]{2}$/), z.number()) });
    const [p] = problemOf(schema, { seats: { Este: 1 } });
    expect(p?.problem).toBe(
      'key "Este": write text that matches /^[A-Z]{2}$/: "seats" as docs/x.md describes it',
    );
    expect(p?.problemEs).toBe(
      'clave "Este": escriba un texto que cumpla /^[A-Z]{2}$/: "seats" como lo describe docs/x.md',
    );
    expect(p?.problem).not.toMatch(/Invalid/);
    expect(p?.problemEs).not.toMatch(/Invalid/);
  });

  it('a value not a multiple names the divisor and the value', () => {
    const [p] = problemOf(z.object({ step: z.number().multipleOf(5) }), { step: 7 });
    expect(p?.problem).toBe('write a multiple of 5 here, not 7: "step" as docs/x.md describes it');
    expect(p?.problemEs).toBe(
      'escriba aquí un múltiplo de 5, no 7: "step" como lo describe docs/x.md',
    );
  });

  it('unknown keys agree with how many', () => {
    const schema = z.strictObject({ a: z.number().optional() });
    const [one] = problemOf(schema, { b: 1 });
    expect(one?.problem).toBe('unknown key "b": remove it or check its spelling (docs/x.md)');
    expect(one?.problemEs).toBe(
      'clave desconocida "b": quítela o revise cómo se escribe (docs/x.md)',
    );
    const [two] = problemOf(schema, { b: 1, c: 2 });
    expect(two?.problem).toBe(
      'unknown keys "b", "c": remove them or check their spelling (docs/x.md)',
    );
    expect(two?.problemEs).toBe(
      'claves desconocidas "b", "c": quítelas o revise cómo se escriben (docs/x.md)',
    );
  });
});
