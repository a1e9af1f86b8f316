/**
 * Temporary-help figures in force. The national documents leave the figures to local rules, so
 * every value here is a default to be confirmed by the county (its source says so); the township
 * approval ceiling in particular is set per county: add the county's own entry with its scope and
 * effective date, in the rules file or here, never editing a past entry.
 */
import { sourceIds } from '../eligibility/sources';
import type { ConfigEntry } from '../shared/rulesConfig';

const INTERIM = '《社会救助暂行办法》';
const OPINION = '《民政部 财政部关于进一步加强和改进临时救助工作的意见》（民发〔2018〕23号）';
const FROM = '2018-01-23';
const TO_CONFIRM = '（默认值，待县级民政部门核实确认）';

const figure = (value: unknown, source: string) => ({ value, source, effectiveFrom: FROM });
const workingDays = (amount: number) => ({ amount, unit: 'workingDays' });

export const temporaryHelpConfigEntries: ConfigEntry[] = [
  {
    program: 'temporaryHelp',
    scope: '',
    effectiveFrom: FROM,
    rules: {
      deadlines: {
        townshipReview: figure(workingDays(10), `${OPINION} 审核程序；地方规定乡镇审核时限${TO_CONFIRM}`),
        approval: figure(workingDays(10), `${OPINION} 审批程序；地方规定审批时限${TO_CONFIRM}`),
        emergencyPaperwork: figure(
          workingDays(5),
          `${INTERIM} 第四十八条；${OPINION} 先行救助（救助后补齐审核审批手续）；地方规定补办时限${TO_CONFIRM}`
        ),
      },
      publicNotice: figure({ amount: 7, unit: 'calendarDays' }, `${OPINION} 公示；地方规定公示期${TO_CONFIRM}`),
      townshipApprovalCeiling: figure(
        1000,
        `${OPINION} 委托乡镇人民政府（街道办事处）审批；额度由县级民政部门确定${TO_CONFIRM}`
      ),
      maxStages: figure(3, `${OPINION} 一次审批、分阶段救助；地方规定分阶段次数${TO_CONFIRM}`),
      approvedAmount: {
        ceiling: figure(
          20_000,
          `${OPINION} 救助标准由地方确定，对重大疾病等特殊困难可一事一议；高于申请金额救助的，` +
            `单案救助上限（元）为本系统默认值，更高金额须按一事一议程序另行决定${TO_CONFIRM}`
        ),
      },
      dataCheck: {
        requiredSources: figure(
          sourceIds.filter((id) => id !== 'utilities'),
          `${INTERIM} 第四十七条（支出型临时救助核对家庭经济状况；水电气等辅助信息不作为必需核对项${TO_CONFIRM}）`
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
      minInvestigators: figure(2, `${OPINION} 入户调查人员人数${TO_CONFIRM}`),
    },
  },
];
