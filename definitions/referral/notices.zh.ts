/**
 * Written notices of a referral: none. The household is told by the department that helps it, and
 * the township reads the outcome on the referral itself; the chart declares no `issueNotice`.
 */
import type { RenderedNotice } from '../shared/programDefinition';
import type { NoticeKind } from '../shared/stateMeta';

export function renderReferralNotice(kind: NoticeKind): RenderedNotice {
  throw new Error(`a referral issues no ${kind} notice`);
}
