/**
 * How a change to a task that did not apply is told (a stale version, a colleague's claim, a closed
 * task), and the shapes of a bulk claim: up to BULK_CLAIM_MAX tasks, each claimed on its own with the
 * single claim's checks, each answered on its own — claimed, in conflict (with the task as it is now
 * and who holds it), not allowed, or not found. Pure.
 */
import { z } from 'zod';
import type { TaskRow } from '../../db/taskQueries';
import type { Refusal } from '../../definitions/access';
import { sameUser } from '../../definitions/shared/actors';
import { TaskConflict } from '../http/errors';
import type { Caller } from '../http/identity';
import { rowVersionSchema } from '../http/schemas';

export const taskIdSchema = z.coerce.number().int().positive('任务编号应为正整数');

/** Tasks in one bulk claim: a page of the console's list is 20; more at once is a script, not a person. */
export const BULK_CLAIM_MAX = 50;

export const bulkClaimBodySchema = z
  .object({
    items: z
      .array(
        z.object({
          id: z.number({ error: '任务编号应为正整数' }).int('任务编号应为正整数').positive('任务编号应为正整数'),
          version: rowVersionSchema('请提供任务的当前版本号 version'),
        })
      )
      .min(1, '请至少选择一项任务')
      .max(BULK_CLAIM_MAX, `一次最多认领 ${BULK_CLAIM_MAX} 项任务`),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<number>();
    body.items.forEach((item, index) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: '同一任务重复' });
      seen.add(item.id);
    });
  });
export type BulkClaimBody = z.infer<typeof bulkClaimBodySchema>;

export type BulkClaimResult =
  | { id: number; outcome: 'claimed'; task: TaskRow }
  | {
      id: number;
      outcome: 'conflict';
      code: TaskConflict['code'];
      message: string;
      /** The task as it is now, and who holds it (null when nobody does: it changed or closed). */
      task: TaskRow;
      claimedBy: string | null;
    }
  | { id: number; outcome: 'forbidden'; code: Refusal['code']; message: string }
  | { id: number; outcome: 'notFound'; message: string };

export interface BulkClaimAnswer {
  /** One per item, in the order asked. */
  results: BulkClaimResult[];
  claimed: number;
}

/** Why a change at `version` did not apply, as the caller should hear it. */
export function conflictFor(task: TaskRow, version: number, caller: Caller): TaskConflict {
  if (task.status === 'done') return new TaskConflict('TASK_CLOSED', '该任务已办结，请刷新待办列表', task);
  if (task.version !== version) {
    return new TaskConflict('TASK_VERSION_STALE', '任务已被他人更新，请刷新后按最新状态重试', task);
  }
  if (task.status === 'claimed' && !sameUser(task.claimedBy, caller.userId)) {
    return new TaskConflict('TASK_ALREADY_CLAIMED', `该任务已由 ${task.claimedBy ?? ''} 认领`, task);
  }
  return new TaskConflict('TASK_VERSION_STALE', '任务状态已变化，请刷新后重试', task);
}

/** A conflict as one item of a bulk answer. */
export function conflictResult(id: number, task: TaskRow, version: number, caller: Caller): BulkClaimResult {
  const conflict = conflictFor(task, version, caller);
  return {
    id,
    outcome: 'conflict',
    code: conflict.code,
    message: conflict.message,
    task,
    claimedBy: task.status === 'claimed' ? task.claimedBy : null,
  };
}
