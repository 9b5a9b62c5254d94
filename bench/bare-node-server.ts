// The Node floor for `npm run bench:api`: a bare node:http server sending one response's bytes
// and headers (as cifra sent them), nothing else — what any Node server pays per request.
// `node bare-node-server.js PORT FILE`, FILE = { headers: [name, value, …], body: base64 }.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const [port, file] = process.argv.slice(2);
if (port === undefined || file === undefined) throw new Error('usage: bare-node-server PORT FILE');
const saved = JSON.parse(readFileSync(file, 'utf8')) as { headers: string[]; body: string };
const body = Buffer.from(saved.body, 'base64');
createServer((_req, res) => {
  res.writeHead(200, saved.headers).end(body);
}).listen(Number(port), '127.0.0.1');
