// Which council seats the ERM page says are decided: one rule for the national tables and each
// council's view, so a council drawn as rings is never counted as assigned. Pure, for a node test.
import type { Contest, ContestsElection } from './api-client.js';
import { noEligibleListWhy } from '../src/core/pipeline/unallocated-reason.js';
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
 * (⌈39/2⌉+1)", or what keeps it from having one: a reported tie, an unknown size, the seat
 * engine's reason (nothing counted; no list may take a seat: the valla, or every vote counted
 * blank or null).
 */
export function bonusLine(c: Council, bonusOff: boolean, t: Words): string {
  const n = c.totalSeats;
  const tie = c.ties[0];
  if (tie) return t('ermTie')(tie.candidates.join(' / '));
  if (n === null) return t('ermNoSize');
  // the seat engine's reason, never the votes read again: all-blank or all-null votes are counted
  // votes (no_eligible_list), not none (not_counted)
  if (c.unallocatedReason === 'not_counted') return t('ermNoVotes');
  if (c.unallocatedReason === 'no_eligible_list')
    return noEligibleListWhy(c.votes) === 'valla' ? t('ermNoListPassed') : t('ermNoListVote');
  if (bonusOff) return t('ermNoBonusLine')(c.head ?? '?', n);
  if (!c.bonus) return c.head ? t('ermBonusNone')(c.head, c.seats[c.head] ?? 0, n) : t('ermOpen');
  const b = c.bonus;
  return `${b.party}: ${b.before} ${t('ermByCifra')} → ${b.after} ${t('ermWithMajority')} (⌈${n}/2⌉+1)`;
}

/**
 * A council no list may take a seat of (`no_eligible_list`): the valla kept out every list with a
 * vote, or every vote counted was blank or null (`noEligibleListWhy`). Said only what is known.
 */
export const noListSeatsLine = (c: Pick<Council, 'votes'>, t: Words): string =>
  noEligibleListWhy(c.votes) === 'valla' ? t('ermSeatsNoListPassed') : t('ermSeatsNoListVote');
