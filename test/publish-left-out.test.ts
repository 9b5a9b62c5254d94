// Review 28: `cifra publish` left a broken multi-contest election out of the site and said
// nothing (the server logs it; the publish passed siteScope no listener, and a file that reads but
// does not load gave no document, silently). Now the report, the CLI's stderr and site.json's
// `leftOut` name each one with its coded issue; a warning, exit 0 (as the healed files' warning and
// an import that quarantined rows: docs/operations.md). A second publish to the same folder says
// it again (a contests state with no files is not linked as a version). Failed on the old code: no
// `leftOut` in the report or site.json, nothing on stderr.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishSite } from '../src/api/publish-site.js';
import { SiteSchema } from '../src/api/schemas.js';
import { runCli } from '../src/cli/program.js';
import { addContestsFile } from '../src/elections/contests.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const NOW = '2026-12-04T10:00:00.000Z';
const dir = tempDir('cifra-publish-left-out-');

/** The runoff fixture copied to `name`, served under `id`; its manifest's path. */
function userContests(name: string, id: string): { manifest: string; id: string } {
  cpSync(join(PROJECT_ROOT, 'test', 'fixtures', 'erm-runoff'), join(dir, name), {
    recursive: true,
  });
  const manifest = join(dir, name, 'manifest.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('fixture-erm-runoff', id));
  const added = addContestsFile(manifest);
  if (!added.ok) throw new Error(JSON.stringify(added.error));
  return { manifest, id: added.value };
}

// edited after it was added: no longer JSON
const NOT_JSON = userContests('a', 'fixture-left-out-json');
writeFileSync(NOT_JSON.manifest, '{ "id": "broken", ');
// JSON still, but a source file it names is gone: its document cannot be made
const NO_SOURCE = userContests('b', 'fixture-left-out-source');
rmSync(join(dir, 'b', 'second-round.csv'));

const siteJson = (out: string): unknown =>
  JSON.parse(readFileSync(join(out, 'api', 'v1', 'site.json'), 'utf8'));

const LEFT_OUT = [
  { code: 'election_invalid', severity: 'warning', path: ['contests', NOT_JSON.id] },
  {
    code: 'file_unreadable',
    severity: 'warning',
    path: ['contests', NO_SOURCE.id, 'contestSets', 1, 'file'],
  },
];

describe('a publish that leaves a multi-contest election out says so', () => {
  it('in its report and in site.json, with the coded issue; again on the next publish', async () => {
    const store = new SqliteStore(join(dir, 'report.db'));
    await store.migrate();
    const out = join(dir, 'site');
    try {
      for (const now of [NOW, '2026-12-04T10:05:00.000Z']) {
        const r = await publishSite(store, out, {}, now);
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        expect(r.value.leftOut).toMatchObject(LEFT_OUT);
        expect(r.value.leftOut[0]?.details).toMatchObject({ file: NOT_JSON.manifest });
        const site = siteJson(out);
        expect(SiteSchema.parse(site)).toMatchObject({ kind: 'static', leftOut: LEFT_OUT });
        // no local path in the public file: the operator's report has the details
        expect(JSON.stringify(site)).not.toContain(dir);
        for (const id of [NOT_JSON.id, NO_SOURCE.id])
          expect(existsSync(join(out, 'api', 'v1', 'contests', `${id}.json`))).toBe(false);
        // the rest is published
        expect(existsSync(join(out, 'api', 'v1', 'contests', 'pe-erm-2022.json'))).toBe(true);
      }
    } finally {
      await store.close();
    }
  });

  for (const [lang, words] of [
    ['en', 'warning: the site leaves out'],
    ['es', 'advertencia: el sitio no incluye'],
  ] as const)
    it(`cifra publish (${lang}): each on stderr with its code, exit 0 (a warning)`, async () => {
      const db = join(dir, `cli-${lang}.db`);
      const store = new SqliteStore(db);
      await store.migrate();
      await store.close();
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) };
      const args = ['publish', '--db', db, '--out', join(dir, `cli-${lang}`), '--lang', lang];
      expect(await runCli(args, io)).toBe(0);
      const text = err.join('\n');
      expect(text).toContain(
        `election_invalid ${lang === 'es' ? 'en' : 'at'} contests.${NOT_JSON.id}`,
      );
      expect(text).toContain(
        `file_unreadable ${lang === 'es' ? 'en' : 'at'} contests.${NO_SOURCE.id}`,
      );
      expect(text).toContain(`${words} contests.${NOT_JSON.id}, contests.${NO_SOURCE.id}`);
      expect(out.join('\n')).toMatch(/(snapshot|instantánea) \d{14}-/);
    });
});
