/// <reference lib="dom" />
// Every bundled election and contests set on screen in Spanish shows no English half of its data
// file's texts, and in English no Spanish half: the publishers, sources, valla, proclamation,
// cross-check names, labels and notes its manifest gives as { es, en } (found by the schema, as
// test/data-languages.test.ts does), plus the English source strings the last session found on the
// Spanish page. Each view waits for its own-language source line, on a phone and a desktop. It
// failed on the old files and dashboard (English source lines in Spanish, Spanish election labels
// in English).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ContestsManifestSchema } from '../../src/core/model/contests-manifest.js';
import { ManifestSchema } from '../../src/core/model/manifest.js';
import { builtInContestsIds } from '../../src/elections/contests.js';
import { builtInElectionIds, bundledElection } from '../../src/elections/manifests.js';
import { PROJECT_ROOT } from '../../src/io/paths.js';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { localized } from '../localized-fields.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

type Lang = 'es' | 'en';
type Text = { es: string; en: string };

/** English the Spanish page showed before (source lines, the valla, a proclamation). */
const KNOWN_ENGLISH = [
  'third party',
  'captured on',
  'not a JNE',
  'as reported',
  "ONPE's results portal",
  "@sergiocorreia's transcription",
  'valid votes',
  'ONPE summary',
];

/** A view: its URL, its data file's texts, and the text that shows its source line is drawn. */
interface View {
  readonly name: string;
  readonly path: string;
  readonly texts: readonly Text[];
  readonly ready: Text;
}

function viewOf(name: string, path: string, file: string, schema: z.ZodType): View {
  const data: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, 'data', file), 'utf8'));
  const texts = localized(schema, data)
    .map((f) => f.text)
    .filter((t): t is Text => typeof t === 'object' && t !== null);
  const m = data as {
    label: Text;
    sources?: { publisher: unknown }[];
    status: { publisher?: unknown };
  };
  // drawn last: the source line (the first source's publisher, or the status's), else the label
  const first = m.sources?.[0]?.publisher ?? m.status.publisher ?? m.label;
  const ready = typeof first === 'string' ? { es: first, en: first } : (first as Text);
  return { name, path, texts, ready };
}

const VIEWS: readonly View[] = [
  ...builtInElectionIds().map((id) =>
    viewOf(id, `/?election=${id}`, `elections/${id}.json`, ManifestSchema),
  ),
  ...builtInContestsIds().map((id) =>
    viewOf(id, `/?view=erm&erm=${id}`, `contests/${id}.json`, ContestsManifestSchema),
  ),
];

const env = useDashboard(async () => {
  const store = new SqliteStore(join(tempDir('cifra-browser-languages-'), 'l.db'));
  await store.migrate();
  for (const id of builtInElectionIds()) {
    if ((await putPublishedElection(store, id)).ok) continue;
    // an election counted from actas: its manifest (and so its texts) without the actas
    const def = bundledElection(id);
    if (def === null) throw new Error(id);
    await store.putElection(def);
  }
  return store;
}, 300_000);

/** The other language's half of each text (only where it is not part of this language's). */
function foreign(view: View, lang: Lang): string[] {
  const other: Lang = lang === 'es' ? 'en' : 'es';
  const own = view.texts.map((t) => t[lang]).join('\n');
  const halves = view.texts.map((t) => t[other]).filter((s) => !own.includes(s));
  return lang === 'es' ? [...halves, ...KNOWN_ENGLISH] : halves;
}

describe.each(VIEWS)('$name', (view) => {
  it.each(['es', 'en'] as const)(
    'in %s shows no text of the other language from its data file, at 390 and 1280 px',
    async (lang) => {
      expect(view.texts.length).toBeGreaterThan(0);
      for (const width of [390, 1280]) {
        const { page, errors } = await openPage(
          env.browser,
          `${env.base}${view.path}&lang=${lang}`,
          width,
        );
        await page.waitForFunction(
          (s) => document.body.innerText.includes(s),
          view.ready[lang].slice(0, 40),
        );
        const shown = await page.evaluate(() => document.body.innerText);
        for (const s of foreign(view, lang))
          expect(shown, `${view.name} ${lang} ${width}px shows "${s}"`).not.toContain(s);
        expect(await noSideScroll(page)).toBe(true);
        expect(errors).toEqual([]);
        await page.close();
      }
    },
    180_000,
  );
});
