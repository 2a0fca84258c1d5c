import { describe, expect, inject, test } from 'vitest';
import { cityApiHarness, type Page } from '../../test/city-app.js';
import type { FacilityView } from './facilities-api.js';

const { get } = cityApiHarness();

describe(`GET /api/v1/facilities on ${inject('databaseKind')}`, () => {
  test('a facility as reporters and the map see it', async () => {
    const { status, body } = await get<Page<FacilityView>>('/api/v1/facilities?limit=1');
    expect(status).toBe(200);
    expect(body.items[0]).toMatchObject({
      id: 'WH-E001',
      name: '武汉市急救中心宏祥路急救站',
      type: 'ems_station',
      placeCode: '420106003',
      lat: null,
      source: 'city-data',
      properties: { opened: '2023-09-26' },
    });
    expect(body.next).not.toBeNull();
  });

  test('pages by 10 through all 83 facilities in id order', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page: { body: Page<FacilityView> } = await get<Page<FacilityView>>(
        `/api/v1/facilities?limit=10${query}`,
      );
      ids.push(...page.body.items.map((f) => f.id));
      cursor = page.body.next;
    } while (cursor !== null);
    expect(ids).toHaveLength(83);
    expect(new Set(ids).size).toBe(83);
    expect(ids).toEqual([...ids].sort());
  });

  test.each([
    ['type', '?type=shelter_hospital', 16],
    ['type', '?type=field_hospital', 2],
    ['role', '?role=fever_clinic', 61],
    ['role', '?role=designated_treatment', 9],
    ['place (a district and its streets)', '?place=420106', 11 + 1],
    ['place (a street)', '?place=420106003', 1],
    ['type, role and place together', '?type=hospital&role=fever_clinic&place=420115', 4],
    ['a type nobody has yet', '?type=pharmacy', 0],
  ])('filters by %s: %s', async (_, query, count) => {
    const { status, body } = await get<Page<FacilityView>>(
      `/api/v1/facilities${query}${query ? '&' : '?'}limit=1000`,
    );
    expect(status).toBe(200);
    expect(body.items).toHaveLength(count);
  });

  test('every designated treatment hospital of 2020 is in the list, with its district', async () => {
    const { body } = await get<Page<FacilityView>>('/api/v1/facilities?role=designated_treatment');
    expect(body.items.map((f) => f.name)).toContain('武汉市金银潭医院');
    expect(body.items.every((f) => f.type === 'hospital' && /^\d{6}$/.test(f.placeCode))).toBe(true);
  });

  test.each([
    ['an unknown type', '?type=clinic', 'querystring.type'],
    ['a malformed role', '?role=Fever Clinic', 'querystring.role'],
    ['an unknown place', '?place=420199', 'querystring.place'],
    ['limit above 1000', '?limit=5000', 'querystring.limit'],
    ['a foreign cursor', '?cursor=eyJ4IjoxfQ', 'querystring.cursor'],
  ])('400 for %s', async (_, query, field) => {
    const { status, body } = await get(`/api/v1/facilities${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'invalid', issues: [expect.objectContaining({ field })] } });
  });

  test('one facility by id, and 404 for an unknown one', async () => {
    const { status, body } = await get<FacilityView>('/api/v1/facilities/WH-F025');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      name: '武汉市金银潭医院',
      nameEn: 'Wuhan Jinyintan Hospital',
      type: 'hospital',
    });
    expect(body.roles).toEqual(['designated_treatment']);
    expect(await get('/api/v1/facilities/WH-F999')).toEqual({
      status: 404,
      body: { error: { code: 'not-found', message: 'No facility has the id WH-F999', issues: [] } },
    });
  });
});
