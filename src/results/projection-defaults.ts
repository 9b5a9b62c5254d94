// The projection's defaults, apart from the projection: the CLI's option table shows them, and
// `cifra ingest` builds that table without loading the projection (a tenth of its start-up).
export const DEFAULT_SIMS = 2000;
export const DEFAULT_SEED = 2026;
