import type { Acta } from '../core/model/acta.js';
import {
  planBatch,
  type BatchPlan,
  type PlannedVersion,
  type StoredMesa,
} from '../core/tally/batch-plan.js';
import { FIGURES, type ActaBatch } from '../core/tally/acta-batch.js';
import { versionHash } from './audit.js';
import type { ImportMeta, IncomingActa, PlaceNames } from './store.js';

/**
 * What an import session carries from one batch to the next, for every store: the hash chain's
 * head and the places already written. A store reads the batch's mesas, asks for the plan,
 * executes it, and reports it done once its writes are in.
 */
export class ImportPlanner {
  private readonly placed = new Set<string>();

  constructor(
    private readonly meta: ImportMeta,
    private readonly importId: number,
    private chain: string,
  ) {}

  plan(
    stored: ReadonlyMap<string, StoredMesa>,
    incoming: readonly IncomingActa[],
  ): BatchPlan<PlaceNames> {
    const mode = this.meta.mode;
    // a re-read records a cut: it reads no acta (ingest/reread.ts), so a batch of one is a bug
    if (mode === 'reread') throw new Error(`import ${this.importId} is a re-read: it has no actas`);
    return planBatch({
      stored,
      incoming,
      mode,
      importId: this.importId,
      recordedAt: this.meta.startedAt,
      chain: this.chain,
      placed: this.placed,
      hash: versionHash,
    });
  }

  /** The plan's writes are in (a batch that failed is never done: its plan is forgotten). */
  done(plan: BatchPlan<PlaceNames>): void {
    this.chain = plan.chain;
    for (const w of plan.writes) if (w.op === 'insert_place') this.placed.add(w.ubigeo);
  }

  /**
   * The plan of a batch of an import into an election with no versions, from its columns: every
   * row is then version 1 of a mesa new to the election ('new', current; a file's repeated mesa
   * is quarantined before), which is what `plan` decides for it. Returns each version's link of
   * the chain, in row order, and the places first named in this batch; the chain and the places
   * move on as `done` moves them. One record is filled and hashed per row (ADR 012).
   */
  planFresh(batch: ActaBatch<PlaceNames>): { hashes: string[]; places: [string, PlaceNames][] } {
    const votes: number[] = [];
    const acta: { -readonly [K in keyof Acta]: Acta[K] } = {
      election: batch.election,
      mesa: '',
      ubigeo: '',
      state: 'counted',
      stateLabel: '',
      eligible: 0,
      voters: null,
      votes: null,
      blank: 0,
      null: 0,
      impugned: 0,
    };
    const record: { -readonly [K in keyof PlannedVersion]: PlannedVersion[K] } = {
      mesa: '',
      version: 1,
      kind: 'new',
      acta,
      importId: this.importId,
      row: 0,
      recordedAt: this.meta.startedAt,
      warnings: '[]',
      isCurrent: true,
      conflict: false,
      hash: '',
    };
    const hashes = new Array<string>(batch.n);
    const places: [string, PlaceNames][] = [];
    const f = batch.figures;
    let at = 0;
    for (let k = 0; k < batch.n; k++) {
      const len = batch.votesLen[k] as number;
      const item = batch.items[k];
      const ubigeo = batch.ubigeo[k] as string;
      const place = batch.place[k];
      if (place !== undefined && !this.placed.has(ubigeo)) {
        this.placed.add(ubigeo);
        places.push([ubigeo, place]);
      }
      if (item !== undefined) {
        record.acta = item.acta;
        record.warnings = item.warnings.length === 0 ? '[]' : JSON.stringify(item.warnings);
      } else {
        const x = k * FIGURES;
        const voters = f[x + 1] as number;
        acta.mesa = batch.mesa[k] as string;
        acta.ubigeo = ubigeo;
        acta.state = batch.state[k] as Acta['state'];
        acta.stateLabel = batch.label[k] as string;
        acta.eligible = f[x] as number;
        acta.voters = Number.isNaN(voters) ? null : voters;
        if (len < 0) acta.votes = null;
        else {
          votes.length = len;
          for (let j = 0; j < len; j++) votes[j] = batch.votes[at + j] as number;
          acta.votes = votes;
        }
        acta.blank = f[x + 2] as number;
        acta.null = f[x + 3] as number;
        acta.impugned = f[x + 4] as number;
        record.acta = acta;
        record.warnings = '[]';
      }
      record.mesa = batch.mesa[k] as string;
      record.row = f[k * FIGURES + 5] as number;
      this.chain = hashes[k] = versionHash(this.chain, record);
      at += Math.max(len, 0);
    }
    return { hashes, places };
  }
}
