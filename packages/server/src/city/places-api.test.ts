import { describe, expect, inject, test } from 'vitest';
import { cityApiHarness, type Page } from '../../test/city-app.js';
import type { PlaceDetail, PlaceView } from './places-api.js';

const { get } = cityApiHarness();

describe(`GET /api/v1/places on ${inject('databaseKind')}`, () => {
  test('the districts, with zone and population', async () => {
    const { status, body } = await get<Page<PlaceView>>('/api/v1/places?level=district');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(13);
    expect(body.next).toBeNull();
    expect(body.items[0]).toEqual({
      code: '420102',
      level: 'district',
      name: '江岸区',
      nameEn: "Jiang'an",
      parentCode: '4201',
      unitType: '市辖区',
      functionalZone: false,
      zone: 'central',
      population: 965_260,
      populationNote: '2020 census bulletin 965,260 (江岸)',
      areaKm2: 77.8,
    });
  });

  test('pages through all 3,702 places with limit 1000 and the next cursor, without gaps or repeats', async () => {
    const codes: string[] = [];
    let url: string | null = '/api/v1/places?limit=1000';
    let pages = 0;
    while (url !== null) {
      const { status, body }: { status: number; body: Page<PlaceView> } = await get<Page<PlaceView>>(url);
      expect(status).toBe(200);
      codes.push(...body.items.map((p) => p.code));
      pages += 1;
      url = body.next === null ? null : `/api/v1/places?limit=1000&cursor=${encodeURIComponent(body.next)}`;
    }
    expect(pages).toBe(4);
    expect(codes).toHaveLength(3702);
    expect(new Set(codes).size).toBe(3702);
    expect(codes).toEqual([...codes].sort());
  });

  test('filters combine: the functional zones among 洪山 streets', async () => {
    const { body } = await get<Page<PlaceView>>('/api/v1/places?parent=420111&limit=5');
    expect(body.items).toHaveLength(5);
    expect(body.next).not.toBeNull();
    const all = await get<Page<PlaceView>>('/api/v1/places?parent=420111&level=street&limit=1000');
    expect(all.body.items).toHaveLength(17);
    const zones = all.body.items.filter((p) => p.functionalZone);
    expect(zones.map((p) => p.name)).toEqual(['清谭湖街道', '东湖风景区街道（洪山）']);
  });

  test.each([
    ['a Chinese name part', '/api/v1/places?q=' + encodeURIComponent('东湖风景'), ['420106490', '420111491']],
    ['an English name part', '/api/v1/places?q=hannan', ['420113']],
    [
      'a code prefix at one level',
      '/api/v1/places?q=4201130&level=street',
      ['420113001', '420113002', '420113003', '420113004'],
    ],
    ['LIKE wildcards taken literally', '/api/v1/places?q=%25', []],
  ])('q matches %s', async (_, url, codes) => {
    const { status, body } = await get<Page<PlaceView>>(url);
    expect(status).toBe(200);
    expect(body.items.map((p) => p.code)).toEqual(codes);
  });

  test.each([
    ['limit above 1000', '/api/v1/places?limit=1001', 'querystring.limit'],
    ['limit 0', '/api/v1/places?limit=0', 'querystring.limit'],
    ['limit not a number', '/api/v1/places?limit=many', 'querystring.limit'],
    ['an unknown level', '/api/v1/places?level=province', 'querystring.level'],
    ['a malformed parent', '/api/v1/places?parent=42x', 'querystring.parent'],
    ['a parent that does not exist', '/api/v1/places?parent=420199', 'querystring.parent'],
    ['a cursor not made by the API', '/api/v1/places?cursor=abc', 'querystring.cursor'],
    ['an empty q', '/api/v1/places?q=', 'querystring.q'],
  ])('400 for %s, naming the field', async (_, url, field) => {
    const { status, body } = await get(url);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'invalid', issues: [expect.objectContaining({ field })] } });
  });

  test('an unknown parent is explained in the caller language', async () => {
    const zh = await get('/api/v1/places?parent=420199', 'zh-CN');
    expect(zh.body.error.issues[0]?.reason).toBe('没有编码为 420199 的地区');
  });
});

describe(`GET /api/v1/places/{code} on ${inject('databaseKind')}`, () => {
  test('a district: ancestors, counts below, neighbours, facilities', async () => {
    const { status, body } = await get<PlaceDetail>('/api/v1/places/420102');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: '420102',
      name: '江岸区',
      ancestors: [{ code: '4201', level: 'city', name: '武汉市', nameEn: 'Wuhan' }],
      childCount: 17,
      descendantCounts: { street: 17, community: 141 },
      facilityCount: 9,
    });
    expect(body.neighbours.map((n) => n.name)).toEqual([
      '江汉区',
      '武昌区',
      '青山区',
      '洪山区',
      '东西湖区',
      '黄陂区',
    ]);
    expect(body.neighbours[0]?.borderM).toBeGreaterThan(1000);
  });

  test('a community: its three ancestors, nothing below', async () => {
    const list = await get<Page<PlaceView>>('/api/v1/places?parent=420102002&limit=1');
    const code = list.body.items[0]?.code ?? '';
    const { body } = await get<PlaceDetail>(`/api/v1/places/${code}`);
    expect(body.ancestors.map((a) => a.level)).toEqual(['city', 'district', 'street']);
    expect(body).toMatchObject({
      level: 'community',
      childCount: 0,
      descendantCounts: {},
      neighbours: [],
      population: null,
    });
  });

  test('the city: every level below it', async () => {
    const { body } = await get<PlaceDetail>('/api/v1/places/4201');
    expect(body).toMatchObject({
      population: 12_326_518,
      ancestors: [],
      childCount: 13,
      descendantCounts: { district: 13, street: 193, community: 3495 },
      facilityCount: 83,
    });
  });

  test('404 for an unknown code, in the caller language', async () => {
    expect(await get('/api/v1/places/420199')).toEqual({
      status: 404,
      body: { error: { code: 'not-found', message: 'No place has the code 420199', issues: [] } },
    });
    expect((await get('/api/v1/places/420199', 'zh-CN')).body.error.message).toBe('没有编码为 420199 的地区');
  });

  test('400 for a code that is not a place code', async () => {
    const { status, body } = await get('/api/v1/places/42010');
    expect(status).toBe(400);
    expect(body.error.issues[0]?.field).toBe('params.code');
  });
});
