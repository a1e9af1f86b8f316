/**
 * Live-case migration on the real stack (API, worker, Temporal, PostgreSQL): four dibao@1 cases in
 * four states, a dry run and a run of the staged dibao@1 → dibao@2 plan (test/support/stagedVersions.ts:
 * rejectionNotice renamed rejectionDelivery, a new noticeResult step after the public notice, cases in
 * objectionReview left on dibao@1), then every case driven to its end — the migrated ones on dibao@2,
 * through the new step, the one left behind on dibao@1. The cases sit in a township of their own, and
 * the supervisor sits there too, so the batch sees no other test's cases.
 */
import { applicationSchema } from '../../definitions/shared/application';
import type { CaseOrgs } from '../../definitions/shared/actors';
import type { caseWorkflow } from '../../workflows/caseWorkflow';
import type { CaseView } from '../../workflows/contract';
import { CaseDefinitionVersion } from '../../workflows/searchAttributes';
import type { MigrationItem, MigrationResult } from '../../api/migrations/schemas';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import { DIBAO_V2 } from '../support/stagedVersions';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

// Long enough to migrate a case while its notice runs, short enough to wait out.
const NOTICE_SECONDS = 12;

let stack: Stack;
let api: TestApi;

beforeAll(async () => {
  stack = await openStack('migration', { noticeSeconds: NOTICE_SECONDS });
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const orgs: CaseOrgs = townshipOrgs('771');
const window = actors.window(orgs);
const township = actors.township(orgs);
const village = actors.village(orgs);
const county = actors.county(orgs);
const supervisor: Person = { userId: 'supervisor-771', role: 'supervisor', org: orgs.township };
const plan = { from: 'dibao@1', to: DIBAO_V2 };
const REASON = '按新修订的审核确认办法，公示结束后增加公示结果确认';

async function submit(): Promise<string> {
  const application = applicationSchema.parse(anApplication({ orgs }));
  return (await stack.commands.startApplication(application, window, undefined)).view.id;
}

const decide = (id: string, type: string, actor: Person, payload: Record<string, unknown> = {}): Promise<CaseView> =>
  stack.commands.submitEvent(id, { type, actor, payload });

function stepReached(id: string, step: string): Promise<CaseView> {
  return eventually(
    async () => {
      const view = await stack.commands.readCase(id);
      return view.step === step ? view : undefined;
    },
    (NOTICE_SECONDS + 15) * 1000,
    `${id} at ${step}`
  );
}

async function toFirstReview(id: string): Promise<void> {
  await decide(id, 'ACCEPT', window);
  await checkRunsFinished(stack.commands, id);
  await decide(id, 'RECORD_HOME_VISIT', township, homeVisit);
}

async function auditOf(id: string) {
  const { rows } = await stack.pool.query<{
    event: string;
    actor_user: string;
    comment: string | null;
    payload: Record<string, unknown>;
  }>('SELECT event, actor_user, comment, payload FROM case_events WHERE case_id = $1 ORDER BY seq', [id]);
  return rows;
}

async function versionInReadModel(id: string): Promise<string> {
  const { rows } = await stack.pool.query<{ definition_version: string }>(
    'SELECT definition_version FROM cases WHERE id = $1',
    [id]
  );
  return rows[0]!.definition_version;
}

const byCase = (result: MigrationResult): Record<string, MigrationItem> =>
  Object.fromEntries(result.items.map((item) => [item.caseId, item]));

describe('live-case migration dibao@1 → dibao@2', () => {
  it('moves the cases the plan takes, keeps their clocks, leaves the rest on dibao@1, and a rerun changes nothing', async () => {
    // D: an objection during the notice puts it in objectionReview, which the plan does not take.
    const objected = await submit();
    await toFirstReview(objected);
    await decide(objected, 'PROPOSE_APPROVAL', township, { opinion: '符合低保条件' });
    await decide(objected, 'FILE_NOTICE_OBJECTION', village, { summary: '群众反映家中有营运车辆', complaint: false });
    // C: rejected, the written reasons not yet delivered (the state v2 renames).
    const rejected = await submit();
    await toFirstReview(rejected);
    await decide(rejected, 'PROPOSE_REJECTION', township, { reasons: ['人均收入高于低保标准'] });
    await decide(rejected, 'REJECT', county, { reasons: ['人均收入高于低保标准'] });
    // A: just submitted.
    const fresh = await submit();
    await stepReached(objected, 'objectionReview');
    // B: on public notice, its period running, started last so it is still running at the migration.
    const onNotice = await submit();
    await toFirstReview(onNotice);
    await decide(onNotice, 'PROPOSE_APPROVAL', township, { opinion: '符合低保条件' });

    // A window clerk may neither plan nor run a migration.
    expect((await api.call('POST', '/api/migrations/plan', window, plan)).status).toBe(403);
    expect((await api.call('POST', '/api/migrations/run', window, { ...plan, reason: REASON })).status).toBe(403);

    const dryRun = await api.call('POST', '/api/migrations/plan', supervisor, plan);
    expect(dryRun.status).toBe(200);
    const planned = byCase(dryRun.body as MigrationResult);
    expect(Object.keys(planned).sort()).toEqual([fresh, onNotice, rejected, objected].sort());
    expect(planned[fresh]).toMatchObject({ outcome: 'wouldMigrate', states: { from: ['intake.reviewingMaterials'] } });
    expect(planned[rejected]).toMatchObject({
      outcome: 'wouldMigrate',
      states: { from: ['rejectionNotice'], to: ['rejectionDelivery'] },
    });
    expect(planned[onNotice]).toMatchObject({
      outcome: 'wouldMigrate',
      timers: [{ delay: 'publicNoticePeriod', policy: 'carry' }],
    });
    const noticeDue = planned[onNotice]!.timers![0]!.dueAt;
    expect(planned[objected]).toMatchObject({
      outcome: 'cannotMigrate',
      code: 'noMapping',
      definitionVersion: 'dibao@1',
      reasonZh: expect.stringContaining('异议处理中的案件请在原版本办结') as string,
    });
    // In batches: the next one goes on after the last case of the one before.
    const firstBatch = (await api.call('POST', '/api/migrations/plan', supervisor, { ...plan, limit: 3 }))
      .body as MigrationResult;
    expect(firstBatch.items).toHaveLength(3);
    expect(firstBatch.nextCursor).toBe(firstBatch.items[2]!.caseId);
    const lastBatch = (
      await api.call('POST', '/api/migrations/plan', supervisor, { ...plan, limit: 3, cursor: firstBatch.nextCursor })
    ).body as MigrationResult;
    expect(lastBatch.nextCursor).toBeNull();
    expect([...firstBatch.items, ...lastBatch.items].map((i) => i.caseId)).toEqual(
      (dryRun.body as MigrationResult).items.map((i) => i.caseId)
    );
    // The dry run changed nothing.
    expect(await versionInReadModel(fresh)).toBe('dibao@1');

    const run = await api.call('POST', '/api/migrations/run', supervisor, { ...plan, reason: REASON });
    expect(run.status).toBe(200);
    const ran = run.body as MigrationResult;
    expect(ran.counts).toEqual({ migrated: 3, cannotMigrate: 1 });
    expect(byCase(ran)[onNotice]!.timers![0]!.dueAt).toBe(noticeDue);

    for (const id of [fresh, onNotice, rejected]) {
      const view = await stack.commands.readCase(id);
      expect(view.definitionVersion).toBe(DIBAO_V2);
      const migrations = (await auditOf(id)).filter((line) => line.event === 'MIGRATE_DEFINITION');
      expect(migrations).toEqual([
        {
          event: 'MIGRATE_DEFINITION',
          actor_user: supervisor.userId,
          comment: REASON,
          payload: expect.objectContaining({ fromVersion: 'dibao@1', toVersion: DIBAO_V2 }) as unknown,
        },
      ]);
      await eventually(async () => ((await versionInReadModel(id)) === DIBAO_V2 ? true : undefined));
      const described = await stack.client.workflow.getHandle(id).describe();
      expect(described.typedSearchAttributes.get(CaseDefinitionVersion)).toBe(DIBAO_V2);
    }
    expect((await stack.commands.readCase(rejected)).step).toBe('rejectionDelivery');
    // The rejection notice's legal clock kept its start.
    const rejectedView = await stack.commands.readCase(rejected);
    expect(rejectedView.deadlines.map((d) => [d.key, d.startedAt])).toEqual([
      ['rejectionNotice', rejectedView.timeline.find((t) => t.event === 'REJECT')!.at],
    ]);
    expect(await versionInReadModel(objected)).toBe('dibao@1');

    // Again: nothing changes, no second audit line.
    const rerun = await api.call('POST', '/api/migrations/run', supervisor, { ...plan, reason: REASON });
    expect(rerun.status).toBe(200);
    expect((rerun.body as MigrationResult).counts).toEqual({ alreadyMigrated: 3, cannotMigrate: 1 });
    for (const id of [fresh, onNotice, rejected]) {
      expect((await auditOf(id)).filter((line) => line.event === 'MIGRATE_DEFINITION')).toHaveLength(1);
    }

    // B: the carried notice period ends at its old instant and leads into v2's new step.
    const confirming = await stepReached(onNotice, 'noticeResult');
    const ended = confirming.timeline.find((t) => t.event === 'TIMER:publicNoticePeriod')!;
    expect(Date.parse(ended.at)).toBeGreaterThanOrEqual(Date.parse(noticeDue));
    await decide(onNotice, 'CONFIRM_NOTICE_RESULT', township, { summary: '公示期内无异议' });
    await decide(onNotice, 'REJECT', county, { reasons: ['复核发现收入超标'] });
    expect((await stack.commands.readCase(onNotice)).step).toBe('rejectionDelivery');
    await decide(onNotice, 'DELIVER_REJECTION_NOTICE', township, { deliveredOn: '2026-12-03' });

    // C: delivered in its renamed step.
    await decide(rejected, 'DELIVER_REJECTION_NOTICE', township, { deliveredOn: '2026-12-03' });

    // A: the whole procedure on dibao@2, through the new step, to payment and termination.
    await toFirstReview(fresh);
    await decide(fresh, 'PROPOSE_APPROVAL', township, { opinion: '符合低保条件' });
    await stepReached(fresh, 'noticeResult');
    // Through the API: the access policy reads the case's own version, whose chart has the new event.
    const confirmed = await api.call('POST', `/api/applications/${fresh}/events`, township, {
      type: 'CONFIRM_NOTICE_RESULT',
      summary: '公示期内无异议',
    });
    expect(confirmed).toMatchObject({ status: 200, body: { step: 'countyReview', definitionVersion: DIBAO_V2 } });
    await decide(fresh, 'APPROVE', county, {});
    await decide(fresh, 'TERMINATE', county, { reason: '家庭收入已超过低保标准' });

    // D: finishes on dibao@1, whose chart has no noticeResult step and the old state name.
    await decide(objected, 'RECORD_COMMUNITY_REVIEW', township, {
      attendees: 7,
      outcome: 'oppose',
      minutes: '评议认为收入超标',
    });
    await decide(objected, 'PROPOSE_REJECTION', township, { reasons: ['民主评议认为收入超标'] });
    await decide(objected, 'REJECT', county, { reasons: ['人均收入高于低保标准'] });
    expect((await stack.commands.readCase(objected)).step).toBe('rejectionNotice');
    await decide(objected, 'DELIVER_REJECTION_NOTICE', township, { deliveredOn: '2026-12-03' });

    const results = Object.fromEntries(
      await Promise.all(
        [fresh, onNotice, rejected, objected].map(
          async (id) => [id, await stack.client.workflow.getHandle<typeof caseWorkflow>(id).result()] as const
        )
      )
    );
    expect(results[fresh]).toMatchObject({ status: 'done', step: 'terminated', definitionVersion: DIBAO_V2 });
    expect(results[fresh]!.timeline.map((t) => t.event)).toContain('CONFIRM_NOTICE_RESULT');
    expect(results[onNotice]).toMatchObject({ status: 'done', step: 'rejected', definitionVersion: DIBAO_V2 });
    expect(results[onNotice]!.timeline.map((t) => t.event)).toContain('CONFIRM_NOTICE_RESULT');
    expect(results[rejected]).toMatchObject({ status: 'done', step: 'rejected', definitionVersion: DIBAO_V2 });
    expect(results[objected]).toMatchObject({ status: 'done', step: 'rejected', definitionVersion: 'dibao@1' });
    expect(results[objected]!.timeline.map((t) => t.event)).not.toContain('MIGRATE_DEFINITION');
  }, 180_000);

  it('refuses a version pair without a plan, and a body with unknown keys', async () => {
    const noPlan = await api.call('POST', '/api/migrations/plan', supervisor, { from: 'dibao@1', to: 'dibao@9' });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body).toMatchObject({ error: { issues: [{ path: 'body.to' }] } });
    const unknownKey = await api.call('POST', '/api/migrations/plan', supervisor, { ...plan, force: true });
    expect(unknownKey.status).toBe(400);
    const wrongProgram = await api.call('POST', '/api/migrations/plan', supervisor, {
      ...plan,
      filter: { program: 'tekun' },
    });
    expect(wrongProgram.body).toMatchObject({ error: { issues: [{ path: 'body.filter.program' }] } });
    // A county outside the supervisor's township.
    const outside = await api.call('POST', '/api/migrations/plan', supervisor, {
      ...plan,
      filter: { county: '379901' },
    });
    expect(outside.status).toBe(403);
  });
});
