/**
 * The pool a PgStore reads through: `size` connections at most (8 by default: a server's
 * concurrent reads), and the name its connections show in pg_stat_activity (an operator tells
 * them apart: 'cifra' unless named). Its own module: the audit worker's options name it without loading the store.
 */
export interface PgPoolOptions {
  readonly size?: number | undefined;
  readonly applicationName?: string | undefined;
}

/** What a pool not named otherwise shows in pg_stat_activity (the server's, a command's). */
export const DEFAULT_APPLICATION_NAME = 'cifra';
