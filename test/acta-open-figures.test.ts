// An open acta (pending, at the JEE) that carries figures says whether they are in the totals
// (poll-watcher review 26 H4): ONPE's 2021 runoff file leaves 026140 EN PROCESO with figures that
// its totals leave out; the 2021 first round's publication counts such figures
// (pendingFiguresCount). The acta document, `cifra acta` and (browser test acta-panel) the
// dashboard say which.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderActa } from '../src/cli/commands/actas.js';
import { useTableLanguage } from '../src/cli/format.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { getActa } from '../src/results/service.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';

const HEADER =
  '"UBIGEO","DEPARTAMENTO","PROVINCIA","DISTRITO","TIPO_ELECCION","MESA_DE_VOTACION","DESCRIP_ESTADO_ACTA","TIPO_OBSERVACION","N_CVAS","N_ELEC_HABIL","VOTOS_P1","VOTOS_P2","VOTOS_VB","VOTOS_VN","VOTOS_VI"';
// the two rows as ONPE's runoff file has them
const ROWS = [
  '"120101","LA LIBERTAD","TRUJILLO","TRUJILLO","PRESIDENCIAL","026140","EN PROCESO",,260,300,74,175,1,10,',
  '"120101","LA LIBERTAD","TRUJILLO","TRUJILLO","PRESIDENCIAL","026141","CONTABILIZADA",,250,300,80,160,2,8,',
];

async function storeOf(pendingFiguresCount: boolean) {
  const dir = tempDir('cifra-open-figures-');
  const file = join(dir, 'r2.csv');
  writeFileSync(file, [HEADER, ...ROWS].join('\n') + '\n');
  const def = bundledElection('pe-2021-presidencial-segunda');
  if (!def) throw new Error('no runoff');
  const e = { ...def, pendingFiguresCount };
  const store = new SqliteStore(join(dir, 's.db'));
  await store.migrate();
  await store.putElection(e);
  expect((await ingestFile(store, { file, election: e, now: fixedClock })).ok).toBe(true);
  return { store, e };
}

describe('an open acta with figures says whether they are in the totals', () => {
  it('the runoff (pending figures not counted): counts false, and the CLI says so (es, en)', async () => {
    const { store, e } = await storeOf(false);
    const doc = await getActa(store, e.id, '026140');
    if (!doc.ok) throw new Error('no acta');
    expect(doc.value.current?.counts).toBe(false);
    const counted = await getActa(store, e.id, '026141');
    expect(counted.ok && counted.value.current?.counts).toBe(true);
    useTableLanguage('en');
    expect(renderActa(doc.value, e)).toContain(
      'its figures are not in the totals yet: they count once the acta is counted or resolved',
    );
    useTableLanguage('es');
    expect(renderActa(doc.value, e)).toContain('sus cifras aún no están en los totales');
    useTableLanguage('en');
    await store.close();
  });

  it('an election whose publication counts pending figures: counts true, said', async () => {
    const { store, e } = await storeOf(true);
    const doc = await getActa(store, e.id, '026140');
    if (!doc.ok) throw new Error('no acta');
    expect(doc.value.current?.counts).toBe(true);
    expect(renderActa(doc.value, e)).toContain('its figures are in the totals already');
    await store.close();
  });
});
