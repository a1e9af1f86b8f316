/**
 * The texts of 特困's written notices, in the words an applicant (or the village) receives. Pure:
 * the workflow renders a notice from the case context and an activity stores it.
 */
import { describeDurationZh } from '../shared/durations';
import { materialListZh } from '../shared/materials';
import type { RenderedNotice } from '../shared/programDefinition';
import type { NoticeKind } from '../shared/stateMeta';
import type { TekunContext } from './context';
import { referralSuggestionLabelsZh } from './labels.zh';
import { careLevelLabelsZh } from './selfCare';

const REMEDY = '如对本决定不服，可自收到本通知之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。';
const PROGRAM = '特困人员救助供养';

function postedFor(ctx: TekunContext, period: keyof Pick<TekunContext['rules'], 'publicNotice' | 'terminationNotice'>) {
  return `公示期${describeDurationZh(ctx.rules[period].value)}，公示期间如有异议，请向村（居）委会或乡镇人民政府（街道办事处）反映。`;
}

export function renderTekunNotice(kind: NoticeKind, ctx: TekunContext): RenderedNotice {
  const reasons = (list: readonly string[] | undefined) => (list ?? []).join('；');
  switch (kind) {
    case 'missingMaterials':
      return {
        kind,
        titleZh: `${PROGRAM}申请材料一次性告知书`,
        bodyZh: `您的${PROGRAM}申请尚缺以下材料：${materialListZh(ctx.missingNotice?.items ?? [])}。请一次补齐后到受理窗口提交。可通过政务平台获取的材料无需提供。`,
      };
    case 'notAccepted':
      return {
        kind,
        titleZh: `${PROGRAM}申请不予受理通知书`,
        bodyZh: `经审查，您的申请不予受理。理由：${reasons(ctx.closure?.reasons)}。${REMEDY}`,
      };
    case 'checkFailed':
      return {
        kind,
        titleZh: '家庭经济状况核对结果告知书',
        bodyZh: `经核对，申请人的经济状况不符合特困人员认定条件：${ctx.dataCheck.reasons.join('；')}。如有异议，可向乡镇人民政府（街道办事处）提出并提供相关证明材料。`,
      };
    case 'publicNotice':
      return {
        kind,
        titleZh: `${PROGRAM}初审结果公示`,
        bodyZh: `经调查核实，乡镇人民政府（街道办事处）拟同意该申请人纳入${PROGRAM}。${postedFor(ctx, 'publicNotice')}`,
      };
    case 'secondPublicNotice':
      return {
        kind,
        titleZh: `${PROGRAM}初审结果再次公示`,
        bodyZh: `对前次公示提出的异议，乡镇人民政府（街道办事处）已重新调查核实并重新提出意见：拟同意该申请人纳入${PROGRAM}。${postedFor(ctx, 'publicNotice')}`,
      };
    case 'approval': {
      const care = ctx.careAssessment ? careLevelLabelsZh[ctx.careAssessment.level] : '';
      const mode = ctx.decision?.supportMode === 'institutional' ? '集中供养' : '分散供养';
      // An amount above the support standard says so, with its ground
      const groundZh = ctx.decision?.amountGround ? `（高于救助供养标准，理由：${ctx.decision.amountGround}）` : '';
      return {
        kind,
        titleZh: `${PROGRAM}审核确认通知书`,
        bodyZh: `经审核确认，申请人符合特困人员认定条件，生活自理能力评估结果为${care}，供养方式为${mode}，月供养金额${ctx.decision?.monthlyAmount?.toFixed(2) ?? ''}元${groundZh}，自批准之日的次月起给予供养。`,
      };
    }
    case 'rejection':
      return {
        kind,
        titleZh: '特困人员不予认定通知书',
        bodyZh: `经审核，申请人不符合特困人员认定条件。理由：${reasons(ctx.decision?.reasons)}。${REMEDY}`,
      };
    case 'terminationNotice':
      return {
        kind,
        titleZh: '拟终止特困人员救助供养公示',
        bodyZh: `乡镇人民政府（街道办事处）拟终止该供养对象的救助供养。理由：${ctx.termination?.reason ?? ''}。${postedFor(ctx, 'terminationNotice')}`,
      };
    case 'termination': {
      const suggestion = ctx.closure?.suggestion ?? 'none';
      const referral = suggestion === 'none' ? '' : `终止后，${referralSuggestionLabelsZh[suggestion]}。`;
      return {
        kind,
        titleZh: '特困人员救助供养终止通知书',
        bodyZh: `您的特困人员救助供养自下月起终止。理由：${reasons(ctx.closure?.reasons)}。${referral}${REMEDY}`,
      };
    }
    case 'benefitChanged':
    case 'phaseOut':
      // Dibao's ongoing-management notices: the 特困 chart never declares them.
      throw new Error(`tekun issues no ${kind} notice`);
  }
}
