// The Congress view: seats as cifra computes them (or as a source published them), who passes
// the valla and why the others do not, the reported composition beside cifra's with the
// difference, seats per circunscripción; and the what-if panel with a shareable URL.
import { percent } from './bars.js';
import { drawHemicycle, openSeatsNote, type Undecided } from './hemicycle.js';
import { pctWord } from './figures-status.js';
import { shortNames } from './list-labels.js';
import { issueSentence } from '../src/core/issue-words.js';
import type { Seats } from './api-client.js';
import {
  openSeats,
  seatsOpen,
  unplacedOfLists,
  unresolved,
  type OpenDistrict,
  type Unplaced,
} from './undecided.js';
import {
  $,
  cardTable,
  decimalText,
  el,
  fmt,
  state,
  $svg,
  t,
  thead,
  inLang,
  choiceLabel,
  nameKey,
} from './ui.js';

type ListSeats = Extract<Seats, { kind: 'list' }>;
type PublishedSeats = Extract<Seats, { kind: 'official' | 'third-party' }>;
type Exclusion = ListSeats['result']['excluded'][number];
type SeatIssue = ListSeats['result']['issues'][number];

/** A party's colour: its choice's (by id, party or label). */
export function partyColor(name: string): string {
  const c = state.choices.find((x) => x.id === name || x.party === name || x.label === name);
  return (c && state.colors.get(c.id)) ?? '#9aa1ad';
}

const bySeats = (seats: Readonly<Record<string, number>>): [string, number][] =>
  Object.entries(seats)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

type Tie = ListSeats['result']['ties'][number];

/** "A / B": the lists of a tie. */
const tiedLists = (x: Tie): string => x.candidates.join(' / ');

/** The seats of a computation no list holds (openSeats), each group with what to call it. */
export function undecidedOf(r: {
  readonly districts: readonly OpenDistrict[];
  readonly ties: readonly Tie[];
  readonly unplaced?: readonly Unplaced[] | undefined;
}): Undecided[] {
  return openSeats(r.districts, r.ties, r.unplaced).map(
    ({ seats, tie, noEligibleList, notCounted, poolTie }) => ({
      seats,
      label:
        tie !== null
          ? t('tieSeats')(tiedLists(tie), seats, tie.district)
          : poolTie !== undefined
            ? t('tieSeats')(poolTie.join(' / '), seats, t('remainderPool'))
            : noEligibleList
              ? t('seatsNoList')(seats)
              : notCounted
                ? t('seatsNotCounted')(seats)
                : t('seatsOpen')(seats),
    }),
  );
}

/**
 * The open seats in words under a hemicycle (empty when every seat is allocated and placed): the
 * undecided ones, then a list's pooled seats whose circunscripción is tied (the list's all the same).
 */
export function undecidedText(
  undecided: readonly Undecided[],
  unplaced: readonly Unplaced[] = [],
): string {
  const open =
    undecided.length === 0 ? '' : `${undecided.map((u) => u.label).join('; ')}: ${t('tieLot')}.`;
  const placing = unplacedOfLists(unplaced).map(
    (u) => `${t('seatsUnplaced')(u.party, u.seats, u.districts.join(' / '))}.`,
  );
  return [open, ...placing].filter((x) => x !== '').join(' ');
}

/** Why a list takes no seat, in words: one phrase per condition of the valla it failed. */
export function exclusionText(x: Exclusion): string {
  if (x.reason === 'below_share') {
    // the rule only ("below the 5 % threshold"): the list's share is in its own column, rounded
    // half-up; a share here too, rounded down so 4.9996 % never read "5.000 % < 5.000 %", read
    // "3.074 %" beside the column's "3.075 %" (review 21 L8)
    const rule = `${Number(x.required.replace(/\s*%$/, ''))}\u00a0%`;
    return `${t('belowShare')(rule)}${x.district ? ` (${x.district})` : ''}`;
  }
  if (x.reason === 'below_votes') return `${t('votesCount')(fmt(x.votes))} < ${fmt(x.required)}`;
  const districts =
    x.requiredDistricts > 0
      ? `; ${x.districtsWon} ${t('of')} ${x.requiredDistricts} ${t('circunscripciones')(x.requiredDistricts)}`
      : '';
  return `${t('belowSeats')(x.seats, x.required)}${districts}`;
}

/** The seats document, whatever its kind: hidden for a presidential election. */
export function renderCongress(seats: Seats, nationalValid: number | null = null): void {
  const box = $('congress');
  // the drill shows a district's own seats beside its votes (a province of Spain's Congress)
  state.districtSeats = new Map(
    seats.kind === 'list' ? seats.result.districts.map((d) => [nameKey(d.district), d.seats]) : [],
  );
  // and whether they are open, by the rule the hemicycle reads (seatsOpen on the same status)
  state.districtSeatsStatus = seats.kind === 'list' ? seats.status : null;
  if (seats.kind === 'presidential') {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  if (seats.kind === 'list') renderComputed(seats, nationalValid);
  else renderPublished(seats);
}

/** Seats a source published (an authority's or a third party's): one hemicycle, its table. */
function renderPublished(seats: PublishedSeats): void {
  // a published table has no per-district legend: none left from the election shown before
  document.getElementById('district-lists')?.remove();
  seatIssues([]);
  $('hemi-main').hidden = false;
  const r = seats.result;
  const open = seatsOpen(r);
  // one label for whose seats they are, in the status line, the caption and the figure's name
  // (review 28: the caption said "Publicado", the name "Escaños", beside "no oficiales")
  const whose = seats.kind === 'official' ? t('seatsOfficial') : t('seatsThirdParty');
  $('seats-status').textContent =
    `${whose}${provisionalOn(r)} · ${t('sourceLabel')}: ${inLang(r.source)}`;
  const parties = bySeats(r.seats);
  drawHemicycle($svg('hemicycle'), parties, partyColor, whose, [], open);
  $('seats-ties').textContent = '';
  $('hemi-main-cap').replaceChildren(whose, ...openNote(open, parties));
  $('hemi-reported').hidden = true;
  const passed = new Set(r.passed);
  $('seats-table').replaceChildren(
    thead(
      el('th', {}, t('party')),
      el('th', { class: 'num' }, t('seats')),
      el('th', {}, t('passedValla')),
    ),
    el(
      'tbody',
      {},
      ...state.choices.map((c) =>
        el(
          'tr',
          { 'data-party': c.party || c.label },
          el('td', {}, choiceLabel(c)),
          el('td', { class: 'num' }, String(r.seats[c.id] ?? r.seats[c.party] ?? 0)),
          el(
            'td',
            open ? { title: t('vallaSoFarTitle') } : {},
            vallaWord(passed.has(c.id) || passed.has(c.party), open),
          ),
        ),
      ),
    ),
  );
  cardTable($('seats-table'));
  $('seats-note').textContent = r.note ? inLang(r.note) : '';
  $('valla').textContent = r.valla ? `${inLang(r.valla)} — ${inLang(r.source)}` : '';
  const byDistrict = Object.entries(r.seatsByDistrict ?? {});
  $('by-district').hidden = byDistrict.length === 0;
  $('seats-by-district').replaceChildren(
    el(
      'tbody',
      {},
      ...byDistrict.map(([d, n]) =>
        el('tr', {}, el('td', {}, d), el('td', { class: 'num' }, String(n))),
      ),
    ),
  );
  $('what-if').hidden = true;
}

/** cifra's computation beside the reported composition, the valla's reasons, seats by district. */
function renderComputed(seats: ListSeats, nationalValid: number | null): void {
  const r = seats.result;
  const f = seats.figures;
  const from = f
    ? f.status.kind === 'computed-by-cifra'
      ? inLang(f.status.from)
      : inLang(f.source)
    : '';
  // seats from a count short of its actas say so, with how far it had come and of what (the API
  // says both): a count under way, and votes a source captured at 86 % as well (computed-by-cifra,
  // third-party), by the rule that draws them open (seatsOpen); final and reference ones as they are
  const st = seats.status;
  const counting = seatsOpen(st)
    ? ` · ${t('provisional')}${st.pctCounted === null ? '' : ` · ${decimalText(st.pctCounted)} % ${pctWord(st, state.lang)}`}`
    : '';
  $('seats-status').textContent =
    `${t('seatsComputed')} (${r.rules})${from ? ` ${t('fromVotes')}: ${from}` : ''}${counting} · ${t('notOfficial')}`;
  const undecided = undecidedOf(r);
  // on a count short of its actas (under way, or votes captured at 86 %) every seat is an
  // allocation of the votes counted, none decided: rings. cifra does not test which could not move.
  const open = seatsOpen(seats.status);
  const parties = bySeats(r.seats);
  // a computation that refused (a district with no votes) says why: no hemicycle of 0 seats, no
  // list "below the valla" (review s36)
  const refused = seatIssues(r.issues, r.districts.length > 0);
  $('hemi-main').hidden = refused;
  drawHemicycle($svg('hemicycle'), parties, partyColor, t('seatsCifra'), undecided, open);
  $('hemi-main-cap').replaceChildren(t('seatsCifra'), ...openNote(open, parties));
  $('seats-ties').textContent = refused ? '' : undecidedText(undecided, r.unplaced);
  const rep = seats.reported;
  $('hemi-reported').hidden = !rep;
  if (rep) renderReported(rep);
  if (refused) votesTable(seats);
  else seatsTable(seats, undecided, open);
  $('seats-note').textContent = seats.note ? inLang(seats.note) : '';
  // the table's % is over every list's votes in every circunscripción; the Senate's national
  // result above is the national list alone: two different bases for one party, said as such
  const base = r.votes.reduce((a, v) => a + v.votes, 0);
  $('valla').textContent =
    nationalValid !== null && base !== nationalValid
      ? t('pctBase')(fmt(base), fmt(nationalValid))
      : '';
  districtTable(r.districts, r.seats, unresolved(r.ties), unplacedOfLists(r.unplaced));
}

/** The district an issue of the computation is about: its path's, or its details' (a vote row's). */
function issueDistrict(i: SeatIssue): string | null {
  if (i.path[0] === 'district' && i.path[1] !== undefined) return String(i.path[1]);
  const d = i.details?.['district'];
  return typeof d === 'string' ? d : null;
}

/**
 * An issue of the seat computation in words, by its code: "Lumen no tiene votos"; a code without
 * words of its own, the CLI's sentence with the district it names.
 */
export function seatIssueText(i: SeatIssue): string {
  const d = issueDistrict(i);
  if (d !== null && i.code === 'district_without_votes') return t('districtNoVotes')(d);
  if (d !== null && i.code === 'district_without_seats') return t('districtNoSeats')(d);
  return `${issueSentence(i, state.lang, fmt)}${d === null ? '' : ` (${d})`}`;
}

/**
 * The issues of the seats document above its table: a computation that refused (errors, and no
 * district computed: the core's early return) says every error as why no seats can be computed;
 * one that went through keeps its errors (an unresolved tie) to the hemicycle and the district
 * table, which say them. Then the warnings; hidden when there is nothing to say. True: refused.
 */
function seatIssues(issues: readonly SeatIssue[], computed = true): boolean {
  const errors = computed ? [] : issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity !== 'error');
  const line = (head: string, xs: readonly SeatIssue[]): string =>
    xs.length === 0 ? '' : `${head}: ${xs.map(seatIssueText).join('; ')}.`;
  const box = $('seats-issues');
  box.textContent = [line(t('seatsUncomputable'), errors), line(t('seatsWarning'), warnings)]
    .filter((x) => x !== '')
    .join(' ');
  box.hidden = box.textContent === '';
  return errors.length > 0;
}

/**
 * The lists' votes of a computation that refused: party and % valid, and a source's reported seats
 * where there are some; no valla and no seats of cifra's, which it could not compute.
 */
function votesTable(seats: ListSeats): void {
  const rep = seats.reported;
  // the reported seats by party as the differences match them (a choice id or a party name)
  const diff = new Map((seats.differences ?? []).map((d) => [d.party, d.reported]));
  const reported = (party: string): HTMLElement[] =>
    rep ? [el('td', { class: 'num seats-reported' }, String(diff.get(party) ?? 0))] : [];
  $('seats-table').replaceChildren(
    thead(
      el('th', {}, t('party')),
      el('th', { class: 'num' }, t('pctValid')),
      ...reportedHeads(rep).slice(0, 1),
    ),
    el(
      'tbody',
      {},
      ...seats.result.votes.map((v) =>
        el(
          'tr',
          { 'data-party': v.party },
          el(
            'td',
            {},
            el('span', { class: 'chip', style: `background:${partyColor(v.party)}` }),
            v.party,
          ),
          el('td', { class: 'num' }, percent(v.pctValid)),
          ...reported(v.party),
        ),
      ),
    ),
  );
  cardTable($('seats-table'));
}

/** "sí" / "no" for a list and the valla; on an open count "por ahora, sí": not settled yet. */
function vallaWord(passed: boolean, open: boolean): string {
  const word = passed ? t('yes') : t('no');
  return open ? t('vallaSoFar')(word) : word;
}

/** " · provisional: reparto sobre el 85.991 % de actas" for seats a source allocated on a partial count. */
function provisionalOn(r: PublishedSeats['result']): string {
  return seatsOpen(r) && r.pctCounted !== undefined
    ? ` · ${t('seatsProvisionalOn')(decimalText(r.pctCounted))}`
    : '';
}

/** Under a hemicycle of open seats: a ring and "N escaños aún abiertos: …" (nothing when settled). */
export function openNote(open: boolean, parties: readonly (readonly [string, number])[]) {
  const note = openSeatsNote(open ? parties.reduce((a, [, n]) => a + n, 0) : 0);
  return note.length > 0 ? [el('br'), ...note] : [];
}

/**
 * The composition a source reported, beside cifra's: whose it is, whether official, on what % of
 * actas and from where, in its caption and its accessible name; on a partial count, rings.
 */
function renderReported(rep: NonNullable<ListSeats['reported']>): void {
  const open = seatsOpen(rep);
  const official = rep.kind === 'official';
  const title = `${official ? t('seatsReportedOfficial') : t('seatsReported')}${provisionalOn(rep)}${official ? '' : ` · ${t('notOfficial')}`}`;
  const parties = bySeats(rep.seats);
  drawHemicycle($svg('hemicycle-reported'), parties, partyColor, title, [], open);
  $('hemi-reported-cap').replaceChildren(
    title,
    el('br'),
    el('small', { class: 'source' }, `${t('sourceLabel')}: ${inLang(rep.source)}`),
    ...openNote(open, parties),
  );
}

/**
 * cifra's seats by list: share, the valla (on an open count "so far": the votes still to count can
 * move a list across it), seats, and the reported composition's beside them.
 */
function seatsTable(seats: ListSeats, undecided: readonly Undecided[], open: boolean): void {
  const r = seats.result;
  const diff = new Map((seats.differences ?? []).map((d) => [d.party, d]));
  const reasons = new Map<string, Exclusion[]>();
  for (const x of r.excluded) reasons.set(x.party, [...(reasons.get(x.party) ?? []), x]);
  const passed = new Set(r.passed);
  const shown = r.votes.filter(
    (v) =>
      Number(v.pctValid) >= 1 ||
      (r.seats[v.party] ?? 0) > 0 ||
      passed.has(v.party) ||
      diff.has(v.party),
  );
  const hidden = r.votes.length - shown.length;
  const rows = shown.map((v) => {
    const d = diff.get(v.party);
    const why = reasons.get(v.party);
    const settled = passed.has(v.party)
      ? t('passes')
      : why
        ? why.map(exclusionText).join('; ')
        : t('no');
    const valla = open ? t('vallaSoFar')(settled) : settled;
    const title = open ? { title: t('vallaSoFarTitle') } : {};
    return el(
      'tr',
      { 'data-party': v.party, class: passed.has(v.party) ? 'passed' : 'failed' },
      el(
        'td',
        {},
        el('span', { class: 'chip', style: `background:${partyColor(v.party)}` }),
        v.party,
        // a phone shows the valla under the party, so cifra's and the reported seats fit the screen
        el('small', { class: 'valla-inline', ...title }, valla),
      ),
      el('td', { class: 'num' }, percent(v.pctValid)),
      el('td', { class: 'valla', ...title }, valla),
      el('td', { class: 'num seats-cifra' }, String(r.seats[v.party] ?? 0)),
      ...(seats.reported
        ? [
            el('td', { class: 'num seats-reported' }, String(d ? d.reported : 0)),
            el(
              'td',
              { class: `num diff${d && d.difference !== 0 ? ' changed' : ''}` },
              d ? signed(d.difference) : '0',
            ),
          ]
        : []),
    );
  });
  $('seats-table').replaceChildren(
    thead(
      el('th', {}, t('party')),
      el('th', { class: 'num' }, t('pctValid')),
      el('th', { class: 'valla' }, t('valla')),
      el('th', { class: 'num' }, t('seatsCifraShort')),
      ...reportedHeads(seats.reported),
    ),
    el('tbody', {}, ...rows, ...undecided.map((u) => undecidedRow(u, !!seats.reported))),
    ...(hidden > 0
      ? [
          el(
            'tfoot',
            {},
            el('tr', {}, el('td', { colspan: 6, class: 'hint' }, t('otherLists')(hidden))),
          ),
        ]
      : []),
  );
  cardTable($('seats-table'));
}

/**
 * The reported seats' columns: whose they are, as its hemicycle's caption says (never a plain
 * "Reportado"), and the difference from cifra's; none without a reported table.
 */
function reportedHeads(reported: ListSeats['reported']): HTMLElement[] {
  if (!reported) return [];
  const whose =
    reported.kind === 'official'
      ? t('seatsReportedOfficialShort')
      : t('seatsReportedThirdPartyShort');
  return [el('th', { class: 'num' }, whose), el('th', { class: 'num' }, t('difference'))];
}

/** A row for seats no list holds: the chamber's rows add up to its size. */
function undecidedRow(u: Undecided, reported: boolean): HTMLElement {
  return el(
    'tr',
    { class: 'undecided' },
    el('td', {}, el('span', { class: 'chip undecided' }), u.label),
    el('td', { class: 'num' }, ''),
    el('td', { class: 'valla' }, ''),
    el('td', { class: 'num seats-cifra' }, String(u.seats)),
    ...(reported ? [el('td', { class: 'num' }, ''), el('td', { class: 'num' }, '')] : []),
  );
}

export const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** Seats per circunscripción and list (lists with seats only): a table, cards on a phone. */
function districtTable(
  districts: ListSeats['result']['districts'],
  seats: Readonly<Record<string, number>>,
  ties: readonly Tie[],
  placing: ReturnType<typeof unplacedOfLists>,
): void {
  const parties = bySeats(seats).map(([p]) => p);
  const labels = shortNames(parties);
  // a district with a seat left to a lot says so, and between whom, in a column of its own; so
  // does one tied for a list's pooled seat (in no district yet)
  const open = districts.some((d) => d.unallocated > 0) || placing.length > 0;
  const openCell = (d: (typeof districts)[number]): HTMLElement => {
    const x = ties.find((y) => y.district === d.district);
    const pooled = placing
      .filter((u) => u.districts.includes(d.district))
      .map((u) => t('tiedForPooled')(u.party, u.seats));
    return el(
      'td',
      { class: 'unallocated' },
      // the core says why (DistrictResult.unallocatedReason); the tie names the lists
      [
        d.unallocated === 0
          ? ''
          : d.unallocatedReason === 'tie' && x
            ? t('tieSeats')(tiedLists(x), d.unallocated, '')
            : d.unallocatedReason === 'no_eligible_list'
              ? t('seatsNoList')(d.unallocated)
              : d.unallocatedReason === 'not_counted'
                ? t('seatsNotCounted')(d.unallocated)
                : t('seatsOpen')(d.unallocated),
        ...pooled,
      ]
        .filter((s) => s !== '')
        .join('; '),
    );
  };
  $('by-district').hidden = districts.length === 0;
  $('seats-by-district').replaceChildren(
    el('caption', {}, t('seatsByDistrictComputed')),
    thead(
      el('th', {}, t('district')),
      el('th', { class: 'num' }, t('seats')),
      ...parties.map((p) =>
        el(
          'th',
          { class: 'num', title: p, 'aria-label': p },
          el('span', { class: 'chip', style: `background:${partyColor(p)}` }),
          labels.get(p) ?? p,
        ),
      ),
      ...(open ? [el('th', {}, t('unallocatedShort'))] : []),
    ),
    el(
      'tbody',
      {},
      ...districts.map((d) =>
        el(
          'tr',
          { 'data-district': d.district },
          el('td', {}, d.district),
          el('td', { class: 'num' }, String(d.totalSeats)),
          ...parties.map((p) => el('td', { class: 'num' }, d.seats[p] ? String(d.seats[p]) : '')),
          ...(open ? [openCell(d)] : []),
        ),
      ),
    ),
  );
  cardTable($('seats-by-district'));
  listLegend(parties, labels);
}

/**
 * Under the district table, each shortened label with its list's colour and full name: a column's
 * "B" is read as one list, on a phone too (the header's title shows only to a mouse).
 */
function listLegend(parties: readonly string[], labels: ReadonlyMap<string, string>): void {
  document.getElementById('district-lists')?.remove();
  const shortened = parties.filter((p) => labels.get(p) !== p);
  if (shortened.length === 0) return;
  $('seats-by-district').parentElement?.after(
    el(
      'ul',
      { id: 'district-lists', class: 'legend' },
      ...shortened.map((p) =>
        el(
          'li',
          { 'data-party': p },
          el('span', { class: 'chip', style: `background:${partyColor(p)}` }),
          el('strong', {}, labels.get(p) ?? p),
          ` ${p}`,
        ),
      ),
    ),
  );
}
