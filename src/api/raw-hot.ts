// The hot cached GETs answered on the TCP socket before Node's HTTP parser (docs/adr/014): a
// strict, bounded recogniser accepts one small language — `GET <path> HTTP/1.1`, well-formed
// `name: value` lines, one Host, nothing that changes framing — and answers from the same
// decisions as hot-reads.ts. Every other byte stream is put back and given to Node's HTTP server
// (llhttp) for good, so anything odd is judged by the parser everyone else uses.
import { maxHeaderSize, type OutgoingHttpHeader, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { HotAnswer, HotReads } from './hot-reads.js';

/** A longer head goes to Node (whose own limit is 16 KiB); the hot reads' URLs are ≤ 512 bytes. */
export const MAX_RAW_HEAD = 8 * 1024;
/**
 * More header fields go to Node: it reads only the first `maxHeadersCount` (1000 by default,
 * _http_common.js), so a Host, If-None-Match or Accept-Encoding past them must not be read here.
 */
export const MAX_RAW_FIELDS = 100;
/** Node closes an idle kept-alive socket this long after the advertised timeout (_http_server.js). */
const KEEP_ALIVE_BUFFER_MS = 1000;
const END_OF_HEAD = Buffer.from('\r\n\r\n', 'latin1');
/** Distinct recognised heads remembered, and the longest one remembered (RecognisedHeads). */
const MAX_HEADS = 256;
const MAX_REMEMBERED_HEAD = 1024;
/** RFC 9112 §3: the request line, origin-form only, visible ASCII only. */
const REQUEST_LINE = /^GET (\/[\x21-\x7e]*) HTTP\/1\.1$/;
/** RFC 9110 §5.1, §5.5: a token name and a value of visible ASCII, spaces and tabs (no obs-text). */
const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):([\t\x20-\x7e]*)$/;
const REASON = { 200: 'OK', 304: 'Not Modified' } as const;

/** What the hot path reads of a recognised request. */
export interface RawRequest {
  readonly url: string;
  readonly headers: { 'if-none-match'?: string; 'accept-encoding'?: string };
}

/**
 * The request a head (the bytes before CRLFCRLF, latin1) asks, or undefined when it is not in the
 * recognised language: another method, version or target form; a line that is not `token: value`
 * (obs-fold, a bare CR or LF, NUL, obs-text); no Host or two; a header that changes framing or the
 * connection (Content-Length, Transfer-Encoding, Upgrade, Expect, Connection or Proxy-Connection
 * other than keep-alive); a repeated header the hot path reads.
 */
export function recogniseHead(head: string, maxFields = MAX_RAW_FIELDS): RawRequest | undefined {
  const lines = head.split('\r\n');
  if (lines.length - 1 > maxFields) return undefined;
  const line = REQUEST_LINE.exec(lines[0] as string);
  if (line === null) return undefined;
  const headers: { 'if-none-match'?: string; 'accept-encoding'?: string } = {};
  let hosts = 0;
  for (let i = 1; i < lines.length; i++) {
    const m = HEADER_LINE.exec(lines[i] as string);
    if (m === null) return undefined;
    const name = (m[1] as string).toLowerCase();
    const value = (m[2] as string).trim();
    switch (name) {
      case 'host':
        hosts++;
        break;
      case 'if-none-match':
      case 'accept-encoding':
        if (headers[name] !== undefined) return undefined;
        headers[name] = value;
        break;
      // llhttp reads Proxy-Connection as Connection (a `close` there ends the connection)
      case 'connection':
      case 'proxy-connection':
        if (value.toLowerCase() !== 'keep-alive') return undefined;
        break;
      case 'content-length':
      case 'transfer-encoding':
      case 'upgrade':
      case 'expect':
        return undefined;
    }
  }
  return hosts === 1 ? { url: line[1] as string, headers } : undefined;
}

/**
 * The longest head and the most fields recognised on `server` now: never past what its parser
 * reads (maxHeaderSize counts fewer bytes than the head; maxHeadersCount, 0 for no limit).
 */
function headLimits(server: Server): { bytes: number; fields: number } {
  const count = server.maxHeadersCount as number | null;
  // createServer's maxHeaderSize option, kept on the server (_http_server.js); untyped in @types/node
  const size = (server as { maxHeaderSize?: number }).maxHeaderSize;
  return {
    bytes: Math.min(MAX_RAW_HEAD, size || maxHeaderSize),
    fields: count !== null && count > 0 ? Math.min(MAX_RAW_FIELDS, count) : MAX_RAW_FIELDS,
  };
}

/** Node's Date header text, made at most once a second (as _http_outgoing.js's utcDate). */
let dateText: string | undefined;
function utcDate(): string {
  if (dateText === undefined) {
    const now = new Date();
    dateText = now.toUTCString();
    setTimeout(() => (dateText = undefined), 1000 - now.getMilliseconds()).unref();
  }
  return dateText;
}

/** The whole response as Node's ServerResponse writes it for writeHead(status, headers).end(body). */
export function responseBytes(a: HotAnswer, date: string, keepAliveMs: number): Buffer {
  let head = `HTTP/1.1 ${a.status} ${REASON[a.status]}\r\n`;
  const h: OutgoingHttpHeader[] = a.headers;
  for (let i = 0; i + 1 < h.length; i += 2) head += `${String(h[i])}: ${String(h[i + 1])}\r\n`;
  head += `Date: ${date}\r\nConnection: keep-alive\r\n`;
  if (keepAliveMs > 0) head += `Keep-Alive: timeout=${Math.floor(keepAliveMs / 1000)}\r\n`;
  const bytes = Buffer.from(`${head}\r\n`, 'latin1');
  return a.body === undefined ? bytes : Buffer.concat([bytes, Buffer.from(a.body)]);
}

/** The bytes of each hot answer for the current second (its headers array names the answer). */
class ResponseBytes {
  private readonly made = new WeakMap<object, { date: string; bytes: Buffer }>();
  constructor(private readonly server: Server) {}

  of(a: HotAnswer): Buffer {
    const date = utcDate();
    const m = this.made.get(a.headers);
    if (m !== undefined && m.date === date) return m.bytes;
    const bytes = responseBytes(a, date, this.server.keepAliveTimeout);
    this.made.set(a.headers, { date, bytes });
    return bytes;
  }
}

/**
 * Heads recognised lately, by their text: `recogniseHead` is a pure function of the head and the
 * field limit, and a client repeats the same head on every request of a connection, so each
 * distinct head is parsed once. Bounded: past MAX_HEADS it starts again; long heads are not kept.
 */
class RecognisedHeads {
  private readonly known = new Map<string, { readonly fields: number; readonly req: RawRequest }>();

  of(head: string, fields: number): RawRequest | undefined {
    const k = this.known.get(head);
    if (k !== undefined && k.fields === fields) return k.req;
    const req = recogniseHead(head, fields);
    if (req !== undefined && head.length <= MAX_REMEMBERED_HEAD) {
      if (this.known.size >= MAX_HEADS) this.known.clear();
      this.known.set(head, { fields, req });
    }
    return req;
  }
}

interface Shared {
  readonly server: Server;
  readonly hot: HotReads;
  readonly bytes: ResponseBytes;
  readonly heads: RecognisedHeads;
  /** Node's own connection listeners: a handed-over socket is given to them, once. */
  readonly node: ((socket: Socket) => void)[];
  readonly owned: Set<RawConnection>;
  /** Checks the store's revision (one check at a time for all connections). */
  refresh(): Promise<unknown>;
}

/** One connection while the fast path holds it: answered requests, then handed to Node or closed. */
class RawConnection {
  private handed = false;
  /** A request was answered here (the connection is kept alive between requests). */
  private answered = false;
  /** Bytes held while the revision is checked. */
  private pending: Buffer | undefined;
  /**
   * The socket's timeout as last set here (0: none). Between requests it is Node's keep-alive
   * timeout; the socket restarts it on every read and write (net.Socket's own timer refresh), so
   * it is set once, not cleared and set again around each request (two timers a request).
   */
  private timeoutMs = 0;
  private readonly firstByte: NodeJS.Timeout;
  /** A byte came (the first-byte timer's verdict, which may run late, reads it). */
  private heard = false;
  private readonly onData = (chunk: Buffer): void => {
    clearTimeout(this.firstByte);
    this.heard = true;
    // a request arrived: Node stops its keep-alive timer here; this read restarted ours instead,
    // and the request is answered in this same tick (or handed over, or held with its own timeout)
    this.process(chunk);
  };
  private readonly onEnd = (): void => {
    this.shared.owned.delete(this);
    this.socket.end();
  };
  private readonly onError = (): void => {
    this.socket.destroy();
  };
  private readonly onClose = (): void => {
    clearTimeout(this.firstByte);
    this.shared.owned.delete(this);
  };
  /** Node's socketOnTimeout: the server's 'timeout' listeners, else the socket is destroyed. */
  private readonly onTimeout = (): void => {
    if (!this.shared.server.emit('timeout', this.socket)) this.socket.destroy();
  };
  private readonly onDrain = (): void => {
    if (!this.handed && this.pending === undefined) this.socket.resume();
  };

  constructor(
    private readonly socket: Socket,
    private readonly shared: Shared,
  ) {
    // no head within headersTimeout: Node's 408 (its connections check), through the same handler;
    // judged after the loop's next read, as that handler judges Node's (http-safety.ts
    // lateTimeout): a loop held past the limit runs this timer before reading bytes sent in time
    const limit = shared.server.headersTimeout;
    this.firstByte = setTimeout(() => {
      if (limit === 0) return;
      setImmediate(() => {
        if (this.heard || this.handed || socket.destroyed) return;
        const err = Object.assign(new Error('Request timeout'), {
          code: 'ERR_HTTP_REQUEST_TIMEOUT',
        });
        if (!shared.server.emit('clientError', err, socket)) socket.destroy();
      });
    }, limit);
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    socket.on('timeout', this.onTimeout);
    socket.on('drain', this.onDrain);
  }

  /** Answers every whole recognised request in `chunk` in order; the first other byte goes to Node. */
  private process(chunk: Buffer): void {
    const buf = this.pending === undefined ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = undefined;
    let off = 0;
    const limits = headLimits(this.shared.server);
    // pipelined answers go out in one write; a lone request (the usual case) needs no cork
    let corked = false;
    try {
      while (off < buf.length) {
        if (this.shared.hot.stale()) return this.awaitRevision(buf.subarray(off));
        const end = buf.subarray(off, off + limits.bytes + 4).indexOf(END_OF_HEAD);
        // a partial head is not waited for here: Node's parser and timers take it
        if (end < 0) return this.handOver(buf.subarray(off));
        const req = this.shared.heads.of(buf.toString('latin1', off, off + end), limits.fields);
        const a = req && this.shared.hot.answer('GET', req.url, req.headers);
        if (a === undefined) return this.handOver(buf.subarray(off));
        off += end + 4;
        if (!corked && off < buf.length) {
          this.socket.cork();
          corked = true;
        }
        const flowing = this.socket.write(this.shared.bytes.of(a));
        this.answered = true;
        if (!flowing) {
          // a client that does not read: Node's backpressure takes what follows
          if (off < buf.length) return this.handOver(buf.subarray(off));
          this.socket.pause();
          break;
        }
      }
      // idle between requests: Node's keep-alive timeout
      const idle = this.shared.server.keepAliveTimeout;
      this.setTimeoutMs(idle > 0 ? idle + KEEP_ALIVE_BUFFER_MS : 0);
    } finally {
      if (corked) this.socket.uncork();
    }
  }

  private setTimeoutMs(ms: number): void {
    if (ms === this.timeoutMs) return;
    this.socket.setTimeout(ms);
    this.timeoutMs = ms;
  }

  /** The revision was not checked lately: hold the bytes, check it, then go on. */
  private awaitRevision(rest: Buffer): void {
    this.pending = rest;
    this.socket.pause();
    // a check that never ends (a broken store) ends the connection as Node's requestTimeout would
    const limit = this.shared.server.requestTimeout;
    this.setTimeoutMs(limit > 0 ? limit : 0);
    const resume = (): void => {
      if (this.handed || this.socket.destroyed) return;
      const held = this.pending ?? Buffer.alloc(0);
      this.pending = undefined;
      if (this.shared.hot.stale()) return this.handOver(held);
      // the bytes held go first; 'end' (if the client half-closed) only once flowing again
      this.process(held);
      if (!this.handed && this.pending === undefined && !this.socket.writableNeedDrain)
        this.socket.resume();
    };
    this.shared.refresh().then(resume, () => {
      if (!this.handed && !this.socket.destroyed) this.handOver(this.pending ?? Buffer.alloc(0));
    });
  }

  /**
   * As Node's closeAllConnections (`all`) or closeIdleConnections: a kept-alive connection
   * between requests is destroyed; one that has not sent a request yet, or whose bytes wait for
   * the revision check, is Node's to judge (its parser counts it active, not idle).
   */
  close(all: boolean): void {
    if (all || (this.answered && this.pending === undefined)) this.socket.destroy();
    else this.handOver();
  }

  /** From now on Node's HTTP server reads this connection, from the first byte not answered. */
  handOver(rest: Buffer = this.pending ?? Buffer.alloc(0)): void {
    if (this.handed) return;
    this.handed = true;
    this.pending = undefined;
    this.shared.owned.delete(this);
    clearTimeout(this.firstByte);
    const s = this.socket;
    s.setTimeout(0);
    s.removeListener('data', this.onData);
    s.removeListener('end', this.onEnd);
    s.removeListener('error', this.onError);
    s.removeListener('close', this.onClose);
    s.removeListener('timeout', this.onTimeout);
    s.removeListener('drain', this.onDrain);
    if (rest.length > 0) s.unshift(rest);
    for (const listener of this.shared.node) listener.call(this.shared.server, s);
    s.resume();
  }
}

/**
 * Puts the fast path in front of `server`'s connections: each is read first by the recogniser,
 * and given to Node's own connection listener at the first request it does not answer. On close,
 * the connections it still holds are given to Node too, which closes the idle ones as it does.
 */
export function attachRawHotPath(
  server: Server,
  hot: HotReads,
  checkRevision: () => Promise<unknown>,
): void {
  const node = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  let checking: Promise<unknown> | undefined;
  const shared: Shared = {
    server,
    hot,
    bytes: new ResponseBytes(server),
    heads: new RecognisedHeads(),
    node,
    owned: new Set(),
    refresh: () =>
      (checking ??= checkRevision().finally(() => {
        checking = undefined;
      })),
  };
  server.on('connection', (socket: Socket) => {
    // a socket timeout or a request cap per socket: Node's bookkeeping, not mirrored here
    if (server.timeout > 0 || (server.maxRequestsPerSocket ?? 0) > 0)
      for (const listener of node) listener.call(server, socket);
    else shared.owned.add(new RawConnection(socket, shared));
  });
  // Node closes only the connections it tracks; those held here are closed as it would close them
  const closeOwned = (all: boolean): void => [...shared.owned].forEach((c) => c.close(all));
  const { close, closeIdleConnections, closeAllConnections } = server;
  server.close = ((callback?: (err?: Error) => void) => {
    closeOwned(false);
    return close.call(server, callback);
  }) as Server['close'];
  server.closeIdleConnections = () => (closeOwned(false), closeIdleConnections.call(server));
  server.closeAllConnections = () => (closeOwned(true), closeAllConnections.call(server));
}
