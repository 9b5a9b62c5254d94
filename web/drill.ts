// The drill: from the nation to a department, province, district, its mesas and an acta, each
// step in the URL; a unit shows its count, margin and what is still out.
import { jeeHeld, leadersOf, marginOf } from '../src/results/leaders.js';
import { PATHS } from '../src/api/paths.js';
import { api, Unread, type Acta, type Api, type Mesas, type ResultUnit } from './api-client.js';
import { figure, percent, remainderIds } from './bars.js';
import {
  focusHeading,
  $,
  cardTable,
  decimalText,
  el,
  electionId,
  firstName,
  fmt,
  state,
  t,
  thead,
  type Crumb,
  choiceLabel,
  nameKey,
} from './ui.js';
import { signed } from './congress.js';
import { zoneTime } from './live.js';
import { sameCut } from './cut.js';
import { crumbsTo, listedMesa, mesaOf } from './search.js';
import { seatsOpen } from './undecided.js';
import { pctWord } from './figures-status.js';
import { writeView } from './url.js';
import { actaCrossCheck } from './acta-crosscheck.js';
import { issueSentence } from '../src/core/issue-words.js';
import { currentConflictReason, labelAfter } from '../src/core/model/acta-state-words.js';
import { annulledNullOf } from '../src/core/model/annulled.js';
import type { Issue } from '../src/core/issues.js';

/** Each drill's number: a slower, older drill must not draw over a newer one. */
let drillSeq = 0;

/** The revision of the cut the unit on screen was drawn from (null: none drawn yet). */
let drawnAt: string | null = null;
export const unitDrawnAt = (): string | null => drawnAt;

/** The user's drills and actas (a click, a search; not a redraw's or the URL's). */
let navigations = 0;

/**
 * The user's drills and actas so far: a redraw or a restore of the URL queued before one must not
 * undo it (app.ts).
 */
export const navigationsSoFar = (): number => navigations;

const CHILD_TITLE: Readonly<Record<string, string>> = {
  department: 'departments',
  province: 'provinces',
  district: 'districts',
  circunscripcion: 'circunscripcionesTitle',
};

/**
 * What a drill does when its documents are of another cut than the page's (an import landed since
 * the page drew): the page's redraw of the whole view at `crumbs` (app.ts sets it).
 */
let cutMoved: (crumbs: Crumb[]) => Promise<void> = async () => {};
export function onCutMoved(redraw: (crumbs: Crumb[]) => Promise<void>): void {
  cutMoved = redraw;
}

/** The nation as its jurisdiction names it (places.json), in the page's language. */
export const nationName = (): string =>
  state.places?.jurisdiction.labels[state.lang] ?? t('national');

/** The finest place level (Peru's district): its units list their mesas, not children. */
const finestLevel = (): string | undefined =>
  state.places?.levels.filter((l) => l.place).at(-1)?.id;

/** The nation's crumb: its code is the jurisdiction's (PE, ES, XF…), from places.json or its results. */
async function nationCrumb(reader: Api = api): Promise<Crumb> {
  const code =
    state.places?.jurisdiction.national ??
    (await reader.results(electionId(), 'national')).units[0]?.code ??
    '';
  return { level: 'national', code };
}

/**
 * The documents a drill to `crumbs` reads (its unit, and its children or, at the finest level, its
 * mesas), read ahead with its cut.
 */
export async function drillPaths(crumbs: readonly Crumb[]): Promise<string[]> {
  const id = electionId();
  const last = crumbs.at(-1) ?? (await nationCrumb());
  const unit = PATHS.unit(id, last.level, last.code);
  return last.level === finestLevel()
    ? [unit, PATHS.mesas(id, last.code)]
    : [unit, PATHS.children(id, last.level, last.code)];
}

/** A heading for a level's units: ours for Peru's levels, else the jurisdiction's label. */
function childTitle(level: string, kids: readonly ResultUnit[]): string {
  // "departments and abroad" only when the continents are among them
  if (level === 'department' && !kids.some((u) => u.code.startsWith('9')))
    return t('departmentsOnly');
  const own = CHILD_TITLE[level];
  if (own) return t(own);
  return state.places?.levels.find((l) => l.id === level)?.labels[state.lang] ?? level;
}

/**
 * Drills to `crumbs`. `reader`: a redraw's cut (app.ts, its documents read ahead); a user's drill
 * reads the server, and a newer revision there moves the whole view (`cutMoved`).
 */
export async function drill(crumbs: Crumb[], push: boolean, reader: Api = api): Promise<void> {
  const seq = ++drillSeq;
  if (push) navigations++;
  state.crumbs = crumbs;
  // a unit picked: a shared link's unknown unit is behind us
  if (push) {
    state.mesa = null;
    $('unit-unknown').hidden = true;
  }
  writeView(push, state.mesa);
  // the old children go at once: a click on one while the new unit loads would drill from a
  // place the page has already left
  $('children').replaceChildren();
  const last: Crumb = crumbs.at(-1) ?? (await nationCrumb(reader));
  const finest = last.level === finestLevel();
  const id = electionId();
  // a read that failed is no unit without data: it is said, with a retry (a 404 is absent)
  const read = await Promise.all([
    reader.unit(id, last.level, last.code),
    finest ? null : reader.children(id, last.level, last.code),
    finest ? reader.mesas(id, last.code) : null,
  ]).catch((e: unknown) => {
    if (e instanceof Unread) return null;
    throw e;
  });
  if (seq !== drillSeq) return;
  if (read === null) return unitUnread(crumbs, push);
  const [doc1, kidsDoc, mesas] = read;
  // never a unit of one cut beside the page's figures of another: the whole view moves instead
  if (!sameCut(state.revision, [doc1, kidsDoc, mesas])) return cutMoved(crumbs);
  drawnAt = state.revision;
  const unit = doc1?.units[0];
  const kids = kidsDoc?.units ?? [];
  drawCrumbs(crumbs);
  $('acta').replaceChildren();
  // a district's mesas (and their actas) take the detail's whole width on a desktop (style.css)
  $('detail').closest('main')?.classList.toggle('deep', finest);
  $('unit').replaceChildren(unit ? unitTable(unit) : '');
  const table = $('unit').querySelector('table');
  if (table) cardTable(table);
  if (push) toNewContent('unit-name', crumbs.length > 0);
  if (finest) return renderMesas(mesas, unit?.actas?.total ?? null);
  const level = kids[0]?.level;
  if (level === undefined) return;
  $('children').replaceChildren(
    el('h3', {}, childTitle(level, kids)),
    el(
      'div',
      { class: 'children' },
      ...kids.map((u) => {
        // a unit without actas in the store (published aggregates): no % counted to show, not 0
        const processed = u.actas && u.actas.total > 0 ? u.actas.pctProcessed : null;
        const pct = processed === null ? null : decimalText(processed);
        return el(
          'button',
          {
            type: 'button',
            'data-code': u.code,
            // the share of actas counted, said as such (no share of the votes), aloud too
            'aria-label':
              pct === null ? null : `${firstName(u.name)}, ${t('pctActasProcessed')(pct)}`,
            onclick: () =>
              drill([...crumbs, { level: u.level, code: u.code, name: firstName(u.name) }], true),
          },
          firstName(u.name),
          ...(pct === null
            ? []
            : [el('small', { class: 'pct-actas' }, ` ${pct} % ${t('actasWord')}`)]),
        );
      }),
    ),
  );
}

/** The crumbs from the nation to the unit drilled, each a button back to its unit. */
function drawCrumbs(crumbs: readonly Crumb[]): void {
  $('crumbs').replaceChildren(
    el('button', { type: 'button', onclick: () => drill([], true) }, nationName()),
    ...crumbs
      .map((c, i) => [
        '›',
        el(
          'button',
          { type: 'button', onclick: () => drill(crumbs.slice(0, i + 1), true) },
          c.name ?? c.code,
        ),
      ])
      .flat(),
  );
}

/**
 * A drill whose read failed: where the page is (its crumbs) and that the unit could not be read,
 * with a retry; never the unit drawn as empty. No cut is drawn there: the next redraw draws it.
 */
function unitUnread(crumbs: Crumb[], push: boolean): void {
  drawnAt = null;
  drawCrumbs(crumbs);
  // a user's drill left the acta's unit: its acta goes (one opened under this unit stays)
  if (push) $('acta').replaceChildren();
  const retry = async (): Promise<void> => {
    await drill(crumbs, push);
    // the acta the drill was under (a mesa opened by search or by the URL) comes back with it
    if (!push && state.mesa) await openMesa(state.mesa, false);
  };
  const button = el('button', { type: 'button', id: 'unit-retry', onclick: retry }, t('retry'));
  $('unit').replaceChildren(
    el('p', { id: 'unit-unread', class: 'notice', role: 'status' }, `${t('unitUnread')} `, button),
  );
  // the child clicked is gone with the old children: the keyboard goes to the retry
  if (push) button.focus();
}

/** Each acta state's mark, shown beside the mesa: a state read without telling colours apart. */
const STATE_MARK: Readonly<Record<string, string>> = {
  counted: '✓',
  resolved: '✓',
  pending: '○',
  jee: '⚖',
  annulled: '✕',
  not_installed: '⊘',
};
const markOf = (s: string): string => STATE_MARK[s] ?? '?';
/** A mesa's flags beside its state: a version not applied, a row the import refused. */
const CONFLICT_MARK = '⚠';
const QUARANTINE_MARK = '⛔';

/**
 * A district's mesas with their state (counted, pending, at the JEE…), filterable by number; of
 * the `expected` actas (the unit's total, its universe's on a partial file) when more than loaded.
 */
function renderMesas(list: Mesas | null, expected: number | null): void {
  if (!list) return;
  const byState = new Map<string, number>();
  for (const m of list.mesas) byState.set(m.state, (byState.get(m.state) ?? 0) + 1);
  // the mesas with a quarantined row (a snapshot published before the field: none)
  const held = new Set((list.quarantined ?? []).map((q) => q.mesa));
  const flagWords = (mesa: string, conflict: boolean): string =>
    (conflict ? ` · ${CONFLICT_MARK} ${t('mesaConflicts')}` : '') +
    (held.has(mesa) ? ` · ${QUARANTINE_MARK} ${t('mesaQuarantined')}` : '');
  const flags = [
    ...(list.mesas.some((m) => m.conflict)
      ? [
          `${CONFLICT_MARK} ${t('mesaConflicts')}: ${fmt(list.mesas.filter((m) => m.conflict).length)}`,
        ]
      : []),
    ...(held.size > 0 ? [`${QUARANTINE_MARK} ${t('mesaQuarantined')}: ${fmt(held.size)}`] : []),
  ];
  const filter = el('input', {
    type: 'search',
    id: 'mesa-filter',
    inputmode: 'numeric',
    placeholder: t('filterMesas'),
    'aria-label': t('filterMesas'),
  });
  const box = el(
    'div',
    { class: 'children mesas' },
    ...list.mesas.map((m) =>
      el(
        'button',
        {
          type: 'button',
          'data-mesa': m.mesa,
          'data-state': m.state,
          class: `mesa state-${m.state}`,
          title: t(`state:${m.state}`),
          'aria-label': `${m.mesa}: ${t(`state:${m.state}`)}${flagWords(m.mesa, m.conflict)}`,
          ...(held.has(m.mesa) ? { 'data-quarantined': '' } : {}),
          ...(m.conflict ? { 'data-conflict': '' } : {}),
          onclick: () => openMesa(m.mesa, true),
        },
        el('span', { class: 'mark', 'aria-hidden': 'true' }, markOf(m.state)),
        m.mesa,
        m.conflict ? el('span', { 'aria-hidden': 'true' }, ` ${CONFLICT_MARK}`) : '',
        held.has(m.mesa) ? el('span', { 'aria-hidden': 'true' }, ` ${QUARANTINE_MARK}`) : '',
      ),
    ),
  );
  filter.addEventListener('input', () => {
    for (const b of box.querySelectorAll<HTMLElement>('button[data-mesa]'))
      b.hidden = !(b.dataset['mesa'] ?? '').includes(filter.value.trim());
  });
  $('children').replaceChildren(
    // a partial file: the place's actas its universe expects, beside the mesas loaded so far
    el(
      'h3',
      { id: 'mesas-title' },
      expected !== null && expected > list.mesas.length
        ? t('mesasLoadedOf')(fmt(list.mesas.length), fmt(expected))
        : `${t('mesas')} (${fmt(list.mesas.length)})`,
    ),
    // the legend: each state's mark and name, with its count
    el(
      'p',
      { class: 'mesa-states' },
      [
        ...[...byState].map(([s, k]) => `${markOf(s)} ${t(`state:${s}`)}: ${fmt(k)}`),
        ...flags,
      ].join(' · '),
    ),
    filter,
    box,
  );
}

/**
 * A failed read of an acta, not its absence: the API's refusals carry issues (acta_not_found,
 * mesa_invalid) and a static site's missing file is a 404; a 408, 429 or 5xx says nothing of it.
 */
const unreadActa = (e: { readonly error: string; readonly issues: readonly unknown[] }): boolean =>
  e.issues.length === 0 && (e.error === '408' || e.error === '429' || e.error.startsWith('5'));

/** Each acta opened: a slower answer for an earlier mesa must not draw over a later one. */
let actaSeq = 0;

/**
 * Opens a mesa's acta and puts it in the URL. A mesa opened by search or by the URL alone takes
 * the drill to its place first, so the page says where it is; a mesa the election does not have
 * says so instead of leaving the previous acta on screen.
 */
export async function openMesa(asked: string, push: boolean): Promise<void> {
  const seq = ++actaSeq;
  if (push) navigations++;
  // a shared link's short number (`mesa=12438`) is the padded mesa the search would open; the
  // URL is rewritten to it. One that is no mesa number stays as asked, and is said so below.
  const mesa = (state.places && mesaOf(state.places, asked)) ?? asked;
  state.mesa = mesa;
  writeView(push, mesa);
  // no answer at all (the network): a failed read, as a 408, 429 or 5xx below
  const found = await api.acta(electionId(), mesa).catch(() => null);
  if (seq !== actaSeq) return;
  if (found === null || (!found.ok && unreadActa(found.error))) {
    const retry = (): Promise<void> => openMesa(mesa, false);
    const button = el('button', { type: 'button', id: 'acta-retry', onclick: retry }, t('retry'));
    $('acta').replaceChildren(
      el(
        'p',
        { id: 'acta-unread', class: 'notice', role: 'status' },
        `${t('actaUnread')} `,
        button,
      ),
    );
    return;
  }
  if (!found.ok) {
    const invalid = found.error.issues.some((i) => i.code === 'mesa_invalid');
    // published aggregates have no mesas at all: not "this mesa is missing"
    const why = state.published
      ? t('mesaNoMesas')
      : invalid
        ? t('mesaInvalid')(mesa)
        : await absentMesa(mesa);
    if (seq !== actaSeq) return;
    $('acta').replaceChildren(
      el('p', { id: 'acta-missing', class: 'notice', role: 'status' }, why),
    );
    return;
  }
  const crumbs = placeCrumbs(found.doc);
  if (crumbs && !sameCrumbs(crumbs, state.crumbs)) {
    await drill(crumbs, false);
    if (seq !== actaSeq) return;
  }
  showActa(found.doc, seq);
  if (push) toNewContent('acta-title', false);
}

/**
 * A mesa the store has no acta of, in words that claim no more than is known. Only the election's
 * declared mesa list (its polling places) says a mesa does not exist: one it lists is "aún no
 * cargada". The universe counts actas per place, not mesa numbers (a made-up mesa stored with a
 * warning fills a place's count), so without a list a universe with every acta in still says only
 * "not among the actas loaded"; with actas left to load any of them may be this one. Without a
 * universe the total is whatever the files brought. A progress that does not answer says only
 * what the count says.
 */
async function absentMesa(mesa: string): Promise<string> {
  // the header's "Actas aún sin cargar" figure and what it is counted against, and the list
  const [progress, listed] = await Promise.all([
    api.document(electionId(), 'progress').catch(() => null),
    listedMesa(mesa),
  ]);
  const left = progress?.universe === 'known' ? (progress.actasNotLoaded ?? null) : null;
  if (listed === false) return t('mesaNotFound')(mesa);
  if (listed === true)
    return left !== null && left > 0
      ? t('mesaNotLoaded')(mesa, fmt(left))
      : t('mesaListedNotLoaded')(mesa);
  if (progress?.universe === 'none')
    return t('mesaNotAmongNoList')(mesa, fmt(progress.actas?.total ?? 0));
  if (left !== null)
    return left > 0 ? t('mesaNotLoaded')(mesa, fmt(left)) : t('mesaNotAmong')(mesa);
  // no universe to count against that answered: "not among the actas loaded", and no more
  return t(state.summary?.count.complete === true ? 'mesaNotAmong' : 'mesaNotAmongLoaded')(mesa);
}

/**
 * A user's drill or acta: the keyboard and the screen reader go to the new content's heading (the
 * control that asked for it is replaced or far away: focus would fall to the page's top). On a
 * phone a unit's detail opens from its top, below the map.
 */
function toNewContent(headingId: string, fromTop: boolean): void {
  const heading = document.getElementById(headingId);
  if (!heading) return;
  const phone = matchMedia('(max-width: 700px)').matches;
  if (fromTop && phone) $('detail').scrollIntoView({ block: 'start' });
  focusHeading(heading, { preventScroll: fromTop && phone });
}

/** The crumbs to an acta's place (its unit of the finest place level), when places.json has it. */
function placeCrumbs(a: Acta): Crumb[] | null {
  const ubigeo = a.current?.ubigeo ?? a.history.at(-1)?.acta.ubigeo;
  const level = finestLevel();
  const places = state.places;
  if (!ubigeo || !level || !places) return null;
  if (!places.units.some((u) => u.level === level && u.code === ubigeo)) return null;
  return crumbsTo(places, level, ubigeo);
}

export const sameCrumbs = (a: readonly Crumb[], b: readonly Crumb[]): boolean =>
  a.length === b.length && a.every((c, i) => c.level === b[i]?.level && c.code === b[i]?.code);

/**
 * The votes held at the JEE beside the margin: whether they alone reach the lead of the first
 * over the second, said as arithmetic, never as a prediction. None where no acta is at the JEE
 * (or the document does not say).
 */
function jeeLine(u: ResultUnit): HTMLElement | '' {
  // the one rule (leaders.ts jeeHeld), as `cifra results` prints it
  const held = jeeHeld(state, u.choices, u.jeeVoters);
  if (held === null) return '';
  const { reaches } = held;
  const reach = reaches === null ? '' : ` ${t(reaches ? 'jeeReachesMargin' : 'jeeShortOfMargin')}`;
  return el(
    'p',
    { id: 'unit-jee', 'data-reaches': reaches === null ? null : String(reaches) },
    `${t('jeeVotes')(fmt(held.voters))}${reach}`,
  );
}

function unitTable(u: ResultUnit): HTMLElement {
  const rest = remainderIds();
  const rows = [...u.choices].sort((a, b) => b.votes - a.votes).filter((c) => c.votes > 0);
  // the leader rule (leaders.ts): "Otras listas" is listed last and leads nothing
  const ranked = leadersOf(state, rows);
  // over every choice, a runner-up at 0 votes too (it is no row): the margin jeeLine reads
  const margin = marginOf(state, u.choices);
  // published aggregates without actas per unit: the source's % is the nation's, not a department's
  const a = u.actas;
  const counted = !state.published
    ? a && a.pctProcessed
    : a && a.total > 0
      ? a.pctProcessed
      : u.level === 'national'
        ? state.published.pctCounted
        : null;
  // while electors are still to count, participation is over the actas processed: it says so
  const remaining = !state.published && u.eligibleRemaining !== null && u.eligibleRemaining > 0;
  const facts = [
    // a published release's units give the actas their source counted, a count those processed
    ...(counted === null
      ? []
      : [`${t(state.published ? 'actasCounted' : 'actasProcessed')}: ${percent(counted)}`]),
    `${t('valid')}: ${figure(u.valid)}`,
    ...(margin !== null ? [`${t('marginWord')}: ${fmt(margin)}`] : []),
    // a complete count's electors out are those of actas left unresolved for good (actaProgress)
    ...(remaining
      ? [
          `${t(state.summary?.count.complete === true ? 'remainingUnresolved' : 'remaining')}: ${fmt(u.eligibleRemaining ?? 0)}`,
        ]
      : []),
    ...(!state.published
      ? [
          `${t(remaining ? 'participationOfProcessed' : 'participation')}: ${percent(u.participation)}`,
        ]
      : []),
  ];
  // an electoral district (a province of Spain's Congress): its seats beside its votes
  const seats = u.level === 'national' ? undefined : state.districtSeats.get(nameKey(u.name));
  const seatsOf = (c: { id: string; party: string; label: string }): number =>
    seats?.[c.party || c.label] ?? seats?.[c.id] ?? 0;
  if (seats) facts.push(`${t('seats')}: ${seatTotal(seats)}`);
  return el(
    'div',
    {},
    // the nation in the chosen language: the sources name it "TOTAL" or "PERÚ (25 departamentos, …)"
    el('h3', { id: 'unit-name' }, u.level === 'national' ? nationName() : u.name),
    el('p', { id: 'unit-facts' }, facts.join(' · '), ...seatsOpenLine(seats)),
    jeeLine(u),
    el(
      'div',
      { class: 'scroll' },
      el(
        'table',
        { 'aria-labelledby': 'unit-name' },
        thead(
          // a list election's rows are lists, a presidential one's candidates
          el('th', {}, t(state.summary?.kind === 'list' ? 'list' : 'candidate')),
          el('th', { class: 'num' }, t('votes')),
          el('th', { class: 'num' }, t('pctValid')),
          ...(seats ? [el('th', { class: 'num' }, t('seats'))] : []),
        ),
        el(
          'tbody',
          {},
          ...[...ranked, ...rows.filter((c) => rest.has(c.id))].map((c) =>
            el(
              'tr',
              { 'data-party': c.party || c.label },
              el('td', {}, choiceLabel(c)),
              el('td', { class: 'num' }, fmt(c.votes)),
              el('td', { class: 'num' }, percent(c.pctValid)),
              ...(seats ? [el('td', { class: 'num seats' }, String(seatsOf(c)))] : []),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * Under a district's seats: open, as the national hemicycle says it, on the seats document's own
 * status by the one rule (seatsOpen), with the % of actas those votes rest on ("32 escaños aún
 * abiertos: según lo contado (85.991 % de actas contabilizadas)…"); nothing when they are settled.
 */
function seatsOpenLine(seats: Readonly<Record<string, number>> | undefined): HTMLElement[] {
  const st = state.districtSeatsStatus;
  const n = seats ? seatTotal(seats) : 0;
  if (st === null || !seatsOpen(st) || n === 0) return [];
  const on =
    st.pctCounted === null ? '' : `${decimalText(st.pctCounted)} % ${pctWord(st, state.lang)}`;
  return [
    el('br'),
    el('span', { id: 'unit-seats-open' }, `${t('seatsStillOpen')(n)}: ${t('drillSeatsOpen')(on)}`),
  ];
}

const seatTotal = (seats: Readonly<Record<string, number>>): number =>
  Object.values(seats).reduce((a, b) => a + b, 0);

/**
 * An acta's state in the page's language, the source's own label after it where it has one
 * ("At the JEE (OBSERVADA)"), as the CLI says it: an English reader is not left with ONPE's Spanish.
 */
const stateWords = (a: Parameters<typeof labelAfter>[0]): string => {
  const word = t(`state:${a.state}`);
  return `${word}${labelAfter(a, state.lang, word)}`;
};

/** An issue as a sentence with its figures, in the page's language (the CLI's table of words). */
const issueWords = (i: Issue): string => {
  const s = issueSentence(i, state.lang, fmt);
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** The acta's warnings (impugned votes pending, arithmetic an acta at the JEE was sent for), in words. */
function warningList(c: NonNullable<Acta['current']>): HTMLElement | '' {
  if (c.warnings.length === 0) return '';
  return el(
    'ul',
    { id: 'acta-warnings', class: 'notice', 'aria-label': t('actaWarnings') },
    ...c.warnings.map((w) => el('li', { 'data-code': w.code }, issueWords(w))),
  );
}

/** A figure the document may not know (null: no figures yet): "—", never 0. */
const known = (v: number | null): string => (v === null ? '—' : fmt(v));

/**
 * Shows an acta; then, where the election has third-party transcriptions of its actas, what they
 * say of this one (web/acta-crosscheck.ts), once the cross-check answers and if it is still shown.
 */
function showActa(a: Acta, seq: number): void {
  drawActa(a);
  const shown = (): boolean => seq === actaSeq && state.mesa === a.mesa;
  actaCrossCheck(a, shown)
    .then((box) => {
      if (box && shown()) $('acta').querySelector('h4')?.before(box);
    })
    .catch(() => {}); // the acta stands without it; the cross-check page says what failed
}

/**
 * What an acta's state says of its figures, where they are not a count: a mesa not installed has
 * no vote at all, an annulled acta's votes count for no choice (LOE art. 363). Null otherwise.
 */
function stateNote(c: NonNullable<Acta['current']>): HTMLElement | null {
  if (c.state === 'not_installed')
    return el('p', { id: 'acta-state-note', class: 'hint' }, t('actaNotInstalled'));
  if (c.state === 'annulled')
    return el(
      'p',
      { id: 'acta-state-note', class: 'hint' },
      // the null votes the totals book: its voters, else its cells' sum (bookedFigures)
      t('actaAnnulled')(known(annulledNullOf(c, state.choices.length))),
    );
  // an open acta's figures: in the totals or not, said, never left to guess (review 26 H4)
  if ((c.state === 'pending' || c.state === 'jee') && c.votes !== null)
    return el(
      'p',
      { id: 'acta-state-note', class: 'hint', 'data-counts': String(c.counts) },
      t(c.counts ? 'actaOpenCounted' : 'actaOpenNotCounted'),
    );
  return null;
}

/**
 * The acta's figures as a table, where they say what the voters chose: none for a mesa not
 * installed; an annulled acta's only where it carries list votes, headed as not counted (ONPE's
 * zeros there, its voters booked as null, are no count).
 */
function figuresTable(c: NonNullable<Acta['current']>): HTMLElement | '' {
  const votes = c.votes;
  if (!votes || c.state === 'not_installed') return '';
  const annulled = c.state === 'annulled';
  if (annulled && !votes.some((v) => v > 0)) return '';
  return el(
    'table',
    { 'aria-labelledby': 'acta-title' },
    thead(
      el('th', {}, t(state.summary?.kind === 'list' ? 'list' : 'candidate')),
      el('th', { class: 'num' }, t(annulled ? 'votesNotCounted' : 'votes')),
    ),
    el(
      'tbody',
      {},
      ...state.choices.map((ch, i) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, choiceLabel(ch)),
          el('td', { class: 'num' }, fmt(votes[i] ?? 0)),
        ),
      ),
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, t('blank')),
        el('td', { class: 'num' }, known(c.blank)),
      ),
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, t('null')),
        el('td', { class: 'num' }, known(c.null)),
      ),
      // the paper's VOTOS_VI line: a poll-watcher checks it as any other
      el(
        'tr',
        { 'data-figure': 'impugned' },
        el('th', { scope: 'row' }, t('impugned')),
        el('td', { class: 'num' }, known(c.impugned)),
      ),
    ),
  );
}

/**
 * The current acta's conflict, by its latest conflict's reason (s31: the badge said only that
 * there was one); the words of before where the history gives no reason.
 */
function conflictBadge(history: Acta['history'], current: number): HTMLElement {
  const reason = currentConflictReason(history, current);
  return el(
    'span',
    { class: 'badge warn', id: 'acta-conflict', ...(reason ? { 'data-conflict': reason } : {}) },
    reason ? t(`conflictNow:${reason}`) : t('conflict'),
  );
}

function drawActa(a: Acta): void {
  const c = a.current;
  const p = a.place;
  $('detail').closest('main')?.classList.add('deep');
  $('acta').replaceChildren(
    el('h3', { id: 'acta-title' }, `${t('acta')} ${a.mesa}`),
    // where the mesa is, as the source names its place
    p ? el('p', { id: 'acta-place' }, [p.department, p.province, p.district].join(' › ')) : '',
    c
      ? el(
          'p',
          {},
          `${t('state')}: `,
          el('span', { class: 'badge', id: 'acta-state' }, stateWords(c)),
          ` · ${t('version')} ${c.version} · ${t('eligible')}: ${fmt(c.eligible)} · ${t('emitted')}: ${c.voters === null || c.state === 'not_installed' ? '—' : fmt(c.voters)}`,
          c.conflict ? conflictBadge(a.history, c.version) : '',
        )
      : '',
    // why it is at the JEE, in the source's own word (ONPE's TIPO_OBSERVACION): not translated
    c?.observation !== undefined
      ? el(
          'p',
          { id: 'acta-observation' },
          `${t('observationLabel')}: `,
          el('span', { class: 'observation' }, c.observation),
        )
      : '',
    c ? figuresTable(c) : '',
    c ? warningList(c) : '',
    // a state whose figures are no count, or an acta with no figures yet: said in words, never
    // a table of zeros
    (c && stateNote(c)) ??
      (c && !c.votes ? el('p', { id: 'acta-no-figures', class: 'hint' }, t('actaNoFigures')) : ''),
    el('h4', {}, t('history')),
    el('ol', { id: 'acta-history', class: 'history' }, ...a.history.map((h) => versionItem(h, c))),
    ...quarantineList(a.quarantined),
  );
}

/** The mesa's rows an import refused: file and row, the coded issues, the row as read. */
function quarantineList(rows: Acta['quarantined']): HTMLElement[] {
  if (rows.length === 0) return [];
  return [
    el('h4', {}, t('quarantinedRows')),
    el(
      'ul',
      { id: 'acta-quarantine', class: 'history' },
      ...rows.map((q) =>
        el(
          'li',
          { 'data-import': q.importId, 'data-row': q.row },
          el('span', {}, t('quarantineRow')(q.file, q.row)),
          ' ',
          // each issue in words with its figures, its code beside it for docs/errors.md
          ...q.issues.map((i) =>
            el(
              'span',
              { class: 'issue', 'data-code': i.code },
              el('code', { class: 'badge warn' }, i.code),
              ` ${issueWords(i)}`,
            ),
          ),
          el(
            'small',
            { class: 'raw' },
            Object.entries(q.raw)
              .map(([k, v]) => `${k}=${v}`)
              .join(' · '),
          ),
        ),
      ),
    ),
  ];
}

type Version = Acta['history'][number];
type Figures = Version['acta'];

/** One figure of a version: its label, its value, the current version's. */
function figureRows(v: Figures, cur: Figures | null): [string, number | null, number | null][] {
  return [
    ...state.choices.map((ch, i): [string, number | null, number | null] => [
      choiceLabel(ch),
      v.votes?.[i] ?? null,
      cur ? (cur.votes?.[i] ?? null) : null,
    ]),
    [t('blank'), v.blank, cur?.blank ?? null],
    [t('null'), v.null, cur?.null ?? null],
    [t('impugned'), v.impugned, cur?.impugned ?? null],
    [t('emitted'), v.voters, cur?.voters ?? null],
  ];
}

/**
 * A version of the acta: what changed, when, its state; unfolded, its figures, each that differs
 * from the current version's marked with the difference. The current version says so; a version
 * with other figures (a conflict not applied) says so and opens, so its figures are seen.
 */
function versionItem(h: Version, cur: Figures | null): HTMLElement {
  // a version without figures (pending) shows none and differs from nothing (review 23 M5)
  const carries = h.acta.votes !== null;
  const rows = figureRows(h.acta, h.current || !carries ? null : cur).map(
    ([label, v, c]): [string, number | null, number | null] => [label, carries ? v : null, c],
  );
  const differs = rows.some(([, v, c]) => c !== null && v !== c);
  // an earlier version's warnings (why it went to the JEE) open its row: s35, they were never shown
  const warned = h.warnings.length > 0;
  // a conflict says why it was kept, as the document records it (against the version held then)
  const kind =
    h.kind === 'conflict' && h.conflict ? t(`conflict:${h.conflict}`) : t(`change:${h.kind}`);
  return el(
    'li',
    {
      'data-version': h.version,
      ...(h.conflict ? { 'data-conflict': h.conflict } : {}),
      class: `version${h.current ? ' current' : ''}${differs ? ' differs' : ''}`,
    },
    el(
      'details',
      { open: !h.current && (differs || warned) ? true : undefined },
      el(
        'summary',
        {},
        `v${h.version} · ${kind} · ${stateWords(h.acta)} · ${t('recordedByCifra')} ${zoneTime(h.recordedAt)}`,
        h.current ? el('span', { class: 'badge current' }, t('currentVersion')) : '',
        differs ? el('span', { class: 'badge warn' }, t('figuresDiffer')) : '',
        warned ? el('span', { class: 'badge warn' }, t('versionWarnings')(h.warnings.length)) : '',
      ),
      el(
        'table',
        { class: 'version-figures' },
        el(
          'tbody',
          {},
          ...rows.map(([label, v, c]) => {
            const changed = c !== null && v !== c;
            return el(
              'tr',
              changed ? { class: 'changed' } : {},
              el('th', { scope: 'row' }, label),
              el('td', { class: 'num' }, v === null ? '—' : fmt(v)),
              el(
                'td',
                { class: 'num diff' },
                changed && v !== null ? `${signed(v - c)} ${t('vsCurrent')}` : '',
              ),
            );
          }),
        ),
      ),
    ),
    // outside the fold: what a claim cites is on show for every version, current one included
    evidenceLine(h),
    versionWarnings(h),
  );
}

/** A version's warnings as sentences, in the page's language (the current one's too, as above). */
function versionWarnings(h: Version): HTMLElement | '' {
  if (h.warnings.length === 0) return '';
  return el(
    'ul',
    { class: 'version-warnings notice', 'aria-label': t('versionWarningsLabel')(h.version) },
    ...h.warnings.map((w) => el('li', { 'data-code': w.code }, issueWords(w))),
  );
}

/**
 * A hash to cite: its whole value in the text (a tap selects it all, a copy takes it all) and its
 * title, cut short on screen by the stylesheet so a phone's line does not scroll sideways.
 */
const hashCode = (kind: string, hex: string): HTMLElement =>
  el('code', { class: 'hash', 'data-hash': kind, title: hex }, hex);

/**
 * Where a version came from, as a claim before a JEE cites it: its import, file and the file's
 * SHA-256, the SHA-256 of its figures (figuresHash) and a correction's ruling and author (the
 * CLI's `cifra acta` lines under its versions).
 */
function evidenceLine(h: Version): HTMLElement {
  const parts: (string | HTMLElement)[][] = [];
  if (h.importId !== null)
    parts.push(
      [`${t('importWord')} #${h.importId}`],
      [el('span', { class: 'file' }, h.file ?? '—')],
    );
  if (h.sha256 !== null) parts.push([`${t('fileSha')} `, hashCode('file', h.sha256)]);
  parts.push([`${t('figuresSha')} `, hashCode('figures', h.figuresHash)]);
  if (h.acta.observation !== undefined)
    parts.push([
      `${t('observationWord')} `,
      el('span', { class: 'observation' }, h.acta.observation),
    ]);
  if (h.resolution !== null)
    parts.push([`${t('resolutionWord')} `, el('span', { class: 'resolution' }, h.resolution)]);
  if (h.author !== null)
    parts.push([`${t('recordedBy')} `, el('span', { class: 'author' }, h.author)]);
  return el('p', { class: 'evidence' }, ...parts.flatMap((p, i) => (i === 0 ? p : [' · ', ...p])));
}
