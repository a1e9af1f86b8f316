import type { ApiError } from '../api/client';

/**
 * A claim or release that lost a race, said the way a colleague would. The 409 carries the task as
 * it is now; that says more than the code (a colleague's claim also makes the version stale).
 */
export function conflictMessage(error: ApiError, action: 'claim' | 'release' = 'claim'): string {
  const task = error.detail.task as { status?: string; claimedBy?: string | null } | undefined;
  if (error.code === 'TASK_CLOSED' || task?.status === 'done') return '该任务已经办结，无需再处理，列表已刷新。';
  if (action === 'claim' && task?.status === 'claimed' && task.claimedBy) {
    return `晚了一步：该任务刚刚已由 ${task.claimedBy} 认领，列表已刷新。`;
  }
  if (error.code === 'TASK_ALREADY_CLAIMED') return `晚了一步：该任务已由其他同事认领，列表已刷新。`;
  if (error.code === 'TASK_VERSION_STALE') return '该任务刚被其他同事更新过，列表已刷新，请按最新状态重试。';
  return error.message;
}
