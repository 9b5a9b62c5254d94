import { verifyAudit } from '../../store/audit-log.js';
import { auditBreakIssues, verifiedHead } from '../../store/audit-verified.js';
import type { Store } from '../../store/store.js';
import { say, thousands } from '../format.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { printIssues } from './seats.js';

// publish (serve-commands.ts) asks it here, beside `audit head`
export { verifiedHead };

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
    printIssues(io, auditBreakIssues(report));
    return EXIT_ISSUES;
  }
  return EXIT_OK;
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
