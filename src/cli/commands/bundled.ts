import { builtInElection } from '../../elections/catalog.js';
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
  return EXIT_OK;
}
