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

/** How long an import waits for another's write lock before store_busy, on either backend. */
export const busyOption = (): Option =>
  new Option(
    '--busy-timeout <ms>',
    "how long an import waits for another import's write lock, then store_busy (default 10000)",
  )
    .env('CIFRA_BUSY_MS')
    .argParser(
      // whole milliseconds, 0 (do not wait) up to about a day
      numberIn('--busy-timeout', {
        min: 0,
        max: 99_999_999,
        says: '--busy-timeout must be whole milliseconds (0–99999999), got "{v}"',
      }),
    );

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

/** How an option's number is written and bounded. */
export interface NumberForm {
  readonly min: number;
  readonly max: number;
  /**
   * `max` only guards against a runaway value (`--sims`, `--max-rows`): a value short of `min`, or
   * not a number, is told the floor alone ("≥ 1"), and only one over the guard is told both bounds.
   */
  readonly guard?: boolean;
  /** A decimal part (up to 9 digits) is allowed: `--until 60.5`. */
  readonly decimals?: boolean;
  /** The message key when the option says its bounds its own way (`--seed`: below 10^9). */
  readonly says?: string;
}

/** The message key of a value a number option refuses. */
function refusal(f: NumberForm, over: boolean): string {
  if (f.says !== undefined) return f.says;
  if (f.decimals === true) return '{flag} must be a number from {min} to {max}, got "{v}"';
  return f.guard === true && !over
    ? '{flag} must be a whole number ≥ {min}, got "{v}"'
    : '{flag} must be a whole number from {min} to {max}, got "{v}"';
}

/**
 * The one parser of a number option: plain digits (no sign, exponent or hex: `1e3` is not 1000),
 * a decimal part only where allowed, within [min, max]; else a usage error that says the bounds.
 */
export const numberIn =
  (flag: string, f: NumberForm) =>
  (v: string): number => {
    const n = Number(v);
    const written = (f.decimals === true ? /^\d{1,16}(\.\d{1,9})?$/ : /^\d{1,16}$/).test(v);
    if (written && n >= f.min && n <= f.max) return n;
    const { min, max } = f;
    throw usageError(say(refusal(f, written && n > max), { flag, min, max, v }));
  };

/** A seed of the simulations or of a draw of lots. */
export const parseSeed = numberIn('--seed', {
  min: 0,
  max: 999_999_999,
  says: '--seed must be a whole number below 10^9, got "{v}"',
});

/** A whole-number option counted from 1, up to 7 digits (`--seats`, `--sims`, `--steps`). */
export const wholeNumber = (flag: string): ((v: string) => number) =>
  numberIn(flag, { min: 1, max: 9_999_999, guard: true });

/** A decimal number in [min, max] (`--until`, `--speed`). */
export const decimalIn = (flag: string, min: number, max: number): ((v: string) => number) =>
  numberIn(flag, { min, max, decimals: true });

/** A TCP port (0: any free one). */
export const portNumber = numberIn('--port', { min: 0, max: 65_535 });

/** A parser for the repeatable `--option name=value`: the values so far with this one. */
export function collectOption(v: string, prev: Record<string, string>): Record<string, string> {
  const m = /^([a-z0-9-]+)=(.+)$/.exec(v);
  if (!m) throw usageError(say('--option takes name=value, got "{v}"', { v }));
  return { ...prev, [m[1] as string]: m[2] as string };
}
