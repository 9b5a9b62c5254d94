import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Acta, ElectionDef } from '../src/core/model/acta.js';
import { bundledElection } from '../src/elections/manifests.js';
import { loadManifest } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { CalibrationSetup } from './lib/calibration.js';
import { loadRuleset } from '../src/elections/rulesets.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { previousChoicesOf } from '../src/elections/previous-round.js';

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

/**
 * A bundled presidential election's calibration setup (its actas, choices and round, and the
 * previous round's actas when `priorId` names one): what `npm run calibrate` and
 * `npm run prior-history:cuts` replay; the caller adds the simulations and options.
 */
export async function calibrationSetupOf(
  id: string,
  priorId: string | null,
): Promise<Omit<CalibrationSetup, 'sims'> & { id: string }> {
  const { def, actas } = await bundledActas(id);
  const rs = loadRuleset(def.ruleset);
  if (!rs.ok || rs.value.kind !== 'presidential') throw new Error(`${id}: not presidential`);
  const prior = priorId === null ? null : await bundledActas(priorId);
  const choices = def.choices.map((c) => c.label);
  // run 17: the runoff's candidates by their first-round selves (the manifest's previousRound),
  // over the prior's votes in the previous round's choice order
  const paired =
    prior === null
      ? null
      : previousChoicesOf(
          id,
          choices,
          prior.def.choices.map((c) => c.label),
        );
  if (paired !== null && !paired.ok) throw new Error(`${id}: ${JSON.stringify(paired.error)}`);
  const previousChoices = paired?.value ?? null;
  return {
    id,
    actas,
    jurisdiction: requireJurisdiction(def.jurisdiction),
    choices,
    ...(previousChoices === null ? {} : { snapshotModel: { previousChoices } }),
    kind: rs.value.round === 'runoff' ? 'runoff' : 'first-round',
    pendingFiguresCount: def.pendingFiguresCount ?? false,
    ...(prior === null
      ? {}
      : { prior: prior.actas, priorPendingFiguresCount: prior.def.pendingFiguresCount ?? false }),
  };
}
