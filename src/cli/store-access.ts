import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { issue, type Issue } from '../core/issues.js';
import {
  actaSourcesOf,
  builtInElectionIds,
  isPath,
  loadManifest,
  type LoadedManifest,
} from '../elections/manifests.js';
import { isPostgresUrl, openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { say } from './format.js';
import { EXIT_ISSUES, type CliIo } from './io.js';
import { jurisdictionLocale, useJurisdictionLocale } from './jurisdiction-words.js';
import { printIssues } from './messages.js';

// How the commands open the store: each command's rule for a missing one (create it, refuse with
// store_not_found, or read a bundled election in memory) is one function here.

/** $CIFRA_SQLITE_BUSY_MS (the older name of --busy-timeout): the wait for another's write lock. */
export function sqliteBusyMs(): number | undefined {
  const v = Number(process.env['CIFRA_SQLITE_BUSY_MS']);
  return Number.isInteger(v) && v >= 0 ? v : undefined;
}

export async function withStore<T = number>(
  path: string,
  f: (store: Store) => Promise<T>,
  busyMs = sqliteBusyMs(),
): Promise<T> {
  const store = openStore(path, { busyMs });
  try {
    await store.migrate();
    const followed = localeFollowing(store);
    // a store of one jurisdiction's elections groups their way from the start (cifra imports)
    await followed.listElections();
    return await f(followed);
  } finally {
    await store.close();
  }
}

/**
 * The store as a command reads it: the election it reads or writes sets the run's grouping to its
 * jurisdiction's locale (Spain 12.681, Peru 12,681), here where every command opens its store, so
 * that none can forget it (review 26: seats, compare, contests, imports grouped Peru's way). A
 * listing sets it only where the store's elections all write figures one way.
 */
function localeFollowing(store: Store): Store {
  const getElection: Store['getElection'] = async (id) => {
    const e = await store.getElection(id);
    if (e !== null) useJurisdictionLocale(e);
    return e;
  };
  const listElections: Store['listElections'] = async () => {
    const all = await store.listElections();
    const locales = new Set(all.map((e) => jurisdictionLocale(e)));
    if (all.length > 0 && locales.size === 1) useJurisdictionLocale(all[0]);
    return all;
  };
  const putElection: Store['putElection'] = async (def) => {
    await store.putElection(def);
    useJurisdictionLocale(def);
  };
  const own: Partial<Store> = { getElection, listElections, putElection };
  return new Proxy(store, {
    get(target, key) {
      if (typeof key === 'string' && key in own) return own[key as keyof Store];
      const v: unknown = Reflect.get(target, key, target);
      // the store's own methods, on the store (its private fields are not the proxy's)
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * A reading command's store: with no SQLite file at `path`, store_not_found (exit 1) and nothing
 * created — a mistyped --db must not answer from, or publish, a new empty store. Only commands
 * that write (ingest, replay, start, serve with a token) create one.
 */
export async function withExistingStore(
  path: string,
  io: CliIo,
  f: (store: Store) => Promise<number>,
): Promise<number> {
  if (storeExists(path)) return withStore(path, f);
  printIssues(io, [storeNotFound(path)]);
  return EXIT_ISSUES;
}

export const storeExists = (path: string): boolean =>
  isPostgresUrl(path) || path === ':memory:' || existsSync(path);

/** The store at `path`, given by `option` (compare's B: --db-b), does not exist. */
export const storeNotFound = (path: string, option = 'db'): Issue =>
  issue('store_not_found', [option], { db: path, create: `cifra ingest <file> --db ${path}` });

/**
 * The store, or — when it lacks the election and the election is a manifest of published
 * aggregates (bundled in data/elections, or a file of the user's: `--election my-election.json`)
 * — a store in memory with that election loaded, said on stderr: so `cifra seats --election
 * pe-2026-diputados` works on a fresh clone without writing anything. `f` gets the election's id
 * (a manifest file's own id, not its path).
 */
export async function withElectionStore(
  path: string,
  ref: string,
  io: CliIo,
  f: (store: Store, election: string) => Promise<number>,
  jurisdictions?: string,
): Promise<number> {
  const file = isPath(ref);
  const m =
    file || builtInElectionIds().includes(ref) ? loadManifest(ref, { jurisdictions }) : null;
  // a bundled manifest fails to load only by the user's --jurisdictions (a bad folder, a shadow)
  if (m !== null && !m.ok) return (printIssues(io, m.error), EXIT_ISSUES);
  const manifest = m?.ok ? m.value.manifest : null;
  const id = manifest?.id ?? ref;
  // no store file at --db: nothing is stored, and a lookup creates no empty cifra.db
  const stored =
    storeExists(path) &&
    (await withStore(path, async (store) => (await store.getElection(id)) !== null));
  if (stored) return withStore(path, (store) => f(store, id));
  if (manifest === null || !isAggregates(manifest.sources)) {
    printIssues(io, [await unknownElection(path, id)]);
    // an election of actas is counted from the store: say how to put them there
    if (m?.ok) io.err(ingestFirst(m.value, ref, path, jurisdictions));
    return EXIT_ISSUES;
  }
  io.err(
    say('{id} is not in {db}: reading {file}', {
      id,
      db: path,
      file: file ? ref : say('the bundled data/elections/{id}.json', { id }),
    }),
  );
  return withStore(':memory:', async (store) => {
    const { putPublishedElection } = await import('../results/published-load.js');
    const put = await putPublishedElection(store, ref, { jurisdictions });
    if (!put.ok) return (printIssues(io, put.error), EXIT_ISSUES);
    return f(store, id);
  });
}

/** A word a POSIX shell reads as itself: quoted when it holds a space or a special character. */
const shellWord = (w: string): string =>
  /^[A-Za-z0-9_./:@%+=,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;

/** The line that says how to store an election of actas: one `cifra ingest` per source file. */
function ingestFirst(
  loaded: LoadedManifest,
  ref: string,
  db: string,
  jurisdictions: string | undefined,
): string {
  const shown = (f: string): string => {
    const r = relative(process.cwd(), f);
    return shellWord(r.startsWith('..') || isAbsolute(r) ? f : r);
  };
  const commands = actaSourcesOf(loaded)
    .filter((s) => s.path[0] === 'sources')
    .map(
      (s) =>
        `cifra ingest ${shown(s.file)} --election ${shellWord(ref)} --db ${shellWord(db)}${jurisdictions === undefined ? '' : ` --jurisdictions ${shellWord(jurisdictions)}`}`,
    );
  return say('{id} is counted from actas: ingest them first: {commands}', {
    id: loaded.manifest.id,
    commands: commands.join(' && '),
  });
}

/** A manifest whose figures are all published aggregates: read without a store (no ingest). */
const isAggregates = (sources: readonly { format: string }[]): boolean =>
  sources.every((s) => s.format === 'cifra-aggregate-csv');

/**
 * An election neither stored nor readable without a store: the issue lists what `--election`
 * would take — the store's elections and the bundled manifests of published aggregates.
 */
async function unknownElection(path: string, id: string): Promise<Issue> {
  const stored = storeExists(path)
    ? await withStore(path, async (store) => (await store.listElections()).map((e) => e.id))
    : [];
  const bundled = builtInElectionIds().filter((b) => {
    const m = loadManifest(b);
    return m.ok && isAggregates(m.value.manifest.sources);
  });
  const known = [...new Set([...stored, ...bundled])].sort();
  return issue('unknown_election', ['election'], { election: id, known });
}
