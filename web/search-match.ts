// The search's matcher: a query's words, each the start of a word in any field of an item (a
// polling place's name, its address, its district and the district's parents), without accents or
// case, so "maría auxiliadora chachapoyas" finds the school of that name in that district, and
// "ie" is no hit in "ARRIETA". Pure and import-free, for a node test.

/** A text without accents or case ("Perú" → "PERU", "Ñ" → "N"): names are compared so. */
export const fold = (x: string): string =>
  x
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();

/** The query's words, folded: split at anything that is not a letter or a digit. */
export function queryWords(q: string): string[] {
  return fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * Whether every query word starts a word of the item's (folded) words; a query without words
 * matches nothing.
 */
export function holdsAll(words: readonly string[], itemWords: readonly string[]): boolean {
  return words.length > 0 && words.every((w) => itemWords.some((f) => f.startsWith(w)));
}

/** The first `limit` hits and how many there are in all. */
export interface Found<T> {
  readonly hits: readonly T[];
  readonly total: number;
}

/**
 * The items whose fields hold every word of `q` (each starting a word of any field), the first
 * `limit` of them and their number, so the page can say how many it does not list. Those with the
 * words together in one field ("SAN JOSE" for "san josé") come first, else the items' order.
 */
export function searchItems<T>(
  items: readonly T[],
  fields: (item: T) => readonly string[],
  q: string,
  limit: number,
): Found<T> {
  const words = queryWords(q);
  const phrase = words.join(' ');
  const together: T[] = [];
  const apart: T[] = [];
  for (const item of items) {
    const folded = fields(item).map((f) => queryWords(f).join(' '));
    if (
      !holdsAll(
        words,
        folded.flatMap((f) => f.split(' ')),
      )
    )
      continue;
    (folded.some((f) => f.includes(phrase)) ? together : apart).push(item);
  }
  return { hits: [...together, ...apart].slice(0, limit), total: together.length + apart.length };
}
