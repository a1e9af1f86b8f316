/**
 * Checks about the household itself rather than a limit: members registered dead (not counted,
 * the form must be corrected) and property the household did not declare (守信承诺: the
 * declaration must be true). Both are flags for staff; the limits themselves are in assets.ts.
 * No I/O: runs inside the workflow sandbox.
 */
import { activeBusinesses, countOf, financialRecords } from './assets';
import type { HouseholdForm, HouseholdView } from './household';
import { formatYuan, toFen } from './money';
import type { Check } from './result';
import type { EligibilityRules } from './rules';

const MEASURES = '《最低生活保障审核确认办法》（民发〔2021〕57号）';

/**
 * A flag while living members remain; a failing condition once none does, because then there is no
 * household left to assess.
 */
export function deceasedMembersCheck(view: HouseholdView): Check {
  const passed = view.deceased.length === 0;
  const lines = view.deceased.map(
    ({ member, finding }) =>
      `${member.name}已由民政部门登记死亡${finding.date ? `（${finding.date}）` : ''}，记录号${finding.reference}`
  );
  return {
    rule: 'household.memberRegisteredDead',
    labelZh: '家庭成员无死亡登记',
    kind: view.living.length === 0 ? 'condition' : 'flag',
    passed,
    figures: [
      { name: 'listedMembers', labelZh: '申请填报家庭成员', value: view.listed.length, unit: '人' },
      { name: 'deceasedMembers', labelZh: '已登记死亡', value: view.deceased.length, unit: '人' },
      { name: 'countedMembers', labelZh: '计入共同生活家庭成员', value: view.living.length, unit: '人' },
    ],
    sources: view.deceased.map((d) => d.finding.reference),
    ruleSource: `${MEASURES} 关于共同生活家庭成员的规定`,
    explanationZh: passed
      ? '未核对到家庭成员的死亡登记。'
      : `${lines.join('；')}。不计入共同生活家庭成员，家庭人数按${view.living.length}人计算；请核实并更正申请的家庭成员。`,
  };
}

/** Property found that the household did not declare: a flag for the credit record (不属实). */
export function declarationCheck(view: HouseholdView, form: HouseholdForm, rules: EligibilityRules): Check {
  const { declared } = form;
  const financial = financialRecords(view, rules);
  const financialFen = financial.reduce((acc, r) => acc + toFen(r.amount ?? 0), 0);
  const vehicles = view.findings.filter((f) => f.kind === 'vehicle');
  const properties = view.findings.filter((f) => f.kind === 'realEstate');
  const businesses = activeBusinesses(view);

  const gaps: string[] = [];
  const sources: string[] = [];
  if (financialFen > toFen(declared.deposits)) {
    gaps.push(`金融资产${formatYuan(financialFen)}元（申报存款${formatYuan(toFen(declared.deposits))}元）`);
    sources.push(...financial.map((r) => r.reference));
  }
  if (countOf(vehicles) > declared.vehicles) {
    gaps.push(`车辆船舶${countOf(vehicles)}辆（申报${declared.vehicles}辆）`);
    sources.push(...vehicles.map((r) => r.reference));
  }
  if (countOf(properties) > declared.properties) {
    gaps.push(`不动产${countOf(properties)}套（申报${declared.properties}套）`);
    sources.push(...properties.map((r) => r.reference));
  }
  if (businesses.length > 0 && !declared.businessOwner) {
    gaps.push(`存续市场主体${businesses.length}户（申报无经营）`);
    sources.push(...businesses.map((r) => r.reference));
  }
  const passed = gaps.length === 0;
  return {
    rule: 'declaration.propertyDeclared',
    labelZh: '申报财产与核对结果一致',
    kind: 'flag',
    passed,
    figures: [
      { name: 'verifiedFinancialAssets', labelZh: '核对金融资产', value: financialFen / 100, unit: '元' },
      { name: 'declaredDeposits', labelZh: '申报存款', value: declared.deposits, unit: '元' },
      { name: 'verifiedVehicles', labelZh: '核对车辆船舶', value: countOf(vehicles), unit: '辆' },
      { name: 'declaredVehicles', labelZh: '申报车辆', value: declared.vehicles, unit: '辆' },
      { name: 'verifiedProperties', labelZh: '核对不动产', value: countOf(properties), unit: '套' },
      { name: 'declaredProperties', labelZh: '申报不动产', value: declared.properties, unit: '套' },
    ],
    sources,
    ruleSource: `${MEASURES} 第九条（守信承诺）`,
    explanationZh: passed
      ? '核对结果未发现超出申报的财产。'
      : `核对发现超出申报的财产：${gaps.join('；')}。申请人应如实申报家庭财产，请核实是否属实。`,
  };
}
