import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Acta, ElectionDef } from '../src/core/model/acta.js';
import { bundledElection } from '../src/elections/manifests.js';
import { loadManifest } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

/**
 * A bundled per-mesa election's actas as cifra reads them (ingested into a throwaway store, so
 * exactly what `cifra ingest` would keep): what calibrations and priors replay.
 */
export async function bundledActas(id: string): Promise<{ def: ElectionDef; actas: Acta[] }> {
  const def = bundledElection(id);
  const loaded = loadManifest(id);
  if (def === null || !loaded.ok) throw new Error(`${id}: no such bundled election`);
  const file = loaded.value.files[0];
  if (file === undefined) throw new Error(`${id}: no source file`);
  const dir = mkdtempSync(join(tmpdir(), 'cifra-actas-'));
  try {
    const store = new SqliteStore(join(dir, 'actas.db'));
    await store.migrate();
    await store.putElection(def);
    const r = await ingestFile(store, { file, election: def, now: () => new Date().toISOString() });
    if (!r.ok) throw new Error(`${id}: the bundled file did not ingest`);
    const actas = (await store.currentActas(def.id)).map(
      ({ version: _v, conflict: _c, warnings: _w, ...a }) => a,
    );
    await store.close();
    return { def, actas };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
