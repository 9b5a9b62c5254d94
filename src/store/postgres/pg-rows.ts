// How the PostgreSQL store's queries are run and their rows read back: actas with votes as int[].
import type pg from 'pg';
import type { Acta } from '../../core/model/acta.js';
import { actaOf, actaVersionOf, chainedOf, type Row } from '../rows.js';

/** A query on one connection or the pool. */
export type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

const pgVotes = (v: unknown): number[] | null => (v as number[] | null) ?? null;
export const acta = (election: string, r: Row): Acta => actaOf(election, r, pgVotes);
export const chained = (r: Row) => chainedOf(r, pgVotes);
export const actaVersion = (election: string, r: Row) => actaVersionOf(election, r, pgVotes);
