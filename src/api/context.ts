import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { IngestLimits } from '../ingest/limits.js';
import { verifiableOffThread, verifiedHeadOffThread, type Store } from '../store/store.js';
import { useFrameBuilder } from '../results/projection.js';
import { AuditCheck } from './audit-check.js';
import { ByteBoundedCache } from './byte-cache.js';
import { compareService } from './compare.js';
import { IssueError } from './errors.js';
import { DEFAULT_LIMITS, StreamSlots, type ServerLimits } from './guard.js';
import type { LogLevel } from './http-safety.js';
import { HotReads } from './hot-reads.js';
import { definitionFiles } from './publish-unchanged.js';
import { ProjectionPool, WhatIfPool } from './workers.js';

/** What changes with the store's revision (an import): a short life, then revalidated (ETag). */
export const READ_CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=30';
/**
 * What only cifra's own files make, never the store: the built-in rulesets, the bundled source
 * cross-checks, the OpenAPI. They change with an upgrade or a user's jurisdiction folder, both of
 * which restart the server; not forever (no `immutable`: their URLs do not name their bytes).
 */
export const INSTALL_CACHE_CONTROL = 'public, max-age=3600';
/** The dashboard's page, styles and bundle: fixed names (app.js), so revalidated after a minute. */
export const DASHBOARD_CACHE_CONTROL = 'public, max-age=60';

const INSTALL_PATHS =
  /^\/api\/v1\/(?:openapi\.json$|rulesets(?:[./]|$)|compare(?:$|\/)|elections\/[^/]+\/compare\/)/;
/**
 * cifra's files, but which of them a site carries is the store's to decide (siteScope): the maps
 * and the multi-contest elections. An empty store given another country's election drops Peru's,
 * so they are revalidated as the store's documents are (ETag), not kept an hour.
 */
const SCOPED_PATHS = /^\/geo\/|^\/api\/v1\/contests\//;

/** The Cache-Control of a successful read of `url` (a path, with or without its query). */
export function cacheControlOf(url: string): string {
  const path = url.split('?', 1)[0] ?? url;
  if (SCOPED_PATHS.test(path)) return READ_CACHE_CONTROL;
  if (INSTALL_PATHS.test(path)) return INSTALL_CACHE_CONTROL;
  return path.startsWith('/api/') ? READ_CACHE_CONTROL : DASHBOARD_CACHE_CONTROL;
}
export const REVISION_TTL_MS = 250;
/** The bytes of what-if responses kept (one is about 8 KB for 27 districts and 21 lists). */
export const WHAT_IF_CACHE_BYTES = 16 * 1024 * 1024;

export interface ApiOptions {
  readonly store: Store;
  /**
   * The name `store` was opened by (--db: a SQLite file path or a PostgreSQL URL): the start-up
   * audit check opens its own connection by it on a worker thread (ADR 016). Absent, or a SQLite
   * memory database: that check runs on the event loop.
   */
  readonly storeName?: string;
  /** SHA-256 (hex) of the bearer token for write routes; null disables writes. */
  readonly tokenHash: string | null;
  readonly now?: () => string;
  /** Request logs on stderr at this level (`true`: info); absent or false: none. */
  readonly logger?: boolean | LogLevel;
  /** Also serve the dashboard (web/) at `/`. */
  readonly dashboard?: boolean;
  /** What the server accepts (guard.ts); DEFAULT_LIMITS for what is not given. */
  readonly limits?: Partial<ServerLimits>;
  /** What an uploaded file may hold (src/ingest/limits.ts); its defaults for what is not given. */
  readonly ingestLimits?: Partial<IngestLimits>;
  /**
   * Answer repeated cached GETs on the socket before Node's HTTP parser (raw-hot.ts, ADR 014);
   * every other request goes to Node's parser unchanged. On unless false.
   */
  readonly rawHotPath?: boolean;
  /**
   * Record each acta election's projection at every new revision with no reader (`cifra serve`):
   * after the import route, and every this many ms for another process's imports (0: only after
   * the route). Absent: only the dashboard's own reads record (tests, embedders).
   */
  readonly recordEveryMs?: number;
  /**
   * Build every acta election's count course in the background once the server is ready
   * (`cifra serve`; course-at-start.ts). Absent: the first reader builds it (tests, embedders).
   */
  readonly courseAtStart?: boolean;
  /**
   * Behind a reverse proxy: its addresses (comma-separated IPs or CIDRs, or `loopback`,
   * `linklocal`, `uniquelocal`). A request from one of them has the address X-Forwarded-For gives
   * past the trusted entries; absent, X-Forwarded-For is ignored (a client could forge it).
   */
  readonly trustProxy?: string;
}

/** A file's size and modification time ('-' when it is not there): a change without reading it. */
function statStamp(path: string): string {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return st === undefined ? '-' : `${st.size}:${st.mtimeMs}`;
  } catch {
    return '?';
  }
}

/**
 * The revision the reads are cached and tagged by, asked at most every REVISION_TTL_MS: the
 * store's, and the stamp of the files its elections' documents are read from besides the store
 * (definitionFiles: a user's manifest and the universe it names, the ruleset, the jurisdiction),
 * so an edit of one without an import is served at once as any import is (review L7). An import
 * shows within that time (reads also say max-age=5 to caches downstream); a write through this
 * server forgets it.
 */
export class StoreRevision {
  private memo: { value: string; at: number } | null = null;
  /** The definition files of the store's elections, listed again when the store's revision moves. */
  private files: { store: string; list: readonly string[] } | null = null;
  constructor(
    private readonly store: Store,
    /** What else the reads depend on besides the store and its files (the audit check's state). */
    private readonly extra: () => string = () => '',
  ) {}

  /** The revision if it was checked within REVISION_TTL_MS, else undefined. */
  readonly fresh = (): string | undefined =>
    this.memo !== null && Date.now() - this.memo.at <= REVISION_TTL_MS
      ? this.memo.value
      : undefined;

  readonly current = async (): Promise<string> => {
    const fresh = this.fresh();
    if (fresh !== undefined) return fresh;
    const at = Date.now();
    const store = await this.store.revision();
    if (this.files?.store !== store) {
      const defs = await this.store.listElections();
      this.files = { store, list: [...new Set(defs.flatMap(definitionFiles))].sort() };
    }
    const stamp = createHash('sha1').update(this.files.list.map(statStamp).join('\0'));
    const extra = this.extra();
    const value = `${store}~${stamp.digest('base64url').slice(0, 12)}${extra ? `~${extra}` : ''}`;
    this.memo = { value, at };
    return this.memo.value;
  };

  /** The stamp of the definition files as last checked (the part after `~`), '' before any. */
  readonly definitions = (): string => this.memo?.value.split('~')[1] ?? '';

  forget(): void {
    this.memo = null;
  }
}

/** What the API's parts share, made once per server (one object passed, no module state). */
export interface ApiContext {
  readonly store: Store;
  readonly tokenHash: string | null;
  readonly ingestLimits: Partial<IngestLimits> | undefined;
  readonly limits: ServerLimits;
  readonly now: () => string;
  readonly revision: StoreRevision;
  /** The server's check of the audit chain site.json publishes (audit-check.ts). */
  readonly audit: AuditCheck;
  /**
   * Responses of public reads by their normalised query, bounded in bytes, kept until the store's
   * revision changes (an import): the hot path serves bytes and an ETag without touching the
   * tabulation or the serializer.
   */
  readonly responses: ByteBoundedCache;
  /** A repeated read at a revision checked lately is answered before the framework (hot-reads.ts). */
  readonly hot: HotReads;
  /** What-if responses by the SHA-256 of the normalised body, kept until the revision changes. */
  readonly whatIfs: ByteBoundedCache;
  readonly projections: ProjectionPool;
  readonly whatIfPool: WhatIfPool;
  /** Frame tasks that got no answer so far (a read that saw one is not kept: read-hooks.ts). */
  readonly missed: () => number;
  readonly compare: ReturnType<typeof compareService>;
  /** The nation's mesa CSVs streaming now (limits.mesaCsvStreams; national-mesas.ts). */
  readonly mesaCsvStreams: StreamSlots;
}

export function apiContext(o: ApiOptions): ApiContext {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...o.limits };
  const responses = new ByteBoundedCache(limits.readCacheBytes);
  // a check's result changes site.json: part of the revision the reads are kept by, so a read
  // made before it (kept after it, as a read that itself started the check is) is not served
  const name = o.storeName;
  const audit: AuditCheck = new AuditCheck(
    o.store,
    o.now ?? (() => new Date().toISOString()),
    () => forgetReads({ revision, responses, whatIfs: null }),
    verifiableOffThread(name) ? (hold, signal) => verifiedHeadOffThread(name, hold, signal) : null,
  );
  const revision = new StoreRevision(o.store, () => String(audit.generation));
  const projections = new ProjectionPool(limits.projectionWorkers, limits.projectionQueue);
  // the summary's projection check, which has no runner, builds on the pool's worker too (a
  // fresh server's first summary built the national frame on the event loop: a re-read found it)
  // a worker that died or a full pool is a summary without the flag, not a failed summary
  const passing = (e: unknown): boolean => e instanceof IssueError && e.status === 503;
  if (projections.run.frame !== undefined) useFrameBuilder(o.store, projections.run.frame, passing);
  const whatIfPool = new WhatIfPool(limits.whatIfWorkers, limits.whatIfQueue);
  return {
    store: o.store,
    tokenHash: o.tokenHash,
    ingestLimits: o.ingestLimits,
    limits,
    now: o.now ?? (() => new Date().toISOString()),
    revision,
    audit,
    responses,
    hot: new HotReads(responses, revision.fresh, cacheControlOf, limits.precompressBytes),
    whatIfs: new ByteBoundedCache(WHAT_IF_CACHE_BYTES),
    projections,
    whatIfPool,
    // only the frame pool's misses change a read's answer (the summary's projection check): a
    // refused projection or what-if is its own 503, never kept, and counting those let a flood
    // of refused projections make every read in flight uncacheable (review of pass 18 MEDIUM)
    missed: () => projections.frames.missed,
    compare: compareService(),
    mesaCsvStreams: new StreamSlots(limits.mesaCsvStreams),
  };
}

/**
 * The store's revision as a write route starts or ends, or null when it cannot be read (a write
 * then forgets the reads, as if it had changed the store).
 */
export async function writeRevision(ctx: ApiContext): Promise<string | null> {
  try {
    return await ctx.store.revision();
  } catch {
    return null;
  }
}

/**
 * A write through this process that changed the store is visible to the next read at once; a
 * refused one (invalid body, store busy, a file already imported) changed nothing, and the
 * cached reads and their ETags stay.
 */
export function forgetReads(
  ctx: Pick<ApiContext, 'revision' | 'responses'> & { whatIfs: ByteBoundedCache | null },
): void {
  ctx.revision.forget();
  ctx.responses.clear();
  ctx.whatIfs?.clear();
}
