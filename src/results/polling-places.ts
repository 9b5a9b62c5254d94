import { z } from 'zod';
import { loadManifest } from '../elections/manifests.js';
import { readCsvFile } from '../io/csv.js';
import type { Store } from '../store/store.js';
import { election as findElection, type Found } from './service.js';

/** Where each mesa votes: for the dashboard's search by polling place. */
export const PollingPlacesSchema = z.object({
  election: z.string(),
  source: z
    .string()
    .nullable()
    .describe('who published the polling places (null: the election has none)'),
  places: z.array(
    z.object({
      name: z.string(),
      address: z.string(),
      place: z.string().describe("the unit (e.g. the district's ubigeo) the polling place is in"),
      mesas: z.array(z.string()),
    }),
  ),
});
export type PollingPlacesDocument = z.infer<typeof PollingPlacesSchema>;

/** Per election id: the file is read once (it does not change while the server runs). */
const CACHE = new Map<string, Found<PollingPlacesDocument>>();

/**
 * The polling places of an election whose manifest names them (`pollingPlaces`: a crossCheck
 * source with the local's name and address per mesa), each with its mesas in order; none
 * otherwise.
 */
export async function getPollingPlaces(
  store: Store,
  id: string | undefined,
): Promise<Found<PollingPlacesDocument>> {
  const e = await findElection(store, id);
  if (!e.ok) return e;
  const hit = CACHE.get(e.value.id);
  if (hit !== undefined) return hit;
  // a failure too: the file does not change while the server runs, so it is not read again
  const made = pollingPlacesOf(e.value.id);
  CACHE.set(e.value.id, made);
  return made;
}

function pollingPlacesOf(id: string): Found<PollingPlacesDocument> {
  const none = { ok: true as const, value: { election: id, source: null, places: [] } };
  const m = loadManifest(id);
  if (!m.ok) return none;
  const pp = m.value.manifest.pollingPlaces;
  const i = m.value.manifest.crossCheck.findIndex((s) => s.id === pp?.source);
  const source = m.value.manifest.crossCheck[i];
  const file = m.value.crossCheckFiles[i];
  if (pp === undefined || source?.columns === undefined || file === undefined) return none;
  const table = readCsvFile(file, 'pollingPlaces');
  if (!table.ok) return { ok: false, issues: table.error };
  const col = (c: string): string => c.trim().toLowerCase();
  const [mesa, place, name, address] = [
    source.columns.mesa,
    source.columns.place ?? '',
    pp.name,
    pp.address,
  ].map(col) as [string, string, string, string];
  const byKey = new Map<string, PollingPlacesDocument['places'][number]>();
  for (const { values: v } of table.value.rows) {
    const n = (v[name] ?? '').trim();
    const code = (v[mesa] ?? '').trim();
    if (n === '' || n === 'NA' || code === '') continue;
    const a = (v[address] ?? '').trim();
    const p = (v[place] ?? '').trim();
    const key = `${p}|${n}|${a}`;
    let found = byKey.get(key);
    if (found === undefined) byKey.set(key, (found = { name: n, address: a, place: p, mesas: [] }));
    found.mesas.push(code);
  }
  const places = [...byKey.values()];
  for (const x of places) x.mesas.sort();
  places.sort((a, b) =>
    a.place < b.place ? -1 : a.place > b.place ? 1 : a.name < b.name ? -1 : 1,
  );
  return { ok: true, value: { election: id, source: source.publisher, places } };
}
