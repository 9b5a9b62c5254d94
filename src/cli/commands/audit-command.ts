import type { Command } from 'commander';
import { say } from '../format.js';
import { EXIT_USAGE, type CliIo, type OutputFormat } from '../io.js';
import { dbOption, formatOption, langOption } from '../options.js';
import { withExistingStore } from '../store-access.js';

/** `cifra audit verify|head`: the tamper evidence of a store. */
export function addAuditCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('audit')
    .addOption(langOption('lines and messages'))
    .description(
      'tamper evidence: `cifra audit verify [--since HEAD]` checks the hash chains and the audit log against every table; `cifra audit head` prints the head to publish',
    )
    .argument('<action>', 'verify | head')
    .addOption(dbOption())
    .option('--since <hash>', 'verify: an earlier head hash that must still be in the log')
    .addOption(formatOption(['table', 'json']))
    .action(async (action: string, o: { db: string; format: OutputFormat; since?: string }) => {
      if (action !== 'verify' && action !== 'head') {
        io.err(say('error: unknown audit action "{action}" (known: verify, head)', { action }));
        return done(EXIT_USAGE);
      }
      if (o.since !== undefined && !/^[0-9a-f]{64}$/.test(o.since)) {
        io.err(say('error: --since takes a head hash: 64 lowercase hex digits (cifra audit head)'));
        return done(EXIT_USAGE);
      }
      const { runAuditHead, runAuditVerify } = await import('./audit.js');
      done(
        await withExistingStore(o.db, io, (store) =>
          action === 'head' ? runAuditHead(store, o, io) : runAuditVerify(store, o, io),
        ),
      );
    });
}
