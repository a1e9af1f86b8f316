/**
 * Payment figures in force, national first. A county adds its own (payment day, its fund codes)
 * as a new entry with its scope and effective date, in RULES_FILE; never edit a past one.
 */
import type { ConfigEntry } from '../shared/rulesConfig';
import { PAYMENT_RULES_PROGRAM } from './rules';

const FUNDS = '《中央财政困难群众救助补助资金管理办法》（财社〔2017〕58号） 第二条、第十四条';
const MEASURES = '《最低生活保障审核确认办法》（民发〔2021〕57号）';
const FROM = '2021-07-01';

export const paymentConfigEntries: ConfigEntry[] = [
  {
    program: PAYMENT_RULES_PROGRAM,
    scope: '',
    effectiveFrom: FROM,
    rules: {
      paymentDay: {
        value: 10,
        source: `${MEASURES} 第二十五条（按月发放；发放日为本系统默认值，待县级民政部门、财政部门确认）`,
        effectiveFrom: FROM,
      },
      fundCodes: {
        // Dibao, 特困 and temporary help are all paid from the 困难群众救助补助资金 with local matching.
        value: { dibao: 'KNQZ-DIBAO', tekun: 'KNQZ-TEKUN', temporaryHelp: 'KNQZ-LINSHI' },
        source: `${FUNDS}（资金科目编码为本系统默认值，待县级财政部门确认）`,
        effectiveFrom: FROM,
      },
      retryAfterCycles: {
        value: 1,
        source: '本系统运行配置：发放失败的款项在下一发放周期重新发放（默认值，可由县级民政部门调整）',
        effectiveFrom: FROM,
      },
      bankFileLayout: {
        value: 'v1',
        source: '本系统与代发银行约定的代发文件格式 v1（见 README “Payments”）',
        effectiveFrom: FROM,
      },
    },
  },
];
