// The search's matcher: a query's words, each the start of a word in any field of an item (a
// polling place's name, its address, its district and the district's parents), without accents or
// case, so "maría auxiliadora chachapoyas" finds the school of that name in that district, and
// "ie" is no hit in "ARRIETA"; a number is matched whole ("IE 123" is not "JR LIMA 1239"), but a
// code (an ubigeo) by its start, as its digits nest ("1401" is Lima's districts). Pure and
// import-free, for a node test.

/** A text without accents or case ("Perú" → "PERU", "Ñ" → "N"): names are compared so. */
export const fold = (x: string): string =>
  x
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();

/**
 * A number's mark before its digits, as Peru's polling places write it ("N° 123", "Nº", "N.º",
 * "Nª", "NRO. 306", "N. 501392", "N254"): dropped, so "IE 123" finds "IE N° 123". Not a letter
 * before it, so the N ending "I.E.N° 123" is one too.
 */
const NUMBER_MARK = /(?<![\p{L}\p{N}])(?:NRO\.?|N\s*\.?\s*[°º˚ª]|N\.?)\s*(?=\p{N})/gu;
/** Single letters joined by dots ("I.E.P.", "I.E", "S.J."): one word, as "IEP" is written too. */
const DOTTED = /(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+(?![\p{L}\p{N}])/gu;

/**
 * The query's words, folded: abbreviations' dots and number marks dropped (`DOTTED`,
 * `NUMBER_MARK`), then split at anything that is not a letter or a digit.
 */
export function queryWords(q: string): string[] {
  let x = fold(q);
  // the regular expressions only where they can match: most fields have no digit or no dot
  if (/\d/.test(x)) x = x.replace(NUMBER_MARK, ' ');
  if (x.includes('.')) x = x.replace(DOTTED, (m) => m.replaceAll('.', ''));
  return x.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** A word all of digits: a school's or a street's number, matched whole. */
const isNumber = (w: string): boolean => /^\p{N}+$/u.test(w);

/**
 * Whether a query word finds an item's word: a number only the same number ("123" is not the
 * address number 1239, another place), any other word the start of one (still being typed).
 */
const finds = (w: string, f: string): boolean => (isNumber(w) ? f === w : f.startsWith(w));

/**
 * Whether every query word finds a word of the item's (folded) words (`finds`); a query without
 * words matches nothing.
 */
export function holdsAll(
  words: readonly string[],
  itemWords: readonly string[],
  codes: readonly string[] = [],
): boolean {
  return (
    words.length > 0 &&
    words.every((w) => itemWords.some((f) => finds(w, f)) || codes.some((c) => c.startsWith(w)))
  );
}

/**
 * Whether a field's words hold the query's words together, in order, from a word's start ("AN
 * JOSE" is not together in "HUAN JOSE"): each whole, but the last may start a word (one still
 * being typed, "san jos") unless it is a number ("123" is not "1234", another school).
 */
export function together(words: readonly string[], fieldWords: readonly string[]): boolean {
  const n = words.length;
  const last = words[n - 1];
  if (last === undefined) return false;
  for (let i = 0; i + n <= fieldWords.length; i++) {
    let k = 0;
    while (k < n - 1 && fieldWords[i + k] === words[k]) k++;
    if (k === n - 1 && finds(last, fieldWords[i + k] ?? '')) return true;
  }
  return false;
}

/** The first `limit` hits and how many there are in all. */
export interface Found<T> {
  readonly hits: readonly T[];
  readonly total: number;
}

/** Items with their fields' words, folded once (a load's), for any number of queries. */
export interface SearchIndex<T> {
  readonly items: readonly T[];
  /** per item, per field, its words (`queryWords`) */
  readonly words: readonly (readonly (readonly string[])[])[];
  /** per item, all its fields' words */
  readonly all: readonly (readonly string[])[];
  /** per item, its codes (folded), found by their start: "1401" starts 140101, Lima's Lima */
  readonly codes: readonly (readonly string[])[];
}

/**
 * The index of `items` by the words of their `fields`, and by their `codes` (an ubigeo, whose
 * digits nest: a code's start is a region of units, so it is not matched whole as a number is).
 */
export function searchIndex<T>(
  items: readonly T[],
  fields: (item: T) => readonly string[],
  codes: (item: T) => readonly string[] = () => [],
): SearchIndex<T> {
  const words = items.map((item) => fields(item).map(queryWords));
  const codeWords = items.map((item) => codes(item).flatMap(queryWords));
  return { items, words, all: words.map((w) => w.flat()), codes: codeWords };
}

/**
 * The items whose fields hold every word of `q` (each starting a word of any field, a number
 * whole, or starting a code), the first `limit` of them and their number, so the page can say how many it does not list. Those with the
 * words together in one field ("SAN JOSE" for "san josé") come first, else the items' order.
 */
export function searchIn<T>(index: SearchIndex<T>, q: string, limit: number): Found<T> {
  const words = queryWords(q);
  const first: T[] = [];
  const apart: T[] = [];
  index.items.forEach((item, i) => {
    if (!holdsAll(words, index.all[i] ?? [], index.codes[i])) return;
    const fields = index.words[i] ?? [];
    (fields.some((f) => together(words, f)) ? first : apart).push(item);
  });
  return { hits: [...first, ...apart].slice(0, limit), total: first.length + apart.length };
}

/** `searchIn` over items folded for this one query. */
export const searchItems = <T>(
  items: readonly T[],
  fields: (item: T) => readonly string[],
  q: string,
  limit: number,
  codes?: (item: T) => readonly string[],
): Found<T> => searchIn(searchIndex(items, fields, codes), q, limit);
