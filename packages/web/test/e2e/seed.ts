import type pg from 'pg';
import { ensureDemoUsers } from '../../../server/src/access/demo-users.js';
import { ingestRecords } from '../../../server/src/ingest/ingest-records.js';

/**
 * A small data set for the browser tests: single-case alerts in two districts (江岸区 and 武昌区) from
 * report cards through the real ingest and alerting, and the demo's users of every role.
 */

export const PASSWORD = 'e2e-password-2026';

/** The demo's users (commander, duty.jiangan, community.jiangan, …) with their organisations. */
export async function createUsers(pool: pg.Pool): Promise<void> {
  await ensureDemoUsers(pool, { city: 'wuhan', password: PASSWORD, scryptCost: 10 });
}

const card = (cardId: string, disease: string, residence: string, onsetDate: string) => ({
  cardId,
  type: 'new',
  disease,
  classification: 'confirmed',
  onsetDate,
  diagnosisDate: onsetDate,
  residence,
  facility: 'FX-H1',
});

export async function ingestCases(pool: pg.Pool, day: string): Promise<void> {
  await ingestRecords(
    pool,
    'report-card',
    [
      card('E2E-1', 'cholera', '420102002003', day),
      card('E2E-2', 'cholera', '420102002004', day),
      card('E2E-3', 'plague', '420106', day),
    ],
    { source: 'api' },
  );
}

/** One more case while the dashboard is open: a new alert that must arrive through the live stream. */
export async function ingestLiveCase(pool: pg.Pool, day: string): Promise<void> {
  await ingestRecords(pool, 'report-card', [card('E2E-4', 'plague', '420102003001', day)], {
    source: 'api',
  });
}
