#!/usr/bin/env node
import { runCli } from './program.js';

// `cifra … | head`: a reader that stops early closes the pipe; that ends the output, it is not
// a crash (the default would be an unhandled EPIPE error and a stack trace).
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

const code = await runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
process.exitCode = code;
