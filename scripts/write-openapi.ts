// `npm run openapi`: regenerate docs/openapi.json from the route table and the zod schemas.
// test/api.test.ts fails when the committed file and the code drift apart.
import { writeFileSync } from 'node:fs';
import { buildOpenApi } from '../src/api/server.js';
import { PROJECT_ROOT } from '../src/io/paths.js';

writeFileSync(`${PROJECT_ROOT}/docs/openapi.json`, JSON.stringify(buildOpenApi(), null, 2) + '\n');
console.log('wrote docs/openapi.json');
