import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteBoundedCache, type CachedResponse } from '../src/api/byte-cache.js';

const response = (body: string): CachedResponse => ({ revision: 'r', body, etag: '"e"' });
const sizeOf = (key: string, body: string): number =>
  Buffer.byteLength(key) + Buffer.byteLength(body) + 3;

/** The reference: a plain array in recency order (least recent first), evicting from the front. */
class ReferenceLru {
  entries: { key: string; body: string }[] = [];
  constructor(private readonly max: number) {}
  get(key: string): string | undefined {
    const i = this.entries.findIndex((e) => e.key === key);
    if (i < 0) return undefined;
    const [e] = this.entries.splice(i, 1);
    this.entries.push(e as { key: string; body: string });
    return e?.body;
  }
  set(key: string, body: string): void {
    this.delete(key);
    const bytes = sizeOf(key, body);
    if (bytes > this.max) return;
    while (this.total() + bytes > this.max) this.entries.shift();
    this.entries.push({ key, body });
  }
  delete(key: string): void {
    this.entries = this.entries.filter((e) => e.key !== key);
  }
  total(): number {
    return this.entries.reduce((t, e) => t + sizeOf(e.key, e.body), 0);
  }
}

const KEY = fc.constantFrom('a', 'b', 'c');
// reads and writes often, deletes and clears seldom (a clear forgets the order being checked)
const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('get' as const), key: KEY }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      key: KEY,
      body: fc.constantFrom('', 'x', 'xxxx'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), key: KEY }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

describe('ByteBoundedCache', () => {
  it('evicts the least recently used first; a key read again and again stays the most recent', () => {
    const c = new ByteBoundedCache(3 * sizeOf('a', 'xxxx'));
    for (const k of ['a', 'b', 'c']) c.set(k, response('xxxx'));
    c.get('a');
    c.get('a');
    c.set('d', response('xxxx'));
    expect(['a', 'b', 'c', 'd'].map((k) => c.get(k) !== undefined)).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });

  it('a read moves its key to the most recent place even after another key was read last', () => {
    const c = new ByteBoundedCache(2 * sizeOf('a', 'xxxx'));
    c.set('a', response('xxxx'));
    c.set('b', response('xxxx'));
    c.get('a');
    c.get('b'); // now b is the most recent, a the least
    c.set('c', response('xxxx'));
    expect(['a', 'b', 'c'].map((k) => c.get(k) !== undefined)).toEqual([false, true, true]);
  });

  it('answers and evicts as a plain recency list does, for any sequence of reads and writes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.array(op, { minLength: 10, maxLength: 60, size: 'max' }),
        (max, ops) => {
          const c = new ByteBoundedCache(max);
          const ref = new ReferenceLru(max);
          for (const o of ops) {
            if (o.op === 'get') expect(c.get(o.key)?.body).toBe(ref.get(o.key));
            else if (o.op === 'set') {
              c.set(o.key, response(o.body));
              ref.set(o.key, o.body);
            } else if (o.op === 'delete') {
              c.delete(o.key);
              ref.delete(o.key);
            } else {
              c.clear();
              ref.entries = [];
            }
            expect([c.size, c.bytes]).toEqual([ref.entries.length, ref.total()]);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
