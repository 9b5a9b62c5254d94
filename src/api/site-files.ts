import { existsSync, readFileSync } from 'node:fs';
import { issue, type Issue } from '../core/issues.js';
import { basename, join } from 'node:path';
import { builtInContestsIds, contestsFile } from '../elections/contests.js';
import { dashboardGeography } from '../io/geography.js';
import { PROJECT_ROOT } from '../io/paths.js';
import { loadJurisdiction } from '../jurisdictions/load.js';
import type { Store } from '../store/store.js';
import { PATHS } from './paths.js';

/** A file of the dashboard: its URL path, content type and bytes (read when asked). */
export interface SiteFile {
  readonly url: string;
  readonly type: string;
  readonly body: () => string | Buffer;
}

const JS = 'text/javascript; charset=utf-8';
/** The one page any site may frame (the embeddable page: headline, map, course; web/embed.ts). */
export const EMBED_PAGE = '/embed.html';
/** The dashboard's bundle (web/*.ts and d3, built by esbuild: `npm run build:web`) and its source map. */
function bundleFile(name: string, type: string): SiteFile {
  const file = join(PROJECT_ROOT, 'dist', 'web', name);
  // a checkout without the build is a setup bug, said plainly rather than as a blank page
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run build:web\` (npm ci does it)`);
  return { url: `/${name}`, type, body: () => readFileSync(file) };
}

/** What a site carries beyond its elections' documents: one decision for publish and serve. */
export interface SiteScope {
  /** The bundled multi-contest elections (data/contests, and any added file) it carries, by id. */
  readonly contests: readonly string[];
  /** The jurisdictions whose maps it carries: ids, or a user's folder by its absolute path. */
  readonly jurisdictions: readonly string[];
}

/** Told of a multi-contest election's file the site leaves out (the server logs it). */
export type SkippedContests = (warning: Issue) => void;

/**
 * A multi-contest election's jurisdiction (its manifest's `jurisdiction`), read from its file
 * (null: none named). A file that cannot be read or is not JSON (a user's, edited after it was
 * added) is undefined: left out with a coded warning, never a failure of every page that asks
 * what the site carries.
 */
function contestsJurisdiction(id: string, skipped: SkippedContests): string | null | undefined {
  const file = contestsFile(id);
  let m: { jurisdiction?: unknown } | null;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as { jurisdiction?: unknown } | null;
  } catch (e) {
    const problem = e instanceof Error ? e.message : String(e);
    skipped(issue('election_invalid', ['contests', id], { file, problem }, 'warning'));
    return undefined;
  }
  return typeof m?.jurisdiction === 'string' ? m.jurisdiction : null;
}

/**
 * The one rule for what a site carries (review 25; the server once answered Peru's regional view
 * and map on a store of another country's elections, which its published copy did not carry):
 * the multi-contest elections of the store's elections' jurisdictions (a user's folder is named by
 * its folder), or every one of them for a store without elections (a fresh server, the demo); and
 * a jurisdiction's map iff the site carries one of its elections or of its contests.
 */
export async function siteScope(
  store: Store,
  ids: readonly string[] = builtInContestsIds(),
  skipped: SkippedContests = () => {},
): Promise<SiteScope> {
  const stored = [...new Set((await store.listElections()).map((d) => d.jurisdiction))];
  const named = stored.map((j) => basename(j));
  const of = new Map(ids.map((id) => [id, contestsJurisdiction(id, skipped)]));
  const contests = ids.filter((id) => {
    const j = of.get(id);
    // undefined: a file left out, carried by no store
    return j !== undefined && (stored.length === 0 || (j !== null && named.includes(j)));
  });
  // a carried contest's jurisdiction is one of the store's already, unless the store is empty
  const extra = contests.flatMap((id) => of.get(id) ?? []).filter((j) => !named.includes(j));
  return { contests, jurisdictions: [...new Set([...stored, ...extra])] };
}

/**
 * The site's scope as the store stands (`revision`: the store's, cheap to ask), decided again
 * only when it moves: an election ingested into a fresh server's store narrows what it serves.
 * The contests files are read once per revision, and a file left out is told once per revision.
 */
export function siteScopeAt(
  store: Store,
  revision: () => Promise<string>,
  skipped?: SkippedContests,
): () => Promise<SiteScope> {
  let memo: { at: string; scope: Promise<SiteScope> } | null = null;
  return async () => {
    const at = await revision();
    if (memo?.at !== at) {
      const scope = siteScope(store, builtInContestsIds(), skipped);
      memo = { at, scope };
      // a failed read is not kept: the next request asks again
      scope.catch(() => memo?.scope === scope && (memo = null));
    }
    return memo.scope;
  };
}

/**
 * The map of each jurisdiction that declares its shapes (`geography`), at /geo/<id>.json; one
 * that no longer loads (a user's folder gone) has none, as its places.json says.
 */
export function geographyFiles(jurisdictions: readonly string[]): SiteFile[] {
  const out = new Map<string, SiteFile>();
  for (const ref of jurisdictions) {
    const r = loadJurisdiction(ref);
    const geography = r.ok ? r.value.file.geography : undefined;
    if (!r.ok || geography === undefined || out.has(r.value.id)) continue;
    const folder = r.value.folder;
    out.set(r.value.id, {
      url: PATHS.geography(r.value.id),
      type: 'application/json; charset=utf-8',
      body: () => JSON.stringify(dashboardGeography(geography, folder)),
    });
  }
  return [...out.values()];
}

/** The dashboard's page, styles, icon and bundle: every site's, whatever it carries. */
export function pageFiles(): SiteFile[] {
  const web = join(PROJECT_ROOT, 'web');
  return [
    {
      url: '/',
      type: 'text/html; charset=utf-8',
      body: () => readFileSync(join(web, 'index.html')),
    },
    {
      url: '/style.css',
      type: 'text/css; charset=utf-8',
      body: () => readFileSync(join(web, 'style.css')),
    },
    // the page names its icon: a static host would answer the browser's /favicon.ico with a 404
    {
      url: '/favicon.svg',
      type: 'image/svg+xml',
      body: () => readFileSync(join(web, 'favicon.svg')),
    },
    bundleFile('app.js', JS),
    bundleFile('app.js.map', 'application/json; charset=utf-8'),
    // the embeddable page (headline, map, course): a newsroom frames it (http-safety.ts lets only it be framed)
    {
      url: EMBED_PAGE,
      type: 'text/html; charset=utf-8',
      body: () => readFileSync(join(web, 'embed.html')),
    },
    bundleFile('embed.js', JS),
    bundleFile('embed.js.map', 'application/json; charset=utf-8'),
  ];
}

/**
 * The dashboard's files: the page and styles (web/), its bundle (dist/web/, d3 inside) and the
 * maps of the jurisdictions `scope` carries. The static site's (`cifra publish`); the server
 * serves the same (registerDashboard), its maps as its scope stands at each request.
 */
export function dashboardFiles(scope: SiteScope): SiteFile[] {
  return [...pageFiles(), ...geographyFiles(scope.jurisdictions)];
}
