// The observer's cross-check: two sources of the same actas compared mesa by mesa
// (GET /api/v1/compare), for an election whose manifest declares more than one source. Shows how
// many mesas disagree and why, the net effect per choice, and every mesa, a page at a time.
import { countedOf } from '../src/core/tally/compare-counted.js';
import { api, type Compare, type Progress } from './api-client.js';
import { readCrossCheckView, writeCrossCheckView } from './url.js';
import {
  $,
  $button,
  cardTable,
  el,
  electionId,
  fmt,
  $select,
  state,
  t,
  thead,
  inLang,
} from './ui.js';

type Reason = Compare['disagreements'][number]['reasons'][number];
type CompareFilter = Parameters<typeof api.compare>[0];

const PAGE = 50;
/** Refusals that do not pass (no such election or source, a query it cannot answer). */
const PERMANENT: ReadonlySet<string> = new Set(['unknown_election', 'not_found', 'invalid_query']);

/** Comparisons the server refused for good (election|a|b → its codes): not asked again. */
const refused = new Map<string, readonly string[]>();
let current: { openActa: (mesa: string) => unknown } | null = null;
/**
 * The comparison shown (election, language, sources) once answered: the sources' files do not
 * change with the store, so a new revision neither asks again nor re-announces it.
 */
let answered: string | null = null;

/**
 * Shown when the election has sources to compare (`about.compareSources`); hidden otherwise. A
 * static snapshot (`cifra publish`) has no cross-check, which the server computes: it says so.
 */
export async function setupCrossCheck(
  about: Progress['about'] | null,
  openActa: (mesa: string) => unknown,
  staticSite = false,
): Promise<void> {
  const box = $('crosscheck');
  const sources = about?.compareSources ?? [];
  const shown = [electionId(), state.lang, staticSite, ...sources.map((s) => s.id)].join('|');
  if (shown === answered) return;
  answered = null;
  if (sources.length < 2) {
    box.hidden = true;
    current = null;
    return;
  }
  box.hidden = false;
  for (const id of ['cc-form', 'cc-reasons', 'cc-net', 'cc-mesas', 'cc-pages'])
    $(id).hidden = staticSite;
  if (staticSite) {
    $('cc-summary').replaceChildren(el('p', { id: 'cc-static', class: 'hint' }, t('ccStatic')));
    current = null;
    return;
  }
  const [first, second] = sources;
  if (!first || !second) return;
  const option = (s: (typeof sources)[number]): HTMLOptionElement =>
    el('option', { value: s.id }, `${s.id} — ${inLang(s.publisher)}`);
  $('cc-a').replaceChildren(...sources.map(option));
  $('cc-b').replaceChildren(...sources.map(option));
  $select('cc-a').value = first.id;
  $select('cc-b').value = second.id;
  current = { openActa };
  await departmentOptions();
  // a busy or failing server is asked again on the next redraw; an answer or a refusal is kept
  if (await fromUrl()) answered = shown;
}

/**
 * The departments to filter by, from the election's department results (none there: no filter).
 * The URL's department stays chosen while they load.
 */
async function departmentOptions(): Promise<void> {
  const units = await api
    .results(electionId(), 'department')
    .then((r) => r.units)
    .catch(() => []);
  const all = el('option', { value: '' }, t('ccAll'));
  $('cc-dep').replaceChildren(
    all,
    ...units.map((u) => el('option', { value: u.code }, `${u.name} (${u.code})`)),
  );
  $('cc-dep-label').hidden = units.length === 0;
}

/** Sets a select to `value` where it has that option (else leaves it). */
function choose(id: string, value: string | null): void {
  const s = $select(id);
  if (value !== null && [...s.options].some((o) => o.value === value)) s.value = value;
}

/**
 * Draws the cross-check the URL holds (its sources, filters and page), as a reload or back and
 * forward ask; false when the server could not answer this time.
 */
async function fromUrl(): Promise<boolean> {
  const v = readCrossCheckView();
  choose('cc-a', v.cca);
  choose('cc-b', v.ccb);
  choose('cc-dep', v.ccdep);
  // the reasons are listed once the server answers: the URL's is kept as the one asked for
  reasonAsked = v.ccreason;
  const page = Math.max(1, Number.parseInt(v.ccpage ?? '1', 10) || 1);
  return compare((page - 1) * PAGE, null);
}

/** The reason the mesas are filtered by (the select's options come with the first answer). */
let reasonAsked: string | null = null;

/**
 * Draws a page of the comparison and writes it to the URL (a new history entry when `push`, in
 * place when false, not at all when null: drawn from the URL); false when the server could not
 * answer this time.
 */
async function compare(offset: number, push: boolean | null = true): Promise<boolean> {
  const a = $select('cc-a').value;
  const b = $select('cc-b').value;
  const reason = reasonAsked || null;
  const dep = $select('cc-dep').value || null;
  if (push !== null)
    writeCrossCheckView(
      {
        cca: a,
        ccb: b,
        ccpage: offset > 0 ? String(offset / PAGE + 1) : null,
        ccreason: reason,
        ccdep: dep,
      },
      push,
    );
  if (a === b) {
    $('cc-summary').textContent = t('ccSameSource');
    return true;
  }
  const key = `${electionId()}|${a}|${b}`;
  const known = refused.get(key);
  if (known) {
    $('cc-summary').textContent = refusalText(known);
    return true;
  }
  $('cc-summary').textContent = t('computing');
  const r = await api.compare({
    election: electionId(),
    a,
    b,
    offset,
    limit: PAGE,
    ...(reason === null ? {} : { reason: reason as NonNullable<CompareFilter['reason']> }),
    ...(dep === null ? {} : { unit: dep }),
  });
  if (!r.ok) {
    // a refusal that will not change (the server cannot compare this election, or these
    // sources) stays one until the page reloads; a busy or failing server is asked again
    const codes = r.error.issues.map((i) => i.code);
    const permanent = codes.some((c) => PERMANENT.has(c));
    if (permanent) refused.set(key, codes);
    $('cc-summary').textContent = refusalText(codes);
    return permanent;
  }
  render(r.doc, offset);
  return true;
}

/** The server's refusal as a sentence in the page's language (its codes are for the API's readers). */
const refusalText = (codes: readonly string[]): string =>
  codes.includes('unknown_election') ? t('ccUnknownElection') : t('ccRefused');

const label = (doc: Compare, field: string): string =>
  doc.choices.find((c) => c.id === field)?.label ?? t(field);

/** The reasons to filter by: every reason some mesa has, with how many; "all" first. */
function reasonOptions(doc: Compare): void {
  const select = $select('cc-reason');
  select.replaceChildren(
    el('option', { value: '' }, t('ccAll')),
    ...doc.reasons
      .filter((r) => r.mesas > 0 || r.reason === reasonAsked)
      .map((r) =>
        el('option', { value: r.reason }, `${t(`reason:${r.reason}`)} (${fmt(r.mesas)})`),
      ),
  );
  select.value = reasonAsked ?? '';
}

function render(doc: Compare, offset: number): void {
  reasonOptions(doc);
  const m = doc.mesas;
  $('cc-summary').replaceChildren(
    el(
      'p',
      { id: 'cc-counts' },
      t('ccCounts')(fmt(m.compared), fmt(m.agree), fmt(m.disagree)),
      ` A: ${doc.a.publisher ? inLang(doc.a.publisher) : doc.a.file} · B: ${doc.b.publisher ? inLang(doc.b.publisher) : doc.b.file}`,
    ),
    ...(doc.notCompared.length
      ? [el('p', { class: 'hint' }, `${t('ccNotCompared')}: ${doc.notCompared.join(', ')}`)]
      : []),
  );
  $('cc-reasons').replaceChildren(
    thead(
      el('th', {}, t('ccReason')),
      el('th', { class: 'num' }, t('mesas')),
      el('th', { class: 'num' }, t('ccPrimary')),
    ),
    el(
      'tbody',
      {},
      ...doc.reasons
        .filter((r) => r.mesas > 0)
        .map((r) =>
          el(
            'tr',
            { 'data-reason': r.reason },
            el('td', {}, t(`reason:${r.reason}`)),
            el('td', { class: 'num' }, fmt(r.mesas)),
            el('td', { class: 'num' }, fmt(r.primary)),
          ),
        ),
    ),
  );
  cardTable($('cc-reasons'));
  netTable(doc);
  mesaTable(doc, offset);
}

/** The net effect A − B per field: overall, in the counts, and by each primary reason. */
function netTable(doc: Compare): void {
  const used = doc.reasons.filter((r) => r.primary > 0).map((r) => r.reason);
  $('cc-net').replaceChildren(
    el('caption', {}, t('ccNet')),
    thead(
      el('th', {}, ''),
      el('th', { class: 'num' }, t('total')),
      ...(doc.counted === null
        ? []
        : [el('th', { class: 'num', title: t('ccCountedTitle') }, t('ccCounted'))]),
      ...used.map((r) => el('th', { class: 'num' }, t(`reason:${r}`))),
    ),
    el(
      'tbody',
      {},
      ...doc.net
        .filter(
          (n) =>
            n.total !== 0 ||
            Object.values(n.byReason).some((v) => v !== 0) ||
            countedOf(doc, n.field) !== 0,
        )
        .map((n) =>
          el(
            'tr',
            { 'data-field': n.field },
            el('td', {}, label(doc, n.field)),
            el('td', { class: 'num' }, signedFmt(n.total)),
            ...(doc.counted === null
              ? []
              : [
                  el(
                    'td',
                    { class: 'num', 'data-counted': '' },
                    signedFmt(countedOf(doc, n.field)),
                  ),
                ]),
            ...used.map((r) => el('td', { class: 'num' }, signedFmt(n.byReason[r] ?? 0))),
          ),
        ),
    ),
  );
  cardTable($('cc-net'));
}

const signedFmt = (n: number): string => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '0');

/** One reason of a mesa in words. */
function reasonText(doc: Compare, r: Reason): string {
  if (r.reason === 'state_differs')
    return `${t('reason:state_differs')}: ${r.aLabel} ≠ ${r.bLabel}`;
  if (r.reason === 'count_differs' || r.reason === 'count_missing')
    return `${label(doc, r.field)}: ${r.a ?? '—'} ≠ ${r.b ?? '—'}`;
  if (r.reason === 'place_differs') return `${t('reason:place_differs')}: ${r.a} ≠ ${r.b}`;
  if (r.reason === 'sum_mismatch_a' || r.reason === 'sum_mismatch_b')
    return `${t(`reason:${r.reason}`)}: ${r.votes} ≠ ${r.voters}`;
  return t(`reason:${r.reason}`);
}

/** The filters the mesas are listed by, in words ('' with none): the summary is not filtered. */
function filtersText(): string {
  const dep = $select('cc-dep');
  const words = [
    reasonAsked ? t(`reason:${reasonAsked}`) : '',
    dep.value ? (dep.selectedOptions[0]?.textContent ?? dep.value) : '',
  ].filter((w) => w !== '');
  return words.length > 0 ? ` (${t('ccOnly')}: ${words.join(', ')})` : '';
}

function mesaTable(doc: Compare, offset: number): void {
  const p = doc.page;
  $('cc-mesas').replaceChildren(
    el(
      'caption',
      {},
      t('ccMesas')(offset + 1, offset + doc.disagreements.length, fmt(p.total)),
      filtersText(),
    ),
    thead(el('th', {}, t('mesa')), el('th', {}, t('ccReason')), el('th', {}, t('ccEffect'))),
    el(
      'tbody',
      {},
      ...doc.disagreements.map((d) =>
        el(
          'tr',
          { 'data-mesa': d.mesa },
          el(
            'td',
            {},
            el(
              'button',
              { type: 'button', class: 'link', onclick: () => current?.openActa(d.mesa) },
              d.mesa,
            ),
          ),
          el('td', {}, d.reasons.map((r) => reasonText(doc, r)).join('; ')),
          el(
            'td',
            {},
            Object.entries(d.effect)
              .map(([f, v]) => `${label(doc, f)} ${signedFmt(v)}`)
              .join(' · '),
          ),
        ),
      ),
    ),
  );
  $button('cc-prev').disabled = offset === 0;
  $button('cc-next').disabled = offset + PAGE >= p.total;
  $('cc-prev').onclick = () => compare(Math.max(0, offset - PAGE));
  $('cc-next').onclick = () => compare(offset + PAGE);
}

/** Wires the form once: a submit or a filter's change draws page 1; back/forward redraw. */
export function wireCrossCheck(): void {
  const shown = (x: unknown) => ($('cc-summary').textContent = String(x));
  $('cc-form').addEventListener('submit', (e) => {
    e.preventDefault();
    reasonAsked = $select('cc-reason').value || null;
    compare(0).catch(shown);
  });
  for (const id of ['cc-reason', 'cc-dep'])
    $(id).addEventListener('change', () => {
      reasonAsked = $select('cc-reason').value || null;
      compare(0).catch(shown);
    });
  window.addEventListener('popstate', () => {
    if (current !== null && !$('crosscheck').hidden) fromUrl().catch(shown);
  });
}
