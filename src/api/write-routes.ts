import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { issue } from '../core/issues.js';
import { CifraActaJsonSchema, type CifraActaJson, type ElectionDef } from '../core/model/acta.js';
import { cifraJsonIssueCode } from '../ingest/formats.js';
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
  const acta = correctionActa(c.acta, c.election);
  const report = await ingestBody(
    ctx,
    Buffer.from(JSON.stringify(acta) + '\n'),
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

/**
 * A correction's body as a cifra JSON acta, or a 422 before any import is made: an acta this route
 * cannot read (a field absent, of the wrong type or shape) records no import, as a body that is not
 * JSON records none; one it reads goes to the import, where a failed check (the mesa's or place
 * code's form, the sums) is quarantined in it for the audit trail. The API's own acta shape (GET
 * /api/v1/actas/:mesa's `current`) is read too: `votes` an array in the election's choice order,
 * and, with no figures (`votes` null), null blank, null and impugned votes.
 */
function correctionActa(body: Readonly<Record<string, unknown>>, e: ElectionDef): CifraActaJson {
  const given: Record<string, unknown> = { ...body };
  const { votes } = given;
  if (Array.isArray(votes)) {
    if (votes.length !== e.choices.length)
      throw new IssueError(422, [
        issue('invalid_query', ['body', 'votes'], {
          message: `expected ${e.choices.length} figures in the election's choice order (${e.choices.map((c) => c.id).join(', ')}), or an object of figures by choice id`,
        }),
      ]);
    given['votes'] = Object.fromEntries(e.choices.map((c, n) => [c.id, votes[n]]));
  }
  if (votes === null)
    for (const k of ['blank', 'null', 'impugned']) if (given[k] === null) delete given[k];
  const r = CifraActaJsonSchema.safeParse(given);
  if (r.success) return r.data;
  throw new IssueError(
    422,
    r.error.issues.map((i) =>
      issue(cifraJsonIssueCode(i, given, 'invalid_query'), ['body', ...i.path.map(String)], {
        message: i.message,
      }),
    ),
  );
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
