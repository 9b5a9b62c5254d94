// Search by polling place: the 2021 runoff's manifest names the polling place of each mesa (ronderos.pe's
// scrape of ONPE's API, a crossCheck source: TNOMB_LOCAL, TDIRE_LOCAL), and the API serves them
// grouped, with their mesas, at the query-free path the dashboard and a static site share.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { buildApi } from '../src/api/server.js';
import { bundledElection, loadManifest } from '../src/elections/manifests.js';
import { readCsvFile } from '../src/io/csv.js';
import { CsvScanner } from '../src/io/csv-scanner.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import {
  buildPollingPlaces,
  declaredMesas,
  pollingPlacesOfFile,
  PollingPlacesSchema,
  type Columns,
  type PollingPlacesDocument,
} from '../src/results/polling-places.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const ID = 'pe-2021-presidencial-segunda';
let store: SqliteStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-polling-'), 'p.db'));
  await store.migrate();
  const def = bundledElection(ID);
  if (def === null) throw new Error(ID);
  await store.putElection(def);
  const published = await putPublishedElection(store, 'pe-2026-diputados');
  if (!published.ok) throw new Error(JSON.stringify(published.error));
  app = await buildApi({ store, tokenHash: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('GET /api/v1/elections/{id}/polling-places.json', () => {
  it('groups every mesa of the 2021 runoff under its polling place, with its address and district', async () => {
    const r = await app.inject({ method: 'GET', url: PATHS.document(ID, 'polling-places') });
    expect(r.statusCode).toBe(200);
    const doc = PollingPlacesSchema.parse(r.json());
    expect(doc.source).toMatchObject({ es: expect.stringContaining('ronderos.pe') });
    // ONPE's 2021 runoff: 86,488 mesas, each in one polling place (11,875 of them in this source)
    expect(doc.places.reduce((a, p) => a + p.mesas.length, 0)).toBe(86_488);
    expect(doc.places).toHaveLength(11_875);
    const lynch = doc.places.filter((p) => p.name === 'IE 18288 ISABEL LYNCH DE RUBIO');
    expect(lynch).toHaveLength(1);
    expect(lynch[0]).toMatchObject({ address: 'JR AYACUCHO 870', place: '010101' });
    expect(lynch[0]?.mesas).toHaveLength(15);
    expect(lynch[0]?.mesas[0]).toBe('000001');
    // abroad: Madrid's IFEMA held 253 mesas
    const ifema = doc.places.find((p) => p.name.startsWith('RECINTO FERIAL IFEMA'));
    expect(ifema?.mesas).toHaveLength(253);
    expect(ifema?.place).toBe('940910');
  });

  it('is empty for an election without polling places (published aggregates)', async () => {
    const r = await app.inject({
      method: 'GET',
      url: PATHS.document('pe-2026-diputados', 'polling-places'),
    });
    expect(r.statusCode).toBe(200);
    expect(PollingPlacesSchema.parse(r.json())).toEqual({
      election: 'pe-2026-diputados',
      source: null,
      places: [],
    });
  });
});

/**
 * The reference: the whole file through `readCsvFile` (csv-parse's reading), grouped row by row —
 * the server's code before the document was built a slice at a time.
 */
function reference(file: string, c: Columns): PollingPlacesDocument['places'] {
  const table = readCsvFile(file, 'pollingPlaces');
  if (!table.ok) throw new Error(JSON.stringify(table.error));
  const byKey = new Map<string, PollingPlacesDocument['places'][number]>();
  for (const { values: v } of table.value.rows) {
    const [code, p, n, a] = [c.mesa, c.place, c.name, c.address].map((k) => (v[k] ?? '').trim());
    if (n === undefined || n === '' || n === 'NA' || code === undefined || code === '') continue;
    const key = `${p}|${n}|${a}`;
    let found = byKey.get(key);
    if (found === undefined)
      byKey.set(key, (found = { name: n, address: a ?? '', place: p ?? '', mesas: [] }));
    found.mesas.push(code);
  }
  const places = [...byKey.values()];
  for (const x of places) x.mesas.sort();
  return places.sort((a, b) =>
    a.place < b.place ? -1 : a.place > b.place ? 1 : a.name < b.name ? -1 : 1,
  );
}

describe('the polling-places document is built without holding the event loop', () => {
  it('equals the whole-file reference on the 2021 runoff, and yields to the loop while it builds', async () => {
    const m = loadManifest(ID);
    if (!m.ok) throw new Error(ID);
    const file =
      m.value.crossCheckFiles[m.value.manifest.crossCheck.findIndex((s) => s.id === 'ronderos')];
    if (file === undefined) throw new Error('ronderos');
    // the scanner's pushes, by the turn of the event loop each ran in (the real push runs)
    let turns = 0;
    let building = true;
    const spin = (): void => {
      turns++;
      if (building) setImmediate(spin);
    };
    setImmediate(spin);
    const pushedIn = new Set<number>();
    const push = CsvScanner.prototype.push;
    CsvScanner.prototype.push = function (this: CsvScanner, chunk: Buffer): void {
      pushedIn.add(turns);
      push.call(this, chunk);
    };
    const built = await buildPollingPlaces(ID).finally(() => {
      CsvScanner.prototype.push = push;
      building = false;
    });
    // the 16 MB of CSV is scanned 64 KiB at a time, each slice in a turn of its own (the
    // whole-file read scanned it in one push, and other requests waited for all of it)
    expect(pushedIn.size).toBeGreaterThan(200);
    expect(built.ok && built.value.places).toEqual(
      reference(file, {
        mesa: 'mesa',
        place: 'v2_ccodi_ubigeo',
        name: 'v2_tnomb_local',
        address: 'v2_tdire_local',
      }),
    );
  });

  it("declaredMesas, read from the mesa and name columns only, is the document's mesas, padded; read once", async () => {
    const def = bundledElection(ID);
    if (def === null) throw new Error(ID);
    const built = await buildPollingPlaces(def);
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    const pad = requireJurisdiction(def.jurisdiction).padMesa;
    const fromDocument = new Set(built.value.places.flatMap((p) => p.mesas.map(pad)));
    const mesas = await declaredMesas(def);
    expect(mesas?.size).toBe(86_488);
    expect([...(mesas?.keys() ?? [])].sort()).toEqual([...fromDocument].sort());
    // each with the document's place of its polling place
    const j = requireJurisdiction(def.jurisdiction);
    for (const p of built.value.places)
      for (const m of p.mesas) expect(mesas?.get(pad(m))).toBe(j.padPlace(p.place));
    // one read per process: the same set again, not a second pass over the file
    expect(await declaredMesas(def)).toBe(mesas);
  });

  it('a file the scanner refuses midway (a space after a closing quote) is read whole once: no mesa twice', async () => {
    const file = join(tempDir('cifra-polling-fallback-'), 'p.csv');
    writeFileSync(
      file,
      'mesa,local,nombre,dir\n000001,P1,Colegio A,Calle 1\n000002,P1,"Colegio A" ,Calle 1\n',
    );
    const r = await pollingPlacesOfFile(file, {
      mesa: 'mesa',
      place: 'local',
      name: 'nombre',
      address: 'dir',
    });
    expect(r).toEqual({
      ok: true,
      value: [{ name: 'Colegio A', address: 'Calle 1', place: 'P1', mesas: ['000001', '000002'] }],
    });
  });

  it('reads a repeated header, a U+FFFD in UTF-8 and latin-1 C1 bytes as readCsvFile does', async () => {
    const dir = tempDir('cifra-polling-front-');
    const columns = { mesa: 'mesa', place: 'ubigeo', name: 'local', address: 'dir' };
    for (const [name, text] of [
      // the later of two `local` columns, as readCsvFile keys a row
      ['repeated.csv', 'mesa,ubigeo,local,dir,local\n000001,010101,Viejo,Calle 1,Nuevo\n'],
      // valid UTF-8 holding U+FFFD: read as latin-1, as decodeText does
      ['fffd.csv', 'mesa,ubigeo,local,dir\n000001,010101,Colegio \uFFFD,Calle 1\n'],
      // latin-1 bytes 0x80–0x9F (windows-1252's quotes): Node reads both as ISO-8859-1
      [
        'c1.csv',
        Buffer.from('mesa,ubigeo,local,dir\n000001,010101,Colegio \x93A\x94,Calle 1\n', 'latin1'),
      ],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const got = await pollingPlacesOfFile(file, columns);
      expect([name, got.ok && got.value]).toEqual([name, reference(file, columns)]);
    }
  });

  it('reads generated files (quotes, CRLF, BOM, latin-1, gzip, short rows) as the reference does', async () => {
    const dir = tempDir('cifra-polling-gen-');
    const cell = fc.stringMatching(/^[ A-Za-z0-9éÑ,"-]{0,8}$/);
    const quote = (t: string): string =>
      /[",\r\n]|^ | $/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
    const columns = { mesa: 'mesa', place: 'ubigeo', name: 'local', address: 'dir' };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(['mesa', 'ubigeo', 'local', 'dir', 'otro'], { minLength: 5 }),
        fc.array(fc.array(cell, { minLength: 3, maxLength: 6 }), { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.constantFrom('utf8', 'latin1', 'gzip'),
        async (header, rows, eol, bom, how) => {
          const text =
            (bom ? '\uFEFF' : '') +
            [header.join(','), ...rows.map((r) => r.map(quote).join(','))].join(eol) +
            eol;
          const bytes = Buffer.from(text, how === 'latin1' ? 'latin1' : 'utf8');
          const file = join(dir, `f${n++}.csv${how === 'gzip' ? '.gz' : ''}`);
          writeFileSync(file, how === 'gzip' ? gzipSync(bytes) : bytes);
          const got = await pollingPlacesOfFile(file, columns);
          expect(got.ok && got.value).toEqual(reference(file, columns));
        },
      ),
      { numRuns: 200, seed: 13 },
    );
  });
});
