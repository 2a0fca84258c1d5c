import { z } from 'zod';
import { CityDataError } from './city-data-error.js';

/**
 * District boundaries from a GeoJSON FeatureCollection in WGS-84 (for Wuhan the DataV.GeoAtlas
 * polygons converted from GCJ-02): one feature per district, its code in `adcode`, its label point in
 * `center` (or `centroid`).
 */

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(position).min(4, 'a ring needs at least 4 positions');
const polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
const multiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1)).min(1),
});
const geometry = z.discriminatedUnion('type', [polygon, multiPolygon]);
export type Geometry = z.output<typeof geometry>;

const collection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.looseObject({
        adcode: z.union([z.number().int(), z.string()]).transform(String),
        center: position.optional(),
        centroid: position.optional(),
      }),
      geometry,
    }),
  ),
});

export interface Boundary {
  readonly code: string;
  readonly geometry: Geometry;
  /** Label point: the source's `center`, else its `centroid`, else none. */
  readonly label: readonly [number, number] | null;
}

export function parseBoundaries(file: string, json: string): Boundary[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new CityDataError(file, `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = collection.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CityDataError(file, issue?.message ?? 'invalid GeoJSON', undefined, issue?.path.join('.'));
  }
  return parsed.data.features.map((f) => ({
    code: f.properties.adcode,
    geometry: f.geometry,
    label: f.properties.center ?? f.properties.centroid ?? null,
  }));
}

/** The polygons' rings, whichever of the two geometry types holds them. */
export function ringsOf(geometry: Geometry): ReadonlyArray<ReadonlyArray<readonly [number, number]>> {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}
