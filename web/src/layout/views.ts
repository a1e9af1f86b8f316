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

export const views: readonly ConsoleView[] = [
  { path: '/tasks', labelZh: '工作台', roles: [...CASE_WORKERS, 'finance', 'department'], ready: true },
  { path: '/intake', labelZh: '受理', roles: ['window'], ready: true },
  { path: '/cases', labelZh: '案件查询', roles: CASE_WORKERS, ready: false },
  { path: '/publication', labelZh: '公示', roles: ['window', 'village', 'township', 'county'], ready: true },
  { path: '/supervision', labelZh: '监督', roles: ['supervisor'], ready: false },
  { path: '/payments', labelZh: '资金发放', roles: ['finance'], ready: true },
  { path: '/referrals', labelZh: '转介', roles: ['department'], ready: false },
  { path: '/staff', labelZh: '人员与令牌', roles: ['admin'], ready: false },
];

export const viewsFor = (role: CallerRole): ConsoleView[] => views.filter((v) => v.roles.includes(role));
