// Run 17 (docs/projection.md): a runoff manifest's `previousRound` — its candidates by their
// first-round selves — checked at the boundary, and carried onto the universe's prior columns.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameKey } from '../src/core/names.js';
import { loadManifest } from '../src/elections/manifests.js';
import { previousChoicesOf } from '../src/elections/previous-round.js';
import { universeFileOf, universePriorChoices } from '../src/elections/universe.js';
import { dataPath } from '../src/io/paths.js';
import { tempDir } from './helpers.js';

const dir = tempDir('cifra-previous-round-');
const RUNOFF = 'pe-2021-presidencial-segunda';

/** The bundled 2021 runoff's manifest with its files absolute and `previousRound` replaced. */
function manifestWith(previousRound: unknown): string {
  const m = JSON.parse(readFileSync(dataPath(`elections/${RUNOFF}.json`), 'utf8')) as {
    sources: { file: string }[];
    crossCheck: { file: string }[];
    universe: { file: string };
  };
  const abs = (s: { file: string }) => ({ ...s, file: dataPath(join('elections', s.file)) });
  const p = join(dir, `m-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    p,
    JSON.stringify({
      ...m,
      sources: m.sources.map(abs),
      crossCheck: m.crossCheck.map(abs),
      universe: abs(m.universe),
      previousRound,
    }),
  );
  return p;
}

const codes = (ref: string): string[] => {
  const r = loadManifest(ref);
  return r.ok ? [] : r.error.map((i) => i.code);
};
const source = { es: 'prueba', en: 'test' };

describe("a runoff's candidates by their first-round selves (run 17)", () => {
  it('reads the bundled pairings: Castillo ← P16, Fujimori ← P11; Fujimori, Sánchez in 2026', () => {
    const r = loadManifest(RUNOFF);
    expect(r.ok && [...(r.value.previousChoices ?? [])]).toEqual([
      ['P1', ['JOSE PEDRO CASTILLO TERRONES']],
      ['P2', ['KEIKO SOFIA FUJIMORI HIGUCHI']],
    ]);
    const id = 'pe-2026-presidencial-segunda-2026-06-10';
    const file = universeFileOf(id);
    const columns = file === null ? null : universePriorChoices(file);
    expect(columns?.ok).toBe(true);
    const names = columns?.ok === true ? columns.value : null;
    const paired = previousChoicesOf(id, ['KEIKO FUJIMORI', 'ROBERTO SÁNCHEZ'], names);
    expect(paired.ok && paired.value).toEqual([
      [names?.findIndex((n) => nameKey(n) === nameKey('Keiko Fujimori'))],
      [names?.findIndex((n) => nameKey(n) === nameKey('Roberto Sánchez'))],
    ]);
  });

  it('refuses an id the previous round does not have, or a choice this election lacks', () => {
    const good = {
      election: 'pe-2021-presidencial',
      choices: { P1: ['P16'], P2: ['P11'] },
      source,
    };
    expect(codes(manifestWith(good))).toEqual([]);
    const unknownId = { ...good, choices: { P1: ['P99'], P2: ['P11'] } };
    expect(codes(manifestWith(unknownId))).toEqual(['previous_choice_unknown']);
    const unknownKey = { ...good, choices: { P1: ['P16'], X9: ['P11'] } };
    expect(codes(manifestWith(unknownKey))).toEqual(['previous_choice_unknown']);
    const noElection = { ...good, election: 'pe-1999-nada' };
    expect(codes(manifestWith(noElection))).toEqual(['previous_choice_unknown']);
    expect(codes(manifestWith({ ...good, choices: { P1: [] } }))).toEqual(['election_invalid']);
  });

  it("refuses a pairing the universe's prior columns do not carry; none without a pairing", () => {
    const r = previousChoicesOf(
      RUNOFF,
      ['PEDRO CASTILLO TERRONES', 'KEIKO SOFIA FUJIMORI HIGUCHI'],
      ['KEIKO SOFIA FUJIMORI HIGUCHI', 'OTROS'],
    );
    expect(r.ok ? [] : r.error.map((i) => i.code)).toEqual(['previous_choice_unknown']);
    const none = previousChoicesOf('pe-2021-presidencial', ['A', 'B'], ['A', 'B']);
    expect(none.ok && none.value).toBeNull();
  });
});
