// A mesa whose finest place no one names is said by its place code, with the jurisdiction's word
// for that code (s31): in the run's language, from the jurisdiction's labels (s32). It was the
// Spanish label in every language: right for Peru's "ubigeo", wrong for a jurisdiction whose
// English word differs (Spain's "INE municipality code"). Ruritania's code is "código de municipio"
// / "municipality code"; its municipality 109 is in the place table without a name. A file that
// `cifra export` writes, and `cifra results --format json`, are the API's document, whose words are
// Spanish whatever --lang says (the lead, s32: the CLI's JSON is the API's, word for word).
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { copyRt, rtCliStore } from './rt-fixture.js';

const dir = tempDir('cifra-cli-mesa-place-word-');
let run: (...argv: string[]) => Promise<string>;

beforeAll(async () => {
  const rt = copyRt(join(dir, 'rt'), {
    moreActas: ['0099,109,COUNTED,864,764,5,3,0,336,248,120,28,24'],
  });
  // municipality 109 of region Nord, its name unknown
  appendFileSync(join(rt.jurisdictions, 'rt', 'places.csv'), '109,Nord,\n');
  run = await rtCliStore(rt, join(dir, 'rt.db'));
}, 120_000);

describe("a mesa's place code, said in the run's language", () => {
  it('cifra results says the English word in English and the Spanish one in Spanish', async () => {
    const mesa = ['results', '--level', 'mesa', '--code', '0099'];
    expect(await run(...mesa, '--lang', 'en')).toContain(
      'Mesa 0099 — municipality code 109, Nord: actas 1 / 1 processed',
    );
    expect(await run(...mesa, '--lang', 'es')).toContain(
      'Mesa 0099 — código de municipio 109, Nord: actas 1 / 1 procesadas',
    );
    const json = JSON.parse(await run(...mesa, '--lang', 'en', '--format', 'json')) as {
      units: { name: string }[];
    };
    expect(json.units.map((u) => u.name)).toEqual(['Mesa 0099 — código de municipio 109, Nord']);
  });

  it("a named municipality's mesa says its names, no code, in either language", async () => {
    for (const lang of ['en', 'es'])
      expect(await run('results', '--level', 'mesa', '--code', '0001', '--lang', lang)).toContain(
        'Mesa 0001 — Altstadt, Nord:',
      );
  });

  it("cifra export writes the API's document: its Spanish word, whatever --lang", async () => {
    const out = join(dir, 'nord.json');
    await run('export', '--level', 'mesa', '--unit', '1', '--format', 'json', '--out', out);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { units: { name: string }[] };
    expect(doc.units.map((u) => u.name)).toContain('Mesa 0099 — código de municipio 109, Nord');
  });
});
