// Which council seats the ERM page says are decided: one rule for the national tables and each
// council's view, so a council drawn as rings is never counted as assigned. Pure, for a node test.
import type { Contest, ContestsElection } from './api-client.js';
import { seatsCase } from '../src/core/pipeline/council-seats-case.js';
import type { Strings } from './i18n.js';
import { seatsOpen as figureOpen } from './undecided.js';

type Doc = Pick<ContestsElection, 'status' | 'sets'>;
type Org = ContestsElection['national']['organisations'][number];
type Tally = Readonly<Partial<Record<string, number>>>;
type Council = Extract<Contest, { type: 'council' }>;

/**
 * Whether the count a kind of contest rests on leaves every seat of it open, by the dashboard's
 * one rule (web/undecided.ts: always on a provisional count, never on a final one, else below 100 %
 * of actas): its set's own status, else the election's.
 */
export function kindOpen(doc: Doc, kind: string): boolean {
  const status = doc.sets.find((s) => s.kind === kind)?.status ?? doc.status;
  const pctCounted = 'pctCounted' in status ? status.pctCounted : null;
  return figureOpen({ kind: status.kind, pctCounted });
}

/**
 * A council's seats are open by its kind's count, or while the server has not found them decided
 * (a lot that could move an allocated seat, a draw by cifra's seed, or votes still out that could
 * move one; a last-seat lot on a final count leaves the allocated seats decided).
 */
export const councilOpen = (
  doc: Doc,
  c: { readonly kind: string; readonly seatsDecided: string | null },
): boolean => kindOpen(doc, c.kind) || c.seatsDecided === null;

/** An organisation's seats as the page says them: decided, and on the votes counted (can change). */
export interface SeatSplit {
  readonly decided: number;
  readonly open: number;
}

/**
 * An organisation's seats by the page's rule: the server's decided seats of a kind whose count is
 * open (`kindOpen`) are counted open, as each of those councils' views draws them (rings).
 */
export function orgSeats(doc: Doc, o: Pick<Org, 'seats' | 'seatsOpen'>): SeatSplit {
  let decided = 0;
  let open = 0;
  const add = (r: Tally, asOpen: (kind: string) => boolean): void => {
    for (const [kind, n] of Object.entries(r))
      if (asOpen(kind)) open += n ?? 0;
      else decided += n ?? 0;
  };
  add(o.seats, (kind) => kindOpen(doc, kind));
  add(o.seatsOpen, () => true);
  return { decided, open };
}

/** The same summed over organisations of one type (the national table's rows). */
export function typeSeats(
  doc: Doc,
  orgs: readonly Pick<Org, 'type' | 'seats' | 'seatsOpen'>[],
  type: Org['type'],
): SeatSplit {
  return orgs
    .filter((o) => o.type === type)
    .map((o) => orgSeats(doc, o))
    .reduce((a, b) => ({ decided: a.decided + b.decided, open: a.open + b.open }), {
      decided: 0,
      open: 0,
    });
}

/** The page's strings in its language (web/ui.ts `t`; a test gives one language's). */
export type Words = <K extends keyof Strings>(key: K) => Strings[K];

/**
 * A council's bonus line, "RENOVACION POPULAR: 11 por cifra repartidora → 21 con la mayoría
 * (⌈39/2⌉+1)", or what keeps it from having one, by its case (council-seats-case.ts `seatsCase`,
 * the seat engine's reason, never the votes read again): a lot not drawn, an unknown size, nothing
 * counted, no list may take a seat (the valla, or every vote counted blank or null). A lot drawn by
 * cifra's seed is said as such (not the official sorteo) before the bonus it led to.
 */
export function bonusLine(c: Council, bonusOff: boolean, t: Words): string {
  const k = seatsCase(c);
  switch (k.kind) {
    case 'lot-holds-all':
      return t('ermTie')(k.candidates.join(' / '));
    case 'last-seat-lot':
    case 'most-voted-lot':
      return k.lot === 'open'
        ? t('ermTie')(k.candidates.join(' / '))
        : `${t('ermTieSeeded')(k.candidates.join(' / '))} ${bonusWords(c, bonusOff, t)}`;
    case 'unknown-size':
      return t('ermNoSize');
    case 'not-counted':
      return t('ermNoVotes');
    case 'valla':
      return t('ermNoListPassed');
    case 'blank-or-null':
      return t('ermNoListVote');
    case 'allocated':
      return bonusWords(c, bonusOff, t);
  }
}

/** The bonus of a council whose seats are all allocated: what it gave, or why none. */
function bonusWords(c: Council, bonusOff: boolean, t: Words): string {
  const n = c.totalSeats ?? 0;
  if (bonusOff) return t('ermNoBonusLine')(c.head ?? '?', n);
  if (!c.bonus) return c.head ? t('ermBonusNone')(c.head, c.seats[c.head] ?? 0, n) : t('ermOpen');
  const b = c.bonus;
  return `${b.party}: ${b.before} ${t('ermByCifra')} → ${b.after} ${t('ermWithMajority')} (⌈${n}/2⌉+1)`;
}

/**
 * Seats the seat engine left unallocated, said by the council's case (`seatsCase`): nothing
 * counted, no list may take a seat (the valla, or every vote blank or null: the nullity says
 * whether it is void), a lot for the most-voted list that holds every seat, a last-seat lot that
 * leaves the others decided only when the core says so and the page's open-seats rule (`open`,
 * `councilOpen`) no longer holds them open; null when every seat is allocated.
 */
export function unallocatedLine(
  c: Council,
  open: boolean,
  t: Words,
  num: (n: number) => string,
): string | null {
  const k = seatsCase(c);
  switch (k.kind) {
    case 'not-counted':
      return t('ermSeatsWaitCount')(num(k.seats));
    case 'valla':
      return t('ermSeatsNoListPassed');
    case 'blank-or-null':
      return t('ermSeatsNoListVote');
    case 'lot-holds-all':
      return t('ermSeatsWaitLot')(num(k.seats));
    case 'last-seat-lot':
      if (k.lot === 'seeded') return null;
      return open || !k.othersDecided
        ? t('ermSeatsWaitSomeLot')(num(k.seats))
        : t('ermSeatsWaitSomeLotDecided')(num(k.seats));
    case 'unknown-size':
    case 'most-voted-lot':
    case 'allocated':
      return null;
  }
}

/**
 * Why a council has no mayor to name (no head), by its case: nothing counted yet, no list may
 * take a seat, else not decided (a lot not drawn).
 */
export function noMayorWords(c: Council, t: Words): string {
  const k = seatsCase(c);
  switch (k.kind) {
    case 'not-counted':
      return t('ermMayorNotCounted');
    case 'valla':
    case 'blank-or-null':
      return t('ermMayorNoList');
    case 'lot-holds-all':
    case 'last-seat-lot':
    case 'most-voted-lot':
    case 'unknown-size':
    case 'allocated':
      return t('ermOpen');
  }
}
