import { issue } from '../../core/issues.js';
import { verifyChains } from '../../store/audit.js';
import type { Store } from '../../store/store.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { printIssues } from './seats.js';

/** `cifra audit verify`: recomputes the hash chains and the derived current state. */
export async function runAuditVerify(
  store: Store,
  args: { readonly format: OutputFormat },
  io: CliIo,
): Promise<number> {
  const chains = await store.auditChains();
  const report = verifyChains(chains.versions, chains.imports);
  if (args.format === 'json') io.out(JSON.stringify(report, null, 2));
  else if (report.ok)
    io.out(
      `ok: ${report.versions} acta versions and ${report.imports} imports, every link of both hash chains verified`,
    );
  if (!report.ok) {
    printIssues(
      io,
      report.breaks.map((b) =>
        issue('audit_chain_broken', [b.table, b.id], { reason: b.reason, detail: b.detail }),
      ),
    );
    return EXIT_ISSUES;
  }
  return EXIT_OK;
}
