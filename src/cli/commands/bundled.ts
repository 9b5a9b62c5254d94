import {
  builtInElectionIds,
  checkSourceHashes,
  electionDefOf,
  loadManifest,
} from '../../elections/manifests.js';
import { putPublishedElection } from '../../results/published-load.js';
import type { ElectionDef } from '../../core/model/acta.js';
import { electionDigest } from '../../store/audit-log.js';
import type { Store } from '../../store/store.js';
import { inRunLanguage, say } from '../format.js';
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

/**
 * What `npm start` loads on first run: every bundled election manifest (data/elections/) — acta
 * files ingested, validated and versioned; published aggregates stored as they are. Instant
 * afterwards: an election already present and unchanged costs a read of its manifest, no source
 * file is read or hashed.
 */
export async function loadBundledData(store: Store, io: CliIo, progress: boolean): Promise<number> {
  for (const id of builtInElectionIds()) {
    const m = loadManifest(id);
    if (!m.ok) return (printIssues(io, m.error), EXIT_ISSUES);
    const def = electionDefOf(m.value);
    const stored = await present(store, id);
    if (stored && !(await changed(store, def))) continue;
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
      continue;
    }
    if (!actas) {
      const p = await putPublishedElection(store, id);
      if (!p.ok) return (printIssues(io, p.error), EXIT_ISSUES);
      io.out(
        say('loaded {id} ({status}; {source})', {
          id,
          status: say(m.value.manifest.status.kind),
          source: def.published ? inRunLanguage(def.published.source) : '',
        }),
      );
      continue;
    }
    for (const file of m.value.files) {
      io.out(say('first run: loading {id} from {file} …', { id, file }));
      const code = await runIngest(
        store,
        { file, election: id, correction: false, output: 'table', progress },
        io,
      );
      if (code !== EXIT_OK) return code;
    }
  }
  return EXIT_OK;
}
