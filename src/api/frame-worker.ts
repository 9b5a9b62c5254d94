import { parentPort } from 'node:worker_threads';
import { mesaFrame, type MesaFrameInput } from '../results/projection.js';

/** A worker thread of the frame pool (workers.ts): builds one per-mesa frame at a time. */
parentPort?.on('message', (m: { readonly id: number; readonly task: MesaFrameInput }) => {
  try {
    parentPort?.postMessage({ id: m.id, result: mesaFrame(m.task) });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, error: String(e) });
  }
});
