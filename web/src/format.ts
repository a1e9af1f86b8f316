/** How the console writes dates, posts and countdowns, in one place. */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { roleLabelsZh } from '../../definitions/access/refusals';
import { DUE_SOON_WORKING_DAYS } from '../../definitions/shared/dueSoon';
import type { Post } from './api/types';

dayjs.locale('zh-cn');

/** 2026年12月2日 */
export function formatDate(instant: string | null | undefined): string {
  return instant ? dayjs(instant).format('YYYY年M月D日') : '—';
}

/** 2026年12月2日 14:05 */
export function formatDateTime(instant: string | null | undefined): string {
  return instant ? dayjs(instant).format('YYYY年M月D日 HH:mm') : '—';
}

/** A limit's unit as written after its amount: 30个工作日, 24小时. */
export const unitZh = (unit: string): string =>
  ({ workingDays: '个工作日', days: '天', calendarDays: '天', hours: '小时', months: '个月', seconds: '秒' })[unit] ??
  unit;

/** A share of 1 as a percentage with one decimal; a dash when there is nothing to share (null). */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

export function postLabelZh(post: Post): string {
  return `${roleLabelsZh[post.role]}（${post.org}）`;
}

/** The value a post has in the API's `post` fields: 'township@370902001', 'department:medical@370902'. */
export function postValue(post: Post): string {
  return `${post.role}${post.department ? `:${post.department}` : ''}@${post.org}`;
}

export type Urgency = 'overdue' | 'soon' | 'normal' | 'none';

/** Working days at or below which a task counts as due soon (amber): the API's `due=dueSoon` window. */
export { DUE_SOON_WORKING_DAYS } from '../../definitions/shared/dueSoon';

export function dueText(workingDaysLeft: number | null, overdue: boolean): { text: string; urgency: Urgency } {
  if (workingDaysLeft === null) return { text: '无期限', urgency: 'none' };
  if (workingDaysLeft < 0) return { text: `已超期${-workingDaysLeft}个工作日`, urgency: 'overdue' };
  if (overdue) return { text: '已超期', urgency: 'overdue' };
  if (workingDaysLeft === 0) return { text: '今日到期', urgency: 'soon' };
  return {
    text: `剩余${workingDaysLeft}个工作日`,
    urgency: workingDaysLeft <= DUE_SOON_WORKING_DAYS ? 'soon' : 'normal',
  };
}
