/**
 * The order units are listed in: numeric codes by their number (circunscripción 2 before 10, as
 * the jurisdiction numbers them), other codes as text. Exact on codes of any length: no parsing.
 */
export function byUnitCode(a: { code: string }, b: { code: string }): number {
  const x = a.code;
  const y = b.code;
  if (/^\d+$/.test(x) && /^\d+$/.test(y)) {
    const nx = x.replace(/^0+(?=\d)/, '');
    const ny = y.replace(/^0+(?=\d)/, '');
    if (nx.length !== ny.length) return nx.length - ny.length;
    if (nx !== ny) return nx < ny ? -1 : 1;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}
