import type { Worker } from 'node:worker_threads';
import { issue, type Issue } from '../core/issues.js';
import type { ProjectionFrame } from '../core/projection/frame.js';
import type { ProjectionResult } from '../core/projection/simulate.js';
import type {
  FrameBuilder,
  MesaFrameInput,
  SimulationJob,
  SimulationRunner,
} from '../results/projection.js';
import type { WhatIfJob, WhatIfOutcome, WhatIfRunner } from '../results/what-if.js';
import { besideModule, workerAt } from '../io/worker-thread.js';
import { IssueError, statusOf } from './errors.js';

const busyError = (issues: Issue[]): IssueError =>
  new IssueError(statusOf(issues), issues, { 'retry-after': '2' });

/** A task the pool's close cancelled, or one submitted after it: the server is stopping. */
const closingError = (what: string): IssueError => {
  const issues = [issue('server_closing', [what])];
  return new IssueError(statusOf(issues), issues);
};

interface Pending<R> {
  readonly resolve: (r: R) => void;
  readonly reject: (e: Error) => void;
}
interface Slot {
  readonly worker: Worker;
  busy: number | null;
}

/**
 * CPU-bound work off the event loop: `size` worker threads (the module `entry` beside this one),
 * each running one task, and at most `queue` waiting; past that a request is refused (503
 * server_busy) instead of queuing without bound. A worker that dies (crash, out of memory, exit)
 * fails its job with 503 worker_failed and the next task gets a fresh one; close fails every task
 * running or waiting with 503 server_closing, and refuses any later one the same way.
 */
export class WorkerPool<T, R> {
  private readonly slots: Slot[] = [];
  private readonly waiting: { id: number; task: T }[] = [];
  private readonly pending = new Map<number, Pending<R>>();
  private nextId = 1;
  private closed = false;
  private unanswered = 0;
  /** Tests: called as a task goes to its worker (a test ends the worker there, as a crash would). */
  onDispatch: ((worker: Worker) => void) | null = null;
  /** Told of each worker that ended unasked (never loaded, crashed, exited): the server logs it. */
  onFailure: ((reason: string) => void) | null = null;

  constructor(
    private readonly entry: string,
    /** What the pool computes, as its 503s name it ('projection', 'what-if'). */
    readonly what: string,
    private readonly size: number,
    private readonly queue: number,
  ) {}

  /** Tasks that got no answer (refused, lost with their worker, cancelled): a read meanwhile is not kept. */
  get missed(): number {
    return this.unanswered;
  }

  /** The refusal when every worker and queue place is taken (checked before any other work). */
  busy(): IssueError | null {
    if (this.closed) return closingError(this.what);
    return this.pending.size >= this.size + this.queue
      ? busyError([issue('server_busy', [this.what], { running: this.size, retryAfterSeconds: 2 })])
      : null;
  }

  /** The task's result from a worker thread; a full or closed pool rejects with a 503 IssueError. */
  submit(task: T): Promise<R> {
    const busy = this.busy();
    if (busy) {
      this.unanswered++;
      return Promise.reject(busy);
    }
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.waiting.push({ id, task });
      this.pump();
    });
  }

  private pump(): void {
    while (this.waiting.length > 0 && !this.closed) {
      let slot = this.slots.find((s) => s.busy === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const task = this.waiting.shift();
      if (!task) return;
      slot.busy = task.id;
      slot.worker.postMessage(task);
      this.onDispatch?.(slot.worker);
    }
  }

  private spawn(): Slot {
    const worker = workerAt(besideModule(import.meta.url, this.entry));
    worker.unref();
    const slot: Slot = { worker, busy: null };
    worker.on('message', (m: { id: number; result?: R; error?: string }) => {
      slot.busy = null;
      this.settle(m.id, m.error === undefined ? null : new Error(m.error), m.result);
      this.pump();
    });
    worker.on('error', (e) => this.lose(slot, e.message));
    worker.on('exit', (code) => this.lose(slot, `exited with code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  private settle(id: number, error: Error | null, result?: R): void {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (!p) return;
    if (error || result === undefined) p.reject(error ?? new Error('no result'));
    else p.resolve(result);
  }

  /** A worker that ended without answering: its task fails (the server's fault, 503), not a bug's 500. */
  private lose(slot: Slot, reason: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    this.onFailure?.(reason);
    if (slot.busy !== null) {
      this.unanswered++;
      this.settle(
        slot.busy,
        busyError([issue('worker_failed', [this.what], { reason, retryAfterSeconds: 2 })]),
      );
    }
    this.pump();
  }

  /** Ends the workers; every task running or waiting fails with server_closing, as will any later one. */
  async close(): Promise<void> {
    this.closed = true;
    const all = this.slots.splice(0);
    this.waiting.length = 0;
    const cancelled = [...this.pending.keys()];
    this.unanswered += cancelled.length;
    for (const id of cancelled) this.settle(id, closingError(this.what));
    await Promise.all(all.map((s) => s.worker.terminate()));
  }
}

/**
 * Per-mesa frames on a worker thread (frame-worker.ts): about a second of CPU nationally, which
 * on the event loop stalled every reader at each new revision. A frame is built once per election
 * and revision (projection.ts memoises it), so a short queue is room for every election's.
 */
export class FramePool extends WorkerPool<MesaFrameInput, ProjectionFrame> {
  constructor(size = 1, queue = 64) {
    super('frame-worker', 'projection', size, queue);
  }
  readonly build: FrameBuilder = (input) => this.submit(input);
}

/** Projections on worker threads (projection-worker.ts), their frames on the frame pool's. */
export class ProjectionPool extends WorkerPool<
  { frame: ProjectionFrame; job: SimulationJob },
  ProjectionResult
> {
  /** The per-mesa frames' pool (also the summary's projection check, context.ts). */
  readonly frames = new FramePool();
  constructor(size: number, queue: number) {
    super('projection-worker', 'projection', size, queue);
  }
  readonly run: SimulationRunner = Object.assign(
    (frame: ProjectionFrame, job: SimulationJob) => this.submit({ frame, job }),
    { frame: (input: MesaFrameInput) => this.frames.build(input) },
  );
  override async close(): Promise<void> {
    await Promise.all([super.close(), this.frames.close()]);
  }
}

/** What-if seat computations on worker threads (what-if-worker.ts). */
export class WhatIfPool extends WorkerPool<WhatIfJob, WhatIfOutcome> {
  constructor(size: number, queue: number) {
    super('what-if-worker', 'what-if', size, queue);
  }
  readonly run: WhatIfRunner = (job) => this.submit(job);
}

/** A pool's worker failures are logged at most once in this many ms (the count of the rest with it). */
export const WORKER_FAILURE_LOG_MS = 60_000;

/**
 * Logs a pool's worker failures through `log`, at most once every `everyMs`: a worker that can
 * never load (its module fails to import) fails every task quietly — a summary without its
 * projection flag, a projection's 503 — and a line per task would flood the log. Each line says
 * how many failures went unlogged since the last.
 */
export function logFailures(
  pool: { onFailure: ((reason: string) => void) | null; readonly what: string },
  log: (details: { pool: string; reason: string; unlogged: number }, message: string) => void,
  everyMs = WORKER_FAILURE_LOG_MS,
  now: () => number = Date.now,
): void {
  let last: number | null = null;
  let unlogged = 0;
  pool.onFailure = (reason) => {
    const t = now();
    if (last !== null && t - last < everyMs) {
      unlogged++;
      return;
    }
    last = t;
    log(
      { pool: pool.what, reason, unlogged },
      `a ${pool.what} worker thread failed (its tasks answer 503 worker_failed); logged at most once every ${everyMs / 1000} s`,
    );
    unlogged = 0;
  };
}
