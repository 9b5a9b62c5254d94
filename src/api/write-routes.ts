import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { issue } from '../core/issues.js';
import type { ElectionDef } from '../core/model/acta.js';
import { ingestFile, type IngestOptions } from '../ingest/ingest.js';
import { electionToImport } from '../results/election-to-import.js';
import { declaredMesas } from '../results/polling-places.js';
import { correctionOf, type CorrectionRulingSchema } from '../results/correction.js';
import type { ApiContext } from './context.js';
import { IssueError, statusOf, unwrap } from './errors.js';
import { jsonBody, parseQuery } from './request.js';
import type { Handlers } from './route-table.js';

type WriteKey = 'POST /api/v1/imports' | 'POST /api/v1/actas/:mesa/corrections';

/** The write routes (the token guard, guard.ts, checks them before their body is read). */
export function writeHandlers(ctx: ApiContext): Pick<Handlers, WriteKey> {
  return {
    'POST /api/v1/imports': async (req, _reply, query) => {
      const q = parseQuery(query, req);
      return ingestBody(
        ctx,
        req.body as Buffer | undefined,
        unwrap(await electionToImport(ctx.store, { via: 'upload', id: q.election })).election,
        q.format,
        q.name ?? 'upload',
        'import',
        { cut: q.cut },
      );
    },
    'POST /api/v1/actas/:mesa/corrections': async (req, _reply, query) =>
      correction(ctx, req, parseQuery(query, req)),
  };
}

/**
 * A correction of one stored acta: the body is one cifra JSON acta for the URL's mesa, imported
 * in `correction` mode (which acta, and that it is there: results/correction.ts).
 */
async function correction(
  ctx: ApiContext,
  req: FastifyRequest,
  q: { election?: string | undefined } & z.infer<typeof CorrectionRulingSchema>,
) {
  const parsed = jsonBody(req.body);
  const mesa = (req.params as { mesa: string }).mesa;
  const c = unwrap(await correctionOf(ctx.store, q.election, mesa, parsed));
  const report = await ingestBody(
    ctx,
    Buffer.from(JSON.stringify(c.acta) + '\n'),
    c.election,
    'cifra-json',
    `correction-${mesa}.jsonl`,
    'correction',
    { ruling: { resolution: q.resolution, author: q.author } },
  );
  // an acta that fails validation corrects nothing: 422 with its issues; its row stays in
  // the import's quarantine, as any import's does (`importId` in each issue's details)
  if (report.quarantined > 0)
    throw new IssueError(
      422,
      report.quarantinedRows.flatMap((q) =>
        q.issues.map((i) => ({ ...i, details: { ...i.details, importId: report.importId } })),
      ),
    );
  return report;
}

/** An uploaded body ingested from a temporary file (its name and extension from the upload's). */
async function ingestBody(
  ctx: ApiContext,
  body: Buffer | undefined,
  e: ElectionDef,
  format: 'onpe-mesa' | 'onpe-congress' | 'cifra-csv' | 'cifra-json' | undefined,
  name: string,
  mode: 'import' | 'correction',
  kept: Pick<IngestOptions, 'ruling' | 'cut'> = {},
) {
  if (!body || body.length === 0) throw new IssueError(422, [issue('file_empty', ['body'])]);
  const dir = mkdtempSync(join(tmpdir(), 'cifra-upload-'));
  const gz = body[0] === 0x1f && body[1] === 0x8b;
  const zip = body[0] === 0x50 && body[1] === 0x4b;
  const base = format === 'cifra-json' ? '.jsonl' : '.csv';
  const ext = gz ? `${base}.gz` : zip ? '.zip' : base;
  const file = join(dir, `${name.replace(/[^\w.-]/g, '_')}${name.endsWith(ext) ? '' : ext}`);
  try {
    writeFileSync(file, body);
    const r = await ingestFile(ctx.store, {
      file,
      election: e,
      format,
      mode,
      ...kept,
      now: ctx.now,
      limits: ctx.ingestLimits,
      // the election's mesa list, where it has one: a mesa it lacks is said (mesa_not_in_universe)
      mesas: declaredMesas(e),
    });
    // the upload's temporary path is ours, not the client's: issues name the upload
    if (!r.ok)
      throw new IssueError(
        statusOf(r.issues, []),
        r.issues.map((i) =>
          i.details?.['file'] === file ? { ...i, details: { ...i.details, file: name } } : i,
        ),
      );
    return { ...r.report, file: name };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
