/**
 * Work lists (待办/已办) and the claim protocol: claim (one or many), release, reassign. Tasks are
 * opened and closed by the cases themselves; here people only take them, give them back or hand them
 * on. Every change names the version the caller last saw: a stale one is a 409 with the task as it is.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import type { TaskRow } from '../../db/taskQueries';
import { claimTask, reassignTask, releaseTask, taskById } from '../../db/taskQueries';
import { countTaskList, listTasks } from '../../db/taskLists';
import { colleaguesAt } from '../../db/staffDirectory';
import { canonicalUserId, sameUser } from '../../definitions/shared/actors';
import type { Target } from '../../definitions/access';
import { decide } from '../../definitions/access';
import { DUE_SOON_WORKING_DAYS } from '../../definitions/shared/dueSoon';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { taskRoutes } from './routes';
import { NotFound, ValidationFailed } from '../http/errors';
import { callerOf } from '../http/identity';
import { freeText, singleLine } from '../../definitions/shared/text';
import { rowVersionSchema } from '../http/schemas';
import { pageOf } from '../http/paging';
import { parseOrThrow } from '../http/validation';
import type { CalendarYear } from '../../definitions/calendar';
import { calendarFor, computeDueDate, knownCalendarYears } from '../../definitions/calendar';
import type { TaskListAnswer, TaskListFacets } from './listing';
import { cursorAfter, defaultTaskSort, programLabelZh, taskCursor, taskListItem, taskListQuerySchema } from './listing';
import type { BulkClaimAnswer, BulkClaimResult } from './claims';
import { bulkClaimBodySchema, conflictFor, conflictResult, taskIdSchema } from './claims';
import { programIdPrefix, programOfPrefix } from '../../definitions/shared/caseIds';

const versionBodySchema = z.object({ version: rowVersionSchema('请提供任务的当前版本号 version') });
const reassignBodySchema = versionBodySchema.extend({
  toUserId: singleLine().trim().min(1, '请指定改派给谁（toUserId）').max(64).transform(canonicalUserId),
  reason: freeText().trim().min(1, '请填写改派原因').max(500),
});

/** A task as the policy's target: its candidates, its claimant, and its candidate org for a supervisor. */
const taskTarget = (task: TaskRow): Target => ({
  org: task.candidateOrg,
  task: { candidateRole: task.candidateRole, candidateOrg: task.candidateOrg, claimedBy: task.claimedBy },
});

export function tasksRouter({
  pool,
  calendarYears = [],
}: {
  pool: Pool;
  /** Years loaded from CALENDAR_DIR, over the national ones: the countdown the clocks use. */
  calendarYears?: readonly CalendarYear[];
}): Router {
  const router = Router();
  const calendar = calendarFor('', knownCalendarYears(calendarYears));

  async function visibleTask(raw: string): Promise<TaskRow> {
    const id = parseOrThrow(taskIdSchema, raw, ['params', 'id']);
    const task = await taskById(pool, id);
    if (!task) throw new NotFound('未找到该任务，请刷新待办列表');
    return task;
  }

  serve(router, taskRoutes.list, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(taskListQuerySchema, req.query, ['query']);
    const sort = query.sort ?? defaultTaskSort(query.list);
    const after = taskCursor.after(query.cursor, (position) => position.sort === sort);
    const now = new Date();
    const [rows, counts] = await Promise.all([
      listTasks(pool, caller, {
        list: query.list,
        casePrefix: query.program === undefined ? undefined : programIdPrefix(query.program),
        step: query.step,
        township: query.township,
        due:
          query.due === 'dueSoon'
            ? {
                kind: 'dueSoon',
                until: computeDueDate(now, { amount: DUE_SOON_WORKING_DAYS, unit: 'workingDays' }, calendar),
              }
            : query.due === 'overdue'
              ? { kind: 'overdue' }
              : undefined,
        sort,
        after,
        limit: query.limit + 1,
      }),
      countTaskList(pool, caller, query.list),
    ]);
    const page = pageOf(rows, query.limit, (task) => cursorAfter(task, sort));
    const answer: TaskListAnswer = {
      list: query.list,
      sort,
      items: page.items.map((task) => taskListItem(task, now, calendar)),
      nextCursor: page.nextCursor,
      facets: facetsOf(counts),
    };
    res.json(answer);
  });

  serve(router, taskRoutes.claim, async (req, res) => {
    const caller = callerOf(req);
    const task = await visibleTask(req.params.id);
    authorizeOn(caller, 'tasks.claim', taskTarget(task));
    const { version } = parseOrThrow(versionBodySchema, req.body, ['body']);
    if (!(await claimTask(pool, task.id, version, caller.userId))) {
      throw conflictFor((await taskById(pool, task.id)) ?? task, version, caller);
    }
    res.json(await taskById(pool, task.id));
  });

  // Each item on its own, with the single claim's checks: one conflict or refusal stops nothing else.
  serve(router, taskRoutes.claimMany, async (req, res) => {
    const caller = callerOf(req);
    const { items } = parseOrThrow(bulkClaimBodySchema, req.body, ['body']);
    const results: BulkClaimResult[] = [];
    for (const { id, version } of items) {
      const task = await taskById(pool, id);
      if (!task) {
        results.push({ id, outcome: 'notFound', message: '未找到该任务' });
        continue;
      }
      const decision = decide('tasks.claim', caller, taskTarget(task));
      if (!decision.allowed) {
        results.push({ id, outcome: 'forbidden', code: decision.refusal.code, message: decision.refusal.messageZh });
      } else if (await claimTask(pool, id, version, caller.userId)) {
        results.push({ id, outcome: 'claimed', task: (await taskById(pool, id)) ?? task });
      } else {
        results.push(conflictResult(id, (await taskById(pool, id)) ?? task, version, caller));
      }
    }
    const answer: BulkClaimAnswer = { results, claimed: results.filter((r) => r.outcome === 'claimed').length };
    res.json(answer);
  });

  serve(router, taskRoutes.release, async (req, res) => {
    const caller = callerOf(req);
    const task = await visibleTask(req.params.id);
    authorizeOn(caller, 'tasks.release', taskTarget(task));
    const { version } = parseOrThrow(versionBodySchema, req.body, ['body']);
    if (!(await releaseTask(pool, task.id, version))) {
      throw conflictFor((await taskById(pool, task.id)) ?? task, version, caller);
    }
    res.json(await taskById(pool, task.id));
  });

  serve(router, taskRoutes.reassign, async (req, res) => {
    const caller = callerOf(req);
    const task = await visibleTask(req.params.id);
    authorizeOn(caller, 'tasks.reassign', taskTarget(task));
    const { version, toUserId } = parseOrThrow(reassignBodySchema, req.body, ['body']);
    // Only to someone who could have claimed it: an active holder of the task's post.
    const holders = await colleaguesAt(pool, { role: task.candidateRole, org: task.candidateOrg });
    if (!holders.some((person) => sameUser(person.userId, toUserId))) {
      throw new ValidationFailed('只能改派给本岗位在职的同事', [
        { path: 'body.toUserId', message: `${toUserId} 不在该任务的岗位（${task.candidateOrg}）上，或已停用` },
      ]);
    }
    if (!(await reassignTask(pool, task.id, version, toUserId))) {
      throw conflictFor((await taskById(pool, task.id)) ?? task, version, caller);
    }
    res.json(await taskById(pool, task.id));
  });

  return router;
}

function facetsOf(counts: Awaited<ReturnType<typeof countTaskList>>): TaskListFacets {
  const programs = new Map<string, number>();
  const steps = new Map<string, { labelZh: string; count: number }>();
  for (const row of counts) {
    const program = programOfPrefix(row.casePrefix);
    if (program) programs.set(program, (programs.get(program) ?? 0) + row.count);
    const step = steps.get(row.step) ?? { labelZh: row.stepLabelZh, count: 0 };
    steps.set(row.step, { ...step, count: step.count + row.count });
  }
  return {
    programs: [...programs].map(([program, count]) => ({ program, labelZh: programLabelZh(program), count })),
    steps: [...steps].map(([step, { labelZh, count }]) => ({ step, labelZh, count })),
  };
}
