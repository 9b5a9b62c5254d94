// The README's CLI examples, run as written: the guide promises that they run on a fresh clone with
// the shipped input files. Each logical line of the "## CLI" block is one case, in order (later
// lines read what earlier ones wrote), in a scratch folder that sees the repository's data,
// examples and fixtures. Lines that are templates (`[--option]`, `<file>`) are not run; `npm run`
// lines are maintainer scripts (minutes of calibration, or rewriting bundled files), so only their
// script's existence is checked; `curl` lines are fetched from the `cifra serve` the block starts.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../scripts/lib/reliability.js';
import { servedAt } from '../scripts/lib/served-at.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { tempDir } from './helpers.js';

/** The logical lines of a block's text: continuations joined, comments cut, blanks dropped. */
function logicalLines(block: string): string[] {
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l.length > 0);
}

/** One logical line of the first sh block under `heading`: continuations joined, the comment cut. */
function readmeCliLines(readme: string, heading = '## CLI'): string[] {
  const start = readme.indexOf(`\n${heading}\n`);
  const open = readme.indexOf('```sh\n', start);
  const close = readme.indexOf('\n```', open + 6);
  const next = readme.indexOf('\n## ', start + 1);
  if (start < 0 || open < 0 || close < 0 || (next >= 0 && open > next))
    throw new Error(`README: no \`\`\`sh block under ${heading}`);
  return logicalLines(readme.slice(open + 6, close));
}

/** The logical lines of every sh block of the section under `heading`, in order. */
function readmeSectionLines(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README: no section ${heading}`);
  const next = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/```sh\n([\s\S]*?)\n```/g)].flatMap((m) => logicalLines(m[1] ?? ''));
}

type Kind = 'assign' | 'template' | 'npm' | 'curl' | 'serve' | 'run';

function kindOf(line: string): Kind {
  if (/^[A-Z][A-Z0-9_]*=\S+$/.test(line)) return 'assign';
  if (/\[--|<[a-z.-]+>/.test(line)) return 'template';
  if (line.startsWith('npm run ')) return 'npm';
  if (line.startsWith('curl ')) return 'curl';
  if (line.startsWith('cifra serve')) return 'serve';
  return 'run';
}

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const lines = readmeCliLines(readme);
const dir = tempDir('cifra-readme-');
const assigns = lines.filter((l) => kindOf(l) === 'assign');
// "Adding a jurisdiction": a user's jurisdictions folder, run in a scratch folder of its own
const jurisdictionLines = readmeCliLines(readme, '## Adding a jurisdiction');
const jurisdictionDir = tempDir('cifra-readme-jur-');
// "Observer cross-check": every block of the section, in order, in a scratch folder of its own
const observerLines = readmeSectionLines(readme, '## Observer cross-check');
const observerDir = tempDir('cifra-readme-observer-');
let bin = '';
let server: ChildProcess | undefined;
let base = '';

beforeAll(async () => {
  bin = await buildCli();
  for (const d of ['data', 'examples', 'test'])
    for (const scratch of [dir, jurisdictionDir, observerDir])
      symlinkSync(join(PROJECT_ROOT, d), join(scratch, d));
}, 120_000);

afterAll(() => {
  server?.kill('SIGTERM');
});

/** Runs one line in bash, `cifra` being the freshly built bin, with the block's variables set. */
function sh(line: string, block = { cwd: dir, assigns }): { code: number; out: string } {
  const script = [
    'set -eo pipefail',
    `cifra() { "${process.execPath}" "${bin}" "$@"; }`,
    ...block.assigns,
    line,
  ].join('\n');
  try {
    const out = execFileSync('bash', ['-c', script], {
      cwd: block.cwd,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, out };
  } catch (e) {
    const x = e as { status?: number; stdout?: string; stderr?: string };
    return { code: x.status ?? -1, out: `${x.stdout ?? ''}${x.stderr ?? ''}` };
  }
}

function serve(line: string): Promise<string> {
  // port 0: the line as written binds 8080, which another process on a CI host may hold
  const args = line.replace(/^cifra\s+/, '').split(/\s+/);
  const proc = spawn(process.execPath, [bin, ...args, '--port', '0'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = proc;
  return servedAt(proc);
}

describe("the README's CLI examples", () => {
  it('has a block of examples to run, each of a known kind', () => {
    const kinds = lines.map(kindOf);
    expect(kinds.filter((k) => k === 'run').length).toBeGreaterThan(30);
    expect(kinds).toContain('serve');
    expect(kinds).toContain('curl');
  });

  const scripts = (
    JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const curls: string[] = [];
  for (const line of lines) {
    const kind = kindOf(line);
    if (kind === 'assign' || kind === 'template') continue;
    if (kind === 'curl') {
      curls.push(line);
      continue;
    }
    if (kind === 'npm')
      it(`names a script that exists: ${line}`, () => {
        const name = /^npm run (\S+)/.exec(line)?.[1] ?? '';
        expect(Object.keys(scripts)).toContain(name);
      });
    else if (kind === 'serve')
      it(`serves: ${line}`, async () => {
        base = await serve(line);
        expect(base).toMatch(/^http:\/\//);
      }, 60_000);
    else
      it(`runs: ${line}`, () => {
        const r = sh(line);
        expect(r.code, r.out.slice(-2000)).toBe(0);
        // the column its comment quotes is the one the file has (s35: it had lost a first name)
        if (line.includes('--out districts.csv')) {
          const quoted = /--out districts\.csv +# a choice's columns: (P\d+_votes \([^)]+\))/.exec(
            readme,
          )?.[1];
          expect(quoted).toBeDefined();
          const header = readFileSync(join(dir, 'districts.csv'), 'utf8').split('\n')[0] ?? '';
          expect(header.split(',').map((c) => c.replace(/^"|"$/g, ''))).toContain(quoted);
        }
      }, 300_000);
  }
  it('answers every curl line from the served store', async () => {
    expect(base).not.toBe('');
    expect(curls.length).toBeGreaterThan(0);
    for (const line of curls) {
      const url = /(localhost|127\.0\.0\.1):8080(\/\S*)/.exec(line)?.[2];
      expect(url, line).toBeDefined();
      const r = await fetch(`${base}${url ?? ''}`);
      expect(r.status, line).toBe(200);
      expect((await r.text()).length, line).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe("the README's jurisdiction of your own (Adding a jurisdiction)", () => {
  const block = {
    cwd: jurisdictionDir,
    assigns: jurisdictionLines.filter((l) => kindOf(l) === 'assign'),
  };
  it('has a block that passes --jurisdictions', () => {
    expect(jurisdictionLines.some((l) => l.includes('--jurisdictions'))).toBe(true);
  });
  for (const line of jurisdictionLines.filter((l) => kindOf(l) === 'run'))
    it(`runs: ${line}`, () => {
      const r = sh(line, block);
      expect(r.code, r.out.slice(-2000)).toBe(0);
      // the seats line says what the README says it gives
      if (line.startsWith('cifra seats')) expect(r.out).toMatch(/Partido A +│ 8,000 .*│ 5 /);
    }, 60_000);
});

describe("the README's observer cross-check (Observer cross-check)", () => {
  const block = {
    cwd: observerDir,
    assigns: observerLines.filter((l) => kindOf(l) === 'assign'),
  };
  // session 31: its two-store example named a store the README never created
  it('has blocks that compare files, a store with a file, and two stores', () => {
    const runs = observerLines.filter((l) => kindOf(l) === 'run');
    expect(runs.some((l) => l.startsWith('cifra compare $D/'))).toBe(true);
    expect(runs.some((l) => /^cifra compare --db \S+ \S/.test(l))).toBe(true);
    expect(runs.some((l) => /^cifra compare --db \S+ --db-b \S+/.test(l))).toBe(true);
  });
  for (const line of observerLines.filter((l) => kindOf(l) === 'run'))
    it(`runs: ${line}`, () => {
      const r = sh(line, block);
      expect(r.code, r.out.slice(-2000)).toBe(0);
      // the two stores say what the README says they give: the three mesas, 012438 differs
      if (line.includes('--db-b')) {
        expect(r.out).toMatch(/^B: store · three\.db · 3 actas · revision /m);
        expect(r.out).toContain('mesas: 3 compared (3 in both) · 2 agree · 1 disagrees');
        expect(r.out).toMatch(
          /^ {2}012438 {2}\[a figure differs\] {2}P1 152 ≠ 0; voters 300 ≠ 118/m,
        );
      }
    }, 300_000);
  it('answers its curl lines from a server on the store its blocks wrote', async () => {
    const curls = observerLines.filter((l) => kindOf(l) === 'curl');
    expect(curls.length).toBeGreaterThan(0);
    // its own server (the CLI block's serves another store), on r2.db, the block's store
    const proc = spawn(process.execPath, [bin, 'serve', '--db', 'r2.db', '--port', '0'], {
      cwd: observerDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const at = await servedAt(proc);
      for (const line of curls) {
        const url = /(localhost|127\.0\.0\.1):8080(\/[^\s']*)/.exec(line)?.[2];
        expect(url, line).toBeDefined();
        const r = await fetch(`${at}${url ?? ''}`);
        expect(r.status, line).toBe(200);
        expect((await r.text()).length, line).toBeGreaterThan(0);
      }
    } finally {
      proc.kill('SIGTERM');
    }
  }, 120_000);
});
