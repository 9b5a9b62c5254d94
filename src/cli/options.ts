import { CommanderError, Option } from 'commander';
import { say } from './format.js';
import { EXIT_USAGE } from './io.js';

// The options and option parsers several commands share: each is built here once.

/** A usage error (exit 2) that runCli prints as `error: <message>`. */
export const usageError = (message: string): CommanderError =>
  new CommanderError(EXIT_USAGE, 'cifra.usage', message);

export const dbOption = (): Option =>
  new Option('--db <path|url>', 'SQLite database file, or a postgres:// URL')
    .env('CIFRA_DB')
    .default('cifra.db');

/**
 * `--jurisdictions DIR` ($CIFRA_JURISDICTIONS): a user's jurisdictions, `DIR/<id>/jurisdiction.json`
 * as data/jurisdictions is laid out, for the manifests a command reads. The store keeps the folder
 * of an election's jurisdiction, as it keeps a user's ruleset file: later commands need no flag.
 */
export const jurisdictionsOption = (): Option =>
  new Option(
    '--jurisdictions <dir>',
    "a folder of your jurisdictions (<dir>/<id>/jurisdiction.json, as data/jurisdictions) for a manifest's `jurisdiction`; a bundled id there is an error",
  ).env('CIFRA_JURISDICTIONS');

/** A parser for --busy-timeout: whole milliseconds, 0 (do not wait) up to about a day. */
function busyMsOf(v: string): number {
  if (!/^\d{1,8}$/.test(v))
    throw usageError(
      say('--busy-timeout must be whole milliseconds (0–99999999), got "{v}"', { v }),
    );
  return Number(v);
}

/** How long an import waits for another's write lock before store_busy, on either backend. */
export const busyOption = (): Option =>
  new Option(
    '--busy-timeout <ms>',
    "how long an import waits for another import's write lock, then store_busy (default 10000)",
  )
    .env('CIFRA_BUSY_MS')
    .argParser(busyMsOf);

export const tokenOption = (): Option =>
  new Option(
    '--token <token>',
    'bearer token for write routes (kept only as its SHA-256; prefer --token-file or $CIFRA_TOKEN: argv is visible in ps)',
  ).env('CIFRA_TOKEN');

export const LEVEL_HELP =
  "a level of the election's jurisdiction: national, its own (Peru: ambito, department, province, district, circunscripcion; `cifra jurisdictions <id>`), mesa";

/** `--format`: how a command prints what it answers (table, json, csv, or the ones it has). */
export const formatOption = (choices: readonly string[] = ['table', 'json', 'csv']): Option =>
  new Option('--format <format>', 'output format').choices(choices).default('table');

/** `--lang en|es`: the language of everything a command prints (its tables, lines and messages). */
export const langOption = (what = 'tables, lines and messages'): Option =>
  new Option('--lang <lang>', `language of the ${what}`).choices(['en', 'es']).default('en');

export function parseSeed(v: string): number {
  if (!/^\d{1,9}$/.test(v))
    throw usageError(say('--seed must be a whole number below 10^9, got "{v}"', { v }));
  return Number(v);
}

/** A parser for a positive whole-number option. */
export const wholeNumber =
  (flag: string) =>
  (v: string): number => {
    if (!/^\d{1,7}$/.test(v) || Number(v) < 1)
      throw usageError(say('{flag} must be a whole number ≥ 1, got "{v}"', { flag, v }));
    return Number(v);
  };

/** A parser of a decimal number in [min, max] (`--until`, `--speed`), else a usage error. */
export const decimalIn =
  (flag: string, min: number, max: number) =>
  (v: string): number => {
    const n = Number(v);
    if (!/^\d{1,9}(\.\d{1,9})?$/.test(v) || n < min || n > max)
      throw usageError(
        say('{flag} must be a number from {min} to {max}, got "{v}"', { flag, min, max, v }),
      );
    return n;
  };

/** A parser of a TCP port (0: any free one), else a usage error. */
export function portNumber(v: string): number {
  if (!/^\d{1,5}$/.test(v) || Number(v) > 65_535)
    throw usageError(say('--port must be a whole number from 0 to 65535, got "{v}"', { v }));
  return Number(v);
}

/** A parser for the repeatable `--option name=value`: the values so far with this one. */
export function collectOption(v: string, prev: Record<string, string>): Record<string, string> {
  const m = /^([a-z0-9-]+)=(.+)$/.exec(v);
  if (!m) throw usageError(say('--option takes name=value, got "{v}"', { v }));
  return { ...prev, [m[1] as string]: m[2] as string };
}
