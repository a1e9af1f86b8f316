/**
 * The property tests (家庭财产状况): financial assets per person against a number of months of the
 * line, vehicles, housing beyond one home, and business ownership. Assets of every listed member
 * count, including a member registered dead (what they owned passes to the household).
 * Financial assets: the verified total wins where any source reported one; the declared deposits
 * are used only when no source did (there is then nothing to contradict them).
 * No I/O: runs inside the workflow sandbox.
 */
import type { Finding } from './findings';
import { findingKindLabelsZh } from './findings';
import type { AppliedLine, HouseholdForm, HouseholdView } from './household';
import { formatYuan, perCapitaYuan, toFen } from './money';
import type { Check } from './result';
import type { EligibilityRules } from './rules';
import { sourceLabelsZh } from './sources';

const refs = (records: readonly Finding[]): string[] => records.map((r) => r.reference);
const joinSources = (...sources: string[]): string => [...new Set(sources)].join('；');
const recordText = (r: Finding): string => `${r.detail}（${sourceLabelsZh[r.sourceId]}，记录号${r.reference}）`;

export function financialRecords(view: HouseholdView, rules: EligibilityRules): Finding[] {
  const kinds = new Set<string>(rules.assets.financialKinds.value);
  return view.findings.filter((f) => kinds.has(f.kind) && f.amount !== undefined);
}

export function vehicleIsExempt(vehicle: Finding, rules: EligibilityRules): boolean {
  if (vehicle.category !== undefined && rules.assets.exemptVehicleCategories.value.includes(vehicle.category)) {
    return true;
  }
  // A vehicle of unknown value cannot be shown to be low-value.
  return vehicle.amount !== undefined && vehicle.amount <= rules.assets.lowValueVehicleCeiling.value;
}

export function activeBusinesses(view: HouseholdView): Finding[] {
  return view.findings.filter((f) => f.kind === 'business' && f.category !== 'deregistered');
}

export function businessDisqualifies(business: Finding, rules: EligibilityRules): boolean {
  return (
    (business.amount ?? 0) > rules.assets.businessCapitalCeiling.value ||
    (business.count ?? 0) > rules.assets.businessMaxEmployees.value
  );
}

export const countOf = (records: readonly Finding[]): number => records.reduce((acc, r) => acc + (r.count ?? 1), 0);

export function financialAssetsCheck(
  view: HouseholdView,
  form: HouseholdForm,
  rules: EligibilityRules,
  line: AppliedLine
): Check {
  const records = financialRecords(view, rules);
  const verified = records.length > 0;
  const totalFen = verified ? records.reduce((acc, r) => acc + toFen(r.amount ?? 0), 0) : toFen(form.declared.deposits);
  const members = view.living.length;
  const months = rules.assets.financialAssetMonths.value;
  const limitPerCapitaFen = Math.round(months * line.fen);
  const passed = members > 0 && totalFen <= limitPerCapitaFen * members;
  const perCapita = perCapitaYuan(totalFen, members, 'up');
  const basis = verified
    ? `核对到${records.map((r) => `${findingKindLabelsZh[r.kind]}${formatYuan(toFen(r.amount ?? 0))}元`).join('、')}`
    : `无部门金融资产记录，按申报存款计`;
  return {
    rule: 'assets.financial',
    labelZh: '家庭人均金融资产不超过规定',
    kind: 'condition',
    passed,
    figures: [
      { name: 'financialAssets', labelZh: '家庭金融资产合计', value: totalFen / 100, unit: '元' },
      { name: 'perCapitaFinancialAssets', labelZh: '人均金融资产', value: perCapita, unit: '元/人' },
      { name: 'financialAssetMonths', labelZh: '限额（低保标准月数）', value: months, unit: '个月' },
      { name: 'perCapitaLimit', labelZh: '人均金融资产限额', value: limitPerCapitaFen / 100, unit: '元/人' },
      { name: 'declaredDeposits', labelZh: '申报存款', value: form.declared.deposits, unit: '元' },
    ],
    sources: refs(records),
    ruleSource: joinSources(rules.assets.financialAssetMonths.source, line.source),
    explanationZh: `${basis}，合计${formatYuan(totalFen)}元，人均${perCapita.toFixed(2)}元，${passed ? '未超过' : '超过'}人均限额${formatYuan(limitPerCapitaFen)}元（${line.labelZh}的${months}个月）。`,
  };
}

export function vehiclesCheck(view: HouseholdView, rules: EligibilityRules): Check {
  const vehicles = view.findings.filter((f) => f.kind === 'vehicle');
  const counting = vehicles.filter((v) => !vehicleIsExempt(v, rules));
  const ceiling = rules.assets.lowValueVehicleCeiling.value;
  const passed = counting.length === 0;
  return {
    rule: 'assets.vehicles',
    labelZh: '家庭无规定以外的机动车辆',
    kind: 'condition',
    passed,
    figures: [
      { name: 'vehicles', labelZh: '登记车辆船舶', value: countOf(vehicles), unit: '辆' },
      { name: 'countingVehicles', labelZh: '不属豁免的车辆', value: countOf(counting), unit: '辆' },
      { name: 'lowValueVehicleCeiling', labelZh: '低值车辆价值上限', value: ceiling, unit: '元' },
    ],
    sources: refs(vehicles),
    ruleSource: joinSources(rules.assets.exemptVehicleCategories.source, rules.assets.lowValueVehicleCeiling.source),
    explanationZh:
      vehicles.length === 0
        ? '未核对到家庭成员名下登记的车辆船舶。'
        : passed
          ? `核对到${countOf(vehicles)}辆，均属残疾人代步车等豁免情形或价值不超过${ceiling}元：${vehicles.map(recordText).join('；')}。`
          : `核对到不属豁免情形、价值超过${ceiling}元或价值不明的车辆${countOf(counting)}辆：${counting.map(recordText).join('；')}。`,
  };
}

export function housingCheck(view: HouseholdView, rules: EligibilityRules): Check {
  const properties = view.findings.filter((f) => f.kind === 'realEstate');
  const owned = countOf(properties);
  const max = rules.assets.maxProperties.value;
  const passed = owned <= max;
  return {
    rule: 'assets.housing',
    labelZh: `家庭住房不超过${max}套`,
    kind: 'condition',
    passed,
    figures: [
      { name: 'properties', labelZh: '登记不动产', value: owned, unit: '套' },
      { name: 'maxProperties', labelZh: '允许拥有', value: max, unit: '套' },
    ],
    sources: refs(properties),
    ruleSource: rules.assets.maxProperties.source,
    explanationZh:
      owned === 0
        ? '未核对到家庭成员名下的不动产登记。'
        : `核对到家庭成员名下不动产${owned}套，${passed ? '未超过' : '超过'}规定的${max}套：${properties.map(recordText).join('；')}。`,
  };
}

export function businessCheck(view: HouseholdView, rules: EligibilityRules): Check {
  const active = activeBusinesses(view);
  const disqualifying = active.filter((b) => businessDisqualifies(b, rules));
  const { businessCapitalCeiling: capital, businessMaxEmployees: employees } = rules.assets;
  const passed = disqualifying.length === 0;
  return {
    rule: 'assets.business',
    labelZh: '家庭成员无超过规定的经营性市场主体',
    kind: 'condition',
    passed,
    figures: [
      { name: 'activeBusinesses', labelZh: '存续市场主体', value: active.length, unit: '户' },
      { name: 'disqualifyingBusinesses', labelZh: '超过规定的市场主体', value: disqualifying.length, unit: '户' },
      { name: 'businessCapitalCeiling', labelZh: '注册资本上限', value: capital.value, unit: '元' },
      { name: 'businessMaxEmployees', labelZh: '雇工人数上限', value: employees.value, unit: '人' },
    ],
    sources: refs(active),
    ruleSource: joinSources(capital.source, employees.source),
    explanationZh:
      active.length === 0
        ? '未核对到家庭成员登记的存续市场主体。'
        : passed
          ? `核对到存续市场主体${active.length}户，注册资本不超过${capital.value}元且未雇工超过${employees.value}人：${active.map(recordText).join('；')}。`
          : `核对到注册资本超过${capital.value}元或雇工超过${employees.value}人的市场主体：${disqualifying.map(recordText).join('；')}。`,
  };
}

/** The four property conditions, in the order staff read them. */
export function assetChecks(
  view: HouseholdView,
  form: HouseholdForm,
  rules: EligibilityRules,
  line: AppliedLine
): Check[] {
  return [
    financialAssetsCheck(view, form, rules, line),
    vehiclesCheck(view, rules),
    housingCheck(view, rules),
    businessCheck(view, rules),
  ];
}
