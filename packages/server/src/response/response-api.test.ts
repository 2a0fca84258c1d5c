import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { COMMUNITIES, ORGS, startBench, type Bench } from '../../test/response-bench.js';
import { signIn, type SignedIn } from '../../test/sign-in.js';
import { ROLES, type Role } from '../access/roles.js';
import { loadConfig } from '../config.js';
import { buildApp, type App } from '../http/app.js';

let bench: Bench;
let app: App;
const HOUR = 3_600_000;

const users: Record<string, SignedIn> = {};
const user = async (key: string, role: Role, jurisdiction: string, organisationId: string | null = null) => {
  const signedIn = await signIn(bench.pool, {
    role,
    jurisdiction,
    ...(role === 'facility_reporter' ? { facilityId: 'FX-H1' } : {}),
    nowMs: bench.clock().getTime(),
    lifetimeMs: 365 * 24 * HOUR,
  });
  await bench.pool.query('UPDATE app_user SET organisation_id = $2 WHERE id = $1', [
    signedIn.userId,
    organisationId,
  ]);
  users[key] = signedIn;
  return signedIn;
};

interface Reply<T> {
  status: number;
  body: T;
}
const call = async <T = Record<string, unknown>>(
  who: string | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
): Promise<Reply<T>> => {
  const response = await app.inject({
    method,
    url,
    headers: { 'accept-language': 'en', ...(who === null ? {} : users[who]?.headers) },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json<T>() };
};

interface Item {
  id: number;
  [key: string]: unknown;
}
interface Page {
  items: Item[];
  next: string | null;
}

beforeAll(async () => {
  bench = await startBench('2024-07-01T02:00:00.000Z');
  const loaded = loadConfig({ SHAOBING_CITY: 'wuhan', SHAOBING_SCRYPT_COST: '10' });
  if (!loaded.ok) throw new Error(loaded.message);
  app = await buildApp({
    config: loaded.config,
    db: { pool: bench.pool, url: bench.db.url, embedded: true, close: async () => {} },
    clock: () => bench.clock().getTime(),
  });
  await bench.cards([
    { id: 'C-1', disease: 'cholera', residence: COMMUNITIES.baocheng, onset: '2024-06-30' },
    { id: 'P-1', disease: 'polio', residence: '420102003001', onset: '2024-06-30' },
    { id: 'C-2', disease: 'cholera', residence: '420103001', onset: '2024-06-30' },
  ]);
  await user('commander', 'commander', '4201', ORGS.command);
  await user('analyst', 'analyst', '4201', ORGS.city);
  await user('duty.jiangan', 'duty_officer', '420102', ORGS.jiangan);
  await user('duty.jianghan', 'duty_officer', '420103', null);
  await user('worker.baocheng', 'community_worker', COMMUNITIES.baocheng, ORGS.baocheng);
  await user('worker.taining', 'community_worker', COMMUNITIES.taining, ORGS.taining);
  for (const role of ROLES) if (!users[role]) await user(role, role, '4201');
});
afterAll(async () => {
  await app?.close();
  await bench?.close();
});

const verificationOf = async (family: string, place: string) => {
  const page = await call<Page>('commander', 'GET', '/api/v1/verifications?limit=100');
  const found = page.body.items.find(
    (v) =>
      (v.alert as { family: string; placeCode: string }).family === family &&
      (v.alert as { placeCode: string }).placeCode === place,
  );
  if (!found) throw new Error(`no verification of ${family} at ${place}`);
  return found;
};

describe(`verification API on ${inject('databaseKind')}`, () => {
  test('the duty officer sees his district only; the commander sees all', async () => {
    const jiangan = await call<Page>('duty.jiangan', 'GET', '/api/v1/verifications');
    expect(jiangan.status).toBe(200);
    expect(jiangan.body.items.map((v) => (v.alert as { placeCode: string }).placeCode).sort()).toEqual([
      '420102002003',
      '420102003001',
    ]);
    expect(jiangan.body.items.every((v) => v.assignedOrgId === ORGS.jiangan)).toBe(true);
    const all = await call<Page>('commander', 'GET', '/api/v1/verifications');
    expect(all.body.items).toHaveLength(3);
    const jianghan = all.body.items.find((v) => (v.alert as { placeCode: string }).placeCode === '420103001');
    expect(jianghan).toMatchObject({
      assignedPlaceCode: '4201',
      assignedOrgId: ORGS.city,
      deadlineRule: 'managed-as-class-a',
    });
    const outside = await call('duty.jianghan', 'GET', `/api/v1/verifications/${jiangan.body.items[0]?.id}`);
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ error: { code: 'forbidden' } });
  });

  test('one verification shows its planned reminders; after the deadline it is overdue and escalated', async () => {
    const v = await verificationOf('cholera', COMMUNITIES.baocheng);
    const before = await call<{ notices: { label: string; outcome: string | null }[]; overdue: boolean }>(
      'duty.jiangan',
      'GET',
      `/api/v1/verifications/${v.id}`,
    );
    expect(before.body.notices.map((n) => [n.label, n.outcome])).toEqual([
      ['half-time', null],
      ['30-min-before', null],
      ['deadline', null],
    ]);
    bench.clock.advance(2 * HOUR);
    await bench.response.tick();
    const after = await call<Item>('duty.jiangan', 'GET', `/api/v1/verifications/${v.id}`);
    expect(after.body).toMatchObject({ overdue: true, escalatedPlaceCode: '4201', status: 'pending' });
    // Both cholera alerts (2 h); polio has 24 h.
    const overdue = await call<Page>('analyst', 'GET', '/api/v1/verifications?overdue=true&escalated=true');
    expect(overdue.body.items.map((i) => (i.alert as { family: string }).family)).toEqual([
      'cholera',
      'cholera',
    ]);
  });

  test('dismissing without a reason is refused naming the field; with one it is recorded', async () => {
    const v = await verificationOf('polio', '420102003001');
    const refused = await call('duty.jiangan', 'POST', `/api/v1/verifications/${v.id}/outcome`, {
      outcome: 'dismissed',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'invalid', issues: [{ field: 'body.reason' }] } });
    const done = await call('duty.jiangan', 'POST', `/api/v1/verifications/${v.id}/outcome`, {
      outcome: 'dismissed',
      reason: 'vaccine-derived, no transmission',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'dismissed',
      reason: 'vaccine-derived, no transmission',
      decidedBy: users['duty.jiangan']?.userId,
    });
    const again = await call('duty.jiangan', 'POST', `/api/v1/verifications/${v.id}/outcome`, {
      outcome: 'confirmed',
    });
    expect(again.status).toBe(409);
  });

  test('confirming opens an event the duty officer and the commander can read', async () => {
    const v = await verificationOf('cholera', COMMUNITIES.baocheng);
    const outside = await call('duty.jianghan', 'POST', `/api/v1/verifications/${v.id}/outcome`, {
      outcome: 'confirmed',
    });
    expect(outside.status).toBe(403);
    const confirmed = await call<Item>('duty.jiangan', 'POST', `/api/v1/verifications/${v.id}/outcome`, {
      outcome: 'confirmed',
      eventTitle: '江岸区霍乱',
    });
    expect(confirmed.body.status).toBe('confirmed');
    const event = await call<Item>('commander', 'GET', `/api/v1/events/${Number(confirmed.body.eventId)}`);
    expect(event.body).toMatchObject({
      title: '江岸区霍乱',
      type: 'cholera',
      status: 'active',
      level: null,
      proposedLevel: 'III',
      ownerPlaceCode: '420102',
      alertIds: [v.alert && (v.alert as { id: number }).id],
      cases: 1,
      levels: [],
    });
    const list = await call<Page>('duty.jianghan', 'GET', '/api/v1/events');
    expect(list.body.items).toEqual([]);
  });

  test('the funnel, scoped to the caller', async () => {
    const city = await call<Item>('commander', 'GET', '/api/v1/funnel?from=2000-01-01&to=2100-01-01');
    expect(city.body).toMatchObject({ place: '4201', alerts: 3, verified: 2, events: 1 });
    const district = await call<Item>('duty.jiangan', 'GET', '/api/v1/funnel?from=2000-01-01&to=2100-01-01');
    expect(district.body).toMatchObject({ place: '420102', alerts: 2, verified: 2, events: 1 });
    expect(
      (await call('duty.jiangan', 'GET', '/api/v1/funnel?from=2000-01-01&to=2100-01-01&place=420103')).status,
    ).toBe(403);
    expect((await call('commander', 'GET', '/api/v1/funnel?from=2024-02-01&to=2024-01-01')).status).toBe(400);
  });
});

describe('events API', () => {
  const eventId = async () =>
    (await call<Page>('commander', 'GET', '/api/v1/events')).body.items[0]?.id as number;

  test('only the commander sets the level, with a reason; the history keeps it', async () => {
    const id = await eventId();
    expect(
      (await call('duty.jiangan', 'POST', `/api/v1/events/${id}/level`, { level: 'IV', reason: 'x' })).status,
    ).toBe(403);
    const noReason = await call('commander', 'POST', `/api/v1/events/${id}/level`, {
      level: 'III',
      reason: '  ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ error: { issues: [{ field: 'body.reason' }] } });
    const set = await call<Item>('commander', 'POST', `/api/v1/events/${id}/level`, {
      level: 'III',
      reason: '两区1周内发生霍乱',
    });
    expect(set.body).toMatchObject({ level: 'III', ownerPlaceCode: '4201', ownerOrgId: ORGS.city });
    const detail = await call<{ levels: unknown[] }>('commander', 'GET', `/api/v1/events/${id}`);
    expect(detail.body.levels).toEqual([
      {
        level: 'III',
        previousLevel: null,
        proposedLevel: 'III',
        reason: '两区1周内发生霍乱',
        setBy: users.commander?.userId,
        setAt: bench.clock().toISOString(),
      },
    ]);
  });

  test('linking cases evaluates the proposal again; the timeline pages in order', async () => {
    const id = await eventId();
    const linked = await call<Item>('duty.jiangan', 'POST', `/api/v1/events/${id}/links`, {
      recordKeys: ['C-2'],
    });
    expect(linked.body).toMatchObject({ cases: 2 });
    const first = await call<{ items: { kind: string }[]; next: string }>(
      'commander',
      'GET',
      `/api/v1/events/${id}/timeline?limit=3`,
    );
    expect(first.body.items.map((e) => e.kind)).toEqual(['opened', 'alert-linked', 'cases-linked']);
    const rest = await call<{ items: { kind: string }[] }>(
      'commander',
      'GET',
      `/api/v1/events/${id}/timeline?cursor=${first.body.next}`,
    );
    expect(rest.body.items.map((e) => e.kind)).toContain('level-set');
  });
});

describe('the command board', () => {
  const eventId = async () =>
    (await call<Page>('commander', 'GET', '/api/v1/events')).body.items[0]?.id as number;
  const due = () => new Date(bench.clock().getTime() + 24 * HOUR).toISOString();

  test('push to every community of a street: one task each, owned by its community', async () => {
    const id = await eventId();
    const pushed = await call<{ taskIds: number[]; withoutOrganisation: string[] }>(
      'duty.jiangan',
      'POST',
      `/api/v1/events/${id}/tasks/push`,
      { kind: 'door-to-door-screening', title: '入户排查发热病人', placeCode: '420102002', dueAt: due() },
    );
    expect(pushed.status).toBe(201);
    expect(pushed.body.taskIds).toHaveLength(2);
    const communities = await bench.pool.query<{ code: string }>(
      `SELECT code FROM place WHERE level = 'community' AND code LIKE '420102002%' AND code NOT IN ($1, $2) ORDER BY code`,
      [COMMUNITIES.baocheng, COMMUNITIES.taining],
    );
    expect(pushed.body.withoutOrganisation).toEqual(communities.rows.map((r) => r.code));
    const event = await call<Item>('commander', 'GET', `/api/v1/events/${id}`);
    expect(event.body.tasks).toEqual({ open: 2, inProgress: 0, done: 0, cancelled: 0 });
    const mine = await call<Page>('worker.baocheng', 'GET', '/api/v1/tasks');
    expect(mine.body.items.map((t) => [t.ownerOrgId, t.placeCode, t.kind])).toEqual([
      [ORGS.baocheng, COMMUNITIES.baocheng, 'door-to-door-screening'],
    ]);
    expect(
      (
        await call('duty.jianghan', 'POST', `/api/v1/events/${id}/tasks/push`, {
          kind: 'disinfection',
          title: 'x',
          placeCode: '420102002',
          dueAt: due(),
        })
      ).status,
    ).toBe(403);
  });

  test('community workers report counts on their own task only; the counts add up', async () => {
    const task = (await call<Page>('worker.baocheng', 'GET', '/api/v1/tasks')).body.items[0] as Item;
    expect(
      (await call('worker.taining', 'POST', `/api/v1/tasks/${task.id}/reports`, { householdsVisited: 1 }))
        .status,
    ).toBe(403);
    await call('worker.baocheng', 'POST', `/api/v1/tasks/${task.id}/reports`, {
      householdsVisited: 120,
      feverFound: 3,
      referrals: 1,
      note: '上午',
    });
    const second = await call<Item>('worker.baocheng', 'POST', `/api/v1/tasks/${task.id}/reports`, {
      householdsVisited: 80,
      feverFound: 1,
      referrals: 1,
    });
    expect(second.body).toMatchObject({
      status: 'in_progress',
      counts: { householdsVisited: 200, feverFound: 4, referrals: 2 },
    });
    const negative = await call('worker.baocheng', 'POST', `/api/v1/tasks/${task.id}/reports`, {
      householdsVisited: -1,
    });
    expect(negative.status).toBe(400);
    const detail = await call<{ reports: unknown[] }>('duty.jiangan', 'GET', `/api/v1/tasks/${task.id}`);
    expect(detail.body.reports).toHaveLength(2);
  });

  test('hand-over: asked by the owner, accepted by the receiver, then the task is theirs alone', async () => {
    const task = (await call<Page>('worker.baocheng', 'GET', '/api/v1/tasks')).body.items[0] as Item;
    const asked = await call<{ id: number }>(
      'worker.baocheng',
      'POST',
      `/api/v1/tasks/${task.id}/handovers`,
      {
        toOrgId: ORGS.taining,
        reason: '楼栋划归泰宁社区',
      },
    );
    expect(asked.status).toBe(201);
    expect((await call('worker.baocheng', 'POST', `/api/v1/handovers/${asked.body.id}/accept`)).status).toBe(
      403,
    );
    const accepted = await call<Item>('worker.taining', 'POST', `/api/v1/handovers/${asked.body.id}/accept`);
    expect(accepted.body).toMatchObject({ ownerOrgId: ORGS.taining, pendingHandover: null });
    expect((await call('worker.baocheng', 'GET', `/api/v1/tasks/${task.id}`)).status).toBe(403);
    expect(
      (await call('worker.taining', 'POST', `/api/v1/tasks/${task.id}/reports`, { status: 'done' })).status,
    ).toBe(200);
  });

  test('an overdue task escalates to the level that owns its event', async () => {
    const id = await eventId();
    const created = await call<Item>('commander', 'POST', `/api/v1/events/${id}/tasks`, {
      kind: 'sampling',
      title: '水样采集',
      placeCode: '420102002',
      dueAt: new Date(bench.clock().getTime() + HOUR).toISOString(),
    });
    expect(created.body).toMatchObject({ ownerOrgId: ORGS.jiangan, status: 'open', overdue: false });
    bench.clock.advance(HOUR);
    expect((await bench.response.tick()).tasksEscalated).toBeGreaterThanOrEqual(1);
    const after = await call<Item>('commander', 'GET', `/api/v1/tasks/${created.body.id}`);
    expect(after.body).toMatchObject({ overdue: true, escalatedPlaceCode: '4201' });
  });
});

describe('task receivers', () => {
  test('the organisations under a place, by kind, for the hand-over picker', async () => {
    const page = await call<{ items: { id: string; kind: string }[] }>(
      'worker.baocheng',
      'GET',
      '/api/v1/task-receivers?place=420102002&kind=community',
    );
    expect(page.body.items.map((o) => o.id)).toEqual([ORGS.baocheng, ORGS.taining]);
    const all = await call<{ items: { id: string }[]; next: string }>(
      'commander',
      'GET',
      '/api/v1/task-receivers?limit=2',
    );
    const rest = await call<{ items: { id: string }[] }>(
      'commander',
      'GET',
      `/api/v1/task-receivers?cursor=${all.body.next}`,
    );
    expect([...all.body.items, ...rest.body.items].map((o) => o.id).sort()).toEqual(
      Object.values(ORGS).sort(),
    );
  });
});

describe('publishing an alert', () => {
  test('the commander or an analyst, with a reason; the public CAP feed carries it until withdrawn', async () => {
    const polio = (await verificationOf('polio', '420102003001')).alert as { id: number };
    expect(
      (await call('duty.jiangan', 'POST', `/api/v1/alerts/${polio.id}/public`, { reason: 'x' })).status,
    ).toBe(403);
    expect((await call('analyst', 'POST', `/api/v1/alerts/${polio.id}/public`, {})).status).toBe(400);
    const published = await call<Item>('analyst', 'POST', `/api/v1/alerts/${polio.id}/public`, {
      reason: '向公众通报',
    });
    expect(published.body).toMatchObject({ id: polio.id, public: true });
    const cap = await app.inject({ method: 'GET', url: `/api/v1/public/cap/${polio.id}` });
    expect(cap.statusCode).toBe(200);
    const withdrawn = await call<Item>('commander', 'POST', `/api/v1/alerts/${polio.id}/public`, {
      public: false,
      reason: '撤回',
    });
    expect(withdrawn.body).toMatchObject({ public: false });
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/cap/${polio.id}` })).statusCode).toBe(404);
    const log = await bench.pool.query(
      'SELECT public, reason FROM alert_publication WHERE alert_id = $1 ORDER BY id',
      [polio.id],
    );
    expect(log.rows).toEqual([
      { public: true, reason: '向公众通报' },
      { public: false, reason: '撤回' },
    ]);
  });
});

describe('access matrix of the response routes', () => {
  const R = ['commander', 'analyst', 'duty_officer'];
  const DOERS = [
    ...R,
    'community_worker',
    'volunteer',
    'supply_officer',
    'ems_dispatcher',
    'hotline_operator',
  ];
  const routes: [string, 'GET' | 'POST', string, string[]][] = [
    ['list verifications', 'GET', '/api/v1/verifications', R],
    ['one verification', 'GET', '/api/v1/verifications/999999', R],
    ['outcome', 'POST', '/api/v1/verifications/999999/outcome', R],
    ['funnel', 'GET', '/api/v1/funnel?from=2024-01-01&to=2024-01-02', R],
    ['list events', 'GET', '/api/v1/events', R],
    ['open event', 'POST', '/api/v1/events', R],
    ['one event', 'GET', '/api/v1/events/999999', R],
    ['timeline', 'GET', '/api/v1/events/999999/timeline', R],
    ['level', 'POST', '/api/v1/events/999999/level', ['commander']],
    ['status', 'POST', '/api/v1/events/999999/status', ['commander', 'duty_officer']],
    ['links', 'POST', '/api/v1/events/999999/links', R],
    ['proposal', 'POST', '/api/v1/events/999999/proposal', R],
    ['give task', 'POST', '/api/v1/events/999999/tasks', R],
    ['push tasks', 'POST', '/api/v1/events/999999/tasks/push', R],
    ['list tasks', 'GET', '/api/v1/tasks', DOERS],
    ['one task', 'GET', '/api/v1/tasks/999999', DOERS],
    ['report', 'POST', '/api/v1/tasks/999999/reports', DOERS],
    ['task status', 'POST', '/api/v1/tasks/999999/status', DOERS],
    ['hand over', 'POST', '/api/v1/tasks/999999/handovers', DOERS],
    ['accept', 'POST', '/api/v1/handovers/999999/accept', DOERS],
    ['decline', 'POST', '/api/v1/handovers/999999/decline', DOERS],
    ['publish alert', 'POST', '/api/v1/alerts/999999/public', ['commander', 'analyst']],
    ['task receivers', 'GET', '/api/v1/task-receivers', DOERS],
  ];
  test.each(routes)(
    '%s (%s %s): allowed roles pass the guard, others get 403, nobody 401',
    async (_n, method, url, allowed) => {
      for (const role of ROLES) {
        const reply = await call(role, method, url, method === 'POST' ? {} : undefined);
        if (allowed.includes(role)) expect([role, reply.status]).not.toEqual([role, 403]);
        else expect([role, reply.status]).toEqual([role, 403]);
      }
      expect((await call(null, method, url, method === 'POST' ? {} : undefined)).status).toBe(401);
    },
  );

  test('every response route is in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, unknown>;
    }>();
    for (const [, , url] of routes) {
      const path = url.split('?')[0]?.replace(/999999/g, '{id}') as string;
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});

describe('bad input on every text field', () => {
  const long = (n: number) => '疫'.repeat(n);
  const eventId = async () =>
    (await call<Page>('commander', 'GET', '/api/v1/events')).body.items[0]?.id as number;
  const taskId = async () =>
    (await call<Page>('commander', 'GET', '/api/v1/tasks')).body.items[0]?.id as number;
  const cases: [string, (ids: { event: number; task: number }) => [string, unknown], string][] = [
    [
      'event title',
      () => ['/api/v1/events', { type: 'cholera', title: long(201), placeCode: '420102' }],
      'body.title',
    ],
    [
      'event type',
      () => ['/api/v1/events', { type: "x'; DROP TABLE alert; --", title: 't', placeCode: '420102' }],
      'body.type',
    ],
    [
      'event place',
      () => ['/api/v1/events', { type: 'cholera', title: 't', placeCode: "4201' OR '1'='1" }],
      'body.placeCode',
    ],
    [
      'level reason',
      ({ event }) => [`/api/v1/events/${event}/level`, { level: 'I', reason: long(2001) }],
      'body.reason',
    ],
    [
      'status reason',
      ({ event }) => [`/api/v1/events/${event}/status`, { status: 'controlled', reason: long(2001) }],
      'body.reason',
    ],
    [
      'record key',
      ({ event }) => [`/api/v1/events/${event}/links`, { recordKeys: [long(201)] }],
      'body.recordKeys.0',
    ],
    [
      'task title',
      ({ event }) => [
        `/api/v1/events/${event}/tasks`,
        { kind: 'sampling', title: long(201), placeCode: '420102', dueAt: '2024-07-05T00:00:00Z' },
      ],
      'body.title',
    ],
    [
      'task details',
      ({ event }) => [
        `/api/v1/events/${event}/tasks`,
        {
          kind: 'sampling',
          title: 't',
          details: long(4001),
          placeCode: '420102',
          dueAt: '2024-07-05T00:00:00Z',
        },
      ],
      'body.details',
    ],
    [
      'task deadline',
      ({ event }) => [
        `/api/v1/events/${event}/tasks`,
        { kind: 'sampling', title: 't', placeCode: '420102', dueAt: 'tomorrow' },
      ],
      'body.dueAt',
    ],
    [
      'task kind',
      ({ event }) => [
        `/api/v1/events/${event}/tasks`,
        { kind: 'parade', title: 't', placeCode: '420102', dueAt: '2024-07-05T00:00:00Z' },
      ],
      'body.kind',
    ],
    ['report note', ({ task }) => [`/api/v1/tasks/${task}/reports`, { note: long(2001) }], 'body.note'],
    [
      'report count',
      ({ task }) => [`/api/v1/tasks/${task}/reports`, { householdsVisited: 1.5 }],
      'body.householdsVisited',
    ],
    [
      'hand-over organisation',
      ({ task }) => [`/api/v1/tasks/${task}/handovers`, { toOrgId: long(65), reason: 'r' }],
      'body.toOrgId',
    ],
    [
      'outcome reason',
      () => ['/api/v1/verifications/1/outcome', { outcome: 'monitoring', reason: long(2001) }],
      'body.reason',
    ],
  ];
  test.each(cases)('%s: 400 naming the field', async (_name, build, field) => {
    const [url, body] = build({ event: await eventId(), task: await taskId() });
    const reply = await call<{ error: { code: string; issues: { field: string }[] } }>(
      'commander',
      'POST',
      url,
      body,
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid');
    expect(reply.body.error.issues.map((i) => i.field)).toContain(field);
  });

  test('SQL in a text field is stored as text', async () => {
    const injected = "'); DELETE FROM health_event; --";
    const opened = await call<Item>('commander', 'POST', '/api/v1/events', {
      type: 'cholera',
      title: injected,
      placeCode: '420102',
    });
    expect(opened.status).toBe(201);
    expect(opened.body.title).toBe(injected);
    const count = await bench.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM health_event');
    expect(count.rows[0]?.n).toBe(2);
  });
});
