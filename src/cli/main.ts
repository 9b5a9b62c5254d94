#!/usr/bin/env node
import { prestartImportWorker } from '../store/sqlite/import-worker-start.js';

// `cifra ingest`: the import's writer thread starts before the CLI's modules load, so that both
// load at once (ADR 013); unused (a check, a small file, PostgreSQL) it idles until the exit
const args = process.argv.slice(2);
if (args.includes('ingest') && !args.includes('--check') && !args.some((a) => /^postgres/.test(a)))
  prestartImportWorker();
const { runCli } = await import('./program.js');

// `cifra … | head`: a reader that stops early closes the pipe; that ends the output, it is not
// a crash (the default would be an unhandled EPIPE error and a stack trace).
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

const code = await runCli(args, {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
process.exitCode = code;
