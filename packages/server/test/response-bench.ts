import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from './database.js';
import { startAlerting, type Alerting } from '../src/alerts/alerting.js';
import { loadCity } from '../src/city/load-city.js';
import { cityFolder } from '../src/city/read-city.js';
import { ingestRecords } from '../src/ingest/ingest-records.js';
import { insertFixtureCity } from '../src/ingest/testing/fixture-city.js';
import { manualClock } from '../src/response/clock.js';
import { startResponseService, type ResponseService } from '../src/response/service.js';

/**
 * The response workflow's test bench: a database with the Wuhan city, organisations for two levels and a few
 * communities, the alert rules listening to the ingest, and the response service on a clock the test moves.
 * 江岸区 (420102) has a district CDC; 江汉区 (420103) has none, so its alerts go to the city.
 */

export const ORGS = {
  city: 'cdc.wuhan',
  command: 'command.wuhan',
  jiangan: 'cdc.jiangan',
  /** Communities of 大智街道 (420102002) with an organisation; the street's other communities have none. */
  baocheng: 'community.baocheng',
  taining: 'community.taining',
  hospital: 'hospital.h1',
} as const;

export const COMMUNITIES = { baocheng: '420102002003', taining: '420102002004' } as const;

export interface Bench {
  readonly db: TestDatabase;
  readonly pool: pg.Pool;
  readonly clock: ReturnType<typeof manualClock>;
  readonly alerting: Alerting;
  readonly response: ResponseService;
  /** Ingests report cards (cholera, plague, polio …) and waits until their alerts are assigned. */
  cards(cards: readonly Card[]): Promise<void>;
  close(): Promise<void>;
}

export interface Card {
  readonly id: string;
  readonly disease: string;
  readonly residence: string;
  readonly onset: string;
}

export async function insertOrganisations(pool: pg.Pool): Promise<void> {
  const rows = [
    [ORGS.city, 'city_cdc', '武汉市疾控中心', '4201'],
    [ORGS.command, 'command_centre', '武汉市指挥部', '4201'],
    [ORGS.jiangan, 'district_cdc', '江岸区疾控中心', '420102'],
    [ORGS.baocheng, 'community', '保成社区', COMMUNITIES.baocheng],
    [ORGS.taining, 'community', '泰宁社区', COMMUNITIES.taining],
    [ORGS.hospital, 'hospital', '医院', '420102002'],
  ];
  for (const [id, kind, name, code] of rows)
    await pool.query(
      'INSERT INTO organisation (id, kind, name, jurisdiction_code) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [id, kind, name, code],
    );
}

export async function startBench(start = '2024-07-01T02:00:00.000Z'): Promise<Bench> {
  const db = await createTestDatabase();
  await loadCity(db.pool, cityFolder('wuhan'));
  await insertFixtureCity(db.pool);
  await insertOrganisations(db.pool);
  const clock = manualClock(start);
  const alerting = startAlerting({ pool: db.pool, log: () => {} });
  const response = startResponseService({ pool: db.pool, log: () => {}, now: clock, intervalMs: 0 });
  return {
    db,
    pool: db.pool,
    clock,
    alerting,
    response,
    cards: async (cards) => {
      await ingestRecords(
        db.pool,
        'report-card',
        cards.map((c) => ({
          cardId: c.id,
          type: 'new',
          disease: c.disease,
          classification: 'confirmed',
          onsetDate: c.onset,
          diagnosisDate: c.onset,
          residence: c.residence,
          facility: 'FX-H1',
        })),
        { source: 'api' },
      );
      await alerting.settled();
      await response.settled();
    },
    close: async () => {
      await response.stop();
      await alerting.stop();
      await db.drop();
    },
  };
}
