// `cifra schema KIND`: the JSON Schema of each data file an adopter writes, generated from the zod
// schema the loader parses it with, so that an editor validates the file as cifra will. Checked
// with a JSON Schema validator (ajv, draft 2020-12, as editors read it): every bundled file of the
// kind passes, a broken one fails, and the committed copies in schemas/ are what the command prints.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';
import { PROJECT_ROOT } from '../src/io/paths.js';

const read = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(PROJECT_ROOT, path), 'utf8')) as Record<string, unknown>;
const jsonIn = (dir: string): string[] =>
  readdirSync(join(PROJECT_ROOT, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${dir}/${f}`);
const jurisdictions = readdirSync(join(PROJECT_ROOT, 'data/jurisdictions')).map(
  (id) => `data/jurisdictions/${id}`,
);

/** The column maps the bundled manifests carry inline, as files of their own would hold them. */
function columnMaps(): Record<string, unknown>[] {
  return jsonIn('data/elections').flatMap((f) =>
    ((read(f)['crossCheck'] ?? []) as { columns?: object }[])
      .filter((s) => s.columns !== undefined)
      .map((s) => ({ format: 'cifra-columns/1', ...s.columns })),
  );
}

/** Every bundled file of each kind (a column map: the manifests' inline ones). */
const BUNDLED: Record<string, () => Record<string, unknown>[]> = {
  jurisdiction: () => jurisdictions.map((d) => read(`${d}/jurisdiction.json`)),
  'party-colors': () => jurisdictions.map((d) => read(`${d}/party-colors.json`)),
  election: () => jsonIn('data/elections').map(read),
  contests: () => jsonIn('data/contests').map(read),
  ruleset: () => jsonIn('data/rulesets').map(read),
  columns: columnMaps,
  limits: () => [read('examples/ingest/limits.json')],
};

async function schemaOf(kind: string): Promise<Record<string, unknown>> {
  const r = await cli('schema', kind);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Record<string, unknown>;
}

describe('cifra schema KIND', () => {
  for (const [kind, bundled] of Object.entries(BUNDLED))
    it(`${kind}: every bundled file passes, a broken one fails, schemas/ holds the same`, async () => {
      const schema = await schemaOf(kind);
      expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema).toEqual(read(`schemas/${kind}.schema.json`));
      const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
      const files = bundled();
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(validate(file) ? [] : validate.errors).toEqual([]);
      // a key the loader does not know is refused (strict objects), as a misspelt one would be
      expect(validate({ ...files[0], colour: '#123456' })).toBe(false);
    });

  it('a value of the wrong kind fails where it is (a jurisdiction without its national unit)', async () => {
    const validate = new Ajv2020({ strict: false }).compile(await schemaOf('jurisdiction'));
    const broken = read('data/jurisdictions/pe/jurisdiction.json');
    delete broken['national'];
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.[0]?.params).toEqual({ missingProperty: 'national' });
    const election = new Ajv2020({ strict: false }).compile(await schemaOf('election'));
    expect(
      election({ ...read('data/elections/pe-2026-senado.json'), format: 'cifra-election/2' }),
    ).toBe(false);
  });

  it("the repository's editor settings map each bundled folder to a committed schema", () => {
    const { 'json.schemas': maps } = read('.vscode/settings.json') as {
      'json.schemas': { fileMatch: string[]; url: string }[];
    };
    const kinds = maps.map((m) => /^\.\/schemas\/(.+)\.schema\.json$/.exec(m.url)?.[1]);
    expect(kinds.every((k) => k !== undefined && k in BUNDLED)).toBe(true);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('an unknown kind is a usage error naming the kinds', async () => {
    const r = await cli('schema', 'places');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'jurisdiction, party-colors, election, contests, ruleset, columns, limits',
    );
  });
});
