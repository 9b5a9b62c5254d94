// The parts of d3 the dashboard uses, bundled by esbuild from the d3-geo and d3-shape packages:
// typed here because the packages ship no types and @types/d3-geo, @types/d3-shape are not in the
// shared node_modules (adding them would replace these declarations).
declare module 'd3-geo' {
  import type { MapShape, MapShapes } from './api-client.js';
  export interface GeoProjection {
    fitSize(size: [number, number], object: MapShapes): GeoProjection;
  }
  export function geoMercator(): GeoProjection;
  export function geoPath(projection: GeoProjection): (shape: MapShape) => string | null;
}

declare module 'd3-shape' {
  interface Curve<T> {
    x(f: (d: T) => number): this;
    y(f: (d: T) => number): this;
    (data: readonly T[]): string | null;
  }
  interface AreaCurve<T> extends Curve<T> {
    y0(f: (d: T) => number): this;
    y1(f: (d: T) => number): this;
  }
  export function area<T>(): AreaCurve<T>;
  export function line<T>(): Curve<T>;
}
