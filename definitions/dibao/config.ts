/**
 * Dibao figures in force, national first, then local overrides. Article numbers [n] refer to
 * 《最低生活保障审核确认办法》(民政部, 民发〔2021〕57号, in force 2021-07-01).
 * Add a county's own figures as a new entry with its scope and effective date; never edit a past one.
 */
import { sourceIds } from '../eligibility/sources';
import { lawPeriod } from '../shared/legalBounds';
import type { ConfigEntry } from '../shared/rulesConfig';

const MEASURES = '《最低生活保障审核确认办法》（民发〔2021〕57号）';
const INTERIM = '《社会救助暂行办法》';
const FROM = '2021-07-01';

/**
 * The limits the measures set on every county's figures (rules.ts holds each figure to its bound):
 * time limits a county may shorten, the notice and the investigators it may not cut.
 */
export const dibaoLegalBounds = {
  investigationStart: { limit: lawPeriod(3, 'workingDays'), source: `${MEASURES} 第十五条` },
  dataCheck: { limit: lawPeriod(3, 'workingDays'), source: `${MEASURES} 第十七条` },
  countyDecision: { limit: lawPeriod(10, 'workingDays'), source: `${MEASURES} 第二十条` },
  rejectionNotice: { limit: lawPeriod(3, 'workingDays'), source: `${MEASURES} 第二十一条` },
  overall: { limit: lawPeriod(30, 'workingDays'), source: `${MEASURES} 第二十二条` },
  overallExtended: { limit: lawPeriod(45, 'workingDays'), source: `${MEASURES} 第二十二条` },
  publicNotice: { limit: lawPeriod(7, 'calendarDays'), source: `${MEASURES} 第十九条` },
  minInvestigators: { limit: 2, source: `${MEASURES} 第十六条` },
  /** Payment starts the month after approval at the latest. */
  firstPaymentMonthOffset: { limit: 1, source: `${MEASURES} 第二十一条` },
  recheckStable: { limit: lawPeriod(12, 'months'), source: `${MEASURES} 第三十一条` },
  recheckIrregular: { limit: lawPeriod(6, 'months'), source: `${MEASURES} 第三十一条` },
};

export const dibaoConfigEntries: ConfigEntry[] = [
  {
    program: 'dibao',
    scope: '',
    effectiveFrom: FROM,
    rules: {
      deadlines: {
        investigationStart: {
          value: { amount: 3, unit: 'workingDays' },
          source: `${MEASURES} 第十五条`,
          effectiveFrom: FROM,
        },
        dataCheck: { value: { amount: 3, unit: 'workingDays' }, source: `${MEASURES} 第十七条`, effectiveFrom: FROM },
        countyDecision: {
          value: { amount: 10, unit: 'workingDays' },
          source: `${MEASURES} 第二十条`,
          effectiveFrom: FROM,
        },
        rejectionNotice: {
          value: { amount: 3, unit: 'workingDays' },
          source: `${MEASURES} 第二十一条`,
          effectiveFrom: FROM,
        },
        overall: { value: { amount: 30, unit: 'workingDays' }, source: `${MEASURES} 第二十二条`, effectiveFrom: FROM },
        overallExtended: {
          value: { amount: 45, unit: 'workingDays' },
          source: `${MEASURES} 第二十二条（特殊情况可延长至45个工作日）`,
          effectiveFrom: FROM,
        },
      },
      publicNotice: { value: { amount: 7, unit: 'calendarDays' }, source: `${MEASURES} 第十九条`, effectiveFrom: FROM },
      extensionReasons: {
        value: ['公示期间有异议需重新调查核实', '申请人在外地居住', '异地申请', '调查核实难度较大'],
        source: `${MEASURES} 第二十二条；民政部2022年有关通知（特殊情况延长办理时限）`,
        effectiveFrom: FROM,
      },
      alerts: {
        remindBefore: {
          value: { amount: 1, unit: 'workingDays' },
          source: '本系统运行配置：时限届满前一个工作日提醒经办人（默认值，可由县级民政部门调整）',
          effectiveFrom: FROM,
        },
      },
      dataCheck: {
        // Utilities, telecoms and the like are supporting evidence only (procedure §4).
        requiredSources: {
          value: sourceIds.filter((id) => id !== 'utilities'),
          source: `${MEASURES} 第十七条（水电气等辅助信息不作为必需核对项；默认值，待县级民政部门确认）`,
          effectiveFrom: FROM,
        },
        retryAfter: {
          value: { amount: 4, unit: 'hours' },
          source: '本系统运行配置：核对未完整时自动重新查询的间隔（默认值，可由县级民政部门调整）',
          effectiveFrom: FROM,
        },
      },
      minInvestigators: { value: 2, source: `${MEASURES} 第十六条`, effectiveFrom: FROM },
      firstPaymentMonthOffset: { value: 1, source: `${MEASURES} 第二十一条`, effectiveFrom: FROM },
      recheck: {
        stable: {
          value: { amount: 12, unit: 'months' },
          source: `${MEASURES} 第三十一条（收入来源稳定、成员无劳动能力的家庭每年核查一次）`,
          effectiveFrom: FROM,
        },
        irregular: {
          value: { amount: 6, unit: 'months' },
          source: `${MEASURES} 第三十一条（收入来源不固定、成员有劳动能力的家庭每半年核查一次）`,
          effectiveFrom: FROM,
        },
        afterMemberDeath: {
          value: { amount: 3, unit: 'months' },
          source: '民政部2022年有关通知（家庭成员死亡后3个月内复核；默认值，待县级民政部门确认）',
          effectiveFrom: FROM,
        },
      },
      phaseOut: {
        value: { amount: 6, unit: 'months' },
        source: `${MEASURES} 第三十三条（就业后收入超过标准的，可给予一定时间的渐退期；默认6个月，待县级民政部门确认）`,
        effectiveFrom: FROM,
      },
      // The benefit is the gap to the line (暂行办法 第十二条); more needs a ground and stays within this.
      approvedAmount: {
        maxMultipleOfReference: {
          value: 1.5,
          source:
            `${INTERIM} 第十二条（按人均收入低于当地最低生活保障标准的差额发给；对生活仍有困难的老年人、未成年人、` +
            '重度残疾人和重病患者可采取必要措施）；高于核对计算金额的上限为本系统默认值（计算金额的1.5倍），' +
            '待县级民政部门按本地分类施保规定确认',
          effectiveFrom: FROM,
        },
        ceiling: {
          value: 3000,
          source:
            '本系统默认值：县级核定高于计算金额（或核对未计算出金额，如异议复查推翻核对结论）时月保障金额的上限（元/户），' +
            '待县级民政部门确认',
          effectiveFrom: FROM,
        },
      },
      changeEffectMonthOffset: {
        value: 1,
        source: `${MEASURES} 第三十二条（增发、减发、停发自作出决定次月起执行；默认值，待县级民政部门确认）`,
        effectiveFrom: FROM,
      },
    },
  },
];
