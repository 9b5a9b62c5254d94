import type { z } from 'zod';

/**
 * A schema problem in words a maintainer can act on, English and Spanish: what the field needs
 * and how to write it ("required: the path of a PROVENANCE.md or its text"; "write the date as
 * YYYY-MM-DD, e.g. 2026-10-04"), never zod's own English ("Invalid input: expected string,
 * received undefined"). One mapper for the manifest, ruleset and jurisdiction files (review s36).
 */

/** What a field is, in both languages, and how its text is written where it has a form. */
export interface FieldHint {
  readonly en: string;
  readonly es: string;
  /** How to write it ("the date as YYYY-MM-DD, e.g. 2026-10-04"), where a pattern checks it. */
  readonly form?: { readonly en: string; readonly es: string };
}

/** Hints by JSON path, an array index as `*` (`choices.*.id`, `threshold.source`). */
export type FieldHints = Readonly<Record<string, FieldHint>>;

/** The Spanish of a schema's own message (a field's `error`, a refinement's), given the value. */
export type OwnEs = (message: string, value: unknown) => string | undefined;

export interface SchemaProblem {
  readonly problem: string;
  readonly problemEs: string;
}

type ZodIssue = z.core.$ZodIssue;

const TYPE_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  string: ['text in quotes', 'un texto entre comillas'],
  number: ['a number', 'un número'],
  int: ['a whole number', 'un número entero'],
  boolean: ['true or false', 'true o false'],
  object: ['an object {…}', 'un objeto {…}'],
  array: ['a list […]', 'una lista […]'],
  null: ['null', 'null'],
  undefined: ['nothing', 'nada'],
};

/** The JSON value at `path` in `json`, and whether its parent holds the last key at all. */
function at(json: unknown, path: readonly PropertyKey[]): { value: unknown; present: boolean } {
  let value: unknown = json;
  let present = true;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return { value: undefined, present: false };
    present = Object.hasOwn(value, key);
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { value, present };
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const hintKey = (path: readonly PropertyKey[]): string =>
  path.map((p) => (typeof p === 'number' ? '*' : String(p))).join('.');

/**
 * The field's hint; else the nearest enclosing field's, naming the field in it (a state label in
 * `states`); else a generic one naming the field and the document that describes it.
 */
function hintOf(path: readonly PropertyKey[], hints: FieldHints, doc: string): FieldHint {
  const found = hints[hintKey(path)];
  if (found !== undefined) return found;
  const field = path.length === 0 ? 'the file' : `"${String(path[path.length - 1])}"`;
  for (let n = path.length - 1; n > 0; n--) {
    const outer = hints[hintKey(path.slice(0, n))];
    const name = hintKey(path.slice(0, n));
    if (outer !== undefined)
      return { en: `${field} in ${name}, ${outer.en}`, es: `${field} en ${name}, ${outer.es}` };
  }
  return {
    en: `${field} as ${doc} describes it`,
    es: `${field} como lo describe ${doc}`,
  };
}

const both = (en: string, es: string): SchemaProblem => ({ problem: en, problemEs: es });

/**
 * A zod issue as a problem in both languages: the field's hint (`hints`, else `doc`, the document
 * that describes the format) with what is wrong. `json` is the parsed file, to tell a field left
 * out from one of the wrong type.
 */
export function schemaProblem(
  i: ZodIssue,
  json: unknown,
  hints: FieldHints,
  doc: string,
  ownEs: OwnEs = () => undefined,
): SchemaProblem {
  const hint = hintOf(i.path, hints, doc);
  const { value, present } = at(json, i.path);
  if (!present && i.path.length > 0) return both(`required: ${hint.en}`, `obligatorio: ${hint.es}`);
  switch (i.code) {
    case 'invalid_type':
      return typeProblem(i, value, hint);
    case 'invalid_format':
      if (hint.form !== undefined) return both(`write ${hint.form.en}`, `escriba ${hint.form.es}`);
      return i.message.startsWith('Invalid')
        ? formatProblem(i, hint)
        : customProblem(i, hint, ownEs(i.message, value));
    case 'invalid_value': {
      const values = i.values.map((v) => JSON.stringify(v)).join(', ');
      return i.values.length === 1
        ? both(`write ${values} here: ${hint.en}`, `escriba ${values} aquí: ${hint.es}`)
        : both(`one of ${values}: ${hint.en}`, `uno de ${values}: ${hint.es}`);
    }
    case 'too_small':
    case 'too_big':
      return sizeProblem(i, hint);
    case 'unrecognized_keys':
      return unknownKeysProblem(i.keys, doc);
    case 'invalid_union':
      return unionProblem(i, hint, ownEs(i.message, value));
    case 'invalid_key':
      return keyProblem(i, hintOf(i.path.slice(0, -1), hints, doc), doc, ownEs);
    case 'not_multiple_of':
      return both(
        `write a multiple of ${String(i.divisor)} here, not ${JSON.stringify(value)}: ${hint.en}`,
        `escriba aquí un múltiplo de ${String(i.divisor)}, no ${JSON.stringify(value)}: ${hint.es}`,
      );
    case 'custom':
    case 'invalid_element':
      return customProblem(i, hint, ownEs(i.message, value));
  }
}

/**
 * A value of the wrong type. A number where a whole one goes names the value given ("a whole
 * number, not 10.5"; review s36: "not a number" said of a number).
 */
function typeProblem(
  i: z.core.$ZodIssueInvalidType,
  value: unknown,
  hint: FieldHint,
): SchemaProblem {
  const [wantEn, wantEs] = TYPE_WORDS[i.expected] ?? [i.expected, i.expected];
  if (i.expected === 'int' && typeof value === 'number')
    return both(
      `write ${wantEn} here, not ${String(value)}: ${hint.en}`,
      `escriba aquí ${wantEs}, no ${String(value)}: ${hint.es}`,
    );
  const [gotEn, gotEs] = TYPE_WORDS[kindOf(value)] ?? [kindOf(value), kindOf(value)];
  return both(
    `write ${wantEn} here, not ${gotEn}: ${hint.en}`,
    `escriba aquí ${wantEs}, no ${gotEs}: ${hint.es}`,
  );
}

/** Keys the format does not have, the words agreeing with how many (review s36). */
function unknownKeysProblem(keys: readonly string[], doc: string): SchemaProblem {
  const list = keys.map((k) => `"${k}"`).join(', ');
  return keys.length > 1
    ? both(
        `unknown keys ${list}: remove them or check their spelling (${doc})`,
        `claves desconocidas ${list}: quítelas o revise cómo se escriben (${doc})`,
      )
    : both(
        `unknown key ${list}: remove it or check its spelling (${doc})`,
        `clave desconocida ${list}: quítela o revise cómo se escribe (${doc})`,
      );
}

/**
 * A record's key that fails its key schema (`hint`: the record's, the path's last step is the key):
 * the key named, then its own problem (the nested issue, read against the key as the value), not
 * zod's "Invalid key in record".
 */
function keyProblem(
  i: z.core.$ZodIssueInvalidKey,
  hint: FieldHint,
  doc: string,
  ownEs: OwnEs,
): SchemaProblem {
  const key = i.path[i.path.length - 1];
  const nested = i.issues[0] as ZodIssue | undefined;
  const shown = JSON.stringify(String(key));
  if (nested === undefined || key === undefined)
    return customProblem(i, hint, ownEs(i.message, key));
  // the nested issue read against the key, ending with the field's hint
  const own = schemaProblem(
    { ...nested, path: [] } as ZodIssue,
    String(key),
    { '': hint },
    doc,
    ownEs,
  );
  return both(`key ${shown}: ${own.problem}`, `clave ${shown}: ${own.problemEs}`);
}

function formatProblem(i: z.core.$ZodIssueInvalidStringFormat, hint: FieldHint): SchemaProblem {
  const pattern = i.pattern ?? i.format;
  return both(
    `write text that matches ${pattern}: ${hint.en}`,
    `escriba un texto que cumpla ${pattern}: ${hint.es}`,
  );
}

function sizeProblem(
  i: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  hint: FieldHint,
): SchemaProblem {
  const small = i.code === 'too_small';
  const n = Number(small ? i.minimum : i.maximum);
  if (small && i.origin === 'string' && n === 1)
    return both(`must not be empty: ${hint.en}`, `no puede quedar vacío: ${hint.es}`);
  const strict = i.inclusive === false;
  const [en, es] = small
    ? strict
      ? ['more than', 'más de']
      : ['at least', 'al menos']
    : strict
      ? ['less than', 'menos de']
      : ['at most', 'como mucho'];
  const unit: readonly [string, string] =
    i.origin === 'array'
      ? [' items', ' elementos']
      : i.origin === 'string'
        ? [' characters', ' caracteres']
        : ['', ''];
  return both(`${en} ${n}${unit[0]}: ${hint.en}`, `${es} ${n}${unit[1]}: ${hint.es}`);
}

/** A union the value fits no form of: a bad discriminator names its options, else the hint. */
function unionProblem(
  i: z.core.$ZodIssueInvalidUnion,
  hint: FieldHint,
  es: string | undefined,
): SchemaProblem {
  const options = (i as { options?: unknown[] }).options;
  if (Array.isArray(options) && options.length > 0) {
    const values = options.map((v) => JSON.stringify(v)).join(', ');
    return both(`one of ${values}: ${hint.en}`, `uno de ${values}: ${hint.es}`);
  }
  if (!i.message.startsWith('Invalid input')) return customProblem(i, hint, es);
  return both(
    `not a form this field takes: ${hint.en}`,
    `no es una forma que admita este campo: ${hint.es}`,
  );
}

/**
 * Our own message (a refinement's, a field's `error`): kept as the English; the Spanish is the
 * schema's own (`ownEs`) where it has one, else the message with the field's hint in Spanish.
 */
function customProblem(i: ZodIssue, hint: FieldHint, es: string | undefined): SchemaProblem {
  return both(i.message, es ?? `${i.message} (${hint.es})`);
}
