/**
 * The console's views and who sees them in the side menu. `ready: false` marks a view still to be
 * built (issues 14 and 15): shown greyed to the roles it is for, so people know it is coming.
 * Adding a view: a page under pages/, a <Route> in App.tsx, and `ready: true` here.
 */
import type { CallerRole } from '../api/types';

export interface ConsoleView {
  path: string;
  labelZh: string;
  roles: readonly CallerRole[];
  ready: boolean;
}

const CASE_WORKERS: CallerRole[] = ['window', 'village', 'township', 'county', 'supervisor'];
const EVERYONE: CallerRole[] = [...CASE_WORKERS, 'finance', 'department', 'admin'];

export const views: readonly ConsoleView[] = [
  { path: '/tasks', labelZh: '工作台', roles: [...CASE_WORKERS, 'finance', 'department'], ready: true },
  { path: '/intake', labelZh: '受理', roles: ['window'], ready: true },
  { path: '/cases', labelZh: '案件查询', roles: CASE_WORKERS, ready: false },
  { path: '/publication', labelZh: '公示', roles: ['window', 'village', 'township', 'county'], ready: true },
  { path: '/supervision', labelZh: '监督', roles: ['supervisor'], ready: true },
  { path: '/payments', labelZh: '资金发放', roles: ['finance'], ready: true },
  { path: '/referrals', labelZh: '转介', roles: ['department'], ready: true },
  { path: '/staff', labelZh: '人员与令牌', roles: ['admin'], ready: true },
  { path: '/rules', labelZh: '政策参数', roles: ['admin', 'supervisor'], ready: true },
  { path: '/calendar', labelZh: '工作日日历', roles: ['admin', 'supervisor'], ready: true },
  // The catalogue counties publish: every member of staff may read it.
  { path: '/catalogue', labelZh: '项目清单', roles: EVERYONE, ready: true },
];

export const viewsFor = (role: CallerRole): ConsoleView[] => views.filter((v) => v.roles.includes(role));

/** Where a person lands after signing in or switching post: an admin has no work list, a department its inbox. */
export function homePathFor(role: CallerRole): string {
  if (role === 'admin') return '/staff';
  if (role === 'department') return '/referrals';
  return '/tasks';
}
