import { writeFileSync, renameSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { issue } from '../../core/issues.js';
import type { ElectionDef } from '../../core/model/acta.js';
import type { Level } from '../../core/tally/aggregate.js';
import { builtInElection, electionFromMap, BUILT_IN_ELECTIONS } from '../../elections/catalog.js';
import { ingestFile, type IngestFormat } from '../../ingest/ingest.js';
import { loadJurisdiction, type LoadedJurisdiction } from '../../jurisdictions/load.js';
import { buildResults, type ResultsDocument } from '../../results/documents.js';
import { checkLevel } from '../../results/service.js';
import { resultsCsv } from '../../results/csv.js';
import type { Store } from '../../store/store.js';
import { renderTable, thousands } from '../format.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { printIssues } from './seats.js';

/** The election to work on: the one named, else the only one in the store. */
export async function resolveElection(
  store: Store,
  id: string | undefined,
  io: CliIo,
): Promise<ElectionDef | null> {
  if (id !== undefined) {
    const e = (await store.getElection(id)) ?? builtInElection(id);
    if (e === null)
      printIssues(io, [
        issue('unknown_election', ['election'], {
          election: id,
          known: [...(await store.listElections()).map((x) => x.id), ...BUILT_IN_ELECTIONS],
        }),
      ]);
    return e;
  }
  const all = await store.listElections();
  if (all.length === 1) return all[0] as ElectionDef;
  printIssues(io, [
    issue('unknown_election', ['election'], {
      reason:
        all.length === 0
          ? 'the store is empty: ingest a file first'
          : 'several elections: give --election',
      known: all.map((x) => x.id),
    }),
  ]);
  return null;
}

export interface IngestArgs {
  readonly file: string;
  readonly election?: string | undefined;
  readonly format?: IngestFormat | undefined;
  readonly choices?: string | undefined;
  readonly rules?: string | undefined;
  readonly correction: boolean;
  /** Read and validate only; store nothing. */
  readonly check?: boolean | undefined;
  readonly output: OutputFormat;
  readonly progress: boolean;
}

/** `cifra ingest`: read a file of actas into the store and print what happened. */
export async function runIngest(store: Store, args: IngestArgs, io: CliIo): Promise<number> {
  const electionId = args.election ?? 'pe-2021-presidencial';
  let election = (await store.getElection(electionId)) ?? builtInElection(electionId);
  if (election === null && args.choices !== undefined)
    election = electionFromMap(electionId, args.rules ?? electionId, args.choices);
  if (election === null) {
    printIssues(io, [
      issue('unknown_election', ['election'], {
        election: electionId,
        hint: 'give --choices map.csv (column,candidate,party) for a new election',
        known: BUILT_IN_ELECTIONS,
      }),
    ]);
    return EXIT_ISSUES;
  }
  if (args.check !== true) await store.putElection(election);
  const bar = args.progress
    ? new cliProgress.SingleBar(
        { format: 'ingest [{bar}] {percentage}% | {value}/{total} bytes', clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  const result = await ingestFile(store, {
    file: args.file,
    election,
    format: args.format,
    mode: args.correction ? 'correction' : 'import',
    now: () => new Date().toISOString(),
    check: args.check,
    onProgress: (read, size) => {
      if (!bar) return;
      if (!started) bar.start(size, 0);
      started = true;
      bar.update(Math.min(read, size));
    },
  });
  bar?.stop();
  if (!result.ok) {
    printIssues(io, result.issues);
    io.err('the file was rejected as a whole: nothing was stored');
    return EXIT_ISSUES;
  }
  const r = result.report;
  if (args.output === 'json') {
    io.out(JSON.stringify(r, null, 2));
    return EXIT_OK;
  }
  if (r.checked) {
    io.out(`checked ${r.file} against ${election.id}: nothing was stored`);
    io.out(`sha256 ${r.sha256} · ${thousands(r.size)} bytes · format ${r.format}`);
    io.out(
      renderTable(
        ['rows read', 'valid actas', 'quarantined'],
        [[thousands(r.rowsRead), thousands(r.valid), thousands(r.quarantined)]],
      ),
    );
  } else if (r.alreadyImported) {
    io.out(`already imported (import #${r.importId}, sha256 ${r.sha256}): nothing changed`);
    return EXIT_OK;
  } else {
    io.out(`import #${r.importId} into ${election.id}: ${r.file}`);
    io.out(`sha256 ${r.sha256} · ${thousands(r.size)} bytes · format ${r.format}`);
    io.out(
      renderTable(
        ['rows read', 'new', 'unchanged', 'state changes', 'corrected', 'conflicts', 'quarantined'],
        [
          [
            thousands(r.rowsRead),
            thousands(r.new),
            thousands(r.unchanged),
            thousands(r.stateChanges),
            thousands(r.corrected),
            thousands(r.conflicts),
            thousands(r.quarantined),
          ],
        ],
      ),
    );
  }
  const byCode = Object.entries(r.quarantinedByCode);
  if (byCode.length > 0)
    io.out(`quarantined by issue: ${byCode.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  const warnings = Object.entries(r.warningsByCode);
  if (warnings.length > 0)
    io.out(`warnings stored with actas: ${warnings.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  if (r.conflictMesas.length > 0)
    io.out(
      `conflicts (both versions kept, not applied): mesas ${r.conflictMesas.slice(0, 20).join(', ')}${r.conflictMesas.length > 20 ? ' …' : ''}`,
    );
  return EXIT_OK;
}

export interface ResultsArgs {
  readonly level: Level;
  readonly code?: string | undefined;
  readonly election?: string | undefined;
  readonly format: OutputFormat;
}

export function renderResults(doc: ResultsDocument, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(doc, null, 2);
  if (format === 'csv') return resultsCsv(doc);
  const out: string[] = [`${doc.label} — ${doc.level}`];
  if (doc.units.length === 1) {
    const u = doc.units[0] as ResultsDocument['units'][number];
    out.push(
      `${u.name}: actas ${thousands(u.actas.processed)} / ${thousands(u.actas.total)} processed (${u.actas.pctProcessed} %); at the JEE ${u.actas.jee}; pending ${u.actas.pending}${u.actas.pendingWithFigures ? ` (${u.actas.pendingWithFigures} with figures, counted)` : ''}; eligible voters still to come ${thousands(u.eligibleRemaining)}`,
    );
    out.push(
      renderTable(
        ['candidate / list', 'party', 'votes', '% valid', '% emitted'],
        [...u.choices]
          .sort((a, b) => b.votes - a.votes)
          .map((c) => [c.label, c.party, thousands(c.votes), c.pctValid, c.pctEmitted]),
      ),
    );
    out.push(
      `valid ${thousands(u.valid)} · blank ${thousands(u.blank)} (${u.blankPctEmitted} %) · null ${thousands(u.null)} (${u.nullPctEmitted} %) · impugned ${thousands(u.impugned)} · emitted ${thousands(u.emitted)} · eligible ${thousands(u.eligible)} · participation ${u.participation} %`,
    );
    return out.join('\n');
  }
  out.push(
    renderTable(
      ['code', 'name', 'leader', '% valid', 'valid', 'emitted', 'participation', '% actas'],
      doc.units.map((u) => {
        const lead = [...u.choices].sort((a, b) => b.votes - a.votes)[0];
        return [
          u.code,
          u.name,
          lead?.label ?? '',
          lead?.pctValid ?? '',
          thousands(u.valid),
          thousands(u.emitted),
          u.participation,
          u.actas.pctProcessed,
        ];
      }),
    ),
  );
  return out.join('\n');
}

/** The election's jurisdiction, with the level checked against it; null after printing issues. */
function jurisdictionFor(
  e: ElectionDef,
  level: string | null,
  io: CliIo,
): LoadedJurisdiction | null {
  const j = loadJurisdiction(e.jurisdiction);
  const issues = !j.ok ? j.error : level === null ? [] : checkLevel(j.value, level);
  if (!j.ok || issues.length > 0) {
    printIssues(io, issues);
    return null;
  }
  return j.value;
}

export async function runResults(store: Store, args: ResultsArgs, io: CliIo): Promise<number> {
  const e = await resolveElection(store, args.election, io);
  if (e === null) return EXIT_ISSUES;
  const j = jurisdictionFor(e, args.level, io);
  if (j === null) return EXIT_ISSUES;
  const code = args.level === 'mesa' && args.code !== undefined ? j.padMesa(args.code) : args.code;
  const doc = await buildResults(store, e, args.level, code);
  if (args.code !== undefined && doc.units.length === 0) {
    printIssues(io, [
      issue(args.level === 'mesa' ? 'acta_not_found' : 'unknown_ubigeo', ['code'], {
        level: args.level,
        code: args.code,
      }),
    ]);
    return EXIT_ISSUES;
  }
  io.out(renderResults(doc, args.format));
  return EXIT_OK;
}

export async function runActa(
  store: Store,
  args: { mesa: string; election?: string | undefined; format: OutputFormat },
  io: CliIo,
): Promise<number> {
  const e = await resolveElection(store, args.election, io);
  if (e === null) return EXIT_ISSUES;
  const j = jurisdictionFor(e, null, io);
  if (j === null) return EXIT_ISSUES;
  const mesa = j.padMesa(args.mesa);
  const current = await store.getActa(e.id, mesa);
  const history = await store.actaHistory(e.id, mesa);
  if (current === null && history.length === 0) {
    printIssues(io, [issue('acta_not_found', ['mesa'], { mesa, election: e.id })]);
    return EXIT_ISSUES;
  }
  const places = await store.places(e.id);
  const place = current ? places.get(current.ubigeo) : undefined;
  const doc = { election: e.id, mesa, place: place ?? null, current, history };
  if (args.format === 'json') {
    io.out(JSON.stringify(doc, null, 2));
    return EXIT_OK;
  }
  if (current) {
    io.out(`acta ${mesa} — ${e.label}`);
    io.out(
      `ubigeo ${current.ubigeo}${place ? ` (${place.district}, ${place.province}, ${place.department})` : ''} · state ${current.state} (${current.stateLabel}) · version ${current.version}${current.conflict ? ' · CONFLICT: a later import brought different figures' : ''}`,
    );
    io.out(
      `eligible ${current.eligible} · voters ${current.voters ?? '—'} · blank ${current.blank} · null ${current.null} · impugned ${current.impugned}`,
    );
    if (current.votes)
      io.out(
        renderTable(
          ['choice', 'candidate / list', 'votes'],
          e.choices.map((c, i) => [c.id, c.label, current.votes?.[i] ?? 0]),
        ),
      );
    for (const w of current.warnings)
      io.out(`warning ${w.code} ${JSON.stringify(w.details ?? {})}`);
  }
  io.out(
    renderTable(
      ['version', 'kind', 'state', 'voters', 'import', 'row', 'recorded', 'current'],
      history.map((h) => [
        h.version,
        h.kind,
        h.acta.stateLabel,
        h.acta.voters ?? '—',
        h.sha256 ? `#${h.importId} ${h.sha256.slice(0, 12)}` : '—',
        h.row ?? '—',
        h.recordedAt,
        h.current ? '✓' : '',
      ]),
    ),
  );
  return EXIT_OK;
}

export async function runExport(
  store: Store,
  args: { level: Level; election?: string | undefined; format: 'csv' | 'json'; out: string },
  io: CliIo,
): Promise<number> {
  const e = await resolveElection(store, args.election, io);
  if (e === null) return EXIT_ISSUES;
  if (jurisdictionFor(e, args.level, io) === null) return EXIT_ISSUES;
  const doc = await buildResults(store, e, args.level);
  const tmp = `${args.out}.tmp-${process.pid}`;
  writeFileSync(tmp, renderResults(doc, args.format) + '\n');
  renameSync(tmp, args.out);
  io.out(`wrote ${doc.units.length} ${args.level} units of ${e.id} to ${args.out}`);
  return EXIT_OK;
}

export async function runElections(store: Store, io: CliIo): Promise<number> {
  const all = await store.listElections();
  const imports = await store.listImports();
  io.out(
    renderTable(
      ['election', 'label', 'choices', 'imports'],
      all.map((e) => [
        e.id,
        e.label,
        e.choices.length,
        imports.filter((i) => i.election === e.id).length,
      ]),
    ),
  );
  return EXIT_OK;
}

export async function runImports(
  store: Store,
  election: string | undefined,
  io: CliIo,
): Promise<number> {
  const all = await store.listImports(election);
  io.out(
    renderTable(
      [
        '#',
        'election',
        'file',
        'sha256',
        'bytes',
        'rows',
        'new',
        'unchanged',
        'changed',
        'corrected',
        'conflicts',
        'quarantined',
        'finished',
      ],
      all.map((i) => [
        i.id,
        i.election,
        i.fileName,
        i.sha256.slice(0, 16),
        thousands(i.size),
        i.rowsRead ?? '',
        i.new ?? '',
        i.unchanged ?? '',
        i.stateChanges ?? '',
        i.corrected ?? '',
        i.conflicts ?? '',
        i.quarantined ?? '',
        i.finishedAt ?? i.status,
      ]),
    ),
  );
  return EXIT_OK;
}
