/** Broken invariants are bugs: they throw. Expected problems are returned as issues instead. */
export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new Error(message);
}

export function assertDefined<T>(value: T | undefined | null, message = 'value is undefined'): T {
  if (value === undefined || value === null) throw new Error(message);
  return value;
}

export function throwIllegalValue(value: never, name = 'value'): never {
  throw new Error(`illegal ${name}: ${JSON.stringify(value)}`);
}
