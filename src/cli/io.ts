/** Output channels injected into commands, so tests run them in-process. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_ISSUES = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

export type OutputFormat = 'table' | 'json' | 'csv';

export { csvLine } from '../results/csv.js';
