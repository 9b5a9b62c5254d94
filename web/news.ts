// What a new revision changed, said once in a short sentence for the page's one polite live
// region (#live-news): a screen reader hears a new count, not the whole strip again on every
// redraw, nor "hace 8 min" every 30 s. Pure, so a test can run it without a page.

/** The figures a listener follows, each as the page words it (in the page's language). */
export interface NewsParts {
  /** the actas processed ("Actas procesadas: 5 / 6") */
  readonly actas: string;
  /** who leads and by how much, or the outcome once settled ('' when neither applies) */
  readonly lead: string;
}

/** The parts that differ from the last ones heard, as sentences; '' on a first draw or no change. */
export function newsOf(prev: NewsParts | null, next: NewsParts): string {
  if (prev === null) return '';
  const said = [
    prev.actas === next.actas ? '' : next.actas,
    prev.lead === next.lead ? '' : next.lead,
  ];
  return said
    .filter((s) => s !== '')
    .map((s) => (/[.!?]$/.test(s) ? s : `${s}.`))
    .join(' ');
}
