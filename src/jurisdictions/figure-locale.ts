import type { Note } from '../core/model/note.js';
import { loadJurisdiction } from './load.js';

/**
 * The locale each language of a note writes its figures in: the jurisdiction's (Spain es-ES:
 * 12.681 and 85,5), else the language's, as the dashboard does (web/ui.ts numberLocale).
 */
export function figureLocales(jurisdiction: string): Readonly<Record<keyof Note, string>> {
  const j = loadJurisdiction(jurisdiction);
  const locale = j.ok ? j.value.file.locale : undefined;
  return { es: locale ?? 'es-PE', en: locale ?? 'en-US' };
}

/**
 * A document's decimal ("86.123", a percentage) with the locale's decimal separator (es-ES
 * 86,123), never read as a grouped figure: the CLI's `decimal` and the dashboard's rule too.
 */
export function decimalIn(locale: string, p: string): string {
  const sep = new Intl.NumberFormat(locale).formatToParts(1.5).find((x) => x.type === 'decimal');
  return sep === undefined || sep.value === '.' ? p : p.replace('.', sep.value);
}

/** A figure in a locale: grouped, and with at most `digits` decimals (none by default). */
export function figureIn(locale: string, n: number, digits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}
