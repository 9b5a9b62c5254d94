import { z } from 'zod';

/**
 * A sentence shown to users, in both interface languages (Spanish first): every note a manifest
 * carries or the server writes is one, so that the dashboard never shows English to a Spanish
 * reader.
 */
export const NoteSchema = z.strictObject({ es: z.string().min(1), en: z.string().min(1) });
export type Note = z.infer<typeof NoteSchema>;

/**
 * A name shown to users: a proper name that reads the same in both languages may be one string
 * ("ONPE", "@sergiocorreia", "Resolución N.° 1625-2026-JNE"); anything that describes (a capture,
 * "third party", a date in words) is { es, en } like a note. Publishers, sources and acts are names.
 */
export const NameSchema = z.union([z.string().min(1), NoteSchema]);
export type Name = z.infer<typeof NameSchema>;

/** A name in both languages: a plain string is the same in each. */
export const bothLanguages = (n: Name): Note => (typeof n === 'string' ? { es: n, en: n } : n);

/** Names joined in each language (several sources of one figure). */
export const joinNames = (names: readonly Name[], sep = '; '): Note => ({
  es: names.map((n) => bothLanguages(n).es).join(sep),
  en: names.map((n) => bothLanguages(n).en).join(sep),
});
