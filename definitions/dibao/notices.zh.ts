/**
 * The texts of dibao's written notices, in the words an applicant receives. Pure: the workflow
 * renders a notice from the case context and an activity stores it.
 */
import { describeDurationZh } from '../shared/durations';
import { materialListZh } from '../shared/materials';
import type { RenderedNotice } from '../shared/programDefinition';
import type { NoticeKind } from '../shared/stateMeta';
import type { DibaoContext } from './chart';

/** 'YYYY-MM' as 2027年3月; `fallback` when there is none. */
function periodZh(period: string | null | undefined, fallback: string): string {
  if (!period) return fallback;
  const [year, month] = period.split('-');
  return `${year}年${Number(month)}月`;
}

const money = (amount: number | null | undefined) => (amount ?? 0).toFixed(2);

/** An amount set above the computed benefit says so on the notice, with its ground. */
function amountGroundZh(ctx: DibaoContext): string {
  const ground = ctx.decision?.amountGround;
  if (!ground) return '';
  const computed = ctx.dataCheck.computedAmount;
  return computed === null ? `（核定理由：${ground}）` : `（高于按标准计算的${money(computed)}元，理由：${ground}）`;
}

const REMEDY = '如对本决定不服，可自收到本通知之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。';

export function renderDibaoNotice(kind: NoticeKind, ctx: DibaoContext): RenderedNotice {
  switch (kind) {
    case 'missingMaterials':
      return {
        kind,
        titleZh: '最低生活保障申请材料一次性告知书',
        bodyZh: `您的最低生活保障申请尚缺以下材料：${materialListZh(ctx.missingNotice?.items ?? [])}。请一次补齐后到受理窗口提交。可通过政务平台获取的材料无需提供。`,
      };
    case 'notAccepted':
      return {
        kind,
        titleZh: '最低生活保障申请不予受理通知书',
        bodyZh: `经审查，您的申请不予受理。理由：${(ctx.closure?.reasons ?? []).join('；')}。${REMEDY}`,
      };
    case 'checkFailed':
      return {
        kind,
        titleZh: '家庭经济状况核对结果告知书',
        bodyZh: `经核对，您家庭的经济状况不符合最低生活保障条件：${ctx.dataCheck.reasons.join('；')}。如有异议，可向乡镇人民政府（街道办事处）提出并提供相关证明材料，乡镇人民政府（街道办事处）将组织复查。`,
      };
    case 'publicNotice':
      return {
        kind,
        titleZh: '最低生活保障初审结果公示',
        bodyZh: `经入户调查和家庭经济状况核对，乡镇人民政府（街道办事处）拟同意该户纳入最低生活保障。公示期${describeDurationZh(ctx.rules.publicNotice.value)}，公示期间如有异议，请向村（居）委会或乡镇人民政府（街道办事处）反映。`,
      };
    case 'approval':
      return {
        kind,
        titleZh: '最低生活保障审核确认通知书',
        bodyZh: `经审核确认，您家庭符合最低生活保障条件，月保障金额为${ctx.decision?.monthlyAmount?.toFixed(2) ?? ''}元${amountGroundZh(ctx)}，自审核确认次月起按月发放。家庭人口、收入和财产状况发生变化时，请及时告知乡镇人民政府（街道办事处）。`,
      };
    case 'rejection':
      return {
        kind,
        titleZh: '最低生活保障不予确认通知书',
        bodyZh: `经审核，您家庭不符合最低生活保障条件。理由：${(ctx.decision?.reasons ?? []).join('；')}。${REMEDY}`,
      };
    case 'termination':
      return {
        kind,
        titleZh: '最低生活保障终止通知书',
        bodyZh: `您家庭的最低生活保障金发放至${periodZh(ctx.ongoing.paymentChange?.lastPeriod, '本月')}，自次月起停止发放。理由：${(ctx.closure?.reasons ?? []).join('；')}。${REMEDY}`,
      };
    case 'benefitChanged': {
      const change = ctx.ongoing.paymentChange;
      const before = ctx.ongoing.rechecks.at(-1)?.decision?.amountBefore;
      return {
        kind,
        titleZh: '最低生活保障金额调整通知书',
        bodyZh: `经复核，您家庭的月保障金额由${money(before)}元调整为${money(change?.monthlyAmount)}元，自${periodZh(change?.fromPeriod, '下月')}起执行。依据：${change?.ground ?? ''}。${REMEDY}`,
      };
    }
    case 'phaseOut': {
      const change = ctx.ongoing.paymentChange;
      return {
        kind,
        titleZh: '最低生活保障渐退告知书',
        bodyZh: `经复核，您家庭因${change?.ground ?? ''}，收入已超过当地最低生活保障标准。按规定给予${describeDurationZh(ctx.rules.phaseOut.value)}渐退期，期间继续按月发放${money(change?.monthlyAmount)}元，发放至${periodZh(change?.lastPeriod, '渐退期满')}，之后停止发放。渐退期内家庭情况如有变化，请及时告知乡镇人民政府（街道办事处）。`,
      };
    }
    case 'secondPublicNotice':
    case 'terminationNotice':
      // Other programs' notices: the dibao chart never declares them.
      throw new Error(`dibao issues no ${kind} notice`);
  }
}
