/**
 * Stuck cases: running cases, household applications and payment cycles whose workflow is failing
 * (an activity retried again and again, a workflow task that keeps failing, or a write the database
 * refused for good and the workflow holds), found through Temporal rather than the read model, because a
 * stuck case is precisely one whose records stopped landing. Supervisors only, in their org's
 * scope; they can send the failing part to try again now, or terminate the case with a reason.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { findTermination, readModelPlace, recordTermination } from '../../db/terminationWrites';
import type { ActionName } from '../../definitions/access';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { stuckCaseRoutes } from './routes';
import type { Caller } from '../http/identity';
import { callerOf } from '../http/identity';
import { Conflict } from '../http/errors';
import { invalidCursor } from '../http/paging';
import { isRefusedArgument } from '../http/temporalErrors';
import type { StuckCaseOperations } from './operations';
import { caseUnderOrg } from './reading';
import type { StuckCase } from './schemas';
import { stuckQuerySchema, stuckScanPaging, terminateBodySchema, terminatedEvent, terminatedStep } from './schemas';
import { parseOrThrow } from '../http/validation';

export interface StuckCaseDependencies {
  pool: Pool;
  operations: StuckCaseOperations;
}

function scopedOrg(caller: Caller, requested: string | undefined): string {
  const org = requested ?? caller.org;
  authorizeOn(caller, 'stuck.list', { org });
  return org;
}

/** Temporal's page token the cursor carries; a cursor issued for another org is refused like a forged one. */
function pageTokenOf(cursor: string | undefined, org: string): Uint8Array | undefined {
  const position = stuckScanPaging.after(cursor, (p) => p.org === org);
  return position === undefined ? undefined : Buffer.from(position.token, 'base64');
}

/** A forged or stale page token is the caller's error; Temporal only says so by refusing it. */
function refusedPageToken(pageToken: Uint8Array | undefined, error: unknown): unknown {
  return pageToken !== undefined && isRefusedArgument(error) ? invalidCursor() : error;
}

export function stuckCasesRouter({ pool, operations }: StuckCaseDependencies): Router {
  const router = Router();

  /** The case in Temporal and in the read model, refused when outside the supervisor's org. */
  async function caseInScope(caller: Caller, caseId: string, action: ActionName) {
    const target = await operations.describeCase(caseId);
    const row = (await readModelPlace(pool, [caseId])).get(caseId);
    // The most precise place known (a case whose records stopped landing may have no village yet);
    // a case with no place at all is under nobody's org, so it is refused like one outside it.
    const place = row?.village ?? target.township ?? target.county ?? '';
    authorizeOn(caller, action, { org: place });
    return { target, row };
  }

  serve(router, stuckCaseRoutes.list, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(stuckQuerySchema, req.query, ['query']);
    const org = scopedOrg(caller, query.org);
    const pageToken = pageTokenOf(query.cursor, org);
    const page = await operations.scan(org, query.limit, pageToken).catch((error: unknown) => {
      throw refusedPageToken(pageToken, error);
    });
    const places = await readModelPlace(
      pool,
      page.stuck.map((c) => c.caseId)
    );
    const items: StuckCase[] = page.stuck
      .filter((c) =>
        caseUnderOrg(org, { county: c.county, township: c.township, village: places.get(c.caseId)?.village ?? null })
      )
      .map((c) => ({
        caseId: c.caseId,
        workflowType: c.workflowType,
        runId: c.runId,
        program: c.program,
        step: places.get(c.caseId)?.step ?? null,
        stepLabelZh: places.get(c.caseId)?.stepLabelZh ?? null,
        county: c.county,
        township: c.township,
        startedAt: c.startedAt,
        problems: c.problems,
      }));
    res.json({
      asOf: new Date().toISOString(),
      org,
      minActivityAttempts: operations.settings.minActivityAttempts.value,
      scanned: page.scanned,
      items,
      nextCursor: page.nextPageToken
        ? stuckScanPaging.encode({ org, token: Buffer.from(page.nextPageToken).toString('base64') })
        : null,
    });
  });

  serve(router, stuckCaseRoutes.retry, async (req, res) => {
    const caller = callerOf(req);
    const { target } = await caseInScope(caller, req.params.caseId, 'stuck.retry');
    if (!target.running) throw new Conflict('该案件流程已结束，无需重试');
    const taskFailing = target.problems.some((p) => p.kind === 'workflowTaskFailing');
    const activities = target.problems.filter((p) => p.kind === 'activityRetrying');
    if (!taskFailing && target.problems.some((p) => p.kind === 'writeRefused')) {
      // Held writes run again now: fix the cause first (data, a migration), or they are refused again.
      await operations.retryHeldWrites(target);
      res.json({ caseId: target.caseId, action: 'writesRetried', activities: [], runId: target.runId });
      return;
    }
    if (taskFailing) {
      // The workflow code fails, not a write: only a fresh run of the last good task can pick up fixed code now.
      const runId = await operations.resetToLastGoodTask(target, caller, `supervisor retry by ${caller.userId}`);
      res.json({ caseId: target.caseId, action: 'workflowReset', activities: [], runId });
      return;
    }
    if (activities.length === 0) {
      throw new Conflict('该案件当前没有反复失败的环节，无需重试');
    }
    await operations.retryActivities(target, activities, caller);
    res.json({
      caseId: target.caseId,
      action: 'activityReset',
      activities: activities.map(({ activityId, activityType, attempt }) => ({ activityId, activityType, attempt })),
      runId: target.runId,
    });
  });

  serve(router, stuckCaseRoutes.terminate, async (req, res) => {
    const caller = callerOf(req);
    const body = parseOrThrow(terminateBodySchema, req.body, ['body']);
    const { target, row } = await caseInScope(caller, req.params.caseId, 'stuck.terminate');
    if (target.workflowType === 'paymentCycle') {
      // A county's cycle exists once per month: terminated, it could never be started again.
      throw new Conflict('发放周期不能在此终止：请修复原因后点击重试，或联系系统管理员');
    }
    const already = await findTermination(pool, target.caseId, terminatedEvent);
    if (already) {
      throw new Conflict(`该案件已于 ${already.occurredAt} 由 ${already.actorUser} 终止，不能重复终止`);
    }
    let actor: Caller = caller;
    let reason = body.reason;
    if (!target.running) {
      // Terminated by us before, but the record did not land (the process stopped in between): record it now.
      const earlier = await operations.terminatedBySupervisor(target);
      if (!earlier) throw new Conflict('该案件流程已结束，无法终止');
      ({ actor, reason } = earlier);
    } else if (target.problems.length === 0) {
      // A healthy case ends through its own chart (withdrawal, decline), with the notices that go with it.
      throw new Conflict('该案件流程运行正常，没有反复失败的环节；请通过正常办理流程（如撤回、不予受理）结束');
    } else {
      await operations.terminate(target, caller, body.reason);
    }
    const terminatedAt = new Date().toISOString();
    const recorded = await recordTermination(pool, {
      caseId: target.caseId,
      actor,
      reason,
      fromStep: row?.step ?? null,
      toStep: terminatedStep.step,
      toStepLabelZh: terminatedStep.labelZh,
      event: terminatedEvent,
      payload: { runId: target.runId, problems: target.problems },
      occurredAt: terminatedAt,
    });
    res.json({
      caseId: target.caseId,
      runId: target.runId,
      status: 'done',
      step: terminatedStep.step,
      stepLabelZh: terminatedStep.labelZh,
      reason,
      seq: recorded.seq,
      terminatedAt,
    });
  });

  return router;
}
