/** Case-, accent- and space-insensitive key: "Lima Metropolitana" = "LIMA  METROPOLITANA" = "lima metropolitana". */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}
