import type { ApiError } from '../api/client';
import type { BulkClaimResult } from '../api/types';

type Action = 'claim' | 'release' | 'reassign';
interface TaskNow {
  status?: string;
  claimedBy?: string | null;
}

/**
 * A change that lost a race, said the way a colleague would. The task as it is now says more than
 * the code (a colleague's claim also makes the version stale).
 */
export function conflictText(code: string, task: TaskNow | undefined, action: Action = 'claim'): string | undefined {
  if (code === 'TASK_CLOSED' || task?.status === 'done') return '该任务已经办结，无需再处理，列表已刷新。';
  if (action === 'claim' && task?.status === 'claimed' && task.claimedBy) {
    return `晚了一步：该任务刚刚已由 ${task.claimedBy} 认领，列表已刷新。`;
  }
  if (code === 'TASK_ALREADY_CLAIMED') return `晚了一步：该任务已由其他同事认领，列表已刷新。`;
  if (code === 'TASK_VERSION_STALE') return '该任务刚被其他同事更新过，列表已刷新，请按最新状态重试。';
  return undefined;
}

/** A claim, release or 转办 answered 409: the friendly sentence, or the API's own message. */
export function conflictMessage(error: ApiError, action: Action = 'claim'): string {
  return conflictText(error.code, error.detail.task as TaskNow | undefined, action) ?? error.message;
}

/** One line of a bulk claim's answer, for the result list. */
export function bulkResultText(result: BulkClaimResult): string {
  switch (result.outcome) {
    case 'claimed':
      return '已认领';
    case 'conflict':
      return (conflictText(result.code, result.task) ?? result.message).replace('，列表已刷新', '');
    case 'forbidden':
      return result.message;
    case 'notFound':
      return '未找到该任务，可能已办结';
  }
}
