// The parts of d3 the dashboard uses, loaded as classic scripts (/vendor/d3-*.js) into the global
// `d3`: typed here because the packages ship no types (and @types/d3-* would be a new dependency).
import type { MapShape, MapShapes } from './api-client.js';

interface GeoProjection {
  fitSize(size: [number, number], object: MapShapes): GeoProjection;
}
interface Curve<T> {
  x(f: (d: T) => number): this;
  y(f: (d: T) => number): this;
  (data: readonly T[]): string | null;
}
interface AreaCurve<T> extends Curve<T> {
  y0(f: (d: T) => number): this;
  y1(f: (d: T) => number): this;
}

declare global {
  const d3: {
    geoMercator(): GeoProjection;
    geoPath(projection: GeoProjection): (shape: MapShape) => string | null;
    area<T>(): AreaCurve<T>;
    line<T>(): Curve<T>;
  };
}
