import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { loadCity } from '../../city/load-city.js';
import { cityFolder } from '../../city/read-city.js';
import type { App } from '../../http/app.js';
import { ingestRecords } from '../../ingest/ingest-records.js';
import { insertFixtureCity } from '../../ingest/testing/fixture-city.js';
import { startAlerting, type Alerting } from '../alerting.js';
import { CAP_NAMESPACE } from './cap-message.js';
import { childrenNamed, readXml, textOf, type XmlElement } from './testing/read-xml.js';
import { appOn } from '../../../test/test-app.js';

let db: TestDatabase;
let app: App;
let alerting: Alerting;

const card = (cardId: string, disease: string, residence: string, onsetDate: string) => ({
  cardId,
  type: 'new',
  disease,
  classification: 'confirmed',
  onsetDate,
  diagnosisDate: onsetDate,
  residence,
  facility: 'FX-H1',
  idNumber: '420102199001011236',
  phone: '13800138000',
});

beforeAll(async () => {
  db = await createTestDatabase();
  await loadCity(db.pool, cityFolder('wuhan'));
  await insertFixtureCity(db.pool);
  app = await appOn(db);
  alerting = startAlerting({ pool: db.pool });
  // Cholera (class A, public by rule) in a community of 江岸区, then a second case: an Update.
  // Polio (a listed disease, not public): never in the feed.
  await ingestRecords(
    db.pool,
    'report-card',
    [card('P-1', 'cholera', '420102002003', '2024-10-01'), card('P-2', 'polio', '420103001', '2024-10-01')],
    { source: 'api' },
  );
  await alerting.settled();
  await ingestRecords(db.pool, 'report-card', [card('P-3', 'cholera', '420102002003', '2024-10-02')], {
    source: 'api',
  });
  await alerting.settled();
});
afterAll(async () => {
  await alerting.stop();
  await app.close();
  await db.drop();
});

/** CAP 1.2's element order (the XSD's sequences), for the elements the feed writes. */
const ALERT_ORDER = [
  'identifier',
  'sender',
  'sent',
  'status',
  'msgType',
  'source',
  'scope',
  'restriction',
  'addresses',
  'code',
  'note',
  'references',
  'incidents',
  'info',
];
const INFO_ORDER = [
  'language',
  'category',
  'event',
  'responseType',
  'urgency',
  'severity',
  'certainty',
  'audience',
  'eventCode',
  'effective',
  'onset',
  'expires',
  'senderName',
  'headline',
  'description',
  'instruction',
  'web',
  'contact',
  'parameter',
  'resource',
  'area',
];
const AREA_ORDER = ['areaDesc', 'polygon', 'circle', 'geocode', 'altitude', 'ceiling'];

function expectOrder(element: XmlElement, order: readonly string[]) {
  const positions = element.children.map((c) => order.indexOf(c.name));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

function expectCapAlert(alert: XmlElement) {
  expect(alert.name).toBe('alert');
  expect(alert.attributes.xmlns).toBe(CAP_NAMESPACE);
  expectOrder(alert, ALERT_ORDER);
  expect(textOf(alert, 'identifier')).toMatch(/^shaobing\.cdc\.wuhan\.alert\.\d+\.v2$/);
  expect(textOf(alert, 'sender')).toBe('shaobing.cdc.wuhan');
  expect(textOf(alert, 'sent')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  expect(textOf(alert, 'status')).toBe('Actual');
  expect(textOf(alert, 'msgType')).toBe('Update');
  expect(textOf(alert, 'scope')).toBe('Public');
  expect(textOf(alert, 'references')).toMatch(
    /^shaobing\.cdc\.wuhan,shaobing\.cdc\.wuhan\.alert\.\d+\.v1,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/,
  );
  const infos = childrenNamed(alert, 'info');
  expect(infos.map((i) => textOf(i, 'language'))).toEqual(['zh-CN', 'en-US']);
  for (const info of infos) {
    expectOrder(info, INFO_ORDER);
    expect(textOf(info, 'category')).toBe('Health');
    // Red: act now, extreme, likely (the level table's CAP mapping).
    expect([textOf(info, 'urgency'), textOf(info, 'severity'), textOf(info, 'certainty')]).toEqual([
      'Immediate',
      'Extreme',
      'Likely',
    ]);
    const [area] = childrenNamed(info, 'area');
    expectOrder(area as XmlElement, AREA_ORDER);
    const geocode = childrenNamed(area as XmlElement, 'geocode')[0] as XmlElement;
    expect([textOf(geocode, 'valueName'), textOf(geocode, 'value')]).toEqual(['GB/T 2260', '420102']);
    const polygons = childrenNamed(area as XmlElement, 'polygon').map((p) => p.text.trim().split(' '));
    expect(polygons.length).toBeGreaterThan(0);
    for (const points of polygons) {
      expect(points.length).toBeGreaterThanOrEqual(4);
      expect(points[0]).toBe(points[points.length - 1]);
      for (const point of points) {
        const [lat, lon] = point.split(',').map(Number);
        expect(lat).toBeGreaterThan(29.9);
        expect(lat).toBeLessThan(31.5);
        expect(lon).toBeGreaterThan(113.6);
        expect(lon).toBeLessThan(115.2);
      }
    }
  }
  const [zh, en] = infos;
  expect(textOf(zh as XmlElement, 'headline')).toBe('江岸区霍乱红色预警');
  expect(textOf(en as XmlElement, 'headline')).toBe("Red alert: Cholera in Jiang'an");
  expect(textOf(childrenNamed(zh as XmlElement, 'area')[0] as XmlElement, 'areaDesc')).toBe('江岸区');
}

describe('GET /api/v1/public/cap', () => {
  test('an Atom feed of the public alerts, each a valid CAP 1.2 message, without login', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/public/cap' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = readXml(response.body);
    expect(feed.name).toBe('feed');
    expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
    const entries = childrenNamed(feed, 'entry');
    expect(entries).toHaveLength(1); // polio is not public
    const entry = entries[0] as XmlElement;
    expect(textOf(entry, 'title')).toBe('江岸区霍乱红色预警');
    const content = childrenNamed(entry, 'content')[0] as XmlElement;
    expect(content.attributes.type).toBe('application/cap+xml');
    expectCapAlert(content.children[0] as XmlElement);
  });

  test('one message on its own; nothing personal or below the district in it', async () => {
    const feed = readXml((await app.inject({ method: 'GET', url: '/api/v1/public/cap' })).body);
    const href = childrenNamed(childrenNamed(feed, 'entry')[0] as XmlElement, 'link')[0]?.attributes
      .href as string;
    const response = await app.inject({ method: 'GET', url: href });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/cap+xml; charset=utf-8');
    expectCapAlert(readXml(response.body));
    for (const personal of [
      '420102199001011236',
      '13800138000',
      'P-1',
      'P-3',
      'FX-H1',
      '保成社区',
      '420102002003',
    ]) {
      expect(response.body).not.toContain(personal);
    }
  });

  test('an alert that is not public is not found', async () => {
    const polio = await db.pool.query<{ id: number }>(`SELECT id FROM alert WHERE family = 'polio'`);
    const response = await app.inject({ method: 'GET', url: `/api/v1/public/cap/${polio.rows[0]?.id}` });
    expect(response.statusCode).toBe(404);
  });
});
