import type { ElectionDef } from '../core/model/acta.js';
import { requireJurisdiction } from '../jurisdictions/load.js';
import type { Store } from '../store/store.js';
import { servedFigures } from './document-schemas.js';
import { figuresHash } from './figures-hash.js';
import { pollingPlacesOf } from './polling-places.js';
import { perRevision } from './per-revision.js';

/** What a poll-watcher checks a mesa's row by, beside its figures (the mesa CSV's columns). */
export interface MesaFacts {
  /** The current version's number (the acta document's history names each). */
  readonly version: number;
  /** The current version's figuresHash (figures-hash.ts): what a claim before a JEE cites. */
  readonly figuresHash: string;
  /** A later import brought another version that was not applied. */
  readonly conflict: boolean;
}

/** A lookup of each current acta's facts and each mesa's polling place, at one revision. */
export interface MesaFactsAt {
  readonly facts: ReadonlyMap<string, MesaFacts>;
  /** The polling place's name (the local de votación) where the election's data give one. */
  readonly pollingPlace: ReadonlyMap<string, string>;
}

/** Actas hashed between two turns of the event loop (a few milliseconds' work). */
const HASH_STEP = 4096;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const MEMO = new WeakMap<Store, Map<string, Promise<unknown>>>();

/**
 * Each current acta's version, figuresHash and conflict flag at the election's `revision`, and
 * each mesa's polling place; null when the store has moved past `revision` (the caller's snapshot
 * of the figures is older: it reads a new one and asks again). Made once per revision and kept
 * as small records (the nation's 86,488 actas are read once, not held).
 */
export async function mesaFacts(
  store: Store,
  election: ElectionDef,
  revision: string,
): Promise<MesaFactsAt | null> {
  if ((await store.revision(election.id)) !== revision) return null;
  return perRevision(
    MEMO,
    store,
    `${election.id}|${revision}`,
    async () => {
      const actas = await store.currentActas(election.id);
      // read at another revision than the caller's figures: no facts of theirs
      if ((await store.revision(election.id)) !== revision) return null;
      const facts = new Map<string, MesaFacts>();
      for (let i = 0; i < actas.length; i++) {
        if (i > 0 && i % HASH_STEP === 0) await turn();
        const a = actas[i];
        if (a === undefined) continue;
        const hash = figuresHash(servedFigures(a));
        facts.set(a.mesa, { version: a.version, figuresHash: hash, conflict: a.conflict });
      }
      return { facts, pollingPlace: await pollingPlaces(store, election) };
      // two revisions kept at most: a stream of the last one may still be read as the next begins
    },
    2,
  );
}

/** Each mesa's polling place name, by the mesa's code as the jurisdiction pads it. */
async function pollingPlaces(store: Store, election: ElectionDef): Promise<Map<string, string>> {
  const found = await pollingPlacesOf(election);
  const byMesa = new Map<string, string>();
  if (!found.ok) return byMesa;
  const pad = requireJurisdiction(election.jurisdiction).padMesa;
  for (const p of found.value.places) for (const m of p.mesas) byMesa.set(pad(m), p.name);
  return byMesa;
}
