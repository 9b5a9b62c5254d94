// `cifra acta <mesa>` shows what a conflict is about: every version's figures side by side, the
// current one marked, and the rows of that mesa set aside in quarantine with their codes.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActaSchema } from '../src/api/schemas.js';
import { cli, fileWriter, onpeRow, ONPE_COLUMNS, tempDir } from './helpers.js';

const dir = tempDir('cifra-acta-versions-');
const db = join(dir, 'v.db');
const write = fileWriter(dir);
const HEADER = ONPE_COLUMNS.join(',');
/** A row whose voters are 4 more than its votes (sheet_sum_mismatch). */
const offBy4 = (mesa: string): string =>
  onpeRow(mesa, '010101', 40, 50)
    .split(',')
    .map((c, i) => (i === 8 ? String(Number(c) + 4) : c))
    .join(',');

/** A row of ONPE's file for an acta not counted yet: its state and electors, no figure. */
const pendingRow = (mesa: string): string =>
  ['010101', 'D', 'P', 'X', 'PRESIDENCIAL', mesa, 'EN PROCESO', '', '', '300']
    .concat(Array(21).fill(''))
    .join(',');

/** A counted row with 25 impugned votes (VOTOS_VI) among its 125 voters: impugned_pending. */
const impugnedRow = (mesa: string): string =>
  onpeRow(mesa, '010101', 40, 50)
    .split(',')
    .map((c, i) => (i === 8 ? '125' : i === 30 ? '25' : c))
    .join(',');

/** An acta at the JEE ("OBSERVADA") whose votes (100) fall short of its 104 voters: a warning. */
const observedOffBy4 = (mesa: string): string => offBy4(mesa).replace('CONTABILIZADA', 'OBSERVADA');

async function ingest(name: string, rows: readonly string[]): Promise<void> {
  const file = write(name, [HEADER, ...rows].join('\n') + '\n');
  const r = await cli('ingest', file, '--db', db, '--election', 'pe-2021-presidencial');
  expect(r.code, r.err).toBe(0);
}

beforeAll(async () => {
  await ingest('a.csv', [
    onpeRow('000205', '010101', 40, 50),
    onpeRow('000206', '010101', 1, 2),
    pendingRow('000208'),
  ]);
  // the same mesa with other figures (a conflict, not applied), and one that never validates
  await ingest('b.csv', [onpeRow('000205', '010101', 47, 43), offBy4('000207')]);
  await ingest('c.csv', [offBy4('000205')]);
  // 000208: pending (no figures), then counted, then a conflict on two candidates
  await ingest('d.csv', [onpeRow('000208', '010101', 40, 50)]);
  await ingest('e.csv', [onpeRow('000208', '010101', 47, 43)]);
  await ingest('f.csv', [impugnedRow('000209'), observedOffBy4('000210')]);
  // 000211: counted, then a stale file with it pending (a conflict of an earlier state)
  await ingest('g.csv', [onpeRow('000211', '010101', 40, 50)]);
  await ingest('h.csv', [pendingRow('000211')]);
});

describe('cifra acta', () => {
  it("shows each version's figures, the current one marked, and ≠ where they differ", async () => {
    const r = await cli('acta', '205', '--db', db);
    expect(r.code).toBe(0);
    // the flag says a version was not applied, and why: its figures (s31: whichever before)
    expect(r.out).toContain(' · CONFLICT: a later import gave other figures, not applied');
    const all = r.out.split('\n');
    const at = all.findIndex((l) => l.includes('│ figures'));
    expect(all[at]).toMatch(/v1 ✓.*v2(?! ✓)/);
    const lines = all.slice(at);
    const cells = (label: string): string[] =>
      (lines.find((l) => new RegExp(`^│ ${label} `).test(l)) ?? '')
        .split('│')
        .map((c) => c.trim())
        .filter(Boolean);
    // rows named by the choice's label, as the rest of the acta (P1, P16 in ONPE's file)
    expect(cells('OLLANTA MOISES HUMALA TASSO')).toEqual([
      'OLLANTA MOISES HUMALA TASSO',
      '40',
      '47',
      '≠',
    ]);
    expect(cells('JOSE PEDRO CASTILLO TERRONES')).toEqual([
      'JOSE PEDRO CASTILLO TERRONES',
      '50',
      '43',
      '≠',
    ]);
    expect(cells('voters')).toEqual(['voters', '100', '100']);
    expect(cells('blank')).toEqual(['blank', '6', '6']);
    expect(lines.some((l) => l.startsWith('│ MARCO ANTONIO ARANA'))).toBe(false); // no votes
  });

  // Session 31: the header said only that the acta was in conflict, whichever the reason
  it("says why the current acta is in conflict, by its latest conflict's reason, in es and en", async () => {
    const header = async (mesa: string, lang: 'es' | 'en'): Promise<string> => {
      const r = await cli('acta', mesa, '--db', db, '--lang', lang);
      expect(r.code, r.err).toBe(0);
      return r.out.split('\n').find((l) => / · versi(on|ón) /.test(l)) ?? '';
    };
    expect(await header('205', 'en')).toMatch(
      / · version 1 · CONFLICT: a later import gave other figures, not applied$/,
    );
    expect(await header('205', 'es')).toMatch(
      / · versión 1 · CONFLICTO: una importación posterior trajo otras cifras, no aplicadas$/,
    );
    expect(await header('211', 'en')).toMatch(
      / · version 1 · CONFLICT: a later import went back to an earlier state than the one held \(a stale file\?\), not applied$/,
    );
    expect(await header('211', 'es')).toMatch(
      / · versión 1 · CONFLICTO: una importación posterior volvió a un estado anterior al que tiene \(¿archivo desfasado\?\), no aplicado$/,
    );
    // an acta in no conflict says none
    expect(await header('206', 'en')).not.toContain('CONFLICT');
  });

  // a version without figures disagrees with none: ≠ only where two versions with figures do
  // (a poll-watcher's review, M5: the pending v1 put ≠ on voters, blank, null and impugned)
  it('a pending version shows no figure and marks no difference', async () => {
    const r = await cli('acta', '208', '--db', db);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    const cells = (label: string): string[] =>
      (lines.find((l) => new RegExp(`^│ ${label} `).test(l)) ?? '')
        .split('│')
        .map((c) => c.trim())
        .filter(Boolean);
    expect(cells('voters')).toEqual(['voters', '—', '100', '100']);
    expect(cells('blank')).toEqual(['blank', '—', '6', '6']);
    expect(cells('null')).toEqual(['null', '—', '4', '4']);
    expect(cells('impugned')).toEqual(['impugned', '—', '0', '0']);
    expect(cells('OLLANTA MOISES HUMALA TASSO')).toEqual([
      'OLLANTA MOISES HUMALA TASSO',
      '—',
      '40',
      '47',
      '≠',
    ]);
  });

  it("lists the mesa's quarantined rows with their codes", async () => {
    const r = await cli('acta', '000205', '--db', db);
    expect(r.out).toContain('quarantined rows of this mesa: 1');
    expect(r.out).toMatch(/import #3 · row 1\n {2}error sheet_sum_mismatch/);
    const other = await cli('acta', '000206', '--db', db);
    expect(other.out).not.toContain('quarantined rows');
    // one version: no ≠ column, which could only ever be empty (review 21 L10)
    expect(other.out).toMatch(/^│ figures +│ v1 ✓ │$/m);
  });

  // the service's document, as the API and the static site give it (code review: the CLI said
  // acta_not_found, exit 1, in text and printed the document, exit 0, in JSON)
  it('a mesa only ever quarantined: no version stored, its quarantined rows (exit 0 in text and JSON)', async () => {
    const json = await cli('acta', '207', '--db', db, '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ mesa: '000207', current: null, history: [] });
    const r = await cli('acta', '207', '--db', db, '--lang', 'es');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ninguna versión guardada');
    expect(r.out).toContain('filas en cuarentena de esta mesa: 1');
    expect(r.out).toContain('importación #2 · fila 2');
  });

  // a poll-watcher's review (session 23): the warning was its code and JSON, the version kinds
  // stayed English under --lang es, the version time read as ONPE's, and --format csv printed
  // the table
  it('says each warning as a sentence with its figures, in the run language', async () => {
    const en = await cli('acta', '209', '--db', db);
    expect(en.code, en.err).toBe(0);
    expect(en.out).toContain(
      'warning impugned_pending: the acta has impugned votes pending a ruling: 25',
    );
    expect(en.out).not.toContain('{"impugned":25}');
    const es = await cli('acta', '209', '--db', db, '--lang', 'es');
    expect(es.out).toContain(
      'advertencia impugned_pending: el acta tiene votos impugnados pendientes: 25',
    );
    // the JEE acta's arithmetic, stored as a warning: both figures said
    const jee = await cli('acta', '210', '--db', db, '--lang', 'es');
    expect(jee.code, jee.err).toBe(0);
    expect(jee.out).toContain(
      'advertencia sheet_sum_mismatch: los votos no suman el total de votantes: 100 frente a 104',
    );
  });

  it("says the version kinds in the run language and the time as cifra's recording", async () => {
    const es = await cli('acta', '205', '--db', db, '--lang', 'es');
    expect(es.out).toMatch(/│ 1 +│ primera versión +│/);
    // a conflict says why it was kept: other figures than the counted ones it held
    expect(es.out).toMatch(/│ 2 +│ conflicto: otras cifras que las que tenía +│/);
    expect(es.out).toContain('registrada por cifra');
    expect(es.out).not.toMatch(/│ (new|conflict) +│/);
    const en = await cli('acta', '205', '--db', db);
    // the state too, the source's label after it (ONPE's Spanish alone in an English table)
    expect(en.out).toMatch(/│ 1 +│ first version +│ Counted \(CONTABILIZADA\) +│/);
    expect(es.out).toMatch(/│ 1 +│ primera versión +│ Contabilizada +│/);
    expect(en.out).toContain('recorded by cifra');
  });

  it('refuses --format csv as any unsupported format (exit 2), printing nothing', async () => {
    const r = await cli('acta', '205', '--db', db, '--format', 'csv');
    expect(r.code).toBe(2);
    expect(r.err).toContain("argument 'csv' is invalid. Allowed choices are table, json.");
    expect(r.out).toBe('');
  });
});

describe("cifra acta: each version's source, and a correction's ruling (poll-watcher review M6)", () => {
  const RESOLUTION = 'Resolución N.° 0456-2026-JEE-CHACHAPOYAS';
  beforeAll(async () => {
    const file = write(
      'jee-206.csv',
      [HEADER, onpeRow('000206', '010101', 2, 1)].join('\n') + '\n',
    );
    const r = await cli(
      'ingest',
      file,
      '--db',
      db,
      '--election',
      'pe-2021-presidencial',
      '--correction',
      '--resolution',
      RESOLUTION,
      '--author',
      'Ana Pérez',
    );
    expect(r.code, r.err).toBe(0);
  });

  it('names each version’s import, file and its SHA-256, the SHA-256 of its figures, and the ruling', async () => {
    const json = await cli('acta', '206', '--db', db, '--format', 'json');
    const doc = ActaSchema.parse(JSON.parse(json.out));
    const en = await cli('acta', '206', '--db', db);
    for (const h of doc.history) {
      expect(en.out).toContain(
        `v${h.version} · import #${h.importId} · file ${h.file} · sha256 ${h.sha256}`,
      );
      expect(en.out).toContain(`  figures sha256 ${h.figuresHash}`);
    }
    expect(doc.history.map((h) => h.file)).toEqual(['a.csv', 'jee-206.csv']);
    // the ruling names itself: the word is not said twice ("resolution Resolución N.° …")
    expect(en.out).toContain(`\n  ${RESOLUTION} · recorded by Ana Pérez`);
    expect(en.out).not.toMatch(/resolution Resolución/i);
    const es = await cli('acta', '206', '--db', db, '--lang', 'es');
    expect(es.out).toContain(`\n  ${RESOLUTION} · registrada por Ana Pérez`);
    expect(es.out).not.toMatch(/resolución Resolución/i);
    expect(es.out).toContain(`  sha256 de las cifras ${doc.history[0]?.figuresHash}`);
  });

  it('a ruling too long, or given without --correction, is a usage error (exit 2); nothing imported', async () => {
    const file = write(
      'jee-bad.csv',
      [HEADER, onpeRow('000206', '010101', 3, 1)].join('\n') + '\n',
    );
    const base = ['ingest', file, '--db', db, '--election', 'pe-2021-presidencial'];
    const long = await cli(...base, '--correction', '--resolution', 'R'.repeat(121));
    expect([long.code, long.err]).toEqual([
      2,
      'error: --resolution must be one line of 1 to 120 characters',
    ]);
    const alone = await cli(...base, '--author', 'Ana');
    expect([alone.code, alone.err]).toEqual([
      2,
      'error: --resolution and --author go with --correction',
    ]);
    const doc = ActaSchema.parse(
      JSON.parse((await cli('acta', '206', '--db', db, '--format', 'json')).out),
    );
    expect(doc.history).toHaveLength(2);
  });
});

// A poll-watcher's review (s35): 000213 went to the JEE with its votes one short of its voters,
// then was resolved. The warning lives on the JEE version; the table showed only the current
// version's, so the resolved acta gave no word of why it had gone to the JEE.
describe('cifra acta: every version says its warnings', () => {
  const db213 = join(dir, 'w.db');
  const labelled = (row: string, label: string): string => row.replace('CONTABILIZADA', label);
  const offBy1 = (mesa: string): string =>
    onpeRow(mesa, '010101', 40, 50)
      .split(',')
      .map((c, i) => (i === 8 ? String(Number(c) + 1) : c))
      .join(',');
  beforeAll(async () => {
    const rows = [
      pendingRow('000213'),
      labelled(offBy1('000213'), 'ENVIADO AL JEE'),
      labelled(onpeRow('000213', '010101', 40, 50), 'COMPUTADA RESUELTA'),
    ];
    for (const [i, row] of rows.entries()) {
      const file = write(`w${i}.csv`, [HEADER, row].join('\n') + '\n');
      const r = await cli('ingest', file, '--db', db213, '--election', 'pe-2021-presidencial');
      expect(r.code, r.err).toBe(0);
    }
  });

  it("the JEE version's row carries its warning, in the table and as a sentence (en, es)", async () => {
    const json = await cli('acta', '213', '--db', db213, '--format', 'json');
    const doc = ActaSchema.parse(JSON.parse(json.out));
    // the premise: three versions, the warning on the second alone, none on the current one
    expect(doc.history.map((h) => h.warnings.map((x) => x.code))).toEqual([
      [],
      ['sheet_sum_mismatch'],
      [],
    ]);
    expect(doc.current?.warnings).toEqual([]);
    const en = await cli('acta', '213', '--db', db213);
    expect(en.code, en.err).toBe(0);
    const row = (out: string, v: number): string =>
      out.split('\n').find((l) => new RegExp(`^│ ${v} +│`).test(l)) ?? '';
    expect(row(en.out, 2)).toContain('sheet_sum_mismatch');
    expect(row(en.out, 1)).not.toContain('sheet_sum_mismatch');
    expect(row(en.out, 3)).not.toContain('sheet_sum_mismatch');
    expect(en.out).toMatch(/│ warnings +│/);
    expect(en.out).toContain(
      'version 2 warning sheet_sum_mismatch: votes do not add up to the voters (lists + blank + null + impugned ≠ voters): 100 against 101',
    );
    const es = await cli('acta', '213', '--db', db213, '--lang', 'es');
    expect(row(es.out, 2)).toContain('sheet_sum_mismatch');
    expect(es.out).toContain(
      'versión 2, advertencia sheet_sum_mismatch: los votos no suman el total de votantes: 100 frente a 101',
    );
  });
});
