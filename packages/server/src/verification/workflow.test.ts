import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ORGS, startBench, type Bench } from '../../test/response-bench.js';
import { refreshProposal, setLevel, setStatus } from '../events/event-store.js';
import { inTransaction } from '../response/transaction.js';
import { decideVerification } from './decide.js';
import { funnel } from './funnel.js';

let bench: Bench;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const COMMANDER = 7;
const DUTY = 8;

interface VerificationRow {
  id: number;
  alert_id: number;
  family: string;
  assigned_place_code: string;
  assigned_org_id: string | null;
  deadline_rule: string;
  assigned_at: Date;
  due_at: Date;
  status: string;
  escalated_place_code: string | null;
  escalated_org_id: string | null;
  event_id: number | null;
}

const verification = async (family: string, place: string) => {
  const rows = await bench.pool.query<VerificationRow>(
    `SELECT v.*, a.family FROM verification v JOIN alert a ON a.id = v.alert_id
      WHERE a.family = $1 AND a.place_code = $2`,
    [family, place],
  );
  expect(rows.rows).toHaveLength(1);
  return rows.rows[0] as VerificationRow;
};
const notices = async (id: number) =>
  (
    await bench.pool.query<{ label: string; outcome: string | null; recipient_place_code: string }>(
      'SELECT label, outcome, recipient_place_code FROM response_notice WHERE verification_id = $1 ORDER BY due_at, id',
      [id],
    )
  ).rows;

beforeAll(async () => {
  bench = await startBench('2024-07-01T02:00:00.000Z');
  await bench.cards([
    { id: 'C-1', disease: 'cholera', residence: '420102002003', onset: '2024-06-30' },
    { id: 'P-1', disease: 'polio', residence: '420102003001', onset: '2024-06-30' },
    { id: 'C-2', disease: 'cholera', residence: '420103001', onset: '2024-06-30' },
  ]);
});
afterAll(async () => bench?.close());

describe('every new alert is assigned for verification', () => {
  test('to the duty desk of its district, due by the rule: 2 h for class A, 24 h otherwise', async () => {
    const cholera = await verification('cholera', '420102002003');
    expect(cholera).toMatchObject({
      assigned_place_code: '420102',
      assigned_org_id: ORGS.jiangan,
      deadline_rule: 'managed-as-class-a',
      status: 'pending',
    });
    expect(cholera.due_at.getTime() - cholera.assigned_at.getTime()).toBe(2 * HOUR);
    expect(cholera.assigned_at.toISOString()).toBe('2024-07-01T02:00:00.000Z');
    const polio = await verification('polio', '420102003001');
    expect(polio.deadline_rule).toBe('default');
    expect(polio.due_at.getTime() - polio.assigned_at.getTime()).toBe(24 * HOUR);
  });

  test('to the city when its district has no duty organisation', async () => {
    const v = await verification('cholera', '420103001');
    expect(v).toMatchObject({ assigned_place_code: '4201', assigned_org_id: ORGS.city });
  });

  test('an alert no listener heard is assigned by the next tick, once', async () => {
    await bench.pool.query(`DELETE FROM response_notice WHERE verification_id IN
      (SELECT v.id FROM verification v JOIN alert a ON a.id = v.alert_id WHERE a.family = 'polio')`);
    await bench.pool.query(
      `DELETE FROM verification WHERE alert_id IN (SELECT id FROM alert WHERE family = 'polio')`,
    );
    expect((await bench.response.tick()).assigned).toBe(1);
    expect((await bench.response.tick()).assigned).toBe(0);
    expect((await verification('polio', '420102003001')).deadline_rule).toBe('default');
  });
});

describe('reminders and escalation, on the scheduler tick', () => {
  test('half time, 30 minutes before, then escalation to the city at the deadline — each once', async () => {
    const v = await verification('cholera', '420102002003');
    bench.clock.set(new Date(v.assigned_at.getTime() + 59 * MINUTE));
    expect(await bench.response.tick()).toMatchObject({ reminders: 0, escalations: 0 });
    // Both cholera alerts (Jiang'an and Jianghan) were assigned at the same time: two of each.
    bench.clock.set(new Date(v.assigned_at.getTime() + 60 * MINUTE));
    expect(await bench.response.tick()).toMatchObject({ reminders: 2, escalations: 0 });
    bench.clock.advance(30 * MINUTE);
    expect(await bench.response.tick()).toMatchObject({ reminders: 2, escalations: 0 });
    expect((await verification('cholera', '420102002003')).escalated_place_code).toBeNull();
    bench.clock.advance(30 * MINUTE);
    expect(await bench.response.tick()).toMatchObject({ reminders: 0, escalations: 2 });
    expect(await bench.response.tick()).toMatchObject({ reminders: 0, escalations: 0 });
    expect(await verification('cholera', '420102002003')).toMatchObject({
      status: 'pending',
      escalated_place_code: '4201',
      escalated_org_id: ORGS.city,
    });
    expect(await notices(v.id)).toEqual([
      { label: 'half-time', outcome: 'sent', recipient_place_code: '420102' },
      { label: '30-min-before', outcome: 'sent', recipient_place_code: '420102' },
      { label: 'deadline', outcome: 'sent', recipient_place_code: '4201' },
    ]);
  });
});

describe('a retracted alert', () => {
  test('its pending verification sends no reminder and does not escalate', async () => {
    await bench.cards([{ id: 'PL-1', disease: 'plague', residence: '420102003002', onset: '2024-06-30' }]);
    const v = await verification('plague', '420102003002');
    await bench.pool.query(
      `UPDATE alert SET status = 'closed', closed_reason = 'retracted', closed_at = now() WHERE id = $1`,
      [v.alert_id],
    );
    const saved = bench.clock();
    bench.clock.set(new Date(v.due_at.getTime()));
    const tick = await bench.response.tick();
    bench.clock.set(saved);
    expect(await notices(v.id)).toEqual([
      { label: 'half-time', outcome: 'skipped', recipient_place_code: '420102' },
      { label: '30-min-before', outcome: 'skipped', recipient_place_code: '420102' },
      { label: 'deadline', outcome: 'skipped', recipient_place_code: '4201' },
    ]);
    expect(tick.skipped).toBeGreaterThanOrEqual(3);
    expect((await verification('plague', '420102003002')).escalated_place_code).toBeNull();
  });
});

describe('outcomes', () => {
  test('dismissing needs a reason; a decided verification sends no more reminders', async () => {
    const v = await verification('polio', '420102003001');
    await expect(
      decideVerification(bench.pool, v.id, {
        outcome: 'dismissed',
        reason: '  ',
        actor: DUTY,
        now: bench.clock(),
      }),
    ).rejects.toMatchObject({ code: 'invalid', messageKey: 'response.reason-required' });
    await decideVerification(bench.pool, v.id, {
      outcome: 'dismissed',
      reason: '复核为疫苗相关病例',
      actor: DUTY,
      now: bench.clock(),
    });
    expect(await verification('polio', '420102003001')).toMatchObject({
      status: 'dismissed',
      event_id: null,
    });
    bench.clock.advance(48 * HOUR);
    const tick = await bench.response.tick();
    expect(tick.reminders + tick.escalations).toBe(0);
    expect((await notices(v.id)).every((n) => n.outcome === 'skipped')).toBe(true);
    await expect(
      decideVerification(bench.pool, v.id, { outcome: 'confirmed', actor: DUTY, now: bench.clock() }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  test('monitoring, then confirmed: an event opens with the alert and its cards linked and a level proposed', async () => {
    const v = await verification('cholera', '420102002003');
    await decideVerification(bench.pool, v.id, { outcome: 'monitoring', actor: DUTY, now: bench.clock() });
    const { eventId } = await decideVerification(bench.pool, v.id, {
      outcome: 'confirmed',
      reason: '流调确认',
      eventTitle: '江岸区霍乱疫情',
      actor: DUTY,
      now: bench.clock(),
    });
    expect(eventId).toEqual(expect.any(Number));
    const event = (
      await bench.pool.query(
        'SELECT type, title, place_code, owner_place_code, owner_org_id, status, level, proposed_level FROM health_event WHERE id = $1',
        [eventId],
      )
    ).rows[0] as Record<string, unknown>;
    // Cholera in two districts within a week (Jiang'an and Jianghan): level III by the plan.
    expect(event).toEqual({
      type: 'cholera',
      title: '江岸区霍乱疫情',
      place_code: '420102002003',
      owner_place_code: '420102',
      owner_org_id: ORGS.jiangan,
      status: 'active',
      level: null,
      proposed_level: 'III',
    });
    const linked = await bench.pool.query('SELECT record_key FROM health_event_case WHERE event_id = $1', [
      eventId,
    ]);
    expect(linked.rows).toEqual([{ record_key: 'C-1' }]);
    expect((await verification('cholera', '420102002003')).event_id).toBe(eventId);
    await expect(
      decideVerification(bench.pool, v.id, {
        outcome: 'dismissed',
        reason: 'x',
        actor: DUTY,
        now: bench.clock(),
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('events: level and status', () => {
  const eventId = async () =>
    (await bench.pool.query<{ id: number }>(`SELECT id FROM health_event WHERE type = 'cholera'`)).rows[0]
      ?.id as number;

  test('the proposal follows the counts: 30 cholera cases in the city within a week → II', async () => {
    const cards = Array.from({ length: 28 }, (_, i) => ({
      id: `C-W${i}`,
      disease: 'cholera',
      residence: i % 2 === 0 ? '420102002004' : '420102003002',
      onset: '2024-06-28',
    }));
    await bench.cards(cards);
    const id = await eventId();
    const proposal = await inTransaction(bench.pool, (client) =>
      refreshProposal(client, id, COMMANDER, bench.clock()),
    );
    expect(proposal.level).toBe('II');
    expect(proposal.met[0]).toMatchObject({ id: 'cholera-30-in-city' });
    expect(proposal.facts).toEqual([{ windowDays: 7, cityTotal: 30, districtMax: 29, districts: 2 }]);
  });

  test('the commander sets the level with a reason; the history keeps every change; I–III move it to the city', async () => {
    const id = await eventId();
    await expect(
      inTransaction(bench.pool, (c) => setLevel(c, id, 'II', ' ', COMMANDER, bench.clock())),
    ).rejects.toMatchObject({ code: 'invalid' });
    await inTransaction(bench.pool, (c) =>
      setLevel(c, id, 'IV', '先按一般事件处置', COMMANDER, bench.clock()),
    );
    bench.clock.advance(HOUR);
    await inTransaction(bench.pool, (c) =>
      setLevel(c, id, 'II', '1周内30例，达重大标准', COMMANDER, bench.clock()),
    );
    const history = await bench.pool.query(
      'SELECT level, previous_level, proposed_level, reason, set_by FROM health_event_level WHERE event_id = $1 ORDER BY id',
      [id],
    );
    expect(history.rows).toEqual([
      {
        level: 'IV',
        previous_level: null,
        proposed_level: 'II',
        reason: '先按一般事件处置',
        set_by: COMMANDER,
      },
      {
        level: 'II',
        previous_level: 'IV',
        proposed_level: 'II',
        reason: '1周内30例，达重大标准',
        set_by: COMMANDER,
      },
    ]);
    const event = await bench.pool.query(
      'SELECT level, owner_place_code, owner_org_id FROM health_event WHERE id = $1',
      [id],
    );
    expect(event.rows[0]).toEqual({ level: 'II', owner_place_code: '4201', owner_org_id: ORGS.city });
  });

  test('status: active → controlled → closed, never back from closed, never straight to closed', async () => {
    const id = await eventId();
    const to = (s: 'active' | 'controlled' | 'closed') =>
      inTransaction(bench.pool, (c) => setStatus(c, id, s, '', COMMANDER, bench.clock()));
    await expect(to('closed')).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'event.bad-transition',
    });
    await to('controlled');
    await to('active');
    await to('controlled');
    await to('closed');
    await expect(to('active')).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      inTransaction(bench.pool, (c) => setLevel(c, id, 'I', 'late', COMMANDER, bench.clock())),
    ).rejects.toMatchObject({ code: 'conflict', messageKey: 'event.closed' });
  });

  test('the timeline holds everything in order', async () => {
    const id = await eventId();
    const kinds = await bench.pool.query<{ kind: string }>(
      'SELECT kind FROM health_event_timeline WHERE event_id = $1 ORDER BY seq',
      [id],
    );
    expect(kinds.rows.map((r) => r.kind)).toEqual([
      'opened',
      'alert-linked',
      'cases-linked',
      'level-proposed',
      'verification-confirmed',
      'level-proposed',
      'level-set',
      'level-set',
      'owner-changed',
      'status-changed',
      'status-changed',
      'status-changed',
      'status-changed',
    ]);
  });
});

describe('the funnel', () => {
  test('alerts → verified → events, with time to verify', async () => {
    const f = await funnel(bench.pool, '2000-01-01', '2100-12-31', '4201', bench.clock());
    // Alerts: cholera in 420102002003, in 420103001, polio; plus the cluster alerts of the 28 cards.
    const alerts = (await bench.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM alert')).rows[0]?.n;
    expect(f).toMatchObject({ alerts, verified: 2, events: 1 });
    expect(f.timeliness.pendingOverdue).toBe(1); // Jianghan's cholera, escalated, still pending
    // Polio: assigned at 02:00 by the tick, dismissed at 04:00 (2 h, in time); cholera: first outcome
    // (monitoring) 48 h later (50 h, late); Jianghan's cholera: pending past its deadline.
    expect(f.timeliness.medianHours).toBe(26);
    expect(f.timeliness.p90Hours).toBe(45.2);
    expect(f.timeliness.withinDeadline).toBeCloseTo(1 / 3, 3);
    const jianghan = await funnel(bench.pool, '2000-01-01', '2100-12-31', '420103', bench.clock());
    expect(jianghan).toMatchObject({ alerts: 1, verified: 0, events: 0 });
  });
});
