import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COMMUNITIES, ORGS, startBench, type Bench } from '../../test/response-bench.js';
import { openEvent, setStatus } from '../events/event-store.js';
import { inTransaction } from '../response/transaction.js';
import { answerHandover, requestHandover } from './handover.js';
import { createTask, pushToCommunities, reportProgress, setTaskStatus, type Actor } from './task-store.js';

let bench: Bench;
let eventId: number;
const HOUR = 3_600_000;
const commander: Actor = { userId: 1, orgId: ORGS.command, commands: true };
const baocheng: Actor = { userId: 2, orgId: ORGS.baocheng, commands: false };
const taining: Actor = { userId: 3, orgId: ORGS.taining, commands: false };
const tx = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(bench.pool, work);
const task = async (id: number) =>
  (
    await bench.pool.query<{ owner_org_id: string; status: string; escalated_place_code: string | null }>(
      'SELECT owner_org_id, status, escalated_place_code FROM response_task WHERE id = $1',
      [id],
    )
  ).rows[0];
const give = (placeCode: string, dueInHours = 4, ownerOrgId?: string) =>
  tx((c) =>
    createTask(
      c,
      eventId,
      {
        kind: 'disinfection',
        title: '终末消毒',
        details: '',
        placeCode,
        ownerOrgId,
        dueAt: new Date(bench.clock().getTime() + dueInHours * HOUR),
      },
      commander,
      bench.clock(),
    ),
  );

beforeAll(async () => {
  bench = await startBench('2024-07-01T02:00:00.000Z');
  eventId = await tx((c) =>
    openEvent(c, {
      type: 'cholera',
      title: '霍乱',
      placeCode: '420102002',
      alertIds: [],
      actor: 1,
      now: bench.clock(),
    }),
  );
});
afterAll(async () => bench?.close());

describe('tasks', () => {
  test('the first receiver owns it: the community at a community, the district CDC above it', async () => {
    expect((await task(await give(COMMUNITIES.baocheng)))?.owner_org_id).toBe(ORGS.baocheng);
    expect((await task(await give('420102002')))?.owner_org_id).toBe(ORGS.jiangan);
    expect((await task(await give('420103001')))?.owner_org_id).toBe(ORGS.city);
    await expect(give('420102002', 4, 'no.such.org')).rejects.toMatchObject({
      messageKey: 'organisation.not-found',
    });
  });

  test('a finished task does not escalate; an unfinished one does, once', async () => {
    const finished = await give(COMMUNITIES.baocheng, 1);
    const late = await give(COMMUNITIES.baocheng, 1);
    await tx((c) =>
      reportProgress(
        c,
        finished,
        { status: 'done', note: '', householdsVisited: 5, feverFound: 0, referrals: 0 },
        baocheng,
        bench.clock(),
      ),
    );
    bench.clock.advance(HOUR);
    const tick = await bench.response.tick();
    expect(tick.tasksEscalated).toBe(1);
    expect(tick.skipped).toBe(1);
    expect(await task(finished)).toMatchObject({ status: 'done', escalated_place_code: null });
    expect(await task(late)).toMatchObject({ status: 'open', escalated_place_code: '420102' });
    expect((await bench.response.tick()).tasksEscalated).toBe(0);
  });

  test('status: done and cancelled are final; cancelling needs a reason; only the owner reports', async () => {
    const id = await give(COMMUNITIES.baocheng);
    await expect(
      tx((c) => setTaskStatus(c, id, 'cancelled', ' ', commander, bench.clock())),
    ).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(
      tx((c) =>
        reportProgress(
          c,
          id,
          { note: '', householdsVisited: 1, feverFound: 0, referrals: 0 },
          taining,
          bench.clock(),
        ),
      ),
    ).rejects.toMatchObject({ code: 'forbidden', messageKey: 'task.not-owner' });
    await tx((c) => setTaskStatus(c, id, 'cancelled', '重复任务', commander, bench.clock()));
    await expect(tx((c) => setTaskStatus(c, id, 'open', '', commander, bench.clock()))).rejects.toMatchObject(
      {
        code: 'conflict',
      },
    );
    await expect(
      tx((c) =>
        reportProgress(
          c,
          id,
          { note: '', householdsVisited: 1, feverFound: 0, referrals: 0 },
          baocheng,
          bench.clock(),
        ),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  test('hand-over: one pending at a time, never to the owner itself; declined keeps the owner', async () => {
    const id = await give(COMMUNITIES.baocheng);
    await expect(
      tx((c) => requestHandover(c, id, ORGS.baocheng, '转交', baocheng, bench.clock())),
    ).rejects.toMatchObject({
      messageKey: 'task.handover-self',
    });
    await expect(
      tx((c) => requestHandover(c, id, ORGS.taining, '转交', taining, bench.clock())),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    const first = await tx((c) =>
      requestHandover(c, id, ORGS.taining, '属泰宁社区', baocheng, bench.clock()),
    );
    await expect(
      tx((c) => requestHandover(c, id, ORGS.jiangan, '再转', commander, bench.clock())),
    ).rejects.toMatchObject({
      messageKey: 'task.handover-pending',
    });
    await tx((c) => answerHandover(c, first, false, taining, bench.clock()));
    expect((await task(id))?.owner_org_id).toBe(ORGS.baocheng);
    await expect(tx((c) => answerHandover(c, first, true, taining, bench.clock()))).rejects.toMatchObject({
      messageKey: 'task.handover-answered',
    });
    // The command side may ask too; the receiver accepts.
    const second = await tx((c) =>
      requestHandover(c, id, ORGS.taining, '指挥部调整', commander, bench.clock()),
    );
    await tx((c) => answerHandover(c, second, true, taining, bench.clock()));
    expect((await task(id))?.owner_org_id).toBe(ORGS.taining);
  });

  test('push: one task per community under the area, owned by its organisation; the timeline counts them', async () => {
    const pushed = await tx((c) =>
      pushToCommunities(
        c,
        eventId,
        {
          kind: 'door-to-door-screening',
          title: '入户排查',
          details: '',
          placeCode: '420102002',
          dueAt: new Date(bench.clock().getTime() + 24 * HOUR),
        },
        commander,
        bench.clock(),
      ),
    );
    const owners = await bench.pool.query<{ owner_org_id: string; place_code: string }>(
      'SELECT owner_org_id, place_code FROM response_task WHERE push_id = $1 ORDER BY place_code',
      [pushed.pushId],
    );
    expect(owners.rows).toEqual([
      { owner_org_id: ORGS.baocheng, place_code: COMMUNITIES.baocheng },
      { owner_org_id: ORGS.taining, place_code: COMMUNITIES.taining },
    ]);
    const communities = await bench.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM place WHERE level = 'community' AND code LIKE '420102002%'`,
    );
    expect(pushed.withoutOrganisation).toHaveLength((communities.rows[0]?.n ?? 0) - 2);
    await expect(
      tx((c) =>
        pushToCommunities(
          c,
          eventId,
          { kind: 'disinfection', title: 'x', details: '', placeCode: '420199', dueAt: bench.clock() },
          commander,
          bench.clock(),
        ),
      ),
    ).rejects.toMatchObject({ messageKey: 'task.no-communities' });
  });

  test('no task under a closed event', async () => {
    await tx((c) => setStatus(c, eventId, 'controlled', '', 1, bench.clock()));
    await tx((c) => setStatus(c, eventId, 'closed', '', 1, bench.clock()));
    await expect(give(COMMUNITIES.baocheng)).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'event.closed',
    });
  });
});
