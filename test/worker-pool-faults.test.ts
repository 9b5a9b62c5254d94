// The server's worker pools when a worker dies or the server stops (src/api/workers.ts). A frame
// worker that died made the summary fail (500), though it only asks whether a projection
// exists; and close ended the workers without failing their tasks, so a night recorder pass
// awaiting a frame never settled. The workers here are really ended (Worker.terminate, as a
// crash ends them), through the pool's dispatch hook: the pool itself is not mocked.
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { apiContext } from '../src/api/context.js';
import { IssueError } from '../src/api/errors.js';
import { nightRecorder } from '../src/api/night-record.js';
import { buildApi } from '../src/api/server.js';
import { FramePool, logFailures, type ProjectionPool } from '../src/api/workers.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import type { MesaFrameInput } from '../src/results/projection.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import {
  fileWriter,
  fixedClock,
  ONPE_COLUMNS,
  onpePendingRow,
  onpeRow,
  tempDir,
} from './helpers.js';

const ELECTION = 'pe-2021-presidencial';
const dir = tempDir('cifra-worker-pool-faults-');
const write = fileWriter(dir);
const ROWS = [
  onpeRow('000001', '010101', 40, 50),
  onpeRow('000002', '010101', 45, 41),
  onpeRow('000003', '150101', 60, 30),
  onpePendingRow('000004', '150102'),
];
const closing: { close(): Promise<unknown> }[] = [];
afterAll(async () => {
  for (const c of closing.reverse()) await c.close();
});

/** A store of its own (a projection served records itself there) holding the rows above. */
async function fixture(name: string): Promise<SqliteStore> {
  const store = new SqliteStore(join(dir, `${name}.db`));
  closing.push(store);
  await store.migrate();
  const election = bundledElection(ELECTION);
  if (!election) throw new Error(ELECTION);
  await store.putElection(election);
  const file = write(`${name}.csv`, [ONPE_COLUMNS.join(','), ...ROWS].join('\n') + '\n');
  expect((await ingestFile(store, { file, election, now: fixedClock })).ok).toBe(true);
  return store;
}

/** Ends the next worker a task goes to, once. */
function killNext(pool: { onDispatch: ((w: Worker) => void) | null }): void {
  pool.onDispatch = (w) => {
    pool.onDispatch = null;
    void w.terminate();
  };
}

/** How `p` has settled so far: 'pending', 'resolved' or its error (watched from now on). */
function watch(p: Promise<unknown>): () => unknown {
  let s: unknown = 'pending';
  p.then(
    () => (s = 'resolved'),
    (e: unknown) => (s = e),
  );
  return () => s;
}

const codeOf = (e: unknown): unknown =>
  e instanceof IssueError ? [e.status, e.issues[0]?.code] : e;

describe('a worker that dies', () => {
  it('leaves the summary served (projection false, not kept); the next one gets a fresh worker; the projection is a coded 503', async () => {
    const app = await buildApi({ store: await fixture('dies'), tokenHash: null });
    closing.push(app);
    const pools = (app as unknown as { cifraProjections: ProjectionPool }).cifraProjections;
    const summary = `/api/v1/summary?election=${ELECTION}`;

    killNext(pools.frames);
    const lost = await app.inject({ url: summary });
    expect(lost.statusCode, lost.body).toBe(200);
    expect(JSON.parse(lost.body)).toMatchObject({ election: ELECTION, projection: false });
    expect(lost.headers['cache-control']).toBe('no-store');

    const next = await app.inject({ url: summary });
    expect(next.statusCode, next.body).toBe(200);
    expect(JSON.parse(next.body)).toMatchObject({ projection: true });

    killNext(pools);
    const projection = await app.inject({ url: `/api/v1/elections/${ELECTION}/projection.json` });
    expect(projection.statusCode, projection.body).toBe(503);
    expect(JSON.parse(projection.body)).toMatchObject({ issues: [{ code: 'worker_failed' }] });
    expect(projection.headers['retry-after']).toBe('2');
    const again = await app.inject({ url: `/api/v1/elections/${ELECTION}/projection.json` });
    expect(again.statusCode, again.body).toBe(200);
  });
});

// a frame worker that can never load (its module fails to import) degraded quietly: every summary
// without its projection flag, every projection a 503, and nothing in the log to say why
describe('a worker that fails at every task', () => {
  it("is logged through the server's logger once for many failures, with the pool and the reason", async () => {
    const app = await buildApi({ store: await fixture('never'), tokenHash: null });
    closing.push(app);
    const pools = (app as unknown as { cifraProjections: ProjectionPool }).cifraProjections;
    const logged: unknown[][] = [];
    vi.spyOn(app.log, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    // every worker ends as its task reaches it, as one that never loads does
    pools.frames.onDispatch = (w) => void w.terminate();
    const summary = `/api/v1/summary?election=${ELECTION}`;
    for (let i = 0; i < 4; i++) {
      const r = await app.inject({ url: summary });
      expect(r.statusCode, r.body).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ projection: false });
    }
    expect(pools.frames.missed).toBe(4);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.[0]).toMatchObject({ pool: 'projection', unlogged: 0 });
    expect(String(logged[0]?.[1])).toMatch(/worker thread failed/);
  });

  it('logs again after the interval, with how many went unlogged', () => {
    const lines: { unlogged: number }[] = [];
    const pool = { onFailure: null as ((reason: string) => void) | null, what: 'what-if' };
    let t = 0;
    logFailures(
      pool,
      (d) => void lines.push(d),
      1000,
      () => t,
    );
    for (t = 0; t < 5; t++) pool.onFailure?.('gone');
    expect(lines).toHaveLength(1);
    t = 1000;
    pool.onFailure?.('gone');
    expect(lines).toEqual([
      { pool: 'what-if', reason: 'gone', unlogged: 0 },
      { pool: 'what-if', reason: 'gone', unlogged: 4 },
    ]);
  });
});

describe("a pool's close", () => {
  it('fails the running and the waiting task, and refuses any later one, with server_closing', async () => {
    const pool = new FramePool(1, 4);
    // never read: both are cancelled before the worker has even loaded
    const input = {} as MesaFrameInput;
    const running = watch(pool.build(input));
    const waiting = watch(pool.build(input));
    await pool.close();
    expect(codeOf(running())).toEqual([503, 'server_closing']);
    expect(codeOf(waiting())).toEqual([503, 'server_closing']);
    const later = watch(pool.build(input));
    await new Promise((resolve) => setImmediate(resolve));
    expect(codeOf(later())).toEqual([503, 'server_closing']);
  });

  it('settles a night recorder pass awaiting a frame, and logs no error for it', async () => {
    const store = await fixture('recorder');
    const ctx = apiContext({ store, tokenHash: null, now: fixedClock });
    const logged: unknown[] = [];
    const app = { log: { error: (e: unknown) => logged.push(e) } } as unknown as FastifyInstance;
    const recorder = nightRecorder(app, ctx, 0);
    let dispatched = false;
    const closed = new Promise<void>((resolve) => {
      ctx.projections.frames.onDispatch = () => {
        dispatched = true;
        resolve(ctx.projections.close());
      };
    });
    closing.push(ctx.whatIfPool);
    const tick = recorder.tick();
    const pass = watch(tick);
    // the pass reaches the frame's worker, and the pool closes under it
    await Promise.race([closed, tick]);
    expect(dispatched).toBe(true);
    await closed;
    expect(pass()).toBe('resolved');
    expect(logged).toEqual([]);
    expect(await store.projectionHistory(ELECTION)).toEqual([]);
  });
});

// review of pass 18 (MEDIUM): any refused task counted, so a flood of refused projections made
// every read in flight uncacheable; only the frame pool's misses can change a read's answer
describe('a refused projection or what-if', () => {
  it('does not count as a miss that keeps reads out of the cache; a frame that got no answer does', async () => {
    const store = await fixture('refused');
    const ctx = apiContext({
      store,
      tokenHash: null,
      limits: { projectionWorkers: 0, projectionQueue: 0, whatIfWorkers: 0, whatIfQueue: 0 },
    });
    closing.push(ctx.projections, ctx.whatIfPool);
    const refused = (p: Promise<unknown>) => p.then(() => 'resolved', codeOf);
    expect(await refused(ctx.projections.run({} as never, {} as never))).toEqual([
      503,
      'server_busy',
    ]);
    expect(await refused(ctx.whatIfPool.run({} as never))).toEqual([503, 'server_busy']);
    expect(ctx.missed()).toBe(0);
    await ctx.projections.frames.close();
    expect(await refused(ctx.projections.frames.build({} as MesaFrameInput))).toEqual([
      503,
      'server_closing',
    ]);
    expect(ctx.missed()).toBe(1);
  });
});
