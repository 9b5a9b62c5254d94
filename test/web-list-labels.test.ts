// The district table's column labels (web/congress.ts): a list's short name, or its initials, made
// unambiguous when two lists would share one (an adopter could not tell which list "B" was).
import { describe, expect, it } from 'vitest';
import { shortNames } from '../web/list-labels.js';

describe('shortNames', () => {
  it('keeps a short name, takes initials of a long one', () => {
    const l = shortNames(['PP', 'Alianza Fuerza y Acción', 'Somos Perú']);
    expect([...l.values()]).toEqual(['PP', 'AFA', 'SP']);
  });

  it('two lists with the same initials take more letters of their first word', () => {
    const l = shortNames(['Bloque Popular', 'Bienestar Popular']);
    expect([...l.values()]).toEqual(['BLP', 'BIP']);
  });

  it("a list's own short name keeps it; the abbreviation that would match it gives way", () => {
    const l = shortNames(['B', 'Bicentenarios']);
    expect([...l.values()]).toEqual(['B', 'BI']);
  });

  it('names that no letters tell apart are numbered', () => {
    const l = shortNames(['Unidos Ya Ahora', 'Unidos Yo Ahora', 'Unidos Ya Ahora!']);
    expect(new Set(l.values()).size).toBe(3);
  });
});
