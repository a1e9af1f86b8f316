/**
 * Work lists (待办/已办) and the claim protocol: claim, release, reassign. Tasks are opened and
 * closed by the cases themselves; here people only take them, give them back or hand them on.
 * Every change names the version the caller last saw: a stale one is a 409 with the task as it is.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import type { TaskRow } from '../../db/taskQueries';
import { canonicalUserId, sameUser } from '../../definitions/shared/actors';
import { claimTask, doneTasks, reassignTask, releaseTask, taskById, todoTasks } from '../../db/taskQueries';
import type { Target } from '../../definitions/access';
import { authorize, authorizeOn } from '../authorize';
import { NotFound, TaskConflict } from '../errors';
import { callerOf } from '../identity';
import type { Caller } from '../identity';
import { freeText, singleLine } from '../../definitions/shared/text';
import { rowVersionSchema } from '../schemas';
import { parseOrThrow } from '../validation';
import type { CalendarYear } from '../../definitions/calendar';
import { calendarFor, knownCalendarYears } from '../../definitions/calendar';
import type { TaskListAnswer } from '../taskListing';
import { taskListItem, taskListQuerySchema } from '../taskListing';

const taskIdSchema = z.coerce.number().int().positive('任务编号应为正整数');
const versionBodySchema = z.object({ version: rowVersionSchema('请提供任务的当前版本号 version') });
const reassignBodySchema = versionBodySchema.extend({
  toUserId: singleLine().trim().min(1, '请指定改派给谁（toUserId）').max(64).transform(canonicalUserId),
  reason: freeText().trim().min(1, '请填写改派原因').max(500),
});

/** Why a change at `version` did not apply, as the caller should hear it. */
function conflictFor(task: TaskRow, version: number, caller: Caller): TaskConflict {
  if (task.status === 'done') return new TaskConflict('TASK_CLOSED', '该任务已办结，请刷新待办列表', task);
  if (task.version !== version) {
    return new TaskConflict('TASK_VERSION_STALE', '任务已被他人更新，请刷新后按最新状态重试', task);
  }
  if (task.status === 'claimed' && !sameUser(task.claimedBy, caller.userId)) {
    return new TaskConflict('TASK_ALREADY_CLAIMED', `该任务已由 ${task.claimedBy ?? ''} 认领`, task);
  }
  return new TaskConflict('TASK_VERSION_STALE', '任务状态已变化，请刷新后重试', task);
}

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

  router.get('/tasks', authorize('tasks.list'), async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(taskListQuerySchema, req.query, ['query']);
    const only = ({ todo: undefined, claimable: 'open', mine: 'claimed', done: undefined } as const)[query.list];
    const rows =
      query.list === 'done'
        ? await doneTasks(pool, caller, query.limit + 1, query.cursor)
        : await todoTasks(pool, caller, query.limit + 1, query.cursor, only);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const now = new Date();
    const answer: TaskListAnswer = {
      list: query.list,
      items: page.map((task) => taskListItem(task, now, calendar)),
      nextCursor: rows.length > query.limit && last ? String(last.id) : null,
    };
    res.json(answer);
  });

  router.post('/tasks/:id/claim', authorize('tasks.claim'), async (req, res) => {
    const caller = callerOf(req);
    const task = await visibleTask(req.params.id);
    authorizeOn(caller, 'tasks.claim', taskTarget(task));
    const { version } = parseOrThrow(versionBodySchema, req.body, ['body']);
    if (!(await claimTask(pool, task.id, version, caller.userId))) {
      throw conflictFor((await taskById(pool, task.id)) ?? task, version, caller);
    }
    res.json(await taskById(pool, task.id));
  });

  router.post('/tasks/:id/release', authorize('tasks.release'), async (req, res) => {
    const caller = callerOf(req);
    const task = await visibleTask(req.params.id);
    authorizeOn(caller, 'tasks.release', taskTarget(task));
    const { version } = parseOrThrow(versionBodySchema, req.body, ['body']);
    if (!(await releaseTask(pool, task.id, version))) {
      throw conflictFor((await taskById(pool, task.id)) ?? task, version, caller);
    }
    res.json(await taskById(pool, task.id));
  });

  router.post('/tasks/:id/reassign', authorize('tasks.reassign'), async (req, res) => {
    const caller = callerOf(req);
    const task = await visibleTask(req.params.id);
    authorizeOn(caller, 'tasks.reassign', taskTarget(task));
    const { version, toUserId } = parseOrThrow(reassignBodySchema, req.body, ['body']);
    if (!(await reassignTask(pool, task.id, version, toUserId))) {
      throw conflictFor((await taskById(pool, task.id)) ?? task, version, caller);
    }
    res.json(await taskById(pool, task.id));
  });

  return router;
}
