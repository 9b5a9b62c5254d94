/**
 * The multi-contest elections bundled in data/contests/ (Peru's regional and municipal ones), by
 * id, the first the ERM view's default. One list for the server (which serves them) and the
 * dashboard (which offers them): a static site cannot list a folder, and site.json names none.
 * test/bundled-contests.test.ts keeps it equal to the folder.
 */
export const BUNDLED_CONTESTS = ['pe-erm-2022', 'pe-erm-2026'] as const;
