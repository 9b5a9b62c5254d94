import Table from 'cli-table3';

/** A plain bordered table for terminals. */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const t = new Table({
    head: [...head],
    style: { head: [], border: [], compact: true },
  });
  for (const r of rows) t.push(r.map(String));
  return t.toString();
}

export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}
