/**
 * Eligibility figures in force: national rules first, then Shandong, then Tai'an. Add a county's
 * own figures (its dibao line above all) as a new entry with its scope and effective date, in the
 * rules file or here; never edit a past entry.
 *
 * The national entries restate rules whose text is settled. The Shandong and Tai'an amounts
 * (lines, asset ceilings, disposable income, minimum payment, rounding) are defaults to be confirmed
 * by the county against the notice in force; their source says so, so staff see it on every
 * decision that uses one. Article numbers are given only where the project's procedure notes cite
 * them; elsewhere the document is named without an article.
 */
import type { ConfigEntry } from '../shared/rulesConfig';

export const ELIGIBILITY_RULES_PROGRAM = 'eligibility';

const MEASURES = '《最低生活保障审核确认办法》（民发〔2021〕57号）';
const INTERIM = '《社会救助暂行办法》';
const TEKUN = '《特困人员认定办法》（民政部，2021年）';
const TEMPORARY = '《民政部 财政部关于进一步加强和改进临时救助工作的意见》（民发〔2018〕23号）';
const SHANDONG = '《山东省最低生活保障办法》';
const TAIAN_LINE = '泰安市民政局、泰安市财政局关于提高城乡最低生活保障标准的通知';
const TO_CONFIRM = '（默认值，待县级民政部门核实确认）';

const NATIONAL_FROM = '2021-07-01';
const SHANDONG_FROM = '2022-01-01';
const TAIAN_FROM = '2024-07-01';

const figure = (value: unknown, source: string, effectiveFrom: string) => ({ value, source, effectiveFrom });

export const eligibilityConfigEntries: ConfigEntry[] = [
  {
    program: ELIGIBILITY_RULES_PROGRAM,
    scope: '',
    effectiveFrom: NATIONAL_FROM,
    rules: {
      lowIncomeEdgeFactor: figure(1.5, `${MEASURES} 第八条`, NATIONAL_FROM),
      income: {
        countedKinds: figure(['income', 'pension', 'tax'], `${INTERIM} 第九条；${MEASURES}`, NATIONAL_FROM),
      },
      assets: {
        financialKinds: figure(
          ['deposit', 'securities', 'insurance', 'internetFinance'],
          `${INTERIM} 第九条；${MEASURES}`,
          NATIONAL_FROM
        ),
      },
      tekun: {
        elderlyAge: figure(60, TEKUN, NATIONAL_FROM),
        minorAgeBelow: figure(16, TEKUN, NATIONAL_FROM),
        qualifyingDisability: figure(['severe'], TEKUN, NATIONAL_FROM),
        supporterUnableAge: figure(70, `${TEKUN} 第七条第（三）项`, NATIONAL_FROM),
      },
    },
  },
  {
    program: ELIGIBILITY_RULES_PROGRAM,
    scope: '37',
    effectiveFrom: SHANDONG_FROM,
    rules: {
      // The provincial floor; every city sets its own line at or above it.
      dibaoLine: figure(950, `${SHANDONG} 省定城乡低保最低标准${TO_CONFIRM}`, SHANDONG_FROM),
      assets: {
        financialAssetMonths: figure(24, `${SHANDONG} 家庭财产状况规定${TO_CONFIRM}`, SHANDONG_FROM),
        exemptVehicleCategories: figure(
          ['disabilityVehicle', 'motorcycle', 'agricultural'],
          `${SHANDONG} 家庭财产状况规定（残疾人功能性补偿代步机动车、二轮摩托车、农用车辆不计）${TO_CONFIRM}`,
          SHANDONG_FROM
        ),
        lowValueVehicleCeiling: figure(30_000, `${SHANDONG} 家庭财产状况规定${TO_CONFIRM}`, SHANDONG_FROM),
        maxProperties: figure(1, `${SHANDONG} 家庭财产状况规定${TO_CONFIRM}`, SHANDONG_FROM),
        businessCapitalCeiling: figure(100_000, `${SHANDONG} 家庭财产状况规定${TO_CONFIRM}`, SHANDONG_FROM),
        businessMaxEmployees: figure(0, `${SHANDONG} 家庭财产状况规定${TO_CONFIRM}`, SHANDONG_FROM),
      },
      tekun: {
        // 第七条 defers the supporter's property test to the local low-income-household rules; until
        // the county sets its own, the low-income limit is read as the dibao limit (24 months of the
        // line) times the low-income-edge factor (1.5): 36 months of the local dibao line.
        supporterAssetMonths: figure(
          36,
          `${TEKUN} 第七条（法定义务人财产符合当地低收入家庭财产状况规定）；按当地低保标准的36个月计（低保家庭金融资产限额24个月×低保边缘系数1.5）${TO_CONFIRM}`,
          SHANDONG_FROM
        ),
      },
      benefit: {
        rounding: figure({ step: 1, mode: 'up' }, `${SHANDONG} 保障金计发规定${TO_CONFIRM}`, SHANDONG_FROM),
        minimumMonthly: figure(30, `${SHANDONG} 保障金计发规定${TO_CONFIRM}`, SHANDONG_FROM),
      },
      temporaryHelp: {
        perCapitaDisposableIncome: figure(
          { year: 2021, annual: 35_705 },
          `山东省2021年国民经济和社会发展统计公报 全体居民人均可支配收入；${TEMPORARY}${TO_CONFIRM}`,
          SHANDONG_FROM
        ),
      },
    },
  },
  {
    // Last year's disposable income is republished every spring: a new entry each year.
    program: ELIGIBILITY_RULES_PROGRAM,
    scope: '37',
    effectiveFrom: '2024-03-01',
    rules: {
      temporaryHelp: {
        perCapitaDisposableIncome: figure(
          { year: 2023, annual: 39_890 },
          `山东省2023年国民经济和社会发展统计公报 全体居民人均可支配收入；${TEMPORARY}${TO_CONFIRM}`,
          '2024-03-01'
        ),
      },
    },
  },
  {
    program: ELIGIBILITY_RULES_PROGRAM,
    scope: '3709',
    effectiveFrom: TAIAN_FROM,
    rules: {
      dibaoLine: figure(1_000, `${TAIAN_LINE} 城市低保标准${TO_CONFIRM}`, TAIAN_FROM),
      ruralDibaoLine: figure(800, `${TAIAN_LINE} 农村低保标准${TO_CONFIRM}`, TAIAN_FROM),
      temporaryHelp: {
        perCapitaDisposableIncome: figure(
          { year: 2023, annual: 36_000 },
          `泰安市2023年国民经济和社会发展统计公报 全体居民人均可支配收入；${TEMPORARY}${TO_CONFIRM}`,
          TAIAN_FROM
        ),
      },
    },
  },
];
