/**
 * The work-list routes, declared once: the router serves these and the OpenAPI paths are derived
 * from them (api/http/declaredRoutes.ts).
 */
import type { DeclaredRoute } from '../http/declaredRoutes';
import { stringQueryParameters } from '../http/openApiParts';
import { bulkClaimBodySchema } from './claims';
import { taskListQuerySchema } from './listing';

export const taskRoutes = {
  list: {
    method: 'get',
    path: '/tasks',
    action: 'tasks.list',
    summary:
      'Work lists: list=todo (open for the caller’s role and org, or claimed by the caller), claimable ' +
      '(only the open ones), mine (only the claimed ones) or done; each row with programLabelZh, township, ' +
      'householdMasked and workingDaysLeft. Filters program, step, township, due (overdue | dueSoon); sort ' +
      'openedAt | -openedAt | dueAt | -dueAt; keyset cursor (nextCursor) valid for the same sort; facets ' +
      'count the whole list by program and step',
    parameters: stringQueryParameters(taskListQuerySchema),
  },
  claim: {
    method: 'post',
    path: '/tasks/:id/claim',
    action: 'tasks.claim',
    summary: 'Claim an open task at the version last seen: { version }',
  },
  claimMany: {
    method: 'post',
    path: '/tasks/claim',
    action: 'tasks.claimMany',
    summary:
      'Claim several tasks, each on its own with the single claim’s checks: { items: [{ id, version }] } ' +
      '(at most 50) → one result per item: claimed, conflict (the task now and who holds it), forbidden, notFound',
    body: bulkClaimBodySchema,
  },
  release: {
    method: 'post',
    path: '/tasks/:id/release',
    action: 'tasks.release',
    summary: 'Give a claimed task back (claimant or supervisor): { version }',
  },
  reassign: {
    method: 'post',
    path: '/tasks/:id/reassign',
    action: 'tasks.reassign',
    summary:
      'Hand a task to an active holder of its post (its claimant, or a supervisor): { version, toUserId, reason }',
  },
} as const satisfies Record<string, DeclaredRoute>;
