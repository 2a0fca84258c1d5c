import type { Random } from '../random.js';
import type { Boundary } from './city-input.js';

/**
 * Plausible coordinates for a simulated facility: near the district's label point (Gaussian, sd a quarter
 * of the square root of its area, so that most land in the built-up core), kept only when inside the
 * district's boundary; after 200 misses, the label point itself.
 */
export function placeInDistrict(
  random: Random,
  label: readonly [lon: number, lat: number],
  areaKm2: number,
  boundary: Boundary | null | undefined,
): { lon: number; lat: number } {
  const [lon0, lat0] = label;
  const sdKm = Math.sqrt(Math.max(areaKm2, 1)) / 4;
  const kmPerDegLat = 111.32;
  const kmPerDegLon = 111.32 * Math.cos((lat0 * Math.PI) / 180);
  for (let attempt = 0; attempt < 200; attempt++) {
    const lon = lon0 + (random.normal() * sdKm) / kmPerDegLon;
    const lat = lat0 + (random.normal() * sdKm) / kmPerDegLat;
    if (!boundary || insideBoundary(boundary, lon, lat)) return { lon: round6(lon), lat: round6(lat) };
  }
  return { lon: lon0, lat: lat0 };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Even–odd rule over every ring (holes are rings too). */
export function insideBoundary(boundary: Boundary, lon: number, lat: number): boolean {
  const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  let inside = false;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}
