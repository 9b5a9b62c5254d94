import { describe, expect, it } from 'vitest';
import { ByteBoundedCache, canonicalJson } from './byte-cache.js';

const entry = (body: string) => ({ revision: 'r', body, etag: '"e"' });

describe('ByteBoundedCache(maxBytes)', () => {
  it('keeps at most maxBytes of keys and bodies, dropping the least recently used', () => {
    // each entry: key 1 byte + body 10 bytes + etag 3 = 14 bytes
    const c = new ByteBoundedCache(45);
    for (const k of ['a', 'b', 'c']) c.set(k, entry('x'.repeat(10)));
    expect([c.size, c.bytes]).toEqual([3, 42]);
    expect(c.get('a')?.body).toBe('xxxxxxxxxx'); // a is now the most recent
    c.set('d', entry('y'.repeat(10)));
    expect([c.get('b'), c.get('a')?.revision, c.get('c')?.revision, c.size]).toEqual([
      undefined,
      'r',
      'r',
      3,
    ]);
    expect(c.bytes).toBe(42);
  });

  it('counts bytes, not characters; never keeps an entry larger than the bound; replaces a key', () => {
    const c = new ByteBoundedCache(30);
    c.set('k', entry('ñ'.repeat(10))); // 20 bytes of UTF-8
    expect(c.bytes).toBe(24);
    c.set('big', entry('z'.repeat(40)));
    expect([c.get('big'), c.size]).toEqual([undefined, 1]);
    c.set('k', entry('short'));
    expect([c.size, c.bytes, c.get('k')?.body]).toEqual([1, 9, 'short']);
    c.clear();
    expect([c.size, c.bytes]).toEqual([0, 0]);
  });
});

describe('canonicalJson(x)', () => {
  it('sorts keys at every level, keeps array order, drops undefined like JSON.stringify', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: null }], a: 'x', u: undefined })).toBe(
      '{"a":"x","b":[2,{"c":null,"d":1}]}',
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(canonicalJson(JSON.parse('{"__proto__": {"x": 1}}'))).toBe('{"__proto__":{"x":1}}');
  });
});
