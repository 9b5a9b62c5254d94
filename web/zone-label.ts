// What a time is said in, in the page's language (web/live.ts). Pure, so that a unit test reads it
// without a page.
import { STRINGS } from './i18n.js';
import type { Lang } from './lang.js';

/**
 * The Spanish names of zones' cities, for the zones cifra's jurisdictions and adopters use: a zone
 * id names its city in English ("Vienna"), and Intl has no city names in Spanish.
 */
const CITY_ES: Readonly<Record<string, string>> = {
  'America/Lima': 'Lima',
  'Europe/Madrid': 'Madrid',
  'Europe/Vienna': 'Viena',
};

/**
 * What a time is said in: the city of a zone named after one ("hora de Lima", "Vienna time"; in
 * Spanish a city cifra has no Spanish name for is said as the zone's id, "hora de Asia/Kolkata",
 * never an English name in a Spanish sentence), else its offset ("UTC", "UTC+1") as Intl gives it
 * for that instant.
 */
export function zoneLabel(zone: string, d: Date, lang: Lang): string {
  const city = /^[A-Za-z]+\/(?:[A-Za-z_]+\/)?([A-Za-z_]+)$/.exec(zone)?.[1];
  if (city !== undefined && !zone.startsWith('Etc/'))
    return STRINGS[lang].zoneTime(
      lang === 'es' ? (CITY_ES[zone] ?? zone) : city.replace(/_/g, ' '),
    );
  const offset = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(d)
    .find((p) => p.type === 'timeZoneName')?.value;
  // Intl says "GMT" or "GMT+0" for UTC itself, "GMT+1" for an hour east
  return (offset ?? 'GMT').replace(/^GMT(\+0)?$/, 'UTC').replace(/^GMT/, 'UTC');
}
