import { FileRejected } from './source.js';
import type { IngestLimits } from './limits.js';

/** One JSON text of a file: a JSON line or an element of a top-level array. */
export interface JsonText {
  readonly row: number;
  readonly text: string;
  /** Nested deeper than the limit (a JSON line is then quarantined unparsed). */
  readonly tooDeep: boolean;
}

type Limits = Pick<IngestLimits, 'lineBytes' | 'rows' | 'jsonDepth' | 'jsonArrayBytes'>;

/**
 * The JSON texts of JSON Lines, or the elements of a JSON array, from decoded text chunks: one
 * pass over each character (linear in the input, whatever its line lengths), at most one
 * record of `lineBytes` held — never the whole file, never a whole array.
 */
export async function* jsonTexts(
  chunks: AsyncIterable<string> | Iterable<string>,
  limits: Limits,
): AsyncGenerator<JsonText> {
  const s = new JsonSplitter(limits);
  for await (const chunk of chunks) yield* s.push(chunk);
  yield* s.end();
}

class JsonSplitter {
  private mode: 'start' | 'lines' | 'array' | 'after' = 'start';
  private parts: string[] = [];
  private bytes = 0;
  private row = 0;
  private depth = 0;
  private maxDepth = 0;
  private inString = false;
  private escaped = false;
  private arrayBytes = 0;

  constructor(private readonly limits: Limits) {}

  *push(chunk: string): Generator<JsonText> {
    let i = 0;
    if (this.mode === 'start') {
      while (i < chunk.length && /\s/.test(chunk.charAt(i))) i++;
      if (i === chunk.length) return;
      this.mode = chunk.charAt(i) === '[' ? 'array' : 'lines';
      if (this.mode === 'array') i++;
    }
    if (this.mode === 'lines') yield* this.lines(chunk, i);
    else yield* this.array(chunk, i);
  }

  *end(): Generator<JsonText> {
    if (this.mode === 'lines') {
      yield* this.emit(this.depthOf());
      return;
    }
    if (this.mode === 'array')
      throw new FileRejected('file_truncated', { reason: 'the JSON array does not end' });
  }

  private *lines(chunk: string, from: number): Generator<JsonText> {
    let start = from;
    for (let nl = chunk.indexOf('\n', start); nl >= 0; nl = chunk.indexOf('\n', start)) {
      this.take(chunk.slice(start, nl));
      start = nl + 1;
      yield* this.emit(this.depthOf());
    }
    this.take(chunk.slice(start));
  }

  /** The pending line's depth (a JSON line's only scan besides JSON.parse). */
  private depthOf(): number {
    this.depth = this.maxDepth = 0;
    this.inString = this.escaped = false;
    for (const p of this.parts) this.scan(p, 0, p.length);
    return this.maxDepth;
  }

  private *array(chunk: string, from: number): Generator<JsonText> {
    this.arrayBytes += chunk.length - from;
    if (this.arrayBytes > this.limits.jsonArrayBytes)
      throw new FileRejected('file_too_large', {
        limit: this.limits.jsonArrayBytes,
        reason: 'a JSON array over the limit: send JSON Lines (one acta per line) instead',
      });
    let start = from;
    for (let i = from; i < chunk.length; i++) {
      if (this.mode === 'after') {
        if (!/\s/.test(chunk.charAt(i)))
          throw new FileRejected('json_unreadable', { reason: 'text after the JSON array' });
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (this.inString || this.depth > 0 || (c !== 0x2c && c !== 0x5d)) {
        this.scan(chunk, i, i + 1);
        if (this.maxDepth > this.limits.jsonDepth)
          throw new FileRejected('json_too_deep', { limit: this.limits.jsonDepth });
        continue;
      }
      // a comma or the closing bracket outside any element: the element so far is complete; an
      // empty one (`[a,,b]`, `[a,]`) is a row of its own, quarantined — only `[]` has none
      this.take(chunk.slice(start, i));
      start = i + 1;
      yield* this.emit(this.maxDepth, c === 0x5d && this.row === 0);
      this.maxDepth = 0;
      if (c === 0x5d) this.mode = 'after';
    }
    if (this.mode === 'array') this.take(chunk.slice(start));
  }

  /** Tracks strings and nesting over text[from, to). */
  private scan(text: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
      } else if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.maxDepth = Math.max(this.maxDepth, ++this.depth);
      else if (c === 0x7d || c === 0x5d) this.depth--;
    }
  }

  private take(part: string): void {
    this.bytes += part.length;
    if (this.bytes > this.limits.lineBytes)
      throw new FileRejected('line_too_long', {
        record: this.row + 1,
        limit: this.limits.lineBytes,
      });
    if (part.length > 0) this.parts.push(part);
  }

  /** The pending text as a row; an empty one is skipped where `mayBeEmpty` (blank JSON lines). */
  private *emit(depth: number, mayBeEmpty = true): Generator<JsonText> {
    const text = this.parts.join('').trim();
    this.parts = [];
    this.bytes = 0;
    if (text === '' && mayBeEmpty) return;
    this.row++;
    if (this.row > this.limits.rows)
      throw new FileRejected('too_many_rows', { limit: this.limits.rows });
    yield { row: this.row, text, tooDeep: depth > this.limits.jsonDepth };
  }
}
