import type { FastifyInstance } from 'fastify';
import { buildCountCourses } from '../results/service.js';
import type { Store } from '../store/store.js';

/**
 * `cifra serve` builds every acta election's count course as it starts, in the background: the
 * first reader after a start no longer pays the replay (3–5 s on the 2021 runoff) and, if it asks
 * before that election's build ends, awaits it (actaCourse chains its readers); a reader of an
 * election not yet built replays it at once, the build giving way (buildCountCourses). The replay
 * reads a page at a time with a turn between pages, so other routes answer meanwhile; the server
 * is ready without waiting for it. `built` is the build under way (tests).
 *
 * A close stops the build at its next page, then waits for the course reads in flight: a reader
 * that was waiting on the stopped build replays its election itself (the build's part is dropped),
 * so the close returns only once it has answered — the store is closed after, never under a read.
 */
export function buildCoursesAtStart(app: FastifyInstance, store: Store): () => Promise<void> {
  let building: Promise<void> = Promise.resolve();
  let closing = false;
  const reads = new Set<Promise<void>>();
  app.addHook('onReady', async () => {
    // not awaited: ready (and listen) never waits for the course
    building = buildCountCourses(store, () => closing).catch((err: unknown) => app.log.error(err));
  });
  // the course reads in flight (the route's and the document's), each until its answer is sent
  app.addHook('onRequest', async (req, reply) => {
    if (!req.routeOptions.url?.includes('count-course')) return;
    const done = new Promise<void>((resolve) => {
      reply.raw.once('finish', resolve);
      reply.raw.once('close', resolve);
    });
    reads.add(done);
    void done.then(() => reads.delete(done));
  });
  app.addHook('onClose', async () => {
    // the build stops at its next page (the election under way is dropped, not finished)
    closing = true;
    await building;
    await Promise.allSettled([...reads]);
  });
  return () => building;
}
