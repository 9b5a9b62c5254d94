import { createHash } from 'node:crypto';
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { issue, type Issue } from '../core/issues.js';
import type { Result } from '../core/result.js';
import { replaceOwnedDir, type OwnedDirOptions, type VersionDirs } from '../io/owned-dir.js';
import type { PlacesDocument } from '../results/places.js';
import type { Store } from '../store/store.js';
import type { ContestsElectionDocument } from '../results/contests.js';
import { mesasOnlyQuarantined } from '../results/service.js';
import { DOCUMENTS, RawBody, type DocumentContext } from './documents.js';
import { API_ROOT, ELECTION_DOCUMENTS } from './paths.js';
import {
  changedMesas,
  codeFingerprint,
  contestsInputs,
  courseState,
  definitionHashes,
  electionState,
  digestHex,
  fileDigest,
  mesaKey,
  readState,
  seedCourseFrom,
  type ContestsState,
  type ElectionState,
  type FileMark,
  type PublishState,
} from './publish-unchanged.js';
import { builtInContestsIds } from '../elections/contests.js';
import { dashboardFiles, siteScope, type SiteScope } from './site-files.js';

export interface PublishReport {
  readonly snapshotId: string;
  readonly out: string;
  readonly files: number;
  readonly bytes: number;
  /** Of them, the files whose bytes changed (or are new): written; the others are the previous
   * version's, hard-linked (same inode, mtime and size: the same ETag from nginx). */
  readonly written: number;
  readonly writtenBytes: number;
  /** Acta documents not computed: their mesa had nothing new since the previous version. */
  readonly actasKept: number;
  /**
   * Files of the previous version whose bytes were no longer the ones it wrote (edited in place
   * after that publish): written afresh from the store. Not 0 is worth a look: who wrote there?
   */
  readonly healed: number;
  /**
   * What the site leaves out, and why: a multi-contest election whose file no longer reads or
   * whose document cannot be made (coded warnings at `contests.<id>`; review 28: a publish left a
   * broken contests file out and said nothing). The rest is published; site.json lists them too.
   */
  readonly leftOut: readonly Issue[];
}

const BY_URL = new Map(DOCUMENTS.map((d) => [d.url, d]));
// a path segment that is a file name: no separators, no dot-dot
const SAFE = /^(?!\.\.?$)[^/\\\0]+$/;

/** Whether the file at `path` holds exactly `body` (size first: most changed files differ in it). */
function sameBytes(path: string, body: Buffer): boolean {
  const st = statSync(path, { throwIfNoEntry: false });
  return (
    st !== undefined && st.isFile() && st.size === body.length && readFileSync(path).equals(body)
  );
}

/**
 * Puts the previous version's file at `path`: a hard link (no bytes written; inode, mtime and size
 * kept, so nginx's ETag and Last-Modified stay), or on a file system without links a copy given
 * the old mtime (what the ETag is made of). False when the previous version has no such file.
 */
function reuse(previous: string, path: string): boolean {
  try {
    linkSync(previous, path);
    return true;
  } catch (e) {
    // the folder is made first: ENOENT is the previous file missing
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  const st = statSync(previous, { throwIfNoEntry: false });
  if (!st?.isFile()) return false;
  copyFileSync(previous, path);
  utimesSync(path, st.atime, st.mtime);
  return true;
}

/**
 * Writes files into the site's new version, hashing names and digests in the order written; a
 * file whose bytes the previous version already holds is reused from it, not written.
 */
/** A previous version's file against its recorded mark (SiteWriter.held). */
type Held = 'intact' | 'missing' | 'edited';

class SiteWriter {
  readonly hash = createHash('sha256');
  files = 0;
  bytes = 0;
  written = 0;
  writtenBytes = 0;
  // folders made: one mkdir each, not one per file (a system call costs ~20 µs on this VM)
  private readonly made = new Set<string>();
  /** What this version holds of the files `put` wrote or reused, by path (no prototype). */
  readonly marks = Object.create(null) as Record<string, FileMark>;
  /**
   * `was`: what the previous version recorded of its files (its state's `files`), so that a file
   * whose size and digest are the recorded ones is linked without reading the old one (8,700 reads
   * for Peru's results and lists).
   */
  constructor(
    private readonly dirs: VersionDirs,
    private readonly was: Readonly<Record<string, FileMark>> | undefined,
    /**
     * Whether a file reused from the previous version is read again first and reused only if its
     * bytes are still the ones recorded (the default: a file edited in place in the served site is
     * written afresh, not carried into every later version; review 21 H1). `--quick-verify`
     * trusts the previous version as it trusts the audit log before its head.
     */
    private readonly recheck: boolean,
  ) {}

  /**
   * What the previous version's file holds against the mark recorded for it: trusted unread when
   * recheck is off (`present`: still checked to be a file of its recorded size). One stat.
   */
  private held(old: string, [size, digest]: FileMark, present = false): Held {
    if (!this.recheck && !present) return 'intact';
    const st = statSync(old, { throwIfNoEntry: false });
    if (st === undefined || !st.isFile()) return 'missing';
    // another size is an edit too (counted in `healed`), found without reading the bytes: free
    // after the stat, so even a trusted (`--quick-verify`) file is held to its recorded size
    if (st.size !== size) return 'edited';
    if (!this.recheck) return 'intact';
    return fileDigest(readFileSync(old)) === digest ? 'intact' : 'edited';
  }

  /**
   * Files of the previous version found changed since it was written (other bytes, of the same
   * size or not), and written afresh.
   */
  healed = 0;

  /** The new version's path of `rel`, its folder made. */
  private pathOf(rel: string): string {
    const path = join(this.dirs.dir, rel);
    const dir = dirname(path);
    if (!this.made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.made.add(dir);
    }
    return path;
  }

  /**
   * Writes a file; the last one (site.json, naming the snapshot) is left out of the hash. Its mark
   * goes in `marks` unless `recorded` apart (an acta's or a contest's, in their own records).
   */
  put(url: string, text: string | Buffer, hashed = true, recorded = false): FileMark {
    const body = typeof text === 'string' ? Buffer.from(text) : text;
    const rel = relOf(url);
    const path = this.pathOf(rel);
    const old = this.dirs.previous === null ? null : join(this.dirs.previous, rel);
    const mark: FileMark = [body.length, fileDigest(body)];
    const known = this.was !== undefined && Object.hasOwn(this.was, rel) ? this.was[rel] : null;
    const prior = known !== null && known !== undefined;
    const held =
      prior && known[0] === mark[0] && known[1] === mark[1] && old !== null
        ? this.held(old, mark)
        : null;
    if (held === 'edited') this.healed += 1;
    const same = prior ? held === 'intact' : old !== null && sameBytes(old, body);
    if (old === null || !same || !reuse(old, path)) {
      writeFileSync(path, body);
      // a path written twice (places.json) is one file written, of its last size
      const before = this.writtenSizes.get(rel);
      if (before === undefined) this.written += 1;
      this.writtenBytes += body.length - (before ?? 0);
      this.writtenSizes.set(rel, body.length);
    }
    if (!recorded) this.marks[rel] = mark;
    this.count(rel, mark, hashed);
    return mark;
  }

  /**
   * Reuses the previous version's file at `url` as it is, as that version recorded it (`mark`: it
   * is not read again); false when it has none.
   */
  keep(url: string, mark: FileMark, checked = false): boolean {
    if (this.dirs.previous === null) return false;
    const rel = relOf(url);
    const old = join(this.dirs.previous, rel);
    const held = checked ? 'intact' : this.held(old, mark);
    if (held === 'edited') this.healed += 1;
    if (held !== 'intact' || !reuse(old, this.pathOf(rel))) return false;
    this.count(rel, mark);
    return true;
  }

  /**
   * Reuses every one of the previous version's files `files` (url → mark, in the order they were
   * written), or none (false) when it lacks any of them.
   */
  keepAll(files: Readonly<Record<string, FileMark>>): boolean {
    const previous = this.dirs.previous;
    if (previous === null) return false;
    const all = Object.entries(files);
    for (const [url, mark] of all) {
      const held = this.held(join(previous, relOf(url)), mark, true);
      if (held === 'edited') this.healed += 1;
      if (held !== 'intact') return false;
    }
    // the lock is held: nothing else removes a file of the previous version meanwhile
    for (const [url, mark] of all)
      if (!this.keep(url, mark, true)) throw new Error(`${url} left the previous version`);
    return true;
  }

  private count(rel: string, [size, digest]: FileMark, hashed = true): void {
    if (hashed) this.hash.update(rel).update('\0').update(digest).update('\0');
    // a path put twice (places.json) is one file of the site, of its last size
    const before = this.sizes.get(rel);
    if (before === undefined) this.files += 1;
    this.bytes += size - (before ?? 0);
    this.sizes.set(rel, size);
    this.sums.set(rel, digest);
  }

  /** Every written file's size so far, by path. */
  private readonly writtenSizes = new Map<string, number>();

  /** Every file's size so far, by path: `files` and `bytes` are the site's, not the puts'. */
  private readonly sizes = new Map<string, number>();

  /** Every file put or kept so far, by path (a path put twice, as places.json is, once). */
  private readonly sums = new Map<string, string>();

  /**
   * Writes SHA256SUMS (every file so far, sorted by path, `sha256sum -c` format from the site's
   * root; review 21 M2: a reader could not check a published file) and answers its SHA-256, which
   * site.json carries. Not in the snapshot's hash: it is made of the digests that are.
   */
  putChecksums(): string {
    const paths = [...this.sums.keys()].sort();
    const text = paths.map((p) => `${digestHex(this.sums.get(p) as string)}  ${p}\n`).join('');
    return digestHex(this.put('/SHA256SUMS', text, false)[1]);
  }
}

const relOf = (url: string): string => (url === '/' ? 'index.html' : url.replace(/^\//, ''));

/** A document written: its value, its file's mark and its URL. */
interface Made {
  readonly value: unknown;
  readonly mark: FileMark;
  readonly url: string;
}

/** The site's documents: each computed by its API route and written at the path it is served at. */
class DocumentWriter {
  actasKept = 0;
  constructor(
    private readonly ctx: DocumentContext,
    private readonly w: SiteWriter,
  ) {}

  /**
   * An acta's document: the previous version's file when its mesa has nothing new since (`was`:
   * what that version recorded of its acta files). Recorded in `now`.
   */
  async acta(
    election: string,
    mesa: string,
    changed: ReadonlySet<string> | 'all',
    was: ElectionState['actas'] | undefined,
    now: ElectionState['actas'],
  ): Promise<void> {
    const url = `${API_ROOT}/elections/${election}/actas/${mesa}.json`;
    const same = changed !== 'all' && !changed.has(mesaKey(mesa));
    const kept = same && was !== undefined && Object.hasOwn(was, mesa) ? was[mesa] : undefined;
    if (kept !== undefined && SAFE.test(election) && SAFE.test(mesa) && this.w.keep(url, kept)) {
      this.actasKept += 1;
      now[mesa] = kept;
      return;
    }
    const made = await this.file('/elections/:election/actas/:mesa.json', { election, mesa }, true);
    if (made !== null && !('issues' in made)) now[mesa] = made.mark;
  }

  /**
   * Writes one document; its value, or null when the API would answer 404/422 (no file then).
   * Its file's mark is recorded in `into` by its URL, when given.
   */
  async put(
    pattern: string,
    params: Record<string, string> = {},
    into?: Record<string, FileMark>,
    failed?: (issues: readonly Issue[]) => void,
  ): Promise<unknown> {
    const made = await this.file(pattern, params, into !== undefined);
    if (made === null) return null;
    if ('issues' in made) return (failed?.(made.issues), null);
    if (into !== undefined) into[made.url] = made.mark;
    return made.value;
  }

  /**
   * Computes and writes one document (`recorded`: in the caller's record, SiteWriter.put); its
   * issues when the API would answer 404/422, null for a name no file can have.
   */
  private async file(
    pattern: string,
    params: Record<string, string>,
    recorded = false,
  ): Promise<Made | { issues: readonly Issue[] } | null> {
    const def = BY_URL.get(`${API_ROOT}${pattern}`);
    if (!def) throw new Error(`no document at ${pattern}`);
    if (!Object.values(params).every((v) => SAFE.test(v))) return null;
    const r = await def.make(this.ctx, params);
    if (!r.ok) return { issues: r.issues };
    const url = def.url.replace(/:(\w+)/g, (_m, k: string) => params[k] ?? '');
    const v = r.value;
    const mark = this.w.put(url, v instanceof RawBody ? v.text : JSON.stringify(v), true, recorded);
    return { value: v, mark, url };
  }
}

/**
 * One election: its documents, every level, every unit with its children, mesas and actas
 * (`now.actas` filled with what this version holds of them).
 */
async function writeElection(
  d: DocumentWriter,
  store: Store,
  id: string,
  was: ElectionState | undefined,
  now: ElectionState,
): Promise<void> {
  const changed = await changedMesas(store, id, was, now);
  const acta = (mesa: string): Promise<void> => d.acta(id, mesa, changed, was?.actas, now.actas);
  const e = { election: id };
  for (const name of ELECTION_DOCUMENTS) await d.put(`/elections/:election/${name}.json`, e);
  const places = (await d.put('/elections/:election/places.json', e)) as PlacesDocument | null;
  const levels = ['national', ...(places?.levels.map((l) => l.id) ?? [])];
  for (const level of levels) {
    await d.put('/elections/:election/results/:level.json', { ...e, level });
    await d.put('/elections/:election/results/:level.csv', { ...e, level });
  }
  // the nation's code is its jurisdiction's (PE, ES, …), as results/national.json names it
  const nation = places ? [{ level: 'national', code: places.jurisdiction.national }] : [];
  const units = [...nation, ...(places?.units ?? [])];
  const finest = places?.levels.filter((l) => l.place).at(-1)?.id;
  for (const u of units) {
    const p = { ...e, level: u.level, code: u.code };
    await d.put('/elections/:election/results/:level/:code.json', p);
    await d.put('/elections/:election/results/:level/:code/children.json', p);
    // a district's mesas as CSV, at the path the API serves them (a poll-watcher's list); only
    // the finest place level's, each mesa once: every level's tripled a Peru publish's CPU for
    // them (+12 s, +220 MB); a province's or department's list is the API's
    if (u.level === finest) await d.put('/elections/:election/results/:level/:code/mesas.csv', p);
  }
  // the mesas of the finest place level, and each mesa's acta
  for (const u of units.filter((x) => x.level === finest)) {
    const list = (await d.put('/elections/:election/mesas/:place.json', {
      ...e,
      place: u.code,
    })) as { mesas: { mesa: string }[] } | null;
    for (const m of list?.mesas ?? []) await acta(m.mesa);
  }
  // a mesa whose rows were all quarantined has its document (its refused rows) as the API does
  for (const mesa of await mesasOnlyQuarantined(store, id)) await acta(mesa);
}

/** Whether every URL of a recorded contests state is one of the election's contest paths. */
const contestsUrls = (id: string, files: Readonly<Record<string, FileMark>>): boolean =>
  Object.keys(files).every((url) => {
    const [whole, kind, key, ...more] = url
      .slice(`${API_ROOT}/contests/`.length)
      .replace(/\.json$/, '')
      .split('/');
    return (
      url.startsWith(`${API_ROOT}/contests/`) &&
      url.endsWith('.json') &&
      whole === id &&
      more.length === 0 &&
      (kind === undefined ? true : SAFE.test(kind) && key !== undefined && SAFE.test(key))
    );
  });

/** A multi-contest election's issue as the publish reports it: a warning at `contests.<id>…`. */
const leftOutIssue = (id: string, i: Issue): Issue => ({
  ...i,
  severity: 'warning',
  path: ['contests', id, ...i.path],
});

/**
 * A multi-contest election (ERM): the whole document, then each contest at its own path. They
 * read no store: the previous version's files are linked when they were made from the same inputs
 * (`was`; the code is the state's), else computed; recorded in `now`.
 */
async function writeContests(
  d: DocumentWriter,
  w: SiteWriter,
  id: string,
  was: ContestsState | undefined,
  now: ContestsState,
  leftOut: Issue[],
): Promise<void> {
  // a version that wrote none of its files (its document failed) is no version to link: made
  // again, so that every publish says what it leaves out
  const same =
    was !== undefined &&
    was.inputs === now.inputs &&
    Object.keys(was.files).length > 0 &&
    contestsUrls(id, was.files);
  if (same && w.keepAll(was.files)) {
    now.files = was.files;
    return;
  }
  const e = { election: id };
  // a file that reads but does not load (its schema, a source gone) is left out, and said
  const doc = (await d.put('/contests/:election.json', e, now.files, (issues) =>
    leftOut.push(...issues.map((i) => leftOutIssue(id, i))),
  )) as ContestsElectionDocument | null;
  for (const c of doc?.contests ?? []) {
    const [kind = '', key = ''] = c.id.split('/');
    await d.put('/contests/:election/:kind/:key.json', { ...e, kind, key }, now.files);
  }
}

/**
 * The store as one publish reads it: each election's definition read once, not once per document
 * (8,700 of them for Peru's first round, each a query and a parse). Not the revision: read per
 * document, as the API reads it, it is what tells a reader of two documents that an import landed
 * between them; read once, a publish across an import would give newer figures the older revision.
 */
function oncePerPublish(store: Store): Store {
  const elections = new Map<string, ReturnType<Store['getElection']>>();
  const getElection = (id: string): ReturnType<Store['getElection']> => {
    let e = elections.get(id);
    if (e === undefined) elections.set(id, (e = store.getElection(id)));
    return e;
  };
  return new Proxy(store, {
    get(target, key) {
      if (key === 'getElection') return getElection;
      const v: unknown = Reflect.get(target, key, target);
      // the store's own methods, on the store (its private fields are not the proxy's)
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** What a publish is asked besides the store, the folder and the time (publishSite). */
type PublishOptions = OwnedDirOptions & {
  /** The head `cifra audit verify` checked before the site was read (else the store's now). */
  readonly audit?: Awaited<ReturnType<Store['auditHead']>>;
  /** Reuse the previous version's files without reading them again (`--quick-verify`). */
  readonly trustPrevious?: boolean;
  /** Told as each election (then each multi-contest one) starts: the CLI's progress on a terminal. */
  readonly progress?: PublishProgress;
};

/** What a publish is at: an election's id, its place among `total`, the files written so far. */
export type PublishProgress = (at: {
  readonly id: string;
  readonly index: number;
  readonly total: number;
  readonly files: number;
}) => void;

/**
 * Writes the whole public site as static files: the dashboard and every document it reads, at
 * the paths the API serves them (src/api/paths.ts), so nginx, object storage or a CDN serves it
 * with no Node process. Not written: the what-if and the cross-checks (the server computes them on
 * request; the dashboard says a static copy has no cross-check, and shows site.json's createdAt).
 * `out` must be new, empty, or a site an earlier publish wrote (docs/errors.md); it becomes a
 * symlink to the new version, swapped in by one rename (replaceOwnedDir, docs/adr/007).
 */
export async function publishSite(
  store: Store,
  out: string,
  openapi: unknown,
  now: string,
  o: PublishOptions = {},
): Promise<Result<PublishReport, Issue[]>> {
  store = oncePerPublish(store);
  return replaceOwnedDir(
    out,
    async (dirs) => ({ ...(await writeSite(store, dirs, openapi, now, o)), out }),
    o,
  );
}

/** One version of the site, into `dirs.dir`: its files, its private state, site.json last. */
async function writeSite(
  store: Store,
  dirs: VersionDirs,
  openapi: unknown,
  now: string,
  o: PublishOptions,
): Promise<Omit<PublishReport, 'out'>> {
  // before any document loads a data file: what they are computed under, at most
  const definitions = await definitionHashes(store);
  // what the site carries beyond its elections: the rule the server follows too (siteScope)
  const leftOut: Issue[] = [];
  const scope = await siteScope(store, builtInContestsIds(), (i) => leftOut.push(i));
  const contests = contestsInputs(scope.contests);
  const was = readState(dirs.previousPrivate);
  const w = new SiteWriter(dirs, was?.files, o.trustPrevious !== true);
  const d = new DocumentWriter(
    {
      store,
      compare: async () => ({ ok: false, error: [issue('not_found', ['compare'])] }),
    },
    w,
  );
  await writeReferences(w, d, scope, openapi);
  // recorded only when verified: the next publish then verifies the log after it
  const state: PublishState = {
    code: codeFingerprint(),
    audit: o.audit,
    elections: {},
    contests: {},
  };
  const tell: Tell = (id, index, total) => o.progress?.({ id, index, total, files: w.files });
  await writeElections(d, store, definitions, was, state, tell);
  await writeAllContests(d, w, contests, was, state, leftOut, tell);
  const snapshotId = await finishSite(w, dirs, store, state, now, o.audit, leftOut);
  const { files, bytes, written, writtenBytes, healed } = w;
  const { actasKept } = d;
  return { snapshotId, files, bytes, written, writtenBytes, actasKept, healed, leftOut };
}

/** An election started: its id, its place among the `total` of its kind. */
type Tell = (id: string, index: number, total: number) => void;

/** The dashboard with the maps the site carries, the OpenAPI and the rulesets. */
async function writeReferences(
  w: SiteWriter,
  d: DocumentWriter,
  scope: SiteScope,
  openapi: unknown,
): Promise<void> {
  for (const f of dashboardFiles(scope)) w.put(f.url, f.body());
  w.put(`${API_ROOT}/openapi.json`, JSON.stringify(openapi));
  const rulesets = (await d.put('/rulesets.json')) as { rulesets: { id: string }[] } | null;
  for (const r of rulesets?.rulesets ?? []) await d.put('/rulesets/:id.json', { id: r.id });
}

/** Every election of the store, each recorded in `state` with what this version holds of it. */
async function writeElections(
  d: DocumentWriter,
  store: Store,
  definitions: Map<string, string>,
  was: PublishState | null,
  state: PublishState,
  tell: Tell,
): Promise<void> {
  const list = (await d.put('/elections.json')) as { elections: { id: string }[] };
  for (const [i, { id }] of list.elections.entries()) {
    tell(id, i, list.elections.length);
    // read before the documents: an import meanwhile is new to the next publish, not lost;
    // an election added since the definitions were hashed ('') never matches a recorded one
    const now = await electionState(store, id, definitions.get(id) ?? '');
    state.elections[id] = now;
    await seedCourseFrom(store, id, was?.elections[id], now);
    await writeElection(d, store, id, was?.elections[id], now);
    now.course = await courseState(store, id);
  }
}

/** The multi-contest elections the site carries (`inputs`: by id), each recorded in `state`. */
async function writeAllContests(
  d: DocumentWriter,
  w: SiteWriter,
  inputs: ReadonlyMap<string, string>,
  was: PublishState | null,
  state: PublishState,
  leftOut: Issue[],
  tell: Tell,
): Promise<void> {
  for (const [i, id] of [...inputs.keys()].entries()) {
    tell(id, i, inputs.size);
    const now: ContestsState = { inputs: inputs.get(id) ?? '', files: {} };
    (state.contests ??= {})[id] = now;
    await writeContests(d, w, id, was?.contests?.[id], now, leftOut);
  }
}

/**
 * The checksums, the private state (which records them as any other file), then site.json naming
 * the snapshot: its id.
 */
async function finishSite(
  w: SiteWriter,
  dirs: VersionDirs,
  store: Store,
  state: PublishState,
  now: string,
  audit: PublishOptions['audit'],
  leftOut: readonly Issue[],
): Promise<string> {
  const sums = w.putChecksums();
  state.files = w.marks;
  writeFileSync(dirs.private, JSON.stringify(state));
  const snapshotId = `${now.replace(/[^0-9]/g, '').slice(0, 14)}-${w.hash.digest('hex').slice(0, 12)}`;
  w.put(
    `${API_ROOT}/site.json`,
    JSON.stringify({
      kind: 'static',
      whatIf: false,
      snapshotId,
      createdAt: now,
      audit: audit ?? (await store.auditHead()),
      checksums: { file: 'SHA256SUMS', sha256: sums },
      // what a reader of the site will not find, and why (no details: they name local files)
      leftOut: leftOut.map(({ code, severity, path }) => ({ code, severity, path })),
    }),
    false,
  );
  return snapshotId;
}
