/**
 * A district's boundary as CAP polygons: each part's outer ring as "lat,lon" pairs (CAP 1.2 §3.2.4: WGS-84,
 * latitude first, at least four points, the first and last the same), thinned to at most MAX_POINTS points so
 * that a message stays small; receivers draw the area, the exact border is in GET /api/v1/city.
 */

const MAX_POINTS = 200;

type Position = readonly number[];
interface Geometry {
  readonly type: string;
  readonly coordinates: unknown;
}

function outerRings(geometry: Geometry): Position[][] {
  if (geometry.type === 'Polygon') return [(geometry.coordinates as Position[][])[0] ?? []];
  if (geometry.type === 'MultiPolygon') {
    return (geometry.coordinates as Position[][][]).map((polygon) => polygon[0] ?? []);
  }
  return [];
}

export function capPolygons(boundary: unknown): string[] {
  if (typeof boundary !== 'object' || boundary === null || !('type' in boundary)) return [];
  return outerRings(boundary as Geometry).flatMap((ring) => {
    const open = ring.slice(0, -1);
    if (open.length < 3) return [];
    const step = Math.ceil(open.length / (MAX_POINTS - 1));
    const kept = open.filter((_, i) => i % step === 0);
    const closed = [...kept, kept[0] as Position];
    if (closed.length < 4) return [];
    return [
      closed.map(([lon, lat]) => `${(lat as number).toFixed(5)},${(lon as number).toFixed(5)}`).join(' '),
    ];
  });
}
