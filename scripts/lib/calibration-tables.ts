import type { CalibrationMode, CalibrationRun } from './calibration.js';
import type { ReplayOrder } from '../../src/core/projection/replay-order.js';

/**
 * The calibration's tables as Markdown (npm run calibrate prints them; docs/projection.md keeps a
 * run): per mode, order and checkpoint, the projection's error against the two baselines, its
 * intervals' coverage and width, and how early it names the real outcome with p ≥ 0.9.
 */
export interface CalibrationDataset {
  readonly title: string;
  readonly kind: 'first-round' | 'runoff';
  readonly runs: readonly CalibrationRun[];
}

/** Orders that resemble a real count (the targets are stated on these). */
export const REALISTIC_ORDERS: readonly ReplayOrder[] = ['urban-first', 'odpe'];
/** The range of the count where the targets apply. */
export const TARGET_RANGE = { from: 0.25, to: 0.5 } as const;

const mean = (xs: readonly number[]): number =>
  xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (x: number): string => `${(100 * x).toFixed(0)} %`;
const pp = (x: number): string => x.toFixed(2);
const signed = (x: number): string =>
  `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(100 * x).toFixed(0)} %`;

/** z of a two-sided 90 % interval: Φ⁻¹(0.95). */
const Z90 = 1.6448536269514722;

/**
 * The Wilson score interval of a proportion x/n (Wilson 1927; Agresti & Coull 1998: near nominal
 * at small n, unlike the Wald interval, and never outside [0, 1]). Coverage counts out of a dozen
 * replays need one: 12/12 is consistent with a true rate well below 100 %.
 */
export function wilsonInterval(x: number, n: number, z = Z90): { lo: number; hi: number } {
  if (n <= 0) return { lo: 0, hi: 1 };
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/** Coverage as x/n with its 90 % Wilson interval; x sums the runs' covered shares of the top choices. */
export function coverCount(covered: readonly number[]): string {
  const x = covered.reduce((a, b) => a + b, 0);
  const n = covered.length;
  const { lo, hi } = wilsonInterval(x, n);
  const xs = Number.isInteger(x) ? String(x) : x.toFixed(1);
  return `${xs}/${n} [${(100 * lo).toFixed(0)}–${(100 * hi).toFixed(0)} %]`;
}

const MODE_TITLE: Record<CalibrationMode, string> = {
  mesas: 'Per-mesa projection',
  'department-snapshot': 'Department snapshots',
};

/** One mode's table: a row per order and checkpoint, means over the seeds. */
export function modeTable(d: CalibrationDataset, mode: CalibrationMode): string {
  const runs = d.runs.filter((r) => r.mode === mode);
  const orders = [...new Set(runs.map((r) => r.order))];
  const checkpoints = [...new Set(runs.map((r) => r.checkpoint))].sort((a, b) => a - b);
  const outcome = d.kind === 'runoff' ? 'winner right' : 'pair right';
  const lines = [
    `| order | counted | MAE proj. (pp) | MAE unit scaling | MAE raw count | proj. vs unit scaling | 90 % cover | 90 % cover x/n [90 % CI] | 80 % cover | 90 % width (pp) | ${outcome} (proj. / raw) | P(real ${d.kind === 'runoff' ? 'winner' : 'pair'}) |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const order of orders)
    for (const c of checkpoints) {
      const rs = runs.filter((r) => r.order === order && r.checkpoint === c);
      if (rs.length === 0) continue;
      const mp = mean(rs.map((r) => r.maeProjected));
      const mu = mean(rs.map((r) => r.maeUnitScaling));
      lines.push(
        `| ${order} | ${pct(c)} | ${pp(mp)} | ${pp(mu)} | ${pp(mean(rs.map((r) => r.maeNaive)))} | ${signed(mu > 0 ? mp / mu - 1 : 0)} | ${pct(mean(rs.map((r) => r.covered90)))} | ${coverCount(rs.map((r) => r.covered90))} | ${pct(mean(rs.map((r) => r.covered80)))} | ${pp(mean(rs.map((r) => r.width90)))} | ${rs.filter((r) => r.outcomeRight).length}/${rs.length} / ${rs.filter((r) => r.naiveOutcomeRight).length}/${rs.length} | ${mean(rs.map((r) => r.pTrue)).toFixed(2)} |`,
      );
    }
  lines.push(
    '',
    `Overall 90 % coverage (${MODE_TITLE[mode].toLowerCase()}, ${runs.length} projections): ${pct(mean(runs.map((r) => r.covered90)))}; 80 %: ${pct(mean(runs.map((r) => r.covered80)))}`,
  );
  return lines.join('\n');
}

/** The first checkpoint from which a condition holds at every later checkpoint of a run. */
function settledFrom(
  runs: readonly CalibrationRun[],
  holds: (r: CalibrationRun) => boolean,
): number {
  const sorted = [...runs].sort((a, b) => a.checkpoint - b.checkpoint);
  let from = Number.POSITIVE_INFINITY;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const r = sorted[i] as CalibrationRun;
    if (!holds(r)) break;
    from = r.checkpoint;
  }
  return from;
}

/** Per mode and order: how often the projection names the real outcome (p ≥ 0.9) before the raw count shows it. */
export function earlinessTable(d: CalibrationDataset): string {
  const lines = [
    '| mode | order | p ≥ 0.9 on the real outcome before the raw count shows it | from (proj., median) | raw count from (median) | runs with p ≤ 0.1 on the real outcome at some checkpoint |',
    '|---|---|---|---|---|---|',
  ];
  const modes = [...new Set(d.runs.map((r) => r.mode))];
  for (const mode of modes)
    for (const order of [...new Set(d.runs.map((r) => r.order))]) {
      const seeds = [...new Set(d.runs.map((r) => r.seed))];
      const rows = seeds.map((seed) => {
        const rs = d.runs.filter((r) => r.mode === mode && r.order === order && r.seed === seed);
        return {
          proj: settledFrom(rs, (r) => r.pTrue >= 0.9),
          raw: settledFrom(rs, (r) => r.naiveOutcomeRight),
          wrong: rs.some((r) => r.pTrue <= 0.1),
        };
      });
      if (rows.length === 0) continue;
      const med = (xs: number[]): string => {
        const s = [...xs].sort((a, b) => a - b);
        const m = s[Math.floor((s.length - 1) / 2)] as number;
        return Number.isFinite(m) ? pct(m) : 'never';
      };
      lines.push(
        `| ${MODE_TITLE[mode]} | ${order} | ${rows.filter((x) => x.proj < x.raw).length}/${rows.length} | ${med(rows.map((x) => x.proj))} | ${med(rows.map((x) => x.raw))} | ${rows.filter((x) => x.wrong).length}/${rows.length} |`,
      );
    }
  return lines.join('\n');
}

/** A checkpoint as a %, or "never" (a condition that never settles before the count ends). */
const from = (x: number): string => (Number.isFinite(x) ? pct(x) : 'never');

/**
 * The early call, per mode, order and seed (issue 13's target: the real outcome at p ≥ 0.9 before
 * the raw count shows it): (a) where the raw count first shows the real winner (pair) ahead for
 * good, (b) where the projection first gives it p ≥ 0.9 for good, (c) where it first gives a wrong
 * outcome p ≥ 0.9 — a wrong confident call, which must never happen.
 */
export function earlyCallTable(d: CalibrationDataset): string {
  const what = d.kind === 'runoff' ? 'winner' : 'pair';
  const lines = [
    `| mode | order | seed | (a) raw count shows the real ${what} for good from | (b) p ≥ 0.9 on it for good from | (b) before (a) | (c) wrong ${what} at p ≥ 0.9 | max P(wrong) |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  const summary: string[] = [];
  for (const mode of [...new Set(d.runs.map((r) => r.mode))])
    for (const order of [...new Set(d.runs.map((r) => r.order))]) {
      const seeds = [...new Set(d.runs.map((r) => r.seed))].sort((a, b) => a - b);
      let early = 0;
      let wrong = 0;
      let n = 0;
      for (const seed of seeds) {
        const rs = d.runs
          .filter((r) => r.mode === mode && r.order === order && r.seed === seed)
          .sort((a, b) => a.checkpoint - b.checkpoint);
        if (rs.length === 0) continue;
        n++;
        const raw = settledFrom(rs, (r) => r.naiveOutcomeRight);
        const proj = settledFrom(rs, (r) => r.pTrue >= 0.9);
        const bad = rs.find((r) => r.pWrong >= 0.9)?.checkpoint ?? Number.POSITIVE_INFINITY;
        if (proj < raw) early++;
        if (Number.isFinite(bad)) wrong++;
        lines.push(
          `| ${MODE_TITLE[mode]} | ${order} | ${seed} | ${from(raw)} | ${from(proj)} | ${proj < raw ? 'yes' : 'no'} | ${Number.isFinite(bad) ? `**${from(bad)}**` : 'never'} | ${Math.max(...rs.map((r) => r.pWrong)).toFixed(3)} |`,
        );
      }
      if (n > 0)
        summary.push(
          `- ${MODE_TITLE[mode]}, ${order}: the real ${what} at p ≥ 0.9 before the raw count shows it in ${early}/${n} runs; a wrong ${what} at p ≥ 0.9 in ${wrong}/${n} runs`,
        );
    }
  return [...lines, '', ...summary].join('\n');
}

/** The issue's targets on department snapshots, realistic orders, 25–50 % counted. */
export function targetsTable(datasets: readonly CalibrationDataset[]): string {
  const lines = [
    '| evaluation | error vs unit scaling (target: ≤ −30 %) | 90 % coverage (target: 85–95 %) | 80 % coverage | 90 % width (pp) | met |',
    '|---|---|---|---|---|---|',
  ];
  for (const d of datasets) {
    const rs = d.runs.filter(
      (r) =>
        r.mode === 'department-snapshot' &&
        REALISTIC_ORDERS.includes(r.order) &&
        r.checkpoint >= TARGET_RANGE.from &&
        r.checkpoint <= TARGET_RANGE.to,
    );
    if (rs.length === 0) continue;
    const change = mean(rs.map((r) => r.maeProjected)) / mean(rs.map((r) => r.maeUnitScaling)) - 1;
    const cover = mean(rs.map((r) => r.covered90));
    const met = [
      change <= -0.3 ? 'error' : null,
      cover >= 0.85 && cover <= 0.95 ? 'coverage' : null,
    ]
      .filter((x) => x !== null)
      .join(', ');
    lines.push(
      `| ${d.title} | ${signed(change)} | ${pct(cover)} | ${pct(mean(rs.map((r) => r.covered80)))} | ${pp(mean(rs.map((r) => r.width90)))} | ${met === '' ? 'neither' : met} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Department snapshots, per checkpoint: the 90 % coverage as x/n with its Wilson interval pooled
 * over the realistic orders and per order, and the pooled width (the adoption rules of runs 9–10
 * read coverage per checkpoint).
 */
export function coverageTable(d: CalibrationDataset): string {
  const runs = d.runs.filter((r) => r.mode === 'department-snapshot');
  const orders = [...new Set(runs.map((r) => r.order))];
  const checkpoints = [...new Set(runs.map((r) => r.checkpoint))].sort((a, b) => a - b);
  const lines = [
    `| counted | realistic (${REALISTIC_ORDERS.join(' + ')}) | width (pp) | ${orders.join(' | ')} |`,
    `|---|---|---|${orders.map(() => '---|').join('')}`,
  ];
  for (const c of checkpoints) {
    const at = runs.filter((r) => r.checkpoint === c);
    const real = at.filter((r) => REALISTIC_ORDERS.includes(r.order));
    lines.push(
      `| ${pct(c)} | ${coverCount(real.map((r) => r.covered90))} | ${pp(mean(real.map((r) => r.width90)))} | ${orders.map((o) => coverCount(at.filter((r) => r.order === o).map((r) => r.covered90))).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** The runs of one variant of the model (runs 9–10: production, the neighbours' term, …). */
export interface CalibrationVariant {
  readonly name: string;
  readonly runs: readonly CalibrationRun[];
}

/** Per seed of this order, its first run (by checkpoint) that named the wrong winner at p ≥ 0.9. */
function wrongSeeds(rs: readonly CalibrationRun[], order: ReplayOrder): CalibrationRun[] {
  const firsts: CalibrationRun[] = [];
  for (const seed of [...new Set(rs.map((r) => r.seed))].sort((a, b) => a - b)) {
    const w = rs
      .filter((r) => r.order === order && r.seed === seed && r.pWrong >= 0.9)
      .sort((a, b) => a.checkpoint - b.checkpoint)[0];
    if (w !== undefined) firsts.push(w);
  }
  return firsts;
}

const seedsOf = (rs: readonly CalibrationRun[], order: ReplayOrder): number =>
  new Set(rs.filter((r) => r.order === order).map((r) => r.seed)).size;

/** The mean error's change against unit scaling, signed; – for no runs. */
const errorChange = (rs: readonly CalibrationRun[]): string =>
  rs.length === 0
    ? '–'
    : signed(mean(rs.map((r) => r.maeProjected)) / mean(rs.map((r) => r.maeUnitScaling)) - 1);

const realistic = (rs: readonly CalibrationRun[]): CalibrationRun[] =>
  rs.filter((r) => REALISTIC_ORDERS.includes(r.order));

/** The realistic orders' runs at the target checkpoints. */
const targets = (rs: readonly CalibrationRun[]): CalibrationRun[] =>
  realistic(rs).filter((r) => r.checkpoint >= TARGET_RANGE.from && r.checkpoint <= TARGET_RANGE.to);

/**
 * Variants side by side on department snapshots, as the adoption rules read them: wrong winners
 * (pair) at p ≥ 0.9 per order (replays with one, and where), the realistic orders' pooled 90 %
 * coverage at each checkpoint as x/n (its lowest first), the targets' error vs unit scaling and
 * width, and the department order's error vs unit scaling per checkpoint.
 */
export function comparisonTable(variants: readonly CalibrationVariant[]): string {
  const snap = variants.map((v) => v.runs.filter((r) => r.mode === 'department-snapshot'));
  const all = snap.flat();
  const orders = [...new Set(all.map((r) => r.order))];
  const checkpoints = [...new Set(all.map((r) => r.checkpoint))].sort((a, b) => a - b);
  const row = (label: string, cell: (rs: readonly CalibrationRun[]) => string): string =>
    `| ${label} | ${snap.map((rs) => cell(rs)).join(' | ')} |`;
  const lines = [
    `| department snapshots | ${variants.map((v) => v.name).join(' | ')} |`,
    `|---|${variants.map(() => '---|').join('')}`,
    row(
      'wrong winner at p ≥ 0.9 (replays): ' + orders.join(' / '),
      (rs) =>
        `${orders.map((o) => `${wrongSeeds(rs, o).length}/${seedsOf(rs, o)}`).join(' / ')} (${orders.reduce((a, o) => a + wrongSeeds(rs, o).length, 0)})`,
    ),
    row('where (order seed at counted: P)', (rs) => {
      const w = orders.flatMap((o) => wrongSeeds(rs, o));
      return w.length === 0
        ? 'none'
        : w
            .map((r) => `${r.order} ${r.seed} at ${pct(r.checkpoint)}: ${r.pWrong.toFixed(3)}`)
            .join('; ');
    }),
    row('department order, seed 1, 60 % counted: P(wrong winner)', (rs) => {
      const r = rs.find((x) => x.order === 'department' && x.seed === 1 && x.checkpoint === 0.6);
      return r === undefined ? '–' : r.pWrong.toFixed(3);
    }),
    row('targets: error vs unit scaling; 90 % cover x/n; width (pp)', (rs) => {
      const t = targets(rs);
      return `${errorChange(t)}; ${coverCount(t.map((r) => r.covered90))}; ${pp(mean(t.map((r) => r.width90)))}`;
    }),
    row(`realistic orders' 90 % cover, lowest checkpoint`, (rs) => {
      const at = checkpoints.map((c) => ({
        c,
        cov: realistic(rs)
          .filter((r) => r.checkpoint === c)
          .map((r) => r.covered90),
      }));
      const low = [...at].sort((a, b) => mean(a.cov) - mean(b.cov))[0];
      return low === undefined ? '–' : `${pct(low.c)}: ${coverCount(low.cov)}`;
    }),
    ...checkpoints.map((c) =>
      row(`realistic 90 % cover at ${pct(c)}`, (rs) =>
        coverCount(
          realistic(rs)
            .filter((r) => r.checkpoint === c)
            .map((r) => r.covered90),
        ),
      ),
    ),
    ...checkpoints.map((c) =>
      row(`department order at ${pct(c)}: error vs unit scaling; 90 % cover`, (rs) => {
        const d = rs.filter((r) => r.order === 'department' && r.checkpoint === c);
        return `${errorChange(d)}; ${coverCount(d.map((r) => r.covered90))}`;
      }),
    ),
  ];
  return lines.join('\n');
}

/** Every table of one evaluation. */
export function datasetTables(d: CalibrationDataset): string {
  const modes = [...new Set(d.runs.map((r) => r.mode))];
  return [
    `## ${d.title}`,
    ...modes.flatMap((m) => ['', `### ${MODE_TITLE[m]}`, '', modeTable(d, m)]),
    ...(modes.includes('department-snapshot')
      ? ['', '### 90 % coverage per checkpoint (department snapshots)', '', coverageTable(d)]
      : []),
    '',
    '### Naming the real outcome early',
    '',
    earlinessTable(d),
    '',
    '### The early call, per run',
    '',
    earlyCallTable(d),
  ].join('\n');
}
