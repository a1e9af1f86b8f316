/**
 * Referral figures in force. The national documents require referral but set no limits, so both
 * limits are defaults to be confirmed by the county (their sources say so): add the county's own
 * entry with its scope and effective date, never editing a past entry.
 */
import type { ConfigEntry } from '../shared/rulesConfig';

const INTERIM = '《社会救助暂行办法》';
const OPINION = '中共中央办公厅 国务院办公厅《关于改革完善社会救助制度的意见》（2020年8月）';
const FROM = '2020-08-25';
const TO_CONFIRM = '（默认值，待县级民政部门会同相关部门核实确认）';

const figure = (value: unknown, source: string) => ({ value, source, effectiveFrom: FROM });
const workingDays = (amount: number) => ({ amount, unit: 'workingDays' });

export const referralConfigEntries: ConfigEntry[] = [
  {
    program: 'referral',
    scope: '',
    effectiveFrom: FROM,
    rules: {
      deadlines: {
        acknowledge: figure(
          workingDays(3),
          `${INTERIM} 第六十条（转办、转介）；${OPINION} 第二十三条；地方规定部门签收时限${TO_CONFIRM}`
        ),
        outcome: figure(workingDays(15), `${OPINION} 第二十三条；地方规定部门办理并反馈结果时限${TO_CONFIRM}`),
      },
      alerts: {
        remindBefore: figure(
          workingDays(1),
          '本系统运行配置：时限届满前一个工作日提醒经办部门（默认值，可由县级民政部门调整）'
        ),
      },
    },
  },
];
