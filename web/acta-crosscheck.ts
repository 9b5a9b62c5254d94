// The acta view's word on the other sources of the same acta: where the election has third-party
// transcriptions beside its publication (the 2021 runoff: ONPE's file, sergiocorreia's and
// ronderos's), the cross-check (GET /api/v1/compare, one mesa) says whether each agrees with the
// publication, and the panel shows every figure side by side with its source and that source's
// standing, so a known disagreement is never hidden behind the publication's figures.
import { api, type Acta, type Compare, type Progress } from './api-client.js';
import { el, electionId, fmt, inLang, state, t } from './ui.js';

type Source = NonNullable<NonNullable<Progress['about']>['compareSources']>[number];
type Reading = NonNullable<Compare['disagreements'][number]['a']>;
/** One third party's word on the mesa: its reading where it differs, none where it agrees. */
export interface Verdict {
  readonly source: Source;
  /**
   * Whether the figures differ where both files hold the mesa (a mesa one file lacks is `held`'s
   * word, not a disagreement); null: the cross-check could not answer (busy, refused).
   */
  readonly differs: boolean | null;
  /** Whether each file holds the mesa; null: not said (no answer, or a column map). */
  readonly held: { readonly publication: boolean | null; readonly source: boolean | null };
  /**
   * Whether a file's row for the mesa could not be read (unreadable_in_a / _b / _both): it holds the mesa,
   * but gives no figures to compare — never "missing", never "agrees".
   */
  readonly unreadable: { readonly publication: boolean; readonly source: boolean };
  readonly publication: Reading | null;
  readonly reading: Reading | null;
  /** The mesa's figuresHash in the publication's file (null: not in it; undefined: not said). */
  readonly publicationHash: string | null | undefined;
}

/** The publication and the third parties the election cross-checks. */
function sourcesOf(): { publication: Source; others: Source[] } | null {
  const list = state.about?.compareSources ?? [];
  const publication = list.find((s) => s.role === 'publication');
  const others = list.filter((s) => s.role === 'third-party');
  if (!publication || others.length === 0) return null;
  return { publication, others };
}

/**
 * A static site has no cross-check (the server computes it): the panel says so rather than drop
 * the section. Publishing it was measured and left out: the 2021 runoff's onpe × sergiocorreia
 * disagreements alone are 2.5 MB of compact JSON (133 KB gzipped), for one acta's look.
 */
const staticNote = (): HTMLElement =>
  el(
    'section',
    { id: 'acta-crosscheck', class: 'acta-crosscheck', 'aria-labelledby': 'acta-cc-title' },
    el('h4', { id: 'acta-cc-title' }, t('actaCcTitle')),
    el('p', { id: 'acta-cc-static', class: 'hint' }, t('actaCcStatic')),
  );

async function verdictOf(publication: Source, source: Source, mesa: string): Promise<Verdict> {
  const r = await api.compare({
    election: electionId(),
    a: publication.id,
    b: source.id,
    mesa,
    limit: 1,
  });
  return verdictFrom(source, r.ok ? r.doc : null);
}

/**
 * A third party's word from the cross-check of one mesa (null: no answer). A mesa neither file
 * holds has no disagreement either (s35: the panel said sergiocorreia and ronderos "agree with
 * onpe's file" on a mesa none of them has); one file lacking it is a disagreement whose reason
 * says which.
 */
export function verdictFrom(source: Source, doc: Compare | null): Verdict {
  if (doc === null)
    return {
      source,
      differs: null,
      held: { publication: null, source: null },
      unreadable: { publication: false, source: false },
      publication: null,
      reading: null,
      publicationHash: undefined,
    };
  const d = doc.disagreements[0];
  const reasons = new Set(d?.reasons.map((x) => x.reason) ?? []);
  // unreadable_in_both (session 36): both files hold the mesa, neither reads it
  const unreadable = {
    publication: reasons.has('unreadable_in_a') || reasons.has('unreadable_in_both'),
    source: reasons.has('unreadable_in_b') || reasons.has('unreadable_in_both'),
  };
  const both =
    !reasons.has('missing_in_a') &&
    !reasons.has('missing_in_b') &&
    !unreadable.publication &&
    !unreadable.source;
  const held = (side: 'a' | 'b'): boolean | null =>
    reasons.has(side === 'a' ? 'missing_in_a' : 'missing_in_b')
      ? false
      : d !== undefined || heldByBoth(doc);
  return {
    source,
    differs: d !== undefined && both,
    held: { publication: held('a'), source: held('b') },
    unreadable,
    publication: d?.a ?? null,
    reading: d?.b ?? null,
    publicationHash: doc.figuresHash?.a,
  };
}

/**
 * With no disagreement both files hold the mesa or neither does (one alone would be missing_in_a
 * or _b): a figuresHash says which, null on a side that reads whole actas meaning not held. A
 * column map (the 2021 transcriptions) reads no whole acta, its hash null either way; null when
 * neither side says.
 */
function heldByBoth(doc: Compare): boolean | null {
  const says = (['a', 'b'] as const).flatMap((side) => {
    const hash = doc.figuresHash?.[side];
    if (hash === undefined || (hash === null && doc[side].format === 'column-map')) return [];
    return [hash !== null];
  });
  return says[0] ?? null;
}

/**
 * The cross-check of `mesa` as a section of the acta panel, or null when the election has no
 * third-party source. `shown` says whether the same acta is still on screen once answered.
 */
export async function actaCrossCheck(
  acta: Pick<Acta, 'mesa' | 'history'>,
  shown: () => boolean,
): Promise<HTMLElement | null> {
  const s = sourcesOf();
  if (!s) return null;
  if (state.site?.kind === 'static') return staticNote();
  const { mesa } = acta;
  const verdicts = await Promise.all(s.others.map((o) => verdictOf(s.publication, o, mesa)));
  if (!shown()) return null;
  const hash = verdicts.find((v) => v.publicationHash !== undefined)?.publicationHash;
  // the figures on screen not the publication file's: the verdict leads with it, never "agree"
  const notPublication = hash === null ? null : notPublicationVersion(acta, s.publication, hash);
  const text = verdictText(mesa, s.publication, verdicts);
  const warn = notPublication !== null || verdicts.some((v) => v.differs || lacks(v));
  return el(
    'section',
    { id: 'acta-crosscheck', class: 'acta-crosscheck', 'aria-labelledby': 'acta-cc-title' },
    el('h4', { id: 'acta-cc-title' }, t('actaCcTitle')),
    el(
      'p',
      { id: 'acta-cc-verdict', class: warn ? 'notice warn' : 'hint', role: 'status' },
      ...(notPublication === null
        ? [text]
        : [
            el(
              'span',
              { id: 'acta-cc-not-publication' },
              t('actaCcNotPublication')(notPublication, s.publication.id),
            ),
            text === '' ? '' : ` ${text}`,
          ]),
    ),
    ...figuresTable(s.publication, verdicts),
    el(
      'ul',
      { id: 'acta-cc-sources', class: 'hint' },
      ...[s.publication, ...s.others].map((x) =>
        el('li', { 'data-source': x.id }, `${x.id}: ${inLang(x.publisher)}`),
      ),
    ),
  );
}

/**
 * The cross-check compares the sources' files: where the figures on screen are not the publication
 * file's for this mesa (a correction, a later import that changed them), the version on screen,
 * so that "agrees" is not read as two sources confirming figures they never gave; null where they
 * are. The figures decide, by their figuresHash (review 26 M3: a version from another capture with
 * the same figures needs no word); where the cross-check did not say, the files' SHA-256 do
 * (nothing if none is declared). A mesa the publication lacks is said by the verdict instead.
 */
function notPublicationVersion(
  acta: Pick<Acta, 'history'>,
  publication: Pick<Source, 'id' | 'sha256'>,
  publicationHash: string | undefined,
): number | null {
  const current = acta.history.find((h) => h.current);
  if (current === undefined) return null;
  if (publicationHash !== undefined) {
    if (publicationHash === current.figuresHash) return null;
  } else if (publication.sha256 === null || current.sha256 === publication.sha256) return null;
  return current.version;
}

/** A file of the two compared lacks the mesa, or holds a row of it that could not be read. */
const lacks = (v: Verdict): boolean =>
  v.held.source === false ||
  v.held.publication === false ||
  v.unreadable.source ||
  v.unreadable.publication;

/**
 * The verdict's sentences: first the sources whose file lacks the mesa (all of them: in none),
 * then those whose row of it could not be read, then, among those holding it, whether every third party, some, or none disagree with the
 * publication.
 */
export function verdictText(
  mesa: string,
  publication: Source,
  verdicts: readonly Verdict[],
): string {
  const pubMissing = verdicts.some((v) => v.held.publication === false);
  const missing = [
    ...(pubMissing ? [publication.id] : []),
    ...verdicts.filter((v) => v.held.source === false).map((v) => v.source.id),
  ];
  if (missing.length === verdicts.length + 1) return t('actaCcInNone')(mesa, missing.join(', '));
  // a row there that could not be read: the file holds the mesa, so it is not said to lack it
  const unreadable = [
    ...(verdicts.some((v) => v.unreadable.publication) ? [publication.id] : []),
    ...verdicts.filter((v) => v.unreadable.source).map((v) => v.source.id),
  ];
  const compared = verdicts.filter((v) => !lacks(v));
  const differ = compared.filter((v) => v.differs === true).map((v) => v.source.id);
  const agree = compared.filter((v) => v.differs === false).map((v) => v.source.id);
  const unknown = verdicts.filter((v) => v.differs === null).map((v) => v.source.id);
  const parts = [
    missing.length > 0 ? t('actaCcMissing')(missing.length, mesa, missing.join(', ')) : '',
    unreadable.length > 0
      ? t('actaCcUnreadable')(unreadable.length, mesa, unreadable.join(', '))
      : '',
    differ.length > 0
      ? differ.length === verdicts.length && differ.length > 1
        ? t('actaCcAllDiffer')(differ.length, differ.join(', '), publication.id)
        : t('actaCcSomeDiffer')(differ.join(', '), publication.id)
      : '',
    agree.length > 0 ? t('actaCcAgree')(agree.length, agree.join(', '), publication.id) : '',
    unknown.length > 0 ? t('actaCcUnknown')(unknown.join(', ')) : '',
  ];
  return parts.filter((p) => p !== '').join(' ');
}

type Cell = number | string | null;

/** The figures a reading carries, by row: the choices, then the acta's counts and its state. */
function rowsOf(r: Reading | null): { key: string; label: string; value: Cell }[] {
  return [
    ...state.choices.map((c, i) => ({ key: c.id, label: c.label, value: r?.votes[i] ?? null })),
    { key: 'voters', label: t('emitted'), value: r?.voters ?? null },
    { key: 'blank', label: t('blank'), value: r?.blank ?? null },
    { key: 'null', label: t('null'), value: r?.null ?? null },
    { key: 'impugned', label: t('impugned'), value: r?.impugned ?? null },
    { key: 'eligible', label: t('eligible'), value: r?.eligible ?? null },
    // the state in our words: each source labels it its own way (ONPE's "COMPUTADA RESUELTA" is a
    // transcription's "ACTA ELECTORAL RESUELTA"), so labels are not compared
    { key: 'state', label: t('state'), value: r?.state ? t(`state:${r.state}`) : null },
  ];
}

const shownCell = (v: Cell): string => (v === null ? '—' : typeof v === 'number' ? fmt(v) : v);

/**
 * Every figure, a column per source (the publication first), each third party's figure that
 * differs from the publication's marked ≠ (in words for a screen reader, not by colour alone). A
 * source that agrees has no reading of its own to show: its column says so.
 */
function figuresTable(publication: Source, verdicts: readonly Verdict[]): HTMLElement[] {
  const base = verdicts.find((v) => v.publication !== null)?.publication ?? null;
  if (base === null) return [];
  const pubRows = rowsOf(base);
  const cols = verdicts.map((v) => ({ v, rows: rowsOf(v.reading) }));
  return [
    el(
      'div',
      { class: 'scroll' },
      el(
        'table',
        { id: 'acta-cc-table', class: 'cc-figures' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', {}, ''),
            el('th', { class: 'num', 'data-source': publication.id }, ...columnHead(publication)),
            ...cols.map(({ v }) =>
              el('th', { class: 'num', 'data-source': v.source.id }, ...columnHead(v.source)),
            ),
          ),
        ),
        el(
          'tbody',
          {},
          ...pubRows.map((row, i) =>
            el(
              'tr',
              { 'data-field': row.key },
              el('th', { scope: 'row' }, row.label),
              el('td', { class: 'num' }, shownCell(row.value)),
              ...cols.map(({ v, rows }) => otherCell(v, row.value, rows[i]?.value ?? null)),
            ),
          ),
        ),
      ),
    ),
  ];
}

/** A source's id, never broken inside (style.css), over its standing, which wraps by words. */
const columnHead = (s: Source): HTMLElement[] => [
  el('span', { class: 'source-id' }, s.id),
  el('span', { class: 'source-role' }, ` (${t(`role:${s.role}`)})`),
];

function otherCell(v: Verdict, pub: Cell, own: Cell): HTMLElement {
  // not in its file: nothing to set beside the publication's figures
  if (v.held.source === false || v.unreadable.source) return el('td', { class: 'num absent' }, '—');
  if (v.differs !== true)
    return el('td', { class: 'num same' }, v.differs === false ? t('actaCcSame') : '—');
  const differs = own !== pub;
  return el(
    'td',
    differs ? { class: 'num differs', 'data-differs': 'true' } : { class: 'num' },
    shownCell(own),
    ...(differs
      ? [
          el('span', { class: 'badge warn', 'aria-hidden': 'true' }, '≠'),
          el('span', { class: 'visually-hidden' }, ` (${t('actaCcVsPublication')})`),
        ]
      : []),
  );
}
