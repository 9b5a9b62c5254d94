// The localized texts of a data file, found by its schema: each field whose schema is { es, en }
// or a union with it (a name that may be one string), with where it is. Shared by the data-file
// test and the browser test that looks for the other language's half on screen.
import type { z } from 'zod';

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly valueType?: z.ZodType;
  readonly in?: z.ZodType;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** `{ es, en }` and nothing else. */
function isLangObject(s: z.ZodType): boolean {
  const d = defOf(s);
  return (
    d.type === 'object' &&
    Object.keys(d.shape ?? {})
      .sort()
      .join() === 'en,es'
  );
}

/** Every value of `data` whose schema is localized text, with where it is. */
export function localized(s: z.ZodType, data: unknown, at = ''): { at: string; text: unknown }[] {
  const d = defOf(s);
  // absent, or a ruleset's option switch where the schema has the chosen value
  if (data === undefined || data === null) return [];
  if (['object', 'record'].includes(d.type) && (typeof data !== 'object' || Array.isArray(data)))
    return [];
  if (d.type === 'array' && !Array.isArray(data)) return [];
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
    case 'readonly':
      return d.innerType ? localized(d.innerType, data, at) : [];
    case 'pipe':
      return d.in ? localized(d.in, data, at) : [];
    case 'object':
      if (isLangObject(s)) return [{ at, text: data }];
      return Object.entries(d.shape ?? {}).flatMap(([k, v]) =>
        localized(v, (data as Record<string, unknown>)[k], `${at}.${k}`),
      );
    case 'array':
      return (data as unknown[]).flatMap((v, i) =>
        d.element ? localized(d.element, v, `${at}[${i}]`) : [],
      );
    case 'record':
      return Object.entries(data as Record<string, unknown>).flatMap(([k, v]) =>
        d.valueType ? localized(d.valueType, v, `${at}.${k}`) : [],
      );
    case 'union': {
      const options = d.options ?? [];
      if (options.some(isLangObject)) return [{ at, text: data }];
      // a ruleset's option switches fail the whole file's parse: then the option of its `kind`
      const kind = (data as { kind?: unknown }).kind;
      const match =
        options.find((o) => o.safeParse(data).success) ??
        options.find((o) => defOf(o).shape?.['kind']?.safeParse(kind).success === true);
      return match ? localized(match, data, at) : [];
    }
    default:
      return [];
  }
}
