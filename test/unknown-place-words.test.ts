// Review s36: an acta's unknown place code said "place code not in the jurisdiction's place
// table {"ubigeo":"309"}" for a made-up country: no table named, and Peru's word. It now says
// the jurisdiction's word for its code and the table's file, in both languages.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueSentence } from '../src/core/issue-words.js';
import { issue } from '../src/core/issues.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { loadJurisdictionFile, unknownPlaceDetails } from '../src/jurisdictions/load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';

describe('unknown_ubigeo of an acta', () => {
  it("says Freedonia's word for its code and names its place table", () => {
    const j = loadJurisdictionFile('test/fixtures/xf/jurisdictions/xf/jurisdiction.json');
    if (!j.ok) throw new Error('xf does not load');
    const d = { ubigeo: '0309', ...unknownPlaceDetails(j.value) };
    const table = 'test/fixtures/xf/jurisdictions/xf/places.csv';
    expect(d).toMatchObject({ jurisdiction: 'xf', placeTable: table });
    const at = issue('unknown_ubigeo', ['mesa', '00009'], d);
    expect(issueSentence(at, 'en')).toBe(
      `municipality code "0309" is not in the jurisdiction's place table (${table}) nor among its codes known without a row: correct the code, or add its row to the table`,
    );
    expect(issueSentence(at, 'es')).toBe(
      `el código de municipio "0309" no está en la tabla de lugares de la jurisdicción (${table}) ni entre sus códigos conocidos sin fila: corrija el código, o agregue su fila a la tabla`,
    );
    // an API query's unknown unit carries no label: the code's sentence
    expect(issueSentence(issue('unknown_ubigeo', ['code'], { code: '99' }), 'en')).toBe(
      "place code not in the jurisdiction's place table",
    );
  });

  it('an ingest puts the words in the quarantined issue (Peru: ubigeo, its RENIEC table)', async () => {
    const dir = tempDir('cifra-unknown-place-');
    const file = join(dir, 'r2.csv');
    writeFileSync(
      file,
      '"UBIGEO","DEPARTAMENTO","PROVINCIA","DISTRITO","TIPO_ELECCION","MESA_DE_VOTACION","DESCRIP_ESTADO_ACTA","TIPO_OBSERVACION","N_CVAS","N_ELEC_HABIL","VOTOS_P1","VOTOS_P2","VOTOS_VB","VOTOS_VN","VOTOS_VI"\n' +
        '"159999","LIMA","LIMA","NINGUNO","PRESIDENCIAL","026141","CONTABILIZADA",,250,300,80,160,2,8,\n',
    );
    const e = bundledElection('pe-2021-presidencial-segunda');
    if (!e) throw new Error('no runoff');
    const store = new SqliteStore(join(dir, 's.db'));
    await store.migrate();
    await store.putElection(e);
    const r = await ingestFile(store, { file, election: e, now: fixedClock });
    if (!r.ok) throw new Error('refused');
    const found = r.report.quarantinedRows.flatMap((q) => q.issues);
    expect(found.map((i) => [i.code, i.details])).toEqual([
      [
        'unknown_ubigeo',
        {
          ubigeo: '159999',
          jurisdiction: 'pe',
          placeLabel: { es: 'ubigeo', en: 'ubigeo' },
          placeTable: 'data/peru/ubigeo/ubigeo_distrito.csv.gz',
        },
      ],
    ]);
    expect(issueSentence(found[0]!, 'en')).toMatch(
      /^ubigeo "159999" is not in the jurisdiction's place table \(data\/peru\/ubigeo\/ubigeo_distrito\.csv\.gz\)/,
    );
    await store.close();
  });
});
