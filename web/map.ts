// The map: each department (and Lima's two shapes) in the colour of its leader, with a legend, and
// the vote abroad beside it; a click drills there. d3-geo (bundled) draws it.
import { lacksAbroad } from './abroad.js';
import { geoMercator, geoPath } from 'd3-geo';
import { PATHS } from '../src/api/paths.js';
import { unitLeadHolds } from '../src/results/leaders.js';
import {
  api,
  type Api,
  type MapShape,
  type MapShapes,
  type Results,
  type ResultUnit,
} from './api-client.js';
import { figure, leader, percent } from './bars.js';
import { drill } from './drill.js';
import { crumbsTo } from './search.js';
import {
  $,
  $svg,
  colorOfChoice,
  el,
  electionId,
  fmt,
  norm,
  state,
  svgEl,
  t,
  type Crumb,
  choiceLabel,
  firstName,
} from './ui.js';

type ResultChoice = ResultUnit['choices'][number];

/**
 * The map's legend: each colour on it and whose it is, with the units it leads, most first —
 * units, not shapes: Lima's two shapes drawn from one department count once (`leads` is keyed
 * by unit, the department's for both).
 */
function legendOf(leads: ReadonlyMap<string, ResultChoice | undefined>): HTMLLIElement[] {
  const count = new Map<string, number>();
  for (const l of leads.values()) if (l) count.set(l.id, (count.get(l.id) ?? 0) + 1);
  const label = (id: string): string =>
    choiceLabel(state.choices.find((c) => c.id === id) ?? { id, label: id });
  return [...count]
    .sort((a, b) => b[1] - a[1])
    .map(([id, k]) =>
      el(
        'li',
        { 'data-choice': id },
        el('span', { class: 'swatch', style: `background:${colorOfChoice(id)}` }),
        `${label(id)} (${k})`,
      ),
    );
}

/**
 * Who is ahead in a unit: "lidera" while the count runs, "con más votos" once it is over (neutral: a candidate may be a woman) (review
 * 20 L6: a final said "lidera"); never "won", which a unit's plurality is not in law.
 */
const leadText = (who: string, pct: string, holds = false): string =>
  state.summary?.count.complete === true
    ? `${who}, ${t('mostVoted')} (${pct})`
    : `${who} ${t('leads')} ${pct}${holds ? `; ${t('leadHolds')}` : ''}`;

/** The fill's opacity: from 0.35 at a 0 % lead share to 1 at 39 % and over. */
const shadeOf = (lead: ResultChoice): string =>
  String(0.35 + Math.min(0.65, Number(lead.pctValid) / 60));

/** Less than half of a unit's actas counted (cross-multiplied); a unit without actas is not. */
const fewCounted = (u: ResultUnit): boolean =>
  u.actas !== null && u.actas.total > 0 && 2 * u.actas.processed < u.actas.total;

/** The hatch of each leader's colour used on this drawing (colour → pattern id). */
const hatches = new Map<string, string>();
const hatchOf = (color: string): string => {
  const id = hatches.get(color) ?? `few-counted-${hatches.size}`;
  hatches.set(color, id);
  return id;
};

/** The hatches drawn for units with few actas counted: the leader's colour, striped with white. */
function hatchDefs(): SVGElement {
  const defs = svgEl('defs');
  for (const [color, id] of hatches) {
    const pattern = svgEl('pattern', {
      id,
      patternUnits: 'userSpaceOnUse',
      width: 6,
      height: 6,
      patternTransform: 'rotate(45)',
    });
    pattern.append(
      svgEl('rect', { width: 6, height: 6, fill: color }),
      svgEl('rect', { width: 3, height: 6, fill: '#fff', 'fill-opacity': 0.8 }),
    );
    defs.append(pattern);
  }
  return defs;
}

/** What the shades mean, and the hatch when a unit has it. */
function shadeNote(hatched: boolean): (HTMLElement | string)[] {
  return [
    el('span', { class: 'swatch shade' }),
    t('mapShade'),
    ...(hatched ? [' ', el('span', { class: 'swatch few' }), t('mapFewCounted')] : []),
  ];
}

/** A level's units when the election's jurisdiction has the level, else none (no request: no 404). */
export function resultsIfLevel(reader: Api, level: string): Promise<Pick<Results, 'units'>> {
  const id = electionId();
  return hasLevel(level) ? reader.results(id, level) : Promise.resolve({ units: [] });
}

/** Another jurisdiction's shapes name their own level (its jurisdiction file's `geography`). */
const otherLevels = (geo: MapShapes): string[] =>
  [...new Set(geo.features.map((f) => f.properties.level))].filter(
    (l) => l !== 'department' && l !== 'circunscripcion',
  );

/**
 * Each jurisdiction's shapes, read once per page: they do not move with the count, and a poll
 * that read them again paid a round trip twice per revision on a slow phone (review 22 L6).
 */
const shapes = new Map<string, Promise<MapShapes>>();
function shapesOf(jurisdiction: string): Promise<MapShapes> {
  let geo = shapes.get(jurisdiction);
  if (geo === undefined) {
    geo = api.geography(jurisdiction);
    // a failed read is asked again at the next draw, not kept
    geo.catch(() => shapes.delete(jurisdiction));
    shapes.set(jurisdiction, geo);
  }
  return geo;
}

/**
 * The documents the map reads with the view's cut (the results of each level it colours); none
 * when the jurisdiction has no map. Its shapes are read apart (`shapesOf`).
 */
export async function mapPaths(): Promise<string[]> {
  const id = electionId();
  const jurisdiction = state.places?.jurisdiction;
  if (jurisdiction?.map !== true) return [];
  const geo = await shapesOf(jurisdiction.id);
  const levels = ['department', 'circunscripcion', 'ambito', ...otherLevels(geo)];
  return levels.filter(hasLevel).map((l) => PATHS.results(id, l));
}

/** Whether the election's jurisdiction has `level` (its results are then read). */
export const hasLevel = (level: string): boolean =>
  state.places?.levels.some((l) => l.id === level) ?? false;

/**
 * What a click on a unit does: the dashboard drills there; the embed (embed.ts) opens the
 * dashboard drilled there in a new tab. One drawing for both.
 */
export type OpenUnit = (crumbs: Crumb[]) => unknown;
const drillHere: OpenUnit = (crumbs) => drill(crumbs, true);

/** The map's parts that speak of drawn units (night review 5): none drawn, only the no-data hint. */
const UNIT_PARTS = ['map', 'skip-map', 'map-legend', 'map-shade'] as const;

/** Hides the map, its skip link, legend and shade note when no unit is drawn (shown again when one is). */
function withoutUnits(none: boolean): void {
  for (const id of UNIT_PARTS) {
    const node = document.getElementById(id);
    node?.toggleAttribute('hidden', none);
    // an svg is no HTML element: the page's [hidden] rule does not reach it
    if (node instanceof SVGElement) node.style.display = none ? 'none' : '';
  }
}

/**
 * The map where the jurisdiction declares its shapes (Peru's departments); else it is hidden.
 * Draws into #map-section (its .hint), #map, #map-legend, #map-shade and #abroad.
 */
export async function renderMap(reader: Api, openUnit: OpenUnit = drillHere): Promise<void> {
  const section = $('map-section');
  section.hidden = state.places?.jurisdiction.map !== true;
  if (section.hidden) return;
  const [geo, deps, circ, ambito] = await Promise.all([
    shapesOf(state.places?.jurisdiction.id ?? ''),
    resultsIfLevel(reader, 'department'),
    resultsIfLevel(reader, 'circunscripcion'),
    resultsIfLevel(reader, 'ambito'),
  ]);
  const others = otherLevels(geo);
  const rest = await Promise.all(others.map((l) => resultsIfLevel(reader, l)));
  const units = new Map([
    ...deps.units.map((u) => [`department:${u.code}`, u] as const),
    ...circ.units.map((u) => [`circunscripcion:${u.code}`, u] as const),
    ...rest.flatMap((r, i) => r.units.map((u) => [`${others[i] ?? ''}:${u.code}`, u] as const)),
  ]);
  // a source by circunscripción only (a Congress): each department shape shows the circunscripción
  // of the same name (the codes differ: the ONPE's for circunscripciones, RENIEC's for departments)
  const byCirc = deps.units.length === 0 && circ.units.length > 0;
  const circByName = new Map(circ.units.map((u) => [norm(u.name), u]));
  const svg = $svg('map');
  const none = !byCirc && deps.units.length === 0 && rest.every((r) => r.units.length === 0);
  const hint = $('map-section').querySelector('.hint');
  if (hint) hint.textContent = byCirc ? t('mapHintCirc') : none ? t('noMap') : t('mapHint');
  // the title names what is drawn: a Congress's circunscripciones (Lima's two apart), not departments
  const title = document.getElementById('map-title');
  if (title) {
    title.dataset['i18n'] = byCirc ? 'mapByCirc' : 'map';
    title.textContent = t(byCirc ? 'mapByCirc' : 'map');
  }
  withoutUnits(none);
  svg.replaceChildren();
  hatches.clear();
  const leads = new Map<string, ResultChoice | undefined>();
  const drawn = new Set<ResultUnit>();
  if (!none) {
    const path = geoPath(geoMercator().fitSize([400, 560], geo));
    for (const f of geo.features)
      svg.append(shapeOf(f, path(f) ?? '', { units, byCirc, circByName, leads, drawn, openUnit }));
    svg.prepend(hatchDefs());
  }
  $('map-legend').replaceChildren(...legendOf(leads));
  $('map-shade').replaceChildren(...(none ? [] : shadeNote(hatches.size > 0)));
  // the note "abroad is missing" only where the results split Peru from abroad and lack abroad
  const missing = lacksAbroad(ambito.units.map((u) => u.code));
  // a Congress's circunscripción no shape draws (Peruanos Residentes en el Extranjero): abroad's
  const offMap = byCirc ? circ.units.filter((u) => !drawn.has(u)) : [];
  const abroad =
    offMap.length === 1 && offMap[0]
      ? {
          unit: offMap[0],
          crumb: { level: 'circunscripcion', code: offMap[0].code, name: offMap[0].name },
        }
      : undefined;
  const ambitoAbroad = ambito.units.find((u) => u.code === 'EXTRANJERO');
  renderAbroad(
    abroad ??
      (ambitoAbroad && {
        unit: ambitoAbroad,
        crumb: { level: 'ambito', code: 'EXTRANJERO', name: t('abroad') },
      }),
    missing,
    openUnit,
  );
}

/** What every shape of the map reads: the units by level and code, and the legend's leaders. */
interface ShapeContext {
  readonly units: ReadonlyMap<string, ResultUnit>;
  /** A source by circunscripción only: each department shape shows the one of its name. */
  readonly byCirc: boolean;
  readonly circByName: ReadonlyMap<string, ResultUnit>;
  /** Filled as shapes are drawn: each counted unit's leader, for the legend. */
  readonly leads: Map<string, ResultChoice | undefined>;
  /** Filled as shapes are drawn: the units some shape shows (a unit none shows is off the map). */
  readonly drawn: Set<ResultUnit>;
  readonly openUnit: OpenUnit;
}

/** One shape: its unit's leader's colour and shade (hatched when little is counted), drillable. */
function shapeOf(f: MapShape, d: string, c: ShapeContext): SVGPathElement {
  const { units, byCirc, circByName, leads, openUnit } = c;
  const p = f.properties;
  // Lima's two shapes use circunscripción results; a source without them falls back to the
  // department, and each shape then says its figures are the whole department's
  const own = units.get(`${p.level}:${p.code}`);
  const whole =
    !own && p.level === 'circunscripcion' ? units.get(`department:${p.reniec}`) : undefined;
  const unit = own ?? whole ?? (byCirc ? circByName.get(norm(p.name)) : undefined);
  if (unit) c.drawn.add(unit);
  // the unit's name as the results (and the list beside) spell it: ÁNCASH, not the shapes' ANCASH
  const shownName = unit && !whole ? firstName(unit.name) : p.name;
  const name = whole ? `${p.name} (${t('wholeDepartment')(whole.name)})` : shownName;
  const lead = unit && (unit.valid ?? 0) > 0 ? leader(unit) : undefined;
  // the legend counts departments: Lima's two shapes (circunscripciones) are its department's,
  // led by whoever leads the department as a whole
  const dep =
    byCirc || p.level !== 'circunscripcion' ? undefined : units.get(`department:${p.reniec}`);
  const counted = dep ?? unit;
  if (counted)
    leads.set(
      `${counted.level}:${counted.code}`,
      (counted.valid ?? 0) > 0 ? leader(counted) : undefined,
    );
  const node = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  node.setAttribute('d', d);
  const color = lead ? colorOfChoice(lead.id) : '#ccc';
  // the shade: stronger the larger the leader's % of valid votes (the legend's note says so)
  node.setAttribute('fill-opacity', lead ? shadeOf(lead) : '0.5');
  // a unit with little counted is hatched over its colour: its lead may not hold
  const few = unit !== undefined && lead !== undefined && fewCounted(unit);
  node.setAttribute('fill', few ? `url(#${hatchOf(color)})` : color);
  if (few) node.dataset.few = 'true';
  node.setAttribute('tabindex', '0');
  node.setAttribute('role', 'button');
  node.dataset.code = p.code;
  node.dataset.level = p.level;
  // a lead the unit's votes still out cannot overturn (the national "decided" bound, per unit)
  const holds =
    unit !== undefined &&
    lead !== undefined &&
    unitLeadHolds(state, unit.choices, {
      eligibleRemaining: unit.eligibleRemaining,
      impugned: unit.impugned,
      pendingWithFigures: unit.actas?.pendingWithFigures,
    });
  if (holds) node.dataset.leadHolds = 'true';
  const actas = unit ? actasOf(unit) : '';
  node.setAttribute(
    'aria-label',
    `${name}${lead ? `: ${leadText(choiceLabel(lead), percent(lead.pctValid), holds)}` : ''}${actas}`,
  );
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.textContent = node.getAttribute('aria-label') ?? '';
  node.append(title);
  const open = (): unknown =>
    byCirc
      ? unit && openUnit([{ level: 'circunscripcion', code: unit.code, name: unit.name }])
      : p.level === 'department'
        ? openUnit([{ level: 'department', code: p.code, name: shownName }])
        : p.code === '15'
          ? openUnit(crumbsOf('province', '1401', p.name))
          : openUnit([{ level: 'department', code: '14', name: 'LIMA' }]);
  node.addEventListener('click', open);
  node.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    void open();
  });
  return node;
}

/** Crumbs to a unit through places.json when the election has it, else the unit alone. */
function crumbsOf(level: string, code: string, name?: string): Crumb[] {
  return state.places ? crumbsTo(state.places, level, code) : [{ level, code, name: name ?? code }];
}

/** Abroad's share of actas processed, where the source counts actas (never "0 %" beside votes, never "100" while some are out). */
function actasOf(u: ResultUnit): string {
  const a = u.actas;
  return a && a.total > 0 ? ` · ${percent(a.pctProcessed)} ${t('actasWord')}` : '';
}

/** Abroad: its leader once it has votes; with none counted, says so (never "X 0.000 %"). */
function renderAbroad(
  off: { readonly unit: ResultUnit; readonly crumb: Crumb } | undefined,
  missing: boolean,
  openUnit: OpenUnit,
): void {
  const abroad = off?.unit;
  const lead = abroad && (abroad.valid ?? 0) > 0 ? leader(abroad) : null;
  // a source without the vote abroad says so: its electors are still out, not zero
  const text = !abroad
    ? t('abroadMissing')
    : lead
      ? `${t('abroad')}: ${choiceLabel(lead)} ${percent(lead.pctValid)} · ${figure(abroad.valid)} ${t('valid').toLowerCase()}${actasOf(abroad)}`
      : abroad.actas === null
        ? `${t('abroad')}: ${t('noneCounted')}`
        : `${t('abroad')}: ${t('noneCounted')} (${t('actasCount')(fmt(abroad.actas.total))})`;
  $('abroad').replaceChildren(
    !abroad
      ? missing
        ? el('p', { class: 'hint', id: 'abroad-missing' }, text)
        : ''
      : el(
          'button',
          {
            type: 'button',
            onclick: () => off && openUnit([off.crumb]),
          },
          text,
        ),
  );
}
