// review 21 H1: a file of the served site edited in place survived every later publish (an
// unchanged document is hard-linked from the previous version), and the publish's state — the
// count course among it — sat inside the served folder, so whoever could write the site could
// have its figures published again. Now the state is beside the version, never served, and a
// reused file is read again and rewritten from the store if its bytes changed.
import {
  existsSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import { privateFileOf } from '../src/io/owned-dir.js';
import { tempDir } from './helpers.js';
import { ID, smallStore } from './publish-fixture.js';

const at = (minute: number): string => `2026-12-03T10:${String(minute).padStart(2, '0')}:00.000Z`;

/** Every path under `dir`, hidden ones included. */
const tree = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => f.split('\\').join('/'));

describe('a re-publish over a site edited in place', () => {
  it('keeps its state outside the served folder', async () => {
    const dir = tempDir('cifra-publish-tamper-');
    const store = await smallStore(dir);
    const out = join(dir, 'site');
    expect((await publishSite(store, out, {}, at(0))).ok).toBe(true);
    expect(tree(out).filter((f) => f.includes('cifra-state') || f.endsWith('.private'))).toEqual(
      [],
    );
    const state = privateFileOf(realpathSync(out));
    expect(JSON.parse(readFileSync(state, 'utf8'))).toHaveProperty('elections');
    // the next publish keeps only its own and the replaced version's private files
    expect((await publishSite(store, out, {}, at(1))).ok).toBe(true);
    expect((await publishSite(store, out, {}, at(2))).ok).toBe(true);
    const versions = readdirSync(join(dir, '.site.cifra-versions'));
    expect(versions.filter((f) => f.endsWith('.private'))).toHaveLength(2);
    expect(existsSync(privateFileOf(realpathSync(out)))).toBe(true);
    await store.close();
  });

  it('writes an edited document and an edited acta again from the store, and says so', async () => {
    const dir = tempDir('cifra-publish-tamper-');
    const store = await smallStore(dir);
    const out = join(dir, 'site');
    expect((await publishSite(store, out, {}, at(0))).ok).toBe(true);
    const national = join(out, PATHS.unit(ID, 'national', 'PE'));
    const acta = join(out, PATHS.acta(ID, '000001'));
    const level = join(out, PATHS.results(ID, 'national'));
    const [nationalWas, actaWas] = [readFileSync(national, 'utf8'), readFileSync(acta, 'utf8')];
    const levelWas = readFileSync(level, 'utf8');
    // same length, other figures: a size check alone would not see it
    writeFileSync(national, nationalWas.replace('"votes":11,', '"votes":17,'));
    writeFileSync(acta, actaWas.replace('"votes":[6,', '"votes":[9,'));
    // another length: rewritten, and counted too (it was not: review 22 LOW)
    writeFileSync(level, levelWas.replace('"votes":11,', '"votes":1100,'));
    expect(readFileSync(level, 'utf8')).not.toBe(levelWas);
    expect(readFileSync(national, 'utf8')).not.toBe(nationalWas);
    expect(readFileSync(acta, 'utf8')).not.toBe(actaWas);
    // --quick-verify trusts the previous version: the edits stay (documented)
    const quick = await publishSite(store, out, {}, at(1), { trustPrevious: true });
    expect(quick.ok && quick.value.healed).toBe(0);
    expect(readFileSync(national, 'utf8')).not.toBe(nationalWas);
    // the default reads each reused file again
    const again = await publishSite(store, out, {}, at(2));
    expect(again.ok && again.value.healed).toBe(3);
    expect(readFileSync(national, 'utf8')).toBe(nationalWas);
    expect(readFileSync(acta, 'utf8')).toBe(actaWas);
    expect(readFileSync(level, 'utf8')).toBe(levelWas);
    expect(statSync(national).size).toBe(Buffer.byteLength(nationalWas));
    await store.close();
  });
});
