/**
 * Applied versions a page on PostgreSQL: the 2021 runoff's course (86 k versions, 4 imports;
 * bench/course-pages.ts, load ~10) took 4.1 s in pages of 256, 2.5 s of 1,024 (longest hold
 * 65 ms), 2.4 s of 4,096 (143 ms): past 1,024 fewer round trips gain nothing, and a page's rows
 * are parsed and applied in one stretch of the event loop. Its own module, without the driver:
 * the lazily loaded store (open.ts) answers it before the driver is loaded.
 */
export const PG_APPLIED_PAGE_ROWS = 1024;

/**
 * A page of an election's applied versions (Store.appliedVersionPage): migration 14's function,
 * whose own `enable_sort = off` keeps the plan an index read of the key in order, its values bound
 * ($1 election, $2 after id, $3 after import, $4 up to import, $5 limit) in one round trip.
 */
export const APPLIED_PAGE_SQL = 'SELECT * FROM applied_version_page($1, $2, $3, $4, $5)';
