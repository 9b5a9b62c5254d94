// Colour difference, for the parties' fallback colours, the ERM view's palette and the colour
// test: sRGB hex to CIELAB (D65) and CIEDE2000 (Sharma, Wu and Dalal, "The CIEDE2000
// color-difference formula", Color Res. Appl. 30(1), 2005).

/** sRGB "#rrggbb" to CIELAB under D65 (IEC 61966-2-1 transfer curve, CIE 1976 L*a*b*). */
export function labOf(hex: string): [number, number, number] {
  const lin = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const [r, g, b] = lin;
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number): number =>
    t > 216 / 24389 ? Math.cbrt(t) : (t * 24389) / 27 / 116 + 16 / 116;
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const deg = Math.PI / 180;

/** CIEDE2000 ΔE between two CIELAB colours (kL = kC = kH = 1). */
export function ciede2000(p: readonly number[], q: readonly number[]): number {
  const [L1 = 0, a1 = 0, b1 = 0] = p;
  const [L2 = 0, a2 = 0, b2 = 0] = q;
  const Cab = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cab ** 7 / (Cab ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1 = Math.hypot(a1p, b1);
  const C2 = Math.hypot(a2p, b2);
  const hue = (b: number, a: number): number =>
    b === 0 && a === 0 ? 0 : (Math.atan2(b, a) / deg + 360) % 360;
  const h1 = hue(b1, a1p);
  const h2 = hue(b2, a2p);
  const dL = L2 - L1;
  const dC = C2 - C1;
  let dh = 0;
  if (C1 * C2 !== 0) dh = h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 < -180 ? h2 - h1 + 360 : h2 - h1;
  const dH = 2 * Math.sqrt(C1 * C2) * Math.sin((dh / 2) * deg);
  const Lm = (L1 + L2) / 2;
  const Cm = (C1 + C2) / 2;
  let hm = h1 + h2;
  if (C1 * C2 !== 0)
    hm = Math.abs(h1 - h2) <= 180 ? hm / 2 : h1 + h2 < 360 ? (hm + 360) / 2 : (hm - 360) / 2;
  const T =
    1 -
    0.17 * Math.cos((hm - 30) * deg) +
    0.24 * Math.cos(2 * hm * deg) +
    0.32 * Math.cos((3 * hm + 6) * deg) -
    0.2 * Math.cos((4 * hm - 63) * deg);
  const dTheta = 30 * Math.exp(-(((hm - 275) / 25) ** 2));
  const RC = 2 * Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7));
  const SL = 1 + (0.015 * (Lm - 50) ** 2) / Math.sqrt(20 + (Lm - 50) ** 2);
  const SC = 1 + 0.045 * Cm;
  const SH = 1 + 0.015 * Cm * T;
  const RT = -Math.sin(2 * dTheta * deg) * RC;
  return Math.sqrt((dL / SL) ** 2 + (dC / SC) ** 2 + (dH / SH) ** 2 + RT * (dC / SC) * (dH / SH));
}

/** ΔE00 between two "#rrggbb" colours. */
export const deltaE = (x: string, y: string): number => ciede2000(labOf(x), labOf(y));

/**
 * 37 colours, each pair at least ΔE00 15.6 apart, and as far from the grey of "the rest", the
 * map's "no result" and the white page. Picked once by cifra: the first sixteen by hand
 * (saturated, for the largest), the rest by a greedy max-min search. The parties' fallback colours
 * (src/elections/party-colors.ts) and the ERM view's regional movements (web/erm-colors.ts) take it.
 */
export const DISTINCT_PALETTE: readonly string[] = [
  '#c0392b',
  '#2471a3',
  '#e67e22',
  '#1e8449',
  '#7d3c98',
  '#b7950b',
  '#2e4053',
  '#d81b60',
  '#6d4c41',
  '#00acc1',
  '#f48fb1',
  '#66bb6a',
  '#880e4f',
  '#004d40',
  '#90caf9',
  '#7986cb',
  '#555500',
  '#ee22ff',
  '#ccdd00',
  '#00eecc',
  '#ddbbff',
  '#888866',
  '#997788',
  '#eecc99',
  '#ff7766',
  '#995500',
  '#0000ff',
  '#557777',
  '#bb9988',
  '#aaccbb',
  '#55ee00',
  '#005500',
  '#668800',
  '#666677',
  '#7755ff',
  '#ffcc00',
  '#444433',
];
