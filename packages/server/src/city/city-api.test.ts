import { describe, expect, inject, test } from 'vitest';
import { cityApiHarness } from '../../test/city-app.js';
import type { CityView } from './city-api.js';
import { appOn } from '../../test/test-app.js';

const { get, current } = cityApiHarness({ role: 'public_viewer' });

describe(`GET /api/v1/city on ${inject('databaseKind')}`, () => {
  test('the city with its 13 district polygons as GeoJSON in WGS-84', async () => {
    const { status, body } = await get<CityView>('/api/v1/city');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'wuhan',
      code: '4201',
      name: '武汉市',
      nameEn: 'Wuhan',
      timeZone: 'Asia/Shanghai',
      population: 12_326_518,
      districts: { type: 'FeatureCollection' },
    });
    expect(body.districts.features).toHaveLength(13);
    const jiangan = body.districts.features[0];
    expect(jiangan).toMatchObject({
      type: 'Feature',
      id: '420102',
      properties: {
        code: '420102',
        name: '江岸区',
        nameEn: "Jiang'an",
        zone: 'central',
        population: 965_260,
      },
      geometry: { type: 'MultiPolygon' },
    });
    // WGS-84 around Wuhan, [lon, lat].
    const [lon = 0, lat = 0] = (jiangan?.geometry?.coordinates as number[][][][])[0]?.[0]?.[0] ?? [];
    expect(lon).toBeGreaterThan(113.6);
    expect(lon).toBeLessThan(115.1);
    expect(lat).toBeGreaterThan(29.9);
    expect(lat).toBeLessThan(31.4);
    const total = body.districts.features.reduce((sum, f) => sum + (f.properties.population ?? 0), 0);
    expect(total).toBe(12_326_518);
  });

  test('404 when the configured city is not loaded', async () => {
    const { db, auth } = current();
    const other = await appOn(db, { SHAOBING_CITY: 'shenzhen' });
    const response = await other.inject({
      method: 'GET',
      url: '/api/v1/city',
      headers: { 'accept-language': 'zh-CN', ...auth },
    });
    await other.close();
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not-found', message: '城市 shenzhen 的数据尚未载入', issues: [] },
    });
  });

  test('the OpenAPI document lists the city routes', async () => {
    const response = await current().app.inject({ method: 'GET', url: '/api/docs/json' });
    const paths = Object.keys(response.json<{ paths: object }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/city',
        '/api/v1/places',
        '/api/v1/places/{code}',
        '/api/v1/facilities',
      ]),
    );
  });
});
