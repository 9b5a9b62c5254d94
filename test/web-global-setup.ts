// Vitest global setup: the dashboard's bundle (dist/web/), built once from web/ so that every test
// serving or publishing the dashboard runs today's TypeScript, never a stale build.
import { buildWeb } from '../scripts/build-web.js';

export default async function setup(): Promise<void> {
  await buildWeb();
}
