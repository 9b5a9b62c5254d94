import type { Issue } from '../core/issues.js';
import { verifiedHead, type Store, type VerifiedHead } from '../store/store.js';

type Head = Awaited<ReturnType<Store['auditHead']>>;

/** What the server checked of its store's audit chain (site.json's `audit.verified`/`failed`). */
export interface AuditCheckState {
  /** The entries verified (the head's count), and when; null: not yet (or the check failed). */
  readonly verified: { readonly through: number; readonly at: string } | null;
  /** The check that failed: when, and its breaks as `cifra audit verify` reports them. */
  readonly failed: { readonly at: string; readonly issues: readonly Issue[] } | null;
}

/**
 * The server's own check of the chain whose head site.json publishes: the whole store once as it
 * starts (never awaited by ready or a read), then only the log after the last head verified each
 * time the store's head moves (an import: verifyLogSuffix, `cifra publish --quick-verify`'s
 * path). Checks run one at a time; a read is answered from the last result, never computes one.
 * A failure stays: a history that did not verify is not made whole by growing. The whole-store
 * check runs on a worker thread when the store can be opened there (ADR 016): seconds of hashing
 * on the event loop answered no request meanwhile.
 */
export class AuditCheck {
  private head: Head | null = null;
  private state: AuditCheckState = { verified: null, failed: null };
  private running: Promise<void> = Promise.resolve();
  private queued = false;
  private changes = 0;

  constructor(
    private readonly store: Store,
    private readonly now: () => string,
    /** Told when the state changes (the server forgets its cached reads: site.json says it). */
    private readonly changed: () => void,
    /**
     * The whole chain verified on a worker thread with its own connection (verifiedHeadOffThread);
     * null: on this thread (a store no other thread can open: SQLite in memory, one given unnamed).
     */
    private readonly wholeOffThread:
      ((hold?: Int32Array, signal?: AbortSignal) => Promise<VerifiedHead>) | null = null,
  ) {}

  private readonly closing = new AbortController();
  /** A check that faulted: a read does not start another, the next import asks again. */
  private faulted = false;

  /** Stops a whole-chain check under way on its worker (a server closing), quietly: no verdict. */
  close(): Promise<void> {
    this.closing.abort(new Error('the server closed'));
    return this.running;
  }

  /** Tests: the whole-chain worker waits until slot 0 is set, to see reads answered meanwhile. */
  hold: Int32Array | undefined = undefined;

  /** Whether the whole-chain check runs on a worker thread. */
  get offThread(): boolean {
    return this.wholeOffThread !== null;
  }

  /** Told when the store could not be read to verify it (the server logs it). */
  fault: (err: unknown) => void = () => undefined;

  /** How many times the state changed: part of the revision reads are kept by (context.ts). */
  get generation(): number {
    return this.changes;
  }

  get current(): AuditCheckState {
    return this.state;
  }

  /** The check under way (tests, close). */
  get settled(): Promise<void> {
    return this.running;
  }

  /**
   * Verifies the store's chain from the last head verified (the whole at first), after the checks
   * under way; a call while one waits joins it. `seen`: the head a read saw (nothing to do when
   * it is the one verified).
   */
  check(seen?: Head): Promise<void> {
    if (this.state.failed !== null || this.closing.signal.aborted) return this.running;
    if (seen && (this.head?.hash === seen.hash || this.faulted)) return this.running;
    this.faulted = false;
    if (this.queued) return this.running;
    this.queued = true;
    this.running = this.running.then(async () => {
      this.queued = false;
      if (this.state.failed !== null) return;
      try {
        const v =
          this.head === null && this.wholeOffThread !== null
            ? await this.wholeOffThread(this.hold, this.closing.signal)
            : await verifiedHead(this.store, this.head);
        if (v.ok && v.head.hash === this.head?.hash) return;
        this.state = v.ok
          ? { verified: { through: v.head.count, at: this.now() }, failed: null }
          : { verified: null, failed: { at: this.now(), issues: v.issues } };
        if (v.ok) this.head = v.head;
        this.changes++;
        this.changed();
      } catch (err) {
        // the store could not be read (busy, closing; the worker could not open it or died): not a
        // verdict; the next import asks again (a read does not: ADR 016)
        if (this.closing.signal.aborted) return;
        this.faulted = true;
        this.fault(err);
      }
    });
    return this.running;
  }
}
