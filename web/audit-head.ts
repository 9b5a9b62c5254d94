// The footer's audit head: what an observer records from the live site (or a published copy)
// and checks later against a copy of the store (docs/operations.md, `cifra audit verify --since`).
import type { Site } from './api-client.js';
import { zoneTime } from './live.js';
import { $, el, t } from './ui.js';

/**
 * "Cadena de auditoría: registro 12 · hash 3f2a… · <when>", the whole hash written out (an
 * observer copies it), or nothing when the site document was not read: never a head it did not
 * give. A server's is its store's as read; a static copy's, the head its publish verified.
 */
export function drawAuditHead(site: Site | null): void {
  const box = $('audit-head');
  box.hidden = site === null;
  if (site === null) return box.replaceChildren();
  const { count, hash, at } = site.audit;
  box.replaceChildren(
    `${t(site.kind === 'static' ? 'auditHeadPublished' : 'auditHead')}: ${t('auditEntry')} ${count} · hash `,
    el('code', { id: 'audit-hash' }, hash),
    at === null ? '' : ` · ${zoneTime(at)}`,
    `. ${t('auditHowTo')}`,
  );
}
