import { parentPort } from 'node:worker_threads';
import { computeWhatIf, type WhatIfJob } from '../results/what-if.js';

/** A worker thread of the what-if pool (workers.ts): one seat computation at a time. */
parentPort?.on('message', (m: { readonly id: number; readonly task: WhatIfJob }) => {
  try {
    parentPort?.postMessage({ id: m.id, result: computeWhatIf(m.task) });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, error: String(e) });
  }
});
