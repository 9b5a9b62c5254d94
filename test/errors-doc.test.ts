import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../src/core/issues.js';
import { MESSAGES } from '../src/cli/messages.js';
import { HTTP_STATUS } from '../src/api/errors.js';

describe('docs/errors.md', () => {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  const documented = [...doc.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);

  it('lists every issue code, once, and nothing else', () => {
    expect([...documented].sort()).toEqual([...ISSUE_CODES].sort());
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('every code has an English and a Spanish message', () => {
    for (const c of ISSUE_CODES) {
      expect(MESSAGES[c].en.length).toBeGreaterThan(5);
      expect(MESSAGES[c].es.length).toBeGreaterThan(5);
    }
  });

  it('every code used in src/ is registered (no string outside ISSUE_CODES)', async () => {
    const { execSync } = await import('node:child_process');
    const used = new Set(
      execSync('grep -rhoE "issue\\(\'[a-z_]+\'" src || true', {
        cwd: new URL('..', import.meta.url),
      })
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((s) => s.slice(7, -1)),
    );
    for (const c of used) expect(ISSUE_CODES).toContain(c);
    expect(used.size).toBeGreaterThan(10);
  });

  it("every error envelope's code in src/ is registered (`error: 'x'` as well as `issue('x'`)", async () => {
    const { execSync } = await import('node:child_process');
    const envelopes = execSync('grep -rhoE "error: \'[a-z_]+\'" src --include=*.ts || true', {
      cwd: new URL('..', import.meta.url),
    })
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((s) => s.slice(8, -1));
    expect(envelopes).toContain('body_too_large');
    for (const c of envelopes) expect(ISSUE_CODES).toContain(c);
  });

  it('every documented code is raised somewhere in src/ (no code listed that nothing returns)', async () => {
    const { execSync } = await import('node:child_process');
    const text = execSync(
      'grep -rhoE "\'[a-z_]+\'" src --include=*.ts --exclude=issues.ts --exclude=messages.ts || true',
      { cwd: new URL('..', import.meta.url) },
    ).toString();
    const mentioned = new Set(text.split('\n').map((s) => s.slice(1, -1)));
    expect(ISSUE_CODES.filter((c) => !mentioned.has(c))).toEqual([]);
  });

  it('gives the HTTP status of each code that has a fixed one (src/api/errors.ts), and no other', () => {
    const rows = new Map(
      [...doc.matchAll(/^\| `([a-z_]+)` \|(.*)$/gm)].map((m) => [m[1], m[2] ?? '']),
    );
    for (const [code, row] of rows) {
      const said = [...row.matchAll(/HTTP (\d{3})/g)].map((m) => Number(m[1]));
      const fixed = HTTP_STATUS[code as keyof typeof HTTP_STATUS];
      if (fixed !== undefined) expect({ code, said }).toEqual({ code, said: [fixed] });
      // any other code answers 404 or 422 by route
      else for (const s of said) expect({ code, s }).toSatisfy(() => s === 404 || s === 422);
    }
    expect(HTTP_STATUS.store_writer_failed).toBe(500);
  });
});
