// The address a `cifra serve` child listens on, read from its "cifra: dashboard http://…/" line
// (serve-commands.ts). Shared by the tests and benchmarks that start the built CLI's server.
import type { ChildProcess } from 'node:child_process';

const DASHBOARD = /dashboard (http:\/\/[^/\s]+)\//;

/**
 * Resolves with the child's base URL (`http://host:port`, no trailing slash) once it prints the
 * dashboard line; rejects with what it wrote on stderr (when piped) if it exits first, or after
 * `waitMs` (a hung start fails with a reason rather than at the test runner's timeout).
 */
export function servedAt(child: ChildProcess, waitMs = 60_000): Promise<string> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`cifra serve ${why}${stderr === '' ? '' : `: ${stderr}`}`));
    };
    const timer = setTimeout(() => fail(`printed no dashboard line in ${waitMs} ms`), waitMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = DASHBOARD.exec(out);
      if (m?.[1] === undefined) return;
      clearTimeout(timer);
      resolve(m[1]);
    });
    child.on('exit', (code, signal) => fail(`exited ${code ?? signal}`));
    child.on('error', (e) => fail(`did not start (${e.message})`));
  });
}
