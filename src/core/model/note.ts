import { z } from 'zod';

/**
 * A sentence shown to users, in both interface languages (Spanish first): every note a manifest
 * carries or the server writes is one, so that the dashboard never shows English to a Spanish
 * reader.
 */
export const NoteSchema = z.strictObject({ es: z.string().min(1), en: z.string().min(1) });
export type Note = z.infer<typeof NoteSchema>;
