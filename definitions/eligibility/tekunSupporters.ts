/**
 * 特困's supporter condition (《特困人员认定办法》第四条第三项): no legally obliged supporter, or none
 * able to fulfil the obligation. A supporter registered dead is no longer one. A supporter the
 * applicant declares able is able. One declared unable is unable only on a ground of 第七条, tested
 * on the supporter's own records where the check found any (verified beats declared):
 * (一) in 特困 support; (二) a dibao recipient of the elderly age or older; (三) of the supporter
 * age or older, (四) severely disabled — each with own income below last year's local per-capita
 * disposable income and own financial assets within the local low-income limit; (五) incapacitated
 * (无民事行为能力、失踪、服刑) with assets within that limit. Any other supporter declared unable is
 * able in law, and the explanation says which test failed.
 *
 * Explanations name each supporter with a masked id number (they reach notices and the audit
 * trail); the unmasked number stays on the form. Only financial assets are tested for the
 * property condition: vehicles and housing of a supporter's own household are left to the
 * township's investigation.
 * No I/O: runs inside the workflow sandbox.
 */
import { maskResidentId, birthDateOfResidentId } from '../shared/identity';
import type { Supporter } from '../shared/supporters';
import { kinshipLabelsZh, obligationLabelsZh, obligationOfKinship } from '../shared/supporters';
import type { Finding } from './findings';
import type { AppliedLine, EvaluationInput } from './household';
import { ageOn, distinctFindings, findingsAbout } from './household';
import type { IncomeLimit } from './income';
import { distinctIncomes, sumFen } from './income';
import { formatYuan, toFen } from './money';
import type { Check, Figure } from './result';
import type { EligibilityRules } from './rules';

interface Limits {
  rules: EligibilityRules;
  onDate: string;
  disposable: IncomeLimit;
  assetLimitFen: number;
}

interface Assessment {
  supporter: Supporter;
  monthlyFen: number;
  assetsFen: number;
  verified: { income: boolean; assets: boolean };
  /** Registered dead: no longer a supporter. */
  deceased: boolean;
  able: boolean;
  /** Why able or unable, for the explanation. */
  conclusionZh: string;
  references: string[];
}

/** The 第七条 ground that applies, or why the declared inability is not one. */
function inabilityGround(s: Supporter, monthlyFen: number, assetsFen: number, limits: Limits) {
  const { rules, onDate, disposable, assetLimitFen } = limits;
  const age = ageOn(birthDateOfResidentId(s.idNumber), onDate);
  const lowIncome = monthlyFen * 12 < disposable.fen;
  const assetsWithin = assetsFen <= assetLimitFen;
  const severe = s.disability !== 'none' && rules.tekun.qualifyingDisability.value.includes(s.disability);
  const old = age >= rules.tekun.supporterUnableAge.value;
  const grounds: [boolean, string][] = [
    [s.receivesAssistance === 'tekun', '本人为特困人员（第七条第一项）'],
    [s.receivesAssistance === 'dibao' && age >= rules.tekun.elderlyAge.value, `${age}岁低保对象（第七条第二项）`],
    [old && lowIncome && assetsWithin, `${age}岁，本人收入和财产均在规定以内（第七条第三项）`],
    [severe && lowIncome && assetsWithin, '重度残疾，本人收入和财产均在规定以内（第七条第四项）'],
    [s.incapacitated && assetsWithin, '无民事行为能力、被宣告失踪或在监狱服刑，财产在规定以内（第七条第五项）'],
  ];
  const ground = grounds.find(([applies]) => applies)?.[1];
  if (ground) return { unable: true, textZh: `无履行义务能力：${ground}` };
  const failed = [
    ...((old || severe) && !lowIncome ? [`本人年收入不低于${disposable.labelZh}`] : []),
    ...((old || severe || s.incapacitated) && !assetsWithin ? ['本人金融资产超过限额'] : []),
  ];
  const why = failed.length > 0 ? failed.join('、') : '不属第七条所列情形';
  return { unable: false, textZh: `申报无履行义务能力，但${why}，认定有履行义务能力` };
}

function assess(s: Supporter, findings: readonly Finding[], limits: Limits): Assessment {
  const { rules, onDate } = limits;
  const about = findingsAbout(findings, s.idNumber);
  const death = about.find((f) => f.kind === 'death' && (f.date === undefined || f.date <= onDate));
  const incomeKinds = new Set<string>(rules.income.countedKinds.value);
  const incomes = distinctIncomes(about.filter((f) => incomeKinds.has(f.kind) && f.amount !== undefined));
  const assetKinds = new Set<string>(rules.assets.financialKinds.value);
  const assets = about.filter((f) => assetKinds.has(f.kind) && f.amount !== undefined);
  const verified = { income: incomes.length > 0, assets: assets.length > 0 };
  const monthlyFen = verified.income ? sumFen(incomes) : toFen(s.monthlyIncome);
  const assetsFen = verified.assets ? sumFen(assets) : toFen(s.deposits);
  const references = [death, ...incomes, ...assets].flatMap((f) => (f ? [f.reference] : []));
  const base = { supporter: s, monthlyFen, assetsFen, verified, references };
  if (death) return { ...base, deceased: true, able: false, conclusionZh: '已登记死亡，不再是义务人' };
  if (s.ableToSupport) return { ...base, deceased: false, able: true, conclusionZh: '申报有履行义务能力' };
  const { unable, textZh } = inabilityGround(s, monthlyFen, assetsFen, limits);
  return { ...base, deceased: false, able: !unable, conclusionZh: textZh };
}

function describe(a: Assessment, limits: Limits): string {
  const s = a.supporter;
  const obligation = obligationLabelsZh[obligationOfKinship[s.kinship].obligation];
  const who = `${s.name}（${kinshipLabelsZh[s.kinship]}，${obligation}义务人，${maskResidentId(s.idNumber)}）`;
  const basis = (verified: boolean) => (verified ? '核对' : '申报');
  const money =
    `月收入${formatYuan(a.monthlyFen)}元（${basis(a.verified.income)}），` +
    `金融资产${formatYuan(a.assetsFen)}元（${basis(a.verified.assets)}，限额${formatYuan(limits.assetLimitFen)}元）`;
  return `${who}：${money}；${a.conclusionZh}`;
}

function supporterFigures(assessed: readonly Assessment[], limits: Limits): Figure[] {
  if (assessed.length === 0) return [];
  const { rules, disposable, assetLimitFen } = limits;
  return [
    { name: 'supporterUnableAge', labelZh: '义务人年龄', value: rules.tekun.supporterUnableAge.value, unit: '岁' },
    { name: 'perCapitaDisposableIncome', labelZh: disposable.labelZh, value: disposable.fen / 100, unit: '元/人/年' },
    { name: 'supporterAssetLimit', labelZh: '义务人金融资产限额', value: assetLimitFen / 100, unit: '元' },
    ...assessed.flatMap((a, i) => [
      {
        name: `supporter${i + 1}MonthlyIncome`,
        labelZh: `义务人${i + 1}月收入`,
        value: a.monthlyFen / 100,
        unit: '元/月',
      },
      {
        name: `supporter${i + 1}FinancialAssets`,
        labelZh: `义务人${i + 1}金融资产`,
        value: a.assetsFen / 100,
        unit: '元',
      },
    ]),
  ];
}

const NONE_DECLARED_ZH = '申请人声明无法定赡养、抚养、扶养义务人。';
const NOT_ON_FORM_ZH = '申请未填报法定赡养、抚养、扶养义务人情况，请在调查中核实。';

export function supporterCheck(input: EvaluationInput, line: AppliedLine, disposable: IncomeLimit): Check {
  const { rules, onDate } = input;
  const section = input.application.tekun;
  const supporters = section?.supporters ?? [];
  // Only read when someone is listed: rules frozen into older cases may lack the figure.
  const assetLimitFen = supporters.length > 0 ? Math.round(rules.tekun.supporterAssetMonths.value * line.fen) : 0;
  const limits: Limits = { rules, onDate, disposable, assetLimitFen };
  const findings = distinctFindings(input.findings);
  const assessed = supporters.map((s) => assess(s, findings, limits));
  const able = assessed.filter((a) => a.able).length;
  const living = assessed.filter((a) => !a.deceased).length;
  const legalBasis = [...new Set(supporters.map((s) => obligationOfKinship[s.kinship].sourceZh))];
  const figureSources =
    supporters.length > 0
      ? [rules.tekun.supporterUnableAge.source, disposable.source, rules.tekun.supporterAssetMonths.source, line.source]
      : [rules.tekun.supporterUnableAge.source];
  return {
    rule: 'tekun.noAbleSupporter',
    labelZh: '无法定义务人或义务人无履行义务能力',
    kind: 'condition',
    passed: able === 0,
    figures: [
      { name: 'supporters', labelZh: '法定义务人', value: living, unit: '人' },
      { name: 'ableSupporters', labelZh: '有履行义务能力的义务人', value: able, unit: '人' },
      ...supporterFigures(assessed, limits),
    ],
    sources: assessed.flatMap((a) => a.references),
    ruleSource: [...new Set([...figureSources, ...legalBasis])].join('；'),
    explanationZh:
      section === undefined
        ? NOT_ON_FORM_ZH
        : supporters.length === 0
          ? NONE_DECLARED_ZH
          : `${assessed.map((a) => describe(a, limits)).join('；')}。`,
  };
}
