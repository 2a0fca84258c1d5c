import { ringsOf, type Boundary } from './boundaries.js';
import type { Neighbour } from './city-model.js';

/**
 * Districts that share a border, from their polygons. Two districts border each other when at least
 * MIN_BORDER_M of one's boundary lies within TOLERANCE_M of the other's: an edge counts when both its
 * ends are that close to the other boundary. Matching vertices exactly would do for the Wuhan file
 * (neighbouring DataV polygons share their vertices, and the GCJ-02 → WGS-84 conversion maps a shared
 * vertex to the same point), but a tolerance keeps the rule working for files digitised separately;
 * for Wuhan the 30 bordering pairs are the same for any tolerance from 0.5 m to 200 m. Rivers do not
 * separate: districts meet in the middle of the Yangtze, so 江岸 and 武昌 are neighbours, as they are in
 * law and by bridge. A touch at a single point is not a border.
 */

export const TOLERANCE_M = 10;
export const MIN_BORDER_M = 100;

type Point = readonly [number, number];
type Segment = readonly [Point, Point];

// Local equirectangular metres about the city's mean latitude: exact enough over a city for 10 m.
function projector(boundaries: readonly Boundary[]): (p: readonly [number, number]) => Point {
  const lats = boundaries.flatMap((b) => ringsOf(b.geometry).flatMap((r) => r.map((p) => p[1])));
  const meanLat = lats.reduce((a, b) => a + b, 0) / Math.max(1, lats.length);
  const metresPerDegree = (Math.PI / 180) * 6_371_008.8;
  const kx = metresPerDegree * Math.cos((meanLat * Math.PI) / 180);
  return ([lon, lat]) => [lon * kx, lat * metresPerDegree];
}

function distanceToSegment(p: Point, [a, b]: Segment): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
}

/** A grid of cells TOLERANCE_M wide or more holding every segment that passes near the cell. */
class SegmentIndex {
  private readonly cells = new Map<string, Segment[]>();
  constructor(
    segments: readonly Segment[],
    private readonly size: number,
  ) {
    for (const s of segments) {
      const [x0, x1] = [Math.min(s[0][0], s[1][0]), Math.max(s[0][0], s[1][0])];
      const [y0, y1] = [Math.min(s[0][1], s[1][1]), Math.max(s[0][1], s[1][1])];
      for (let i = Math.floor(x0 / size); i <= Math.floor(x1 / size); i++) {
        for (let j = Math.floor(y0 / size); j <= Math.floor(y1 / size); j++) {
          const key = `${i},${j}`;
          const cell = this.cells.get(key);
          if (cell) cell.push(s);
          else this.cells.set(key, [s]);
        }
      }
    }
  }
  near(p: Point, tolerance: number): boolean {
    const i = Math.floor(p[0] / this.size);
    const j = Math.floor(p[1] / this.size);
    for (let di = -1; di <= 1; di++) {
      for (let dj = -1; dj <= 1; dj++) {
        for (const s of this.cells.get(`${i + di},${j + dj}`) ?? []) {
          if (distanceToSegment(p, s) <= tolerance) return true;
        }
      }
    }
    return false;
  }
}

export function districtNeighbours(
  boundaries: readonly Boundary[],
  tolerance = TOLERANCE_M,
  minBorder = MIN_BORDER_M,
): Neighbour[] {
  const project = projector(boundaries);
  const districts = boundaries.map((b) => {
    const segments: Segment[] = [];
    for (const ring of ringsOf(b.geometry)) {
      const points = ring.map(project);
      for (let k = 0; k + 1 < points.length; k++) segments.push([points[k] as Point, points[k + 1] as Point]);
    }
    const xs = segments.map((seg) => seg[0][0]);
    const ys = segments.map((seg) => seg[0][1]);
    const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
    return { code: b.code, segments, box, index: new SegmentIndex(segments, Math.max(tolerance, 500)) };
  });
  const apart = (a: (typeof districts)[number], b: (typeof districts)[number]) =>
    a.box[0] > b.box[2] + tolerance ||
    b.box[0] > a.box[2] + tolerance ||
    a.box[1] > b.box[3] + tolerance ||
    b.box[1] > a.box[3] + tolerance;
  const sharedLength = (a: (typeof districts)[number], b: (typeof districts)[number]) =>
    a.segments
      .filter(([p, q]) => b.index.near(p, tolerance) && b.index.near(q, tolerance))
      .reduce((sum, [p, q]) => sum + Math.hypot(q[0] - p[0], q[1] - p[1]), 0);

  const neighbours: Neighbour[] = [];
  for (const a of districts) {
    for (const b of districts) {
      if (a.code >= b.code || apart(a, b)) continue;
      // Measured along each side's own vertices, which may differ; the longer is the border.
      const border = Math.round(Math.max(sharedLength(a, b), sharedLength(b, a)));
      if (border < minBorder) continue;
      neighbours.push({ placeCode: a.code, neighbourCode: b.code, borderM: border });
      neighbours.push({ placeCode: b.code, neighbourCode: a.code, borderM: border });
    }
  }
  return neighbours.sort(
    (x, y) => x.placeCode.localeCompare(y.placeCode) || x.neighbourCode.localeCompare(y.neighbourCode),
  );
}
