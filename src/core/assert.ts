/** Broken invariants are bugs: they throw. Expected problems are returned as issues instead. */
export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new Error(message);
}

export function throwIllegalValue(value: never, name = 'value'): never {
  throw new Error(`illegal ${name}: ${JSON.stringify(value)}`);
}
