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

/** A figure in a locale: grouped, and with at most `digits` decimals (none by default). */
export function figureIn(locale: string, n: number, digits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}
