/** A cached response: its bytes as sent, their ETag, and the store revision they were made at. */
export interface CachedResponse {
  readonly revision: string;
  readonly body: string | Buffer;
  readonly etag: string;
  /** Its content type, when not JSON. */
  readonly type?: string;
  /** The body gzipped, made at the first hit that accepts gzip (large bodies only). */
  readonly gzip?: Buffer;
}

/**
 * Responses by key, bounded by the bytes they hold (keys and bodies): the least recently used
 * go first; a response larger than the bound is not kept.
 */
export class ByteBoundedCache {
  private readonly entries = new Map<string, CachedResponse & { readonly bytes: number }>();
  private total = 0;
  /** The Map's last key (the one read or written last), while it is there. */
  private newest: string | undefined;

  constructor(readonly maxBytes: number) {}

  /** The bytes held now. */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    // most recently used last: Map keeps insertion order; the last one read again stays put
    if (key === this.newest) return hit;
    this.entries.delete(key);
    this.entries.set(key, hit);
    this.newest = key;
    return hit;
  }

  set(key: string, value: CachedResponse): void {
    this.delete(key);
    const bytes =
      Buffer.byteLength(key) +
      Buffer.byteLength(value.body) +
      value.etag.length +
      (value.gzip?.length ?? 0);
    if (bytes > this.maxBytes) return;
    for (const [k] of this.entries) {
      if (this.total + bytes <= this.maxBytes) break;
      this.delete(k);
    }
    this.entries.set(key, { ...value, bytes });
    this.newest = key;
    this.total += bytes;
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    if (key === this.newest) this.newest = undefined;
    this.total -= old.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.newest = undefined;
    this.total = 0;
  }
}

/** JSON with object keys sorted at every level: equal values, equal text (the cache key's input). */
export function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  if (typeof x === 'object' && x !== null) {
    const keys = Object.keys(x).sort();
    const record = x as Record<string, unknown>;
    return `{${keys
      .filter((k) => record[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x) ?? 'null';
}
