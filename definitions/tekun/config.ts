/**
 * 特困人员 figures in force. Article numbers refer to 《特困人员认定办法》(民政部, 2021,
 * in force 2021-07-01). Figures the measures leave to local rules (the self-care thresholds, the
 * number of investigators, the re-check interval) are defaults to be confirmed by the county; their
 * source says so. Add a county's own figures as a new entry with its scope and effective date.
 */
import { sourceIds } from '../eligibility/sources';
import { lawPeriod } from '../shared/legalBounds';
import type { ConfigEntry } from '../shared/rulesConfig';

const MEASURES = '《特困人员认定办法》（民政部，2021年）';
const FROM = '2021-07-01';
const TO_CONFIRM = '（默认值，待县级民政部门核实确认）';
const STANDARDS = '《国务院关于进一步健全特困人员救助供养制度的意见》（国发〔2016〕14号）';

/**
 * The limits the measures set on every county's figures (rules.ts holds each figure to its bound).
 * The number of investigators is left to local rules, so it has no bound here beyond one.
 */
export const tekunLegalBounds = {
  townshipReview: { limit: lawPeriod(15, 'workingDays'), source: `${MEASURES} 第十三条` },
  revisedOpinion: { limit: lawPeriod(15, 'workingDays'), source: `${MEASURES} 第十五条` },
  countyDecision: { limit: lawPeriod(15, 'workingDays'), source: `${MEASURES} 第十六条` },
  rejectionNotice: { limit: lawPeriod(3, 'workingDays'), source: `${MEASURES} 第十八条` },
  terminationDecision: { limit: lawPeriod(15, 'workingDays'), source: `${MEASURES} 第二十六条` },
  publicNotice: { limit: lawPeriod(7, 'calendarDays'), source: `${MEASURES} 第十五条` },
  terminationNotice: { limit: lawPeriod(7, 'calendarDays'), source: `${MEASURES} 第二十六条` },
  countyHomeCheckRatio: { limit: 0.3, source: `${MEASURES} 第十六条` },
  /** Support starts the month after approval at the latest. */
  firstPaymentMonthOffset: { limit: 1, source: `${MEASURES} 第十七条` },
};

const figure = (value: unknown, source: string) => ({ value, source, effectiveFrom: FROM });
const workingDays = (amount: number) => ({ amount, unit: 'workingDays' });
const calendarDays = (amount: number) => ({ amount, unit: 'calendarDays' });

export const tekunConfigEntries: ConfigEntry[] = [
  {
    program: 'tekun',
    scope: '',
    effectiveFrom: FROM,
    rules: {
      deadlines: {
        townshipReview: figure(workingDays(15), `${MEASURES} 第十三条`),
        revisedOpinion: figure(workingDays(15), `${MEASURES} 第十五条`),
        countyDecision: figure(workingDays(15), `${MEASURES} 第十六条`),
        rejectionNotice: figure(workingDays(3), `${MEASURES} 第十八条`),
        terminationDecision: figure(workingDays(15), `${MEASURES} 第二十六条`),
      },
      publicNotice: figure(calendarDays(7), `${MEASURES} 第十五条`),
      terminationNotice: figure(calendarDays(7), `${MEASURES} 第二十六条`),
      countyHomeCheckRatio: figure(0.3, `${MEASURES} 第十六条（随机抽查比例不低于30%）`),
      selfCare: {
        partialLossFrom: figure(1, `${MEASURES} 第二十条至第二十三条；6项日常生活活动中1至3项不能自理${TO_CONFIRM}`),
        fullLossFrom: figure(4, `${MEASURES} 第二十条至第二十三条；6项日常生活活动中4项以上不能自理${TO_CONFIRM}`),
      },
      dataCheck: {
        requiredSources: figure(
          sourceIds.filter((id) => id !== 'utilities'),
          `${MEASURES} 第十三条（水电气等辅助信息不作为必需核对项${TO_CONFIRM}）`
        ),
        retryAfter: figure(
          { amount: 4, unit: 'hours' },
          '本系统运行配置：核对未完整时自动重新查询的间隔（默认值，可由县级民政部门调整）'
        ),
      },
      alerts: {
        remindBefore: figure(
          workingDays(1),
          '本系统运行配置：时限届满前一个工作日提醒经办人（默认值，可由县级民政部门调整）'
        ),
      },
      minInvestigators: figure(2, `${MEASURES} 第十三条（入户调查人员人数${TO_CONFIRM}）`),
      firstPaymentMonthOffset: figure(1, `${MEASURES} 第十七条（自批准之日的次月起给予供养）`),
      // Basic living 1300 plus a care standard of 0 / 200 / 600 a month by care level.
      supportStandard: figure(
        { selfCaring: 1300, partlyUnable: 1500, whollyUnable: 1900 },
        `${STANDARDS}：救助供养标准包括基本生活标准和照料护理标准，由省级或设区的市级人民政府确定、公布；` +
          `此处为二者之和（元/月），按生活自理能力分档${TO_CONFIRM}`
      ),
      approvedAmount: {
        maxMultipleOfReference: figure(
          1.5,
          `${STANDARDS}；高于救助供养标准核定的须写明理由，上限为本系统默认值（标准的1.5倍）${TO_CONFIRM}`
        ),
      },
    },
  },
];
