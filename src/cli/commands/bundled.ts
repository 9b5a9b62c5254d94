import { bothLanguages } from '../../core/model/note.js';
import {
  builtInElectionIds,
  checkSourceHashes,
  electionDefOf,
  loadManifest,
} from '../../elections/manifests.js';
import { putPublishedElection } from '../../results/published-load.js';
import type { Store } from '../../store/store.js';
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

/**
 * What `npm start` loads on first run: every bundled election manifest (data/elections/) — acta
 * files ingested, validated and versioned; published aggregates stored as they are. Instant
 * afterwards: an election already present is skipped.
 */
export async function loadBundledData(store: Store, io: CliIo, progress: boolean): Promise<number> {
  for (const id of builtInElectionIds()) {
    if (await present(store, id)) continue;
    const m = loadManifest(id);
    const bad = m.ok ? checkSourceHashes(m.value) : m.error;
    if (!m.ok || bad.length > 0) return (printIssues(io, bad), EXIT_ISSUES);
    const def = electionDefOf(m.value);
    const actas = m.value.manifest.sources.every((s) => ACTA_FORMATS.has(s.format));
    if (!actas) {
      const p = await putPublishedElection(store, id);
      if (!p.ok) return (printIssues(io, p.error), EXIT_ISSUES);
      io.out(
        `loaded ${id} (${m.value.manifest.status.kind}; ${def.published ? bothLanguages(def.published.source).en : ''})`,
      );
      continue;
    }
    for (const file of m.value.files) {
      io.out(`first run: loading ${id} from ${file} …`);
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
