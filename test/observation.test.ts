// Why an acta is at the JEE, read from the sources that say it: ONPE's TIPO_OBSERVACION (onpe-mesa)
// and a column map's `observation` column (the 2021 runoff's transcriptions). The counts on the
// bundled file are the file's own, tallied by a small Python reading (csv module) of
// actas_electorales_sergiocorreia_via_jmcastagnetto.csv.gz, columns observacion × observacion_detalle.
import { describe, expect, it } from 'vitest';
import { bundledElection, electionDefOf, loadManifest } from '../src/elections/manifests.js';
import { columnMapReader } from '../src/ingest/column-map.js';
import { onpeMesaParser, stringCells } from '../src/ingest/formats.js';
import { readActaSource } from '../src/ingest/read-source.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { ONPE_COLUMNS } from './helpers.js';

const PE = requireJurisdiction('pe');
const first = bundledElection('pe-2021-presidencial');
if (first === null) throw new Error('election');

/** An ONPE row of the first round at the JEE, with `observation` in TIPO_OBSERVACION. */
const onpeRow = (observation: string): string[] => [
  '010101',
  'AMAZONAS',
  'CHACHAPOYAS',
  'CHACHAPOYAS',
  'PRESIDENCIAL',
  '000013',
  'EN PROCESO',
  observation,
  '',
  '300',
  ...Array<string>(ONPE_COLUMNS.length - 10).fill(''),
];

describe("an acta's observation, as its source gives it", () => {
  it('onpe-mesa: TIPO_OBSERVACION, trimmed; none where the cell is empty', () => {
    const parser = onpeMesaParser(ONPE_COLUMNS, first, PE);
    const read = (cell: string) => parser.parse(stringCells(onpeRow(cell)), 1);
    const observed = read('  ERROR MATERIAL ');
    expect(observed).toMatchObject({ ok: true, acta: { observation: 'ERROR MATERIAL' } });
    const plain = read('');
    expect(plain.ok && plain.acta).not.toHaveProperty('observation');
    const blank = read('   ');
    expect(blank.ok && blank.acta).not.toHaveProperty('observation');
  });

  it("column-map: the map's observation column, trimmed; none where the cell is empty", () => {
    const e = bundledElection('pe-2021-presidencial-segunda');
    if (e === null) throw new Error('election');
    const header = ['mesa', 'obs', 'estado', 'a', 'b'];
    const reader = columnMapReader(
      header,
      {
        mesa: 'mesa',
        observation: 'obs',
        state: { columns: ['estado'], labels: { JEE: 'jee', NORMAL: 'counted' } },
        choices: { P1: 'a', P2: 'b' },
        missing: [],
      },
      e,
      PE,
    );
    expect(reader.read(stringCells(['1', ' VOTOS IMPUGNADOS', 'JEE', '1', '2']), 1)).toMatchObject({
      ok: true,
      acta: { mesa: '000001', state: 'jee', observation: 'VOTOS IMPUGNADOS' },
    });
    const none = reader.read(stringCells(['2', '', 'NORMAL', '1', '2']), 2);
    expect(none.ok && none.acta).not.toHaveProperty('observation');
  });

  it("the 2021 runoff's transcription: the kinds of observation of the actas sent to the JEE, as the file counts them", async () => {
    const loaded = loadManifest('pe-2021-presidencial-segunda');
    if (!loaded.ok) throw new Error('manifest');
    const i = loaded.value.manifest.crossCheck.findIndex((s) => s.id === 'sergiocorreia');
    const source = loaded.value.manifest.crossCheck[i];
    if (source?.columns === undefined) throw new Error('column map');
    const r = await readActaSource({
      file: loaded.value.crossCheckFiles[i] as string,
      format: { kind: 'column-map', columns: source.columns },
      election: electionDefOf(loaded.value),
      jurisdiction: PE,
    });
    if (!r.ok) throw new Error('read');
    const kinds: Record<string, number> = {};
    for (const a of r.value.actas)
      if (a.state === 'jee')
        kinds[a.observation ?? '(none)'] = (kinds[a.observation ?? '(none)'] ?? 0) + 1;
    expect(kinds).toEqual({
      'VOTOS IMPUGNADOS': 471,
      'ERROR MATERIAL': 399,
      'OTRAS OBSERVACIONES': 194,
      'ACTA SIN FIRMAS': 114,
      INCOMPLETA: 109,
      ILEGIBILIDAD: 66,
      'SOLICITUD DE NULIDAD': 1,
    });
  }, 60_000);
});
