import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { LOG_LEVELS, type LogLevel } from '../../api/http-safety.js';
import type { PublishProgress } from '../../api/publish-site.js';
import type { Store } from '../../store/store.js';
import { openStore } from '../../store/open.js';
import { fixed, say, thousands } from '../format.js';
import { readLimitsFile } from '../ingest-limits.js';
import { EXIT_ISSUES, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js';
import { printIssues } from '../messages.js';
import {
  busyOption,
  dbOption,
  jurisdictionsOption,
  langOption,
  portNumber,
  tokenOption,
} from '../options.js';
import { sqliteBusyMs, storeExists, storeNotFound, withExistingStore } from '../store-access.js';

// The commands that put the public site out: served (serve, start) or written as files (publish).
// The server and the publisher load when they run.

interface ServeOptions {
  readonly busyTimeout?: number;
  readonly db: string;
  readonly port: number;
  readonly host: string;
  readonly token?: string;
  readonly tokenFile?: string;
  readonly trustProxy?: string | true;
  readonly ingestLimits?: string;
  readonly logLevel: LogLevel;
}

/** The options `cifra serve` and `cifra start` share (ServeOptions). */
function serverOptions(cmd: Command): Command {
  return cmd
    .addOption(langOption('lines and messages'))
    .addOption(dbOption())
    .option('--port <n>', 'port', portNumber, 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(tokenOption())
    .option('--token-file <path>', 'a file holding the bearer token (not visible in ps)')
    .option(
      '--trust-proxy [addresses]',
      "behind a reverse proxy at these addresses (IPs, CIDRs, loopback; alone: loopback): a client's address from X-Forwarded-For",
    )
    .option(
      '--ingest-limits <file>',
      'a JSON file of ingest limits for POST /api/v1/imports (as cifra ingest --limits)',
    )
    .addOption(busyOption())
    .addOption(
      new Option(
        '--log-level <level>',
        'request log on stderr: info (a line per request), debug, warn or error (only failures), fatal, silent',
      )
        .choices(LOG_LEVELS)
        .env('CIFRA_LOG_LEVEL')
        .default('info'),
    );
}

/**
 * The write token: from --token-file, $CIFRA_TOKEN or --token (with a warning: other users see
 * argv in ps). Null after a usage error; undefined when writes stay disabled.
 */
function tokenOf(o: ServeOptions, cmd: Command, io: CliIo): string | undefined | null {
  if (o.tokenFile !== undefined) {
    try {
      const t = readFileSync(o.tokenFile, 'utf8').trim();
      if (t !== '') return t;
      io.err(say('error: --token-file {file} is empty', { file: o.tokenFile }));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      io.err(say('error: cannot read --token-file ({code})', { code }));
    }
    return null;
  }
  if (o.token !== undefined && cmd.getOptionValueSource('token') === 'cli')
    io.err(
      say('warning: --token is visible to other users (ps); use --token-file or $CIFRA_TOKEN'),
    );
  return o.token;
}

async function serveUntilStopped(
  store: Store,
  o: {
    db: string;
    port: number;
    host: string;
    token?: string | undefined;
    ingestLimits?: string | undefined;
    trustProxy?: string | true | undefined;
    logLevel: LogLevel;
  },
  io: CliIo,
): Promise<number> {
  const { buildApi, hashToken } = await import('../../api/server.js');
  const app = await buildApi({
    store,
    // the start-up audit check opens the store again by this name, on a worker thread (ADR 016)
    storeName: o.db,
    tokenHash: o.token ? hashToken(o.token) : null,
    ingestLimits:
      o.ingestLimits === undefined ? {} : readLimitsFile(o.ingestLimits, '--ingest-limits'),
    dashboard: true,
    logger: o.logLevel,
    // $CIFRA_RAW_HOT=0: every request through Node's HTTP parser (docs/adr/014)
    rawHotPath: process.env['CIFRA_RAW_HOT'] !== '0',
    // the night's projection history without a reader: after each import here, and within 5 s
    // of one by `cifra ingest` on the same store (review 8 H2)
    recordEveryMs: 5_000,
    // the count course built as the server starts, not by its first reader
    courseAtStart: true,
    ...(o.trustProxy === undefined
      ? {}
      : { trustProxy: o.trustProxy === true ? 'loopback' : o.trustProxy }),
  });
  let address: string;
  try {
    address = await app.listen({ port: o.port, host: o.host });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw e;
    io.err(
      say(
        'error: cannot listen on {host}:{port} ({code}): choose another with --port N (or --host)',
        {
          host: o.host,
          port: o.port,
          code,
        },
      ),
    );
    await app.close();
    await store.close();
    return EXIT_USAGE;
  }
  io.out(
    `cifra: dashboard ${address}/ · API ${address}/api/v1/elections · OpenAPI ${address}/api/v1/openapi.json${o.token ? '' : say(' (writes disabled: no token)')}`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void =>
      void app
        .close()
        .then(() => store.close())
        .then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT_OK;
}

/** `cifra serve`: the HTTP API and the dashboard on a store. */
export function addServeCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  serverOptions(
    program
      .command('serve')
      .description('serve the HTTP API (reads public; writes need the bearer token)'),
  ).action(async (o: ServeOptions, cmd: Command) => {
    const token = tokenOf(o, cmd, io);
    if (token === null) return done(EXIT_USAGE);
    // without a token nothing can be written: a store that is not there is a typo, not a new one
    if (token === undefined && !storeExists(o.db)) {
      printIssues(io, [storeNotFound(o.db)]);
      return done(EXIT_ISSUES);
    }
    const store = openStore(o.db, { busyMs: o.busyTimeout ?? sqliteBusyMs() });
    await store.migrate();
    done(await serveUntilStopped(store, { ...o, token, port: o.port }, io));
  });
}

/** `cifra start` (what `npm start` runs): the bundled real data, then serve. */
export function addStartCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  serverOptions(
    program
      .command('start')
      .description(
        'what `npm start` runs: load the bundled real data on first run, then serve the dashboard and the API',
      )
      .addOption(jurisdictionsOption()),
  ).action(async (o: ServeOptions & { jurisdictions?: string }, cmd: Command) => {
    const token = tokenOf(o, cmd, io);
    if (token === null) return done(EXIT_USAGE);
    const store = openStore(o.db, { busyMs: o.busyTimeout ?? sqliteBusyMs() });
    await store.migrate();
    const { loadBundledData } = await import('./bundled.js');
    const loaded = await loadBundledData(store, io, process.stderr.isTTY === true, {
      jurisdictions: o.jurisdictions,
    });
    if (loaded !== EXIT_OK) {
      await store.close();
      return done(loaded);
    }
    done(await serveUntilStopped(store, { ...o, token, port: o.port }, io));
  });
}

/** `cifra publish`: the public site as static files. */
export function addPublishCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('publish')
    .addOption(langOption('line it prints and its messages'))
    .description(
      'write the whole public site (the dashboard and every document it reads, at the API paths) as static files; DIR must be new, empty or an earlier publish',
    )
    .addOption(dbOption())
    .requiredOption(
      '--out <dir>',
      'output path: a symlink to the version served, swapped in by one rename (only if cifra wrote it); unchanged files are kept, not rewritten',
    )
    .option(
      '--quick-verify',
      "verify only the audit log's entries after the head the last publish to DIR verified, and reuse the previous version's files without reading them again (faster; rows or files edited in place go unnoticed until a full publish, the default)",
    )
    .action(async (o: { db: string; out: string; quickVerify?: boolean }) => {
      done(
        await withExistingStore(o.db, io, async (store) => {
          // the site carries the store's audit head: a store that fails verification is not
          // published (nothing written), rather than vouched for beside edited figures; after an
          // earlier publish, its head still in the log and the entries since (docs/publishing.md)
          const { publishedAuditHead } = await import('../../api/publish-unchanged.js');
          // the whole store by default: a publish vouches for what it writes (ADR 008 addendum)
          const after = o.quickVerify === true ? publishedAuditHead(o.out) : null;
          const v = await (await import('./audit.js')).verifiedHead(store, after);
          if (!v.ok) {
            printIssues(io, v.issues);
            io.err(
              after
                ? say(
                    'nothing published: the audit log of {db} does not extend the head the last publish to {out} verified (without `--quick-verify`, the whole store is verified instead)',
                    { db: o.db, out: o.out },
                  )
                : say('nothing published: {db} fails `cifra audit verify`', { db: o.db }),
            );
            return EXIT_ISSUES;
          }
          const { publishSite } = await import('../../api/publish-site.js');
          const { buildOpenApi } = await import('../../api/server.js');
          // the head verified, not one read again after it (the server may ingest meanwhile)
          const r = await publishSite(store, o.out, buildOpenApi(), new Date().toISOString(), {
            audit: v.head,
            trustPrevious: o.quickVerify === true,
            // a line per election on a terminal, none into a pipe or a log (session 30)
            ...(process.stderr.isTTY === true ? { progress: publishProgress(io) } : {}),
          });
          if (!r.ok) return (printIssues(io, r.error), EXIT_ISSUES);
          if (r.value.healed > 0)
            io.err(
              say(
                'warning: {n} files of the site served until now had been changed since cifra wrote {n:it|them}; written again from the store',
                { n: r.value.healed },
              ),
            );
          const { leftOut, ...counts } = r.value;
          // what the site leaves out, each with its code; a warning, as the healed files are: exit 0
          printIssues(io, leftOut);
          const ids = [...new Set(leftOut.map((i) => i.path.slice(0, 2).join('.')))];
          if (ids.length > 0)
            io.err(
              say(
                'warning: the site leaves out {ids} (why: above; api/v1/site.json lists it in `leftOut`); the rest is published',
                { ids: ids.join(', ') },
              ),
            );
          io.out(publishedLine(counts));
          return EXIT_OK;
        }),
      );
    });
}

/** A line per election as a publish reaches it, with the files so far (stderr, a terminal's). */
function publishProgress(io: CliIo): PublishProgress {
  const start = Date.now();
  return ({ id, index, total, files }) =>
    io.err(
      say('publishing {id} ({i} of {total}): {files} files so far, {s} s', {
        id,
        i: index + 1,
        total,
        files: thousands(files),
        s: Math.round((Date.now() - start) / 1000),
      }),
    );
}

/** A size in the run's locale: 895.2 MB, 12.0 kB. */
export function sizeOf(bytes: number): string {
  const [unit, by] = bytes >= 1e9 ? ['GB', 1e9] : bytes >= 1e6 ? ['MB', 1e6] : ['kB', 1e3];
  return `${fixed(bytes / by, 1)} ${unit}`;
}

/** A publish's last line: its files and bytes, and of them those written. */
export function publishedLine(c: {
  snapshotId: string;
  files: number;
  bytes: number;
  written: number;
  writtenBytes: number;
  out: string;
}): string {
  const values = {
    id: c.snapshotId,
    files: thousands(c.files),
    out: c.out,
    size: sizeOf(c.bytes),
    written: thousands(c.written),
    writtenSize: sizeOf(c.writtenBytes),
  };
  // "the others unchanged" only when there are others (review 20 L8: a first publish said it)
  return c.written === c.files
    ? say('snapshot {id}: {files} files in {out} ({size}), {files:written|all written}', values)
    : say(
        'snapshot {id}: {files} files in {out} ({size}), {written} written ({writtenSize}; the others unchanged)',
        values,
      );
}
