// The one `cifra ingest` command line the ingest benches time (bench/run.ts, the floor variants):
// the ONPE 2021 first round into `db`, JSON output, no progress bar.

/** The argument list after `node`: the CLI's main, then the ingest of `file` into `db`. */
export function ingestArgs(
  main: string,
  file: string,
  db: string,
  extra: readonly string[] = [],
): string[] {
  return [
    main,
    'ingest',
    file,
    '--db',
    db,
    '--election',
    'pe-2021-presidencial',
    '--no-progress',
    '--output',
    'json',
    ...extra,
  ];
}
