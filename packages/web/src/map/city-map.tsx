import 'maplibre-gl/dist/maplibre-gl.css';
import { LngLatBounds, Map as MapLibre, Marker, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { AlertLevel } from '../api/alerts';
import type { Facility, Position } from '../api/city';
import { LEVEL_COLOURS, NO_ALERT_COLOUR } from '../format/levels';

setWorkerUrl(workerUrl);

/**
 * The city as a map without any tile server: a plain background, the district polygons from the platform
 * (WGS-84, as are the facility coordinates, so they line up), districts filled by their highest open alert
 * level, facility layers as circles. Labels are DOM markers, since text on the canvas would need glyphs
 * from a font server.
 */

export interface FacilityLayer {
  readonly id: string;
  readonly colour: string;
  readonly visible: boolean;
  readonly facilities: readonly Facility[];
}

/** What the map draws: the districts as GeoJSON (the signed-in city API and the public one both give it). */
export interface MapDistricts {
  readonly districts: {
    readonly type: 'FeatureCollection';
    readonly features: readonly {
      readonly type: 'Feature';
      readonly properties: { code: string; name: string; nameEn: string | null; label: Position | null };
      readonly geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null;
    }[];
  };
}

const STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f6f8' } }],
};

function boundsOf(city: MapDistricts): LngLatBounds | undefined {
  const bounds = new LngLatBounds();
  const visit = (value: unknown) => {
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
      bounds.extend([value[0], value[1]]);
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const f of city.districts.features) visit(f.geometry?.coordinates);
  return bounds.isEmpty() ? undefined : bounds;
}

export function CityMap({
  city,
  levels,
  layers,
  labels,
  selected,
  onSelect,
  height = 560,
}: {
  city: MapDistricts;
  levels: ReadonlyMap<string, AlertLevel>;
  layers: readonly FacilityLayer[];
  /** District code → label text. */
  labels: ReadonlyMap<string, string>;
  selected?: string | undefined;
  onSelect?: (code: string) => void;
  height?: number;
}) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre>(null);
  // Set once the style and the district source exist: the layers below are added after it.
  const [ready, setReady] = useState<MapLibre>();
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    if (!element.current) return undefined;
    const bounds = boundsOf(city);
    const m = new MapLibre({
      container: element.current,
      style: STYLE,
      attributionControl: false,
      ...(bounds ? { bounds, fitBoundsOptions: { padding: 16 } } : { center: [114.3, 30.6], zoom: 8 }),
    });
    map.current = m;
    m.on('load', () => {
      m.addSource('districts', { type: 'geojson', data: city.districts as never, promoteId: 'code' });
      m.addLayer({
        id: 'district-fill',
        type: 'fill',
        source: 'districts',
        paint: {
          'fill-color': ['coalesce', ['feature-state', 'colour'], NO_ALERT_COLOUR],
          'fill-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 0.95, 0.75],
        },
      });
      m.addLayer({
        id: 'district-line',
        type: 'line',
        source: 'districts',
        paint: { 'line-color': '#4a5a6a', 'line-width': 1 },
      });
      m.on('click', 'district-fill', (e) => {
        const code = e.features?.[0]?.properties.code as string | undefined;
        if (code) onSelectRef.current?.(code);
      });
      m.on('mouseenter', 'district-fill', () => (m.getCanvas().style.cursor = 'pointer'));
      m.on('mouseleave', 'district-fill', () => (m.getCanvas().style.cursor = ''));
      setReady(m);
    });
    return () => {
      setReady(undefined);
      m.remove();
      map.current = null;
    };
  }, [city]);

  // Fill colours and the selection follow the data without rebuilding the map.
  useEffect(() => {
    const m = ready;
    if (!m) return;
    for (const f of city.districts.features) {
      const level = levels.get(f.properties.code);
      m.setFeatureState(
        { source: 'districts', id: f.properties.code },
        {
          colour: level ? LEVEL_COLOURS[level] : NO_ALERT_COLOUR,
          selected: f.properties.code === selected,
        },
      );
    }
  }, [ready, city, levels, selected]);

  useEffect(() => {
    const m = map.current;
    if (!m) return undefined;
    const markers = city.districts.features
      .filter((f) => f.properties.label)
      .map((f) => {
        const div = document.createElement('div');
        div.className = 'map-label';
        div.textContent = labels.get(f.properties.code) ?? f.properties.name;
        return new Marker({ element: div }).setLngLat(f.properties.label!).addTo(m);
      });
    return () => markers.forEach((marker) => marker.remove());
  }, [city, labels]);

  useEffect(() => {
    const m = ready;
    if (!m) return;
    for (const layer of layers) {
      const data = {
        type: 'FeatureCollection' as const,
        features: layer.facilities
          .filter((f) => f.lon !== null && f.lat !== null)
          .map((f) => ({
            type: 'Feature' as const,
            properties: { id: f.id, name: f.name },
            geometry: { type: 'Point' as const, coordinates: [f.lon!, f.lat!] },
          })),
      };
      const source = m.getSource(layer.id);
      if (source && 'setData' in source) (source as { setData(d: unknown): void }).setData(data);
      else {
        m.addSource(layer.id, { type: 'geojson', data });
        m.addLayer({
          id: layer.id,
          type: 'circle',
          source: layer.id,
          paint: {
            'circle-radius': 4,
            'circle-color': layer.colour,
            'circle-stroke-color': '#fff',
            'circle-stroke-width': 1,
          },
        });
      }
      m.setLayoutProperty(layer.id, 'visibility', layer.visible ? 'visible' : 'none');
    }
  }, [ready, layers]);

  return <div ref={element} className="map" style={{ height }} data-testid="city-map" />;
}
