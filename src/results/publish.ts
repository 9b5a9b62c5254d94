import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MESA } from '../core/model/jurisdiction.js';
import type { Store } from '../store/store.js';
import { resultsCsv } from './csv.js';
import {
  electionWithJurisdiction,
  getCandidates,
  getProgress,
  getResults,
  getSeats,
  listElections,
} from './service.js';

export interface PublishReport {
  readonly snapshotId: string;
  readonly out: string;
  readonly files: number;
}

/**
 * Writes the API's read documents as a static tree any web server or CDN can serve:
 * `<out>/api/v1/elections.json`, `<out>/api/v1/<election>/{candidates,progress,seats}.json` and
 * `results/<level>.{json,csv}` for every level of the election's jurisdiction but the mesa. Built in a temporary directory
 * beside `out`, then renamed into place, so readers never see half a snapshot.
 */
export async function publishSnapshot(
  store: Store,
  out: string,
  openapi: unknown,
  now: string,
): Promise<PublishReport> {
  const elections = await listElections(store);
  const files = new Map<string, string>();
  const put = (path: string, body: unknown): void =>
    void files.set(path, typeof body === 'string' ? body : JSON.stringify(body));
  put('api/v1/elections.json', { elections });
  put('api/v1/openapi.json', openapi);
  for (const e of elections) {
    const base = `api/v1/${e.id}`;
    const c = await getCandidates(store, e.id);
    if (c.ok) put(`${base}/candidates.json`, c.value);
    const p = await getProgress(store, e.id);
    if (p.ok) put(`${base}/progress.json`, p.value);
    const s = await getSeats(store, e.id);
    if (s.ok) put(`${base}/seats.json`, s.value);
    const ej = await electionWithJurisdiction(store, e.id);
    const levels = ej.ok ? ej.value.jurisdiction.levelIds : [];
    for (const level of levels.filter((l) => l !== MESA)) {
      const r = await getResults(store, e.id, level);
      if (!r.ok) continue;
      put(`${base}/results/${level}.json`, r.value);
      put(`${base}/results/${level}.csv`, resultsCsv(r.value) + '\n');
    }
  }
  const hash = createHash('sha256');
  for (const [k, v] of [...files].sort()) hash.update(k).update('\0').update(v).update('\0');
  const snapshotId = `${now.replace(/[^0-9]/g, '').slice(0, 14)}-${hash.digest('hex').slice(0, 12)}`;
  put('snapshot.json', {
    snapshotId,
    createdAt: now,
    // the audit log's head at publication: whoever keeps it checks later that history only grew
    audit: await store.auditHead(),
    elections: elections.map((e) => e.id),
    files: [...files.keys()].sort(),
  });

  const tmp = `${out}.tmp-${snapshotId}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const [path, body] of files) {
    mkdirSync(dirname(join(tmp, path)), { recursive: true });
    writeFileSync(join(tmp, path), body);
  }
  const old = `${out}.old-${snapshotId}`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
  return { snapshotId, out, files: files.size };
}
