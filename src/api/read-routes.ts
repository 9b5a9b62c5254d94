import { issue } from '../core/issues.js';
import {
  getActa,
  getMesas,
  getCandidates,
  getCountCourse,
  getImports,
  getProgress,
  getResults,
  getSeats,
  listElections,
} from '../results/service.js';
import { getContest, getContestsElection } from '../results/contests.js';
import { projectionHistory, projectionOf } from '../results/projection.js';
import { getRulesetText, listRulesets } from '../results/rulesets.js';
import { getSummary } from '../results/summary.js';
import { documentCsv, getUnitMesas } from '../results/unit-mesas.js';
import type { ApiContext } from './context.js';
import { CONTEST_NOT_FOUND } from './documents.js';
import { IssueError, NOT_FOUND, unwrap } from './errors.js';
import { hasToken } from './guard.js';
import { nationalMesasCsv } from './national-mesas.js';
import { parseQuery } from './request.js';
import type { Handlers } from './route-table.js';

/** The public reads of the count: elections, contests, results at every level, seats, mesas, actas. */
export function tallyHandlers(ctx: ApiContext) {
  const { store } = ctx;
  const nationalCsv = nationalMesasCsv(ctx, ctx.mesaCsvStreams);
  return {
    '/api/v1/elections': async () => ({ elections: await listElections(store) }),
    '/api/v1/contests/:election': async (req, _reply, query) => {
      const q = parseQuery(query, req);
      const { election: id } = req.params as { election: string };
      return unwrap(getContestsElection(id, q));
    },
    '/api/v1/contests/:election/:kind/:key': async (req, _reply, query) => {
      const q = parseQuery(query, req);
      const p = req.params as { election: string; kind: string; key: string };
      return unwrap(getContest(p.election, `${p.kind}/${p.key}`, q.seed, q.bonus), [
        ...NOT_FOUND,
        ...CONTEST_NOT_FOUND,
      ]);
    },
    '/api/v1/candidates': async (req, _reply, query) =>
      unwrap(await getCandidates(store, parseQuery(query, req).election)),
    '/api/v1/results': async (req, reply, query) => {
      const q = parseQuery(query, req);
      const mesas = q.level === 'mesa' && q.code === undefined;
      // the nation's every mesa: as CSV, streamed a page at a time; as one JSON document, refused
      if (mesas && q.unit === undefined && q.format === 'csv')
        return nationalCsv(req, reply, q.election);
      if (mesas && q.unit === undefined)
        throw new IssueError(422, [
          issue('query_too_costly', ['query', 'unit'], {
            level: 'mesa',
            missing: 'unit',
            hint: 'give unit=<district, province or department code> for its mesas, or code=<mesa>; every mesa: format=csv (streamed) or cifra export --level mesa',
          }),
        ]);
      const doc = unwrap(
        mesas && q.unit !== undefined
          ? await getUnitMesas(store, q.election, q.unit)
          : await getResults(store, q.election, q.level, q.code),
      );
      if (q.format === 'csv')
        return reply.type('text/csv; charset=utf-8').send(await documentCsv(store, doc));
      return doc;
    },
    '/api/v1/progress': async (req, _reply, query) =>
      unwrap(await getProgress(store, parseQuery(query, req).election)),
    '/api/v1/summary': async (req, _reply, query) =>
      unwrap(await getSummary(store, parseQuery(query, req).election)),
    '/api/v1/count-course': async (req, _reply, query) =>
      unwrap(await getCountCourse(store, parseQuery(query, req).election)),
    '/api/v1/seats': async (req, _reply, query) => {
      const q = parseQuery(query, req);
      return unwrap(await getSeats(store, q.election, q.seed));
    },
    '/api/v1/mesas': async (req, _reply, query) => {
      const q = parseQuery(query, req);
      return unwrap(await getMesas(store, q.election, q.district));
    },
    '/api/v1/imports': async (req, _reply, query) => {
      const q = parseQuery(query, req);
      return unwrap(await getImports(store, q.election, { offset: q.offset, limit: q.limit }));
    },
    '/api/v1/actas/:mesa': async (req, _reply, query) =>
      unwrap(
        await getActa(
          store,
          parseQuery(query, req).election,
          (req.params as { mesa: string }).mesa,
        ),
      ),
  } satisfies Partial<Handlers>;
}

/** The projection (on the worker pool; the dashboard's own request is the night's record) and its history. */
export function projectionHandlers(ctx: ApiContext) {
  const { store, limits, tokenHash, now, projections } = ctx;
  return {
    '/api/v1/projection': async (req, _reply, query) => {
      const q = parseQuery(query, req);
      // no busy check up front: a projection already computed (or being computed) for this
      // revision is answered from getProjection's cache; only a new one needs the pool, whose
      // submit refuses with 503 server_busy when it is full
      if ((q.sims ?? 0) > limits.anonymousSims && !hasToken(req, tokenHash))
        throw new IssueError(422, [
          issue('query_too_costly', ['query', 'sims'], {
            max: limits.anonymousSims,
            hint: 'more simulations need the bearer token, or use cifra project',
          }),
        ]);
      return unwrap(
        await projectionOf(
          store,
          q.election,
          {
            seed: q.seed,
            sims: q.sims,
            // the dashboard's own request (production's seed and size) is the night's record
            record: q.seed === undefined && q.sims === undefined ? now : undefined,
          },
          projections.run,
        ),
      );
    },
    '/api/v1/projection/history': async (req, _reply, query) =>
      unwrap(await projectionHistory(store, parseQuery(query, req).election)),
  } satisfies Partial<Handlers>;
}

/** What the store does not hold: source comparisons and the rulesets. */
export function referenceHandlers(ctx: ApiContext) {
  const { compare } = ctx;
  return {
    '/api/v1/compare': async (req, _reply, query) => {
      const r = await compare(parseQuery(query, req));
      return unwrap(r.ok ? { ok: true, value: r.value } : { ok: false, issues: r.error });
    },
    '/api/v1/rulesets': async () => unwrap(listRulesets()),
    '/api/v1/rulesets/:id': async (req, reply) => {
      const { text } = unwrap(getRulesetText((req.params as { id: string }).id), [
        'ruleset_not_found',
      ]);
      return reply.type('application/json; charset=utf-8').send(text);
    },
  } satisfies Partial<Handlers>;
}
