import { parentPort } from 'node:worker_threads';
import type { ProjectionFrame } from '../core/projection/frame.js';
import { simulateHere, type SimulationJob } from '../results/projection.js';

/** A worker thread of the projection pool (workers.ts): one simulation at a time. */
parentPort?.on(
  'message',
  (m: {
    readonly id: number;
    readonly task: { readonly frame: ProjectionFrame; readonly job: SimulationJob };
  }) => {
    simulateHere(m.task.frame, m.task.job).then(
      (result) => parentPort?.postMessage({ id: m.id, result }),
      (e: unknown) => parentPort?.postMessage({ id: m.id, error: String(e) }),
    );
  },
);
