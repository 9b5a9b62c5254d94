import { issue, type Issue } from '../../core/issues.js';
import {
  verifyAudit,
  verifyLogSuffix,
  type AuditHead,
  type FullAuditReport,
} from '../../store/audit-log.js';
import type { Store } from '../../store/store.js';
import { say, thousands } from '../format.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { printIssues } from './seats.js';

/**
 * `cifra audit verify [--since HEAD]`: recomputes the hash chains, the audit log and every table
 * against it; with --since, also that an earlier head is still in the log (history only grew).
 */
export async function runAuditVerify(
  store: Store,
  args: { readonly format: OutputFormat; readonly since?: string },
  io: CliIo,
): Promise<number> {
  const report = verifyAudit(await store.auditRecords(), args.since);
  if (args.format === 'json') io.out(JSON.stringify(report, null, 2));
  else if (report.ok)
    io.out(
      `${say(
        'ok: {versions} acta versions and {imports} imports, every link of both hash chains verified; audit log of {entries} entries matches every table{since}',
        {
          versions: thousands(report.versions),
          imports: thousands(report.imports),
          entries: thousands(report.logEntries),
          since: args.since ? say(', and contains {since}', { since: args.since }) : '',
        },
      )}\n${say('head: {count} {hash}', { count: report.head.count, hash: report.head.hash })}`,
    );
  if (!report.ok) {
    printIssues(io, breaksOf(report));
    return EXIT_ISSUES;
  }
  return EXIT_OK;
}

const breaksOf = (report: Pick<FullAuditReport, 'breaks'>): Issue[] =>
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
  store: Store,
  after?: AuditHead | null,
): Promise<{ ok: true; head: FullAuditReport['head'] } | { ok: false; issues: Issue[] }> {
  if (after && after.count > 0) {
    const r = verifyLogSuffix(after, await store.auditLogFrom(after.count));
    return r.ok ? { ok: true, head: r.head } : { ok: false, issues: breaksOf(r) };
  }
  const report = verifyAudit(await store.auditRecords());
  return report.ok ? { ok: true, head: report.head } : { ok: false, issues: breaksOf(report) };
}

/**
 * `cifra audit head`: the audit log's length, last hash and time — publish it to anchor history;
 * verified first: a store that fails verification gets its breaks, not a head (exit 1).
 */
export async function runAuditHead(
  store: Store,
  args: { readonly format: OutputFormat },
  io: CliIo,
): Promise<number> {
  const v = await verifiedHead(store);
  if (!v.ok) {
    printIssues(io, v.issues);
    io.err(
      say(
        'no head printed: the store fails `cifra audit verify` (a head vouches for a sound history)',
      ),
    );
    return EXIT_ISSUES;
  }
  const head = v.head;
  if (args.format === 'json') io.out(JSON.stringify(head, null, 2));
  else io.out(`${head.count} ${head.hash} ${head.at ?? '-'}`);
  return EXIT_OK;
}
