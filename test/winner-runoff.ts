// `cifra winner` on a runoff where A leads B by 50 (1,050 to 1,000), shared by the tests of what
// a final count may still hold (--impugned, --unresolved): the votes file, the command and its JSON.
import { cli, fileWriter, tempDir } from './helpers.js';

export interface WinnerAnswer {
  outcome: unknown;
  count: Record<string, unknown>;
}

/** A writer into the tests' own temp folder, the runoff command there, its JSON answer. */
export function winnerRunoff(prefix: string): {
  file: (name: string, text: string) => string;
  RUNOFF: string[];
  json: (...args: string[]) => Promise<WinnerAnswer>;
} {
  const file = fileWriter(tempDir(prefix));
  const VOTES = file('runoff.csv', 'candidate,votes\nA,1050\nB,1000\n');
  const RUNOFF = ['winner', '--rules', 'pe-2021-presidencial-segunda', '--votes', VOTES];
  const json = async (...args: string[]): Promise<WinnerAnswer> =>
    JSON.parse((await cli(...RUNOFF, ...args, '--format', 'json')).out) as WinnerAnswer;
  return { file, RUNOFF, json };
}
