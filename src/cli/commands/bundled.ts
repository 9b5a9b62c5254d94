import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSourceHashes, electionDefOf, loadManifest } from '../../elections/manifests.js';
import { RULESET_FORMAT } from '../../core/rulesets/schema.js';
import { dataPath } from '../../io/paths.js';
import { putPublishedElection } from '../../results/published-load.js';
import type { ElectionDef } from '../../core/model/acta.js';
import { electionDigest } from '../../store/audit-log.js';
import type { Store } from '../../store/store.js';
import { codeWords, inRunLanguage, say } from '../format.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo } from '../io.js';
import { runIngest } from './actas.js';
import { printIssues } from './seats.js';

const ACTA_FORMATS = new Set(['onpe-mesa', 'onpe-congress', 'cifra-csv', 'cifra-json']);

/** Is the election already in the store with its figures (an import, or published units)? */
async function present(store: Store, id: string): Promise<boolean> {
  if ((await store.getElection(id)) === null) return false;
  if ((await store.listImports(id)).some((i) => i.status === 'committed')) return true;
  return (
    (await store.publishedUnits(id, 'national')).length > 0 ||
    (await store.publishedSeats(id)) !== null
  );
}

/** Has the bundled manifest changed since the stored election was loaded from it? */
async function changed(store: Store, def: ElectionDef): Promise<boolean> {
  const stored = await store.getElection(def.id);
  return stored === null || electionDigest(stored) !== electionDigest(def);
}

/**
 * A stored election whose bundled manifest changed (a status, a colour, a cut's instant) gets the
 * new definition, logged as any change of definition is; a published one gets its units again.
 */
async function refresh(store: Store, def: ElectionDef, actas: boolean): Promise<void> {
  if (actas) return store.putElection(def);
  const p = await putPublishedElection(store, def.id);
  if (!p.ok) throw new Error(`bundled ${def.id}: ${JSON.stringify(p.error)}`);
}

/** Where `cifra start` reads manifests, and the user's jurisdictions their `jurisdiction` may name. */
export interface BundledOptions {
  /** The folder of manifests (data/elections unless a test names another). */
  readonly dir?: string;
  /** `--jurisdictions DIR` ($CIFRA_JURISDICTIONS), as `cifra ingest` takes it. */
  readonly jurisdictions?: string | undefined;
}

/** A file in the manifests folder that is a ruleset (its `format` marker), not a manifest. */
function isRulesetFile(file: string): boolean {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return (
      typeof v === 'object' && v !== null && (v as { format?: unknown }).format === RULESET_FORMAT
    );
  } catch {
    return false; // not JSON: the manifest loader reports it with its code
  }
}

/**
 * What `npm start` loads on first run: every election manifest in data/elections/ — acta files
 * ingested, validated and versioned; published aggregates stored as they are. Instant afterwards:
 * an election already present and unchanged costs a read of its manifest, no source file is read
 * or hashed. A ruleset kept there, or a manifest that does not load, is reported on stderr and
 * skipped: the rest is served (EXIT_ISSUES only when nothing is left to serve).
 */
export async function loadBundledData(
  store: Store,
  io: CliIo,
  progress: boolean,
  o: BundledOptions = {},
): Promise<number> {
  const dir = o.dir ?? dataPath('elections');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  let served = 0;
  let skipped = 0;
  for (const name of files) {
    const file = join(dir, name);
    if (isRulesetFile(file)) {
      io.err(
        say(
          'skipped {file}: this is a ruleset: put it in data/rulesets/ or name it from the manifest',
          { file },
        ),
      );
      continue;
    }
    // a bundled manifest by its id, as ingest and the API name it; another folder's by its path
    const ref = o.dir === undefined ? name.slice(0, -'.json'.length) : file;
    const code = await loadOne(store, io, progress, ref, o.jurisdictions);
    if (code === EXIT_OK) served++;
    else {
      skipped++;
      io.err(say('skipped {file}: the election it defines is not served', { file }));
    }
  }
  return served === 0 && skipped > 0 ? EXIT_ISSUES : EXIT_OK;
}

/** One manifest loaded into the store (or found there unchanged); its issues printed. */
async function loadOne(
  store: Store,
  io: CliIo,
  progress: boolean,
  ref: string,
  jurisdictions: string | undefined,
): Promise<number> {
  const m = loadManifest(ref, { jurisdictions });
  if (!m.ok) return (printIssues(io, m.error), EXIT_ISSUES);
  const def = electionDefOf(m.value);
  const id = def.id;
  const stored = await present(store, id);
  if (stored && !(await changed(store, def))) return EXIT_OK;
  const bad = checkSourceHashes(m.value);
  if (bad.length > 0) return (printIssues(io, bad), EXIT_ISSUES);
  const actas = m.value.manifest.sources.every((s) => ACTA_FORMATS.has(s.format));
  if (stored) {
    await refresh(store, def, actas);
    io.out(
      actas
        ? say(
            'updated {id} from data/elections (its manifest changed; its actas are as imported)',
            {
              id,
            },
          )
        : say('updated {id} from data/elections (its manifest changed)', { id }),
    );
    return EXIT_OK;
  }
  if (!actas) {
    const p = await putPublishedElection(store, id);
    if (!p.ok) return (printIssues(io, p.error), EXIT_ISSUES);
    io.out(
      say('loaded {id} ({status}; {source})', {
        id,
        status: codeWords(m.value.manifest.status.kind),
        source: def.published ? inRunLanguage(def.published.source) : '',
      }),
    );
    return EXIT_OK;
  }
  for (const f of m.value.files) {
    io.out(say('first run: loading {id} from {file} …', { id, file: f }));
    const code = await runIngest(
      store,
      { file: f, election: ref, jurisdictions, correction: false, output: 'table', progress },
      io,
    );
    if (code !== EXIT_OK) return code;
  }
  return EXIT_OK;
}
