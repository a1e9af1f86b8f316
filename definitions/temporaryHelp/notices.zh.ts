/**
 * The texts of temporary help's written notices. Pure: the workflow renders a notice from the case
 * context and an activity stores it. Help first issues none: the paperwork after it is the record.
 */
import { describeDurationZh } from '../shared/durations';
import { materialListZh } from '../shared/materials';
import type { RenderedNotice } from '../shared/programDefinition';
import type { NoticeKind } from '../shared/stateMeta';
import type { TemporaryHelpContext } from './context';
import { stagesTotal } from './context';

const REMEDY = '如对本决定不服，可自收到本通知之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。';
const yuan = (n: number) => `${n.toFixed(2)}元`;

export function renderTemporaryHelpNotice(kind: NoticeKind, ctx: TemporaryHelpContext): RenderedNotice {
  switch (kind) {
    case 'missingMaterials':
      return {
        kind,
        titleZh: '临时救助申请材料一次性告知书',
        bodyZh: `您的临时救助申请尚缺以下材料：${materialListZh(ctx.missingNotice?.items ?? [])}。请一次补齐后到受理窗口提交。`,
      };
    case 'notAccepted':
      return {
        kind,
        titleZh: '临时救助申请不予受理通知书',
        bodyZh: `经审查，您的申请不予受理。理由：${(ctx.closure?.reasons ?? []).join('；')}。${REMEDY}`,
      };
    case 'checkFailed':
      return {
        kind,
        titleZh: '家庭经济状况核对结果告知书',
        bodyZh: `经核对，您家庭的经济状况不符合临时救助条件：${ctx.dataCheck.reasons.join('；')}。如有异议，可向乡镇人民政府（街道办事处）提出并提供相关证明材料。`,
      };
    case 'publicNotice': {
      const total = stagesTotal(ctx.opinion?.stages ?? []);
      return {
        kind,
        titleZh: '临时救助审核结果公示',
        bodyZh: `经调查核实，乡镇人民政府（街道办事处）拟给予该户临时救助${yuan(total)}。公示期${describeDurationZh(ctx.rules.publicNotice.value)}，公示期间如有异议，请向村（居）委会或乡镇人民政府（街道办事处）反映。`,
      };
    }
    case 'approval': {
      const stages = ctx.decision?.stages ?? [];
      const plan =
        stages.length > 1 ? `，分${stages.length}个阶段发放（${stages.map((s) => yuan(s.amount)).join('、')}）` : '';
      // More than was claimed says so, with its ground
      const ground = ctx.decision?.amountGround;
      const groundZh = ground ? `（高于申请金额${yuan(ctx.claim.amountClaimed)}，理由：${ground}）` : '';
      return {
        kind,
        titleZh: '临时救助审批通知书',
        bodyZh: `经审批，给予您家庭临时救助共计${yuan(ctx.decision?.total ?? 0)}${plan}${groundZh}。`,
      };
    }
    case 'rejection':
      return {
        kind,
        titleZh: '临时救助不予救助通知书',
        bodyZh: `经审批，您家庭的申请不予救助。理由：${(ctx.decision?.reasons ?? []).join('；')}。${REMEDY}`,
      };
    case 'secondPublicNotice':
    case 'terminationNotice':
    case 'benefitChanged':
    case 'phaseOut':
    case 'termination':
      // Other programs' notices: this chart never declares them.
      throw new Error(`temporary help issues no ${kind} notice`);
  }
}
