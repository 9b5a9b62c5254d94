import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ElectionDef } from '../core/model/acta.js';
import { contestsFile } from '../elections/contests.js';
import { manifestOfRef } from '../elections/manifests.js';
import { readRulesetSource } from '../elections/rulesets.js';
import { privateFileOf } from '../io/owned-dir.js';
import { dataPath } from '../io/paths.js';
import { jurisdictionFiles, loadJurisdiction } from '../jurisdictions/load.js';
import { appliedPages } from '../results/applied-pages.js';
import { courseSeed, seedCourse } from '../results/count-course.js';
import { CoursePointSchema } from '../results/document-schemas.js';
import { mesaKey, type ImportRecord, type Store } from '../store/store.js';

/**
 * What a version of the site records about the store it was made from (a hidden file in it), so
 * that the next publish knows which acta documents cannot have changed and reuses their files
 * without computing them (review 8 MEDIUM 9).
 */

/** What a version records of an acta document: its size and digest (fileDigest). */
export type FileMark = [size: number, digest: string];

const isMark = (m: unknown): boolean =>
  Array.isArray(m) &&
  m.length === 2 &&
  Number.isSafeInteger(m[0]) &&
  (m[0] as number) >= 0 &&
  typeof m[1] === 'string';

// checked by hand: zod's record of tuples took 0.75 s over Peru's 86,488 actas, each publish
const FileMarksSchema = z.custom<Record<string, FileMark>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isMark),
);

const ElectionStateSchema = z.object({
  /** The last committed import the version saw. */
  lastImport: z.number().int(),
  /**
   * Hashes: the committed imports up to it (ids and files), the election (its stored definition
   * and the bytes of its data files: definitionHash), its place names.
   */
  imports: z.string(),
  election: z.string(),
  places: z.string(),
  /**
   * Each acta document the version holds, by its mesa: its size and digest (fileDigest), so that
   * the next version reuses the file without reading it again (86,488 files for Peru).
   */
  actas: FileMarksSchema,
  /**
   * The count's course as replayed (count-course.ts CourseSeed) and a hash of the committed imports
   * up to its last (ids, files, times): the next publish extends it by the imports since instead
   * of reading every applied version again (86,488 for Peru).
   */
  course: z
    .object({
      through: z.number().int(),
      imports: z.string(),
      sums: z.object({
        votes: z.array(z.number()),
        valid: z.number(),
        emitted: z.number(),
        actas: z.number(),
        processed: z.number(),
      }),
      points: z.array(CoursePointSchema),
    })
    .optional(),
});
/**
 * A multi-contest election's files (ERM: its whole document and one per contest) and what they
 * were computed from (contestsInputs): no store, so the next version links them when the inputs
 * and the code are the same (1,771 files and ~0.9 s of CPU for Peru's two).
 */
const ContestsStateSchema = z.object({ inputs: z.string(), files: FileMarksSchema });
export type ContestsState = z.infer<typeof ContestsStateSchema>;

const StateSchema = z.object({
  /** The code that made the version: another cifra may write another document. */
  code: z.string(),
  /**
   * The audit head the publish verified (whole, or its suffix after the head before), so the next
   * publish with `--quick-verify` verifies only the log after it (without it, the whole store).
   */
  audit: z
    .object({ count: z.number().int(), hash: z.string(), at: z.string().nullable() })
    .optional(),
  elections: z.record(z.string(), ElectionStateSchema),
  contests: z.record(z.string(), ContestsStateSchema).optional(),
  /**
   * Each other file the version wrote or reused (results, lists, the dashboard …; not site.json),
   * by its path in the site: the next publish links a document whose bytes have this size and
   * digest without reading the old file to compare.
   */
  files: FileMarksSchema.optional(),
});
export type PublishState = z.infer<typeof StateSchema>;
export type ElectionState = z.infer<typeof ElectionStateSchema>;

/** A file's digest as the snapshot's hash takes it (128 bits: it tells versions apart). */
// the whole SHA-256 (base64url, 43 characters): the site's SHA256SUMS lists it in hex
export const fileDigest = (body: Buffer): string =>
  createHash('sha256').update(body).digest('base64url');

/** A file digest as `sha256sum` prints it. */
export const digestHex = (digest: string): string =>
  Buffer.from(digest, 'base64url').toString('hex');

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

let codeHash: string | undefined;
/**
 * The running code's files: the CLI bundle's chunks (all in its folder), or, run from source
 * (tests, tsx), every module under src/, since any of them can shape a document.
 */
export function codeFingerprint(): string {
  if (codeHash !== undefined) return codeHash;
  const here = fileURLToPath(import.meta.url);
  codeHash = folderFingerprint(here.endsWith('.ts') ? dirname(dirname(here)) : dirname(here));
  return codeHash;
}

/** A hash of the .js and .ts files under `root` (tests left out), names and bytes. */
export function folderFingerprint(root: string): string {
  const h = createHash('sha256');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(js|ts)$/.test(f) && !/\.test\.ts$/.test(f))
    .map((f) => f.split(sep).join('/'))
    .sort();
  for (const f of files)
    h.update(f)
      .update('\0')
      .update(readFileSync(join(root, f)));
  return h.digest('hex');
}

// the last state read, by its file's identity: `cifra publish` reads it for the audit head, then
// the publish itself (3.4 MB for Peru, ~0.4 s to parse and check)
let lastRead: { key: string; state: PublishState | null } | undefined;

/**
 * The state a previous version recorded in its private file (`privateFileOf`, outside the served
 * folder), or null (none, unreadable, another code).
 */
export function readState(file: string | null): PublishState | null {
  if (file === null) return null;
  try {
    const st = statSync(file);
    const key = `${realpathSync(file)}\0${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
    if (lastRead?.key === key) return lastRead.state;
    const r = StateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    const state = r.success && r.data.code === codeFingerprint() ? r.data : null;
    lastRead = { key, state };
    return state;
  } catch {
    return null;
  }
}

/** The audit head the site at `out` (an earlier publish) verified, or null. */
export function publishedAuditHead(out: string): PublishState['audit'] | null {
  let served: string;
  try {
    served = realpathSync(out);
  } catch {
    return null;
  }
  return readState(privateFileOf(served))?.audit ?? null;
}

const committed = async (store: Store, id: string): Promise<ImportRecord[]> =>
  (await store.listImports(id)).filter((i) => i.status === 'committed').sort((a, b) => a.id - b.id);

const importsHash = (imports: readonly ImportRecord[]): string =>
  sha(imports.map((i) => `${i.id}:${i.sha256}`).join('\n'));

// what a course point is made of (its time and source cut), of each committed import up to `through`
const courseImportsHash = (imports: readonly ImportRecord[], through: number): string =>
  sha(
    JSON.stringify(
      imports
        .filter((i) => i.id <= through)
        .map((i) => [i.id, i.sha256, i.finishedAt ?? null, i.cut ?? null]),
    ),
  );

/**
 * Starts this publish's count course of `id` from the previous version's (`was.course`) when it
 * is of the same election definition and the same committed imports up to its last: actaCourse
 * then reads only the versions of later imports. Otherwise the course is replayed whole.
 */
export async function seedCourseFrom(
  store: Store,
  id: string,
  was: ElectionState | undefined,
  now: ElectionState,
): Promise<void> {
  const c = was?.course;
  const def = await store.getElection(id);
  if (c === undefined || def === null || was?.election !== now.election) return;
  if (courseImportsHash(await committed(store, id), c.through) !== c.imports) return;
  seedCourse(store, def, c);
}

/** The course this publish replayed of `id`, to record (none when no document read it). */
export async function courseState(store: Store, id: string): Promise<ElectionState['course']> {
  const def = await store.getElection(id);
  const seed = def === null ? null : await courseSeed(store, def);
  if (seed === null) return undefined;
  const imports = courseImportsHash(await committed(store, id), seed.through);
  // written once as JSON, never changed: the readonly course as the state's plain type
  return { ...seed, imports } as ElectionState['course'];
}

/** A file's SHA-256, or '-' when it cannot be read (gone or moved: a change like any other). */
function fileSha(path: string): string {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return '-';
  }
}

/**
 * The data files an election's documents are computed from besides the store: its manifest (a
 * user's or the bundled one) and the files it names (universe, count histories; not the acta
 * sources, whose rows the store holds), its ruleset file and its jurisdiction's files (place
 * table, party colours, maps). A user may edit any of them between two publishes.
 */
export function definitionFiles(def: ElectionDef): string[] {
  const files: string[] = [];
  if (def.manifest?.path !== undefined) files.push(def.manifest.path);
  const m = manifestOfRef(def);
  if (m.ok) {
    const { path, universe, priorHistory, course, previousSnapshot } = m.value;
    files.push(
      path,
      ...[universe, priorHistory, course, previousSnapshot].filter((f) => f !== null),
    );
  }
  const rules = readRulesetSource(def.ruleset);
  if (rules.ok) files.push(rules.value.path);
  const j = loadJurisdiction(def.jurisdiction);
  if (j.ok) files.push(...jurisdictionFiles(j.value));
  return [...new Set(files)].sort();
}

/**
 * What a kept course or acta file was computed under: the stored definition and the bytes of its
 * data files (definitionFiles). The code's fingerprint covers src/ only, so without the files a
 * user's edited jurisdiction or universe would leave the previous version's course served.
 * Taken before the publish computes any document: a file edited meanwhile is newer than its
 * recorded digest, and the next publish computes everything again.
 */
export async function definitionHashes(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const def of await store.listElections()) {
    out.set(def.id, sha(JSON.stringify([def, filesHash(definitionFiles(def))])));
  }
  return out;
}

/** The strings anywhere in a parsed JSON value. */
const stringsOf = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : typeof v === 'object' && v !== null
      ? Object.values(v).flatMap(stringsOf)
      : [];

const RULESET_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Whether `path` is a file (a label's text as a path may be too long or cross a file). */
function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

/**
 * The files a multi-contest election's documents are computed from: its manifest, every file it
 * names (any of its strings that is a file beside it: votes, councils, a ruleset file, whatever
 * field names it), every built-in ruleset it names, and its jurisdiction's files.
 */
export function contestsFiles(id: string): string[] {
  const path = contestsFile(id);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return [path]; // unreadable: its digest says so
  }
  const files = [path];
  for (const s of new Set(stringsOf(json))) {
    const beside = resolve(dirname(path), s);
    if (s !== '' && isFile(beside)) files.push(beside);
    if (RULESET_ID.test(s) && isFile(dataPath('rulesets', `${s}.json`)))
      files.push(dataPath('rulesets', `${s}.json`));
  }
  const ref = (json as { jurisdiction?: unknown }).jurisdiction;
  const j = typeof ref === 'string' ? loadJurisdiction(ref) : null;
  if (j?.ok === true) files.push(...jurisdictionFiles(j.value));
  return [...new Set(files)].sort();
}

/** A hash of these files' names and bytes. */
const filesHash = (files: readonly string[]): string =>
  sha(JSON.stringify(files.map((f) => [f, fileSha(f)])));

/** Each multi-contest election's inputs (contestsFiles), hashed before any document is made. */
export const contestsInputs = (ids: readonly string[]): Map<string, string> =>
  new Map(ids.map((id) => [id, filesHash(contestsFiles(id))]));

/**
 * The election's state now, as the next version records it (its acta files still to come);
 * `definition` its definitionHash, taken before any document was computed.
 */
export async function electionState(
  store: Store,
  id: string,
  definition: string,
): Promise<ElectionState> {
  const imports = await committed(store, id);
  return {
    lastImport: imports.at(-1)?.id ?? 0,
    imports: importsHash(imports),
    election: definition,
    places: sha(JSON.stringify([...(await store.places(id))])),
    // no prototype: a mesa is any name (`__proto__`, `constructor` …)
    actas: Object.create(null) as Record<string, FileMark>,
  };
}

/**
 * A mesa as a key that every padding and spacing of it shares (quarantined rows keep the mesa as
 * read, ' 123' or '123'; the acta document is the padded '000123'): the store's own key.
 */
export { mesaKey };

/**
 * The mesas (by mesaKey) whose acta document may differ from the previous version's, or `all`.
 * An acta document is the mesa's versions, its quarantined rows and its place's names: it can
 * change only through a later import that applied a version of the mesa or quarantined a row of
 * it. `all` when that is not cheap to be sure of: no state, another election definition or place
 * names, imports that are not the ones the state saw (another store, a restored backup), or a new
 * import with conflicts (a conflict is stored in the mesa's history but is not an applied version).
 */
export async function changedMesas(
  store: Store,
  id: string,
  was: ElectionState | undefined,
  now: ElectionState,
): Promise<ReadonlySet<string> | 'all'> {
  if (was === undefined || was.election !== now.election || was.places !== now.places) return 'all';
  const imports = await committed(store, id);
  if (importsHash(imports.filter((i) => i.id <= was.lastImport)) !== was.imports) return 'all';
  const newer = imports.filter((i) => i.id > was.lastImport);
  if (newer.some((i) => i.conflicts !== 0)) return 'all';
  const out = new Set<string>();
  const range = { afterImport: was.lastImport, upToImport: newer.at(-1)?.id ?? was.lastImport };
  // a page at a time (the count course's reader): a big store's versions are never held at once
  for await (const page of appliedPages(store, id, range))
    for (const v of page) out.add(mesaKey(v.mesa));
  for (const i of newer)
    if (i.quarantined !== 0)
      for (const q of await store.quarantined(i.id)) if (q.mesa !== null) out.add(mesaKey(q.mesa));
  return out;
}
