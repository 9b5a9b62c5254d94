import { builtInElection } from '../../elections/catalog.js';
import { PUBLISHED_ELECTIONS } from '../../elections/published.js';
import { dataPath } from '../../io/paths.js';
import type { Store } from '../../store/store.js';
import { EXIT_OK, type CliIo } from '../io.js';
import { runIngest } from './actas.js';

/** The real data `npm start` loads into the store on first run (instant afterwards: same SHA-256). */
export const BUNDLED: readonly { readonly election: string; readonly file: string }[] = [
  {
    election: 'pe-2021-presidencial',
    file: dataPath(
      'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
    ),
  },
];

export async function loadBundledData(store: Store, io: CliIo, progress: boolean): Promise<number> {
  for (const b of BUNDLED) {
    const e = builtInElection(b.election);
    if (e === null) continue;
    if ((await store.listImports(b.election)).some((i) => i.status === 'committed')) continue;
    io.out(`first run: loading ${b.election} from ${b.file} …`);
    const code = await runIngest(
      store,
      { file: b.file, election: b.election, correction: false, output: 'table', progress },
      io,
    );
    if (code !== EXIT_OK) return code;
  }
  // Elections known from published aggregates: the official 2021 Congress, the provisional 2026
  // first round and runoff, a third-party 2026 seat projection.
  for (const make of PUBLISHED_ELECTIONS) {
    const p = make();
    const present =
      (await store.getElection(p.def.id)) !== null &&
      ((await store.publishedUnits(p.def.id, 'national')).length > 0 ||
        (await store.publishedSeats(p.def.id)) !== null);
    if (present) continue;
    await store.putElection(p.def);
    await store.putPublished(p.def.id, p.units, p.seats);
    io.out(`loaded ${p.def.id} (${p.def.published?.status}, ${p.def.published?.source})`);
  }
  return EXIT_OK;
}
