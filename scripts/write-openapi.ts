// `npm run openapi`: regenerate docs/openapi.json from the route table and the zod schemas, and
// docs/ruleset.schema.json from the ruleset file schema. Tests fail when the committed files and
// the code drift apart (test/api.test.ts, test/cli-rules.test.ts).
import { writeFileSync } from 'node:fs';
import { buildOpenApi } from '../src/api/server.js';
import { rulesetJsonSchema } from '../src/elections/rulesets.js';
import { PROJECT_ROOT } from '../src/io/paths.js';

writeFileSync(`${PROJECT_ROOT}/docs/openapi.json`, JSON.stringify(buildOpenApi(), null, 2) + '\n');
writeFileSync(
  `${PROJECT_ROOT}/docs/ruleset.schema.json`,
  JSON.stringify(rulesetJsonSchema(), null, 2) + '\n',
);
console.log('wrote docs/openapi.json and docs/ruleset.schema.json');
