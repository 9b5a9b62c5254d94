// One verification for every adapter that vouches for a head: `cifra audit head`, `cifra publish`
// and the live server's site.json (src/api/audit-check.ts) all ask this, never their own.
import { issue, type Issue } from '../core/issues.js';
import {
  verifyAudit,
  verifyLogSuffix,
  type AuditHead,
  type AuditRecords,
  type FullAuditReport,
} from './audit-log.js';
import type { LogEntry } from './records.js';

/** The part of the store's contract (store.ts) the audit reads. */
interface AuditReader {
  auditRecords(): Promise<AuditRecords>;
  auditLogFrom(seq: number): Promise<LogEntry[]>;
}

/** A store verified: its head, or the breaks as coded issues. */
export type VerifiedHead = { ok: true; head: AuditHead } | { ok: false; issues: Issue[] };

/** A report's breaks as the coded issues `cifra audit verify` prints. */
export const auditBreakIssues = (report: Pick<FullAuditReport, 'breaks'>): Issue[] =>
  report.breaks.map((b) =>
    issue('audit_chain_broken', [b.table, b.id], { reason: b.reason, detail: b.detail }),
  );

/**
 * The store verified as `cifra audit verify` does: its head, or the breaks. A head vouches for
 * the history up to it (ADR 008), so `audit head` and `publish` give one only for a sound store.
 * `after`: a head verified before (the last publish's): only the log from it on is read and
 * verified, the head itself still there with its hash (verifyLogSuffix says what that leaves out).
 */
export async function verifiedHead(
  store: AuditReader,
  after?: AuditHead | null,
): Promise<VerifiedHead> {
  if (after && after.count > 0) {
    const r = verifyLogSuffix(after, await store.auditLogFrom(after.count));
    return r.ok ? { ok: true, head: r.head } : { ok: false, issues: auditBreakIssues(r) };
  }
  const report = verifyAudit(await store.auditRecords());
  return report.ok
    ? { ok: true, head: report.head }
    : { ok: false, issues: auditBreakIssues(report) };
}
