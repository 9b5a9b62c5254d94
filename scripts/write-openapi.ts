// `npm run openapi`: regenerate docs/openapi.json from the route table and the zod schemas, and
// schemas/<kind>.schema.json (the data files an adopter writes, `cifra schema KIND`) from the file
// schemas. Tests fail when the committed files and the code drift apart (test/api.test.ts,
// test/cli-schema.test.ts).
import { writeFileSync } from 'node:fs';
import { buildOpenApi } from '../src/api/server.js';
import { DATA_FILE_KINDS, dataFileJsonSchema } from '../src/cli/commands/schema.js';
import { PROJECT_ROOT } from '../src/io/paths.js';

writeFileSync(`${PROJECT_ROOT}/docs/openapi.json`, JSON.stringify(buildOpenApi(), null, 2) + '\n');
for (const kind of DATA_FILE_KINDS)
  writeFileSync(
    `${PROJECT_ROOT}/schemas/${kind}.schema.json`,
    JSON.stringify(await dataFileJsonSchema(kind), null, 2) + '\n',
  );
console.log(`wrote docs/openapi.json and schemas/{${DATA_FILE_KINDS.join(',')}}.schema.json`);
