// The district table's column labels (web/congress.ts): a list's short name or its initials, no two
// alike. Pure, so that a unit test reads it without a page.

const SKIP = new Set(['DE', 'DEL', 'LA', 'EL', 'LOS', 'LAS', 'POR', 'Y', 'EN', 'PARA']);

/** A name's words that an abbreviation keeps (not "de", "la", "por"…). */
const wordsOf = (name: string): string[] =>
  name.split(/\s+/).filter((w) => w.length > 0 && !SKIP.has(w.toUpperCase()));

/** A short label for narrow tables: a short name itself, the part after " - " if any, else the initials. */
function shortName(name: string): string {
  // an acronym or a short name (PP, PSOE, EH Bildu, B.N.G.) is its own short form, not its initial
  if (name.length <= 8) return name;
  const after = name.split(' - ')[1];
  if (after !== undefined && after.length <= 6) return after;
  return wordsOf(name)
    .map((w) => w.charAt(0))
    .join('')
    .toUpperCase();
}

/** A longer abbreviation: `k` letters of the first word, then the others' initials. */
function longer(name: string, k: number): string {
  const [first = '', ...rest] = wordsOf(name);
  return (first.slice(0, k) + rest.map((w) => w.charAt(0)).join('')).toUpperCase();
}

/**
 * Each list's label in a narrow table, no two alike (two lists' initials may be one: "B"): the
 * abbreviations that meet take more letters of their first words together ("BLP", "BIP"), then a
 * number; a list's own short name keeps it.
 */
export function shortNames(parties: readonly string[]): Map<string, string> {
  const labels = new Map(parties.map((p) => [p, shortName(p)]));
  const key = (l: string): string => l.toUpperCase();
  const met = parties.filter(
    (p) =>
      labels.get(p) !== p &&
      parties.some((q) => q !== p && key(shortName(q)) === key(shortName(p))),
  );
  const others = new Set(
    parties.filter((p) => !met.includes(p)).map((p) => key(labels.get(p) ?? p)),
  );
  const distinct = (ls: string[]): boolean =>
    new Set(ls).size === ls.length && ls.every((l) => !others.has(l));
  const longest = Math.max(0, ...met.map((p) => wordsOf(p)[0]?.length ?? 0));
  let k = 2;
  while (k < longest && !distinct(met.map((p) => longer(p, k)))) k++;
  const tried = met.map((p) => longer(p, k));
  met.forEach((p, i) => {
    const l = tried[i] ?? '';
    // still alike (the same first word and initials): numbered in the table's order
    labels.set(p, distinct(tried) ? l : `${shortName(p)}${i + 1}`);
  });
  return labels;
}
