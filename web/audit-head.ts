// The footer's audit head: what an observer records from the live site (or a published copy)
// and checks later against a copy of the store (docs/operations.md, `cifra audit verify --since`).
import type { Site } from './api-client.js';
import { zoneTime } from './live.js';
import { $, el, t } from './ui.js';

/**
 * "Cadena de auditoría: registro 12 · hash 3f2a… · <when> · verificada por el servidor hasta el
 * registro 12", the whole hash written out (an observer copies it), or nothing when the site
 * document was not read: never a head it did not give. A server's is its store's as read, with
 * what the server verified of it (or "sin verificar todavía"); a static copy's, the head its
 * publish verified. A server whose check failed gives no head: the history does not verify.
 */
export function drawAuditHead(site: Site | null): void {
  const box = $('audit-head');
  box.hidden = site === null;
  if (site === null) return box.replaceChildren();
  if (site.kind === 'server' && site.audit.failed !== null) {
    const where = site.audit.failed.issues[0]?.path.join(' ') ?? '';
    return box.replaceChildren(
      `${t('auditHead')}: ${t('auditFailed')} (audit_chain_broken${where ? `: ${where}` : ''}). ${t('auditFailedHowTo')}`,
    );
  }
  const { count, hash, at } = site.audit;
  box.replaceChildren(
    `${t(site.kind === 'static' ? 'auditHeadPublished' : 'auditHead')}: ${t('auditEntry')} ${count} · hash `,
    el('code', { id: 'audit-hash' }, hash),
    at === null ? '' : ` · ${zoneTime(at)}`,
    site.kind === 'server' ? ` · ${serverCheck(site.audit.verified)}` : '',
    `. ${t('auditHowTo')}`,
  );
}

/** What the server verified of the chain: through which entry, or not yet. */
function serverCheck(verified: { readonly through: number } | null): string {
  return verified === null
    ? t('auditUnverified')
    : `${t('auditVerifiedThrough')} ${verified.through}`;
}

/** A server's head it has not verified yet (its check is under way): the poll asks again. */
export const auditUnchecked = (site: Site | null): boolean =>
  site?.kind === 'server' &&
  site.audit.failed === null &&
  (site.audit.verified?.through ?? -1) !== site.audit.count;
