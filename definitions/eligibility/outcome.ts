/**
 * Turns a program's checks into its result: eligible when every condition passed, flagged when a
 * flag did not, and a one-line summary staff can put in an opinion or notice.
 * No I/O: runs inside the workflow sandbox.
 */
import type { HouseholdView } from './household';
import type { Benefit, Check, EligibilityProgram, EligibilityResult } from './result';

export const programLabelsZh: Record<EligibilityProgram, string> = {
  dibao: '最低生活保障',
  tekun: '特困人员救助供养',
  temporaryHelp: '临时救助',
};

export function conclude(args: {
  program: EligibilityProgram;
  onDate: string;
  view: HouseholdView;
  checks: Check[];
  lowIncomeEdge?: boolean;
  benefit?: (eligible: boolean) => Benefit | undefined;
}): EligibilityResult {
  const { program, checks } = args;
  const failedConditions = checks.filter((c) => c.kind === 'condition' && !c.passed);
  const failedFlags = checks.filter((c) => c.kind === 'flag' && !c.passed);
  const eligible = failedConditions.length === 0;
  const benefit = args.benefit?.(eligible);

  const label = programLabelsZh[program];
  const parts = [
    eligible
      ? `符合${label}条件${benefit ? `，月保障金${benefit.monthlyAmount.toFixed(2)}元` : ''}`
      : `不符合${label}条件：${failedConditions.map((c) => c.labelZh).join('、')}未通过`,
  ];
  if (args.lowIncomeEdge) parts.push('属于低保边缘家庭');
  if (failedFlags.length > 0) parts.push(`需人工核实：${failedFlags.map((c) => c.labelZh).join('、')}`);

  return {
    program,
    onDate: args.onDate,
    eligible,
    flagged: failedFlags.length > 0,
    ...(args.lowIncomeEdge === undefined ? {} : { lowIncomeEdge: args.lowIncomeEdge }),
    members: {
      counted: args.view.living.length,
      excluded: args.view.deceased.map(({ member }) => ({
        idNumber: member.idNumber,
        name: member.name,
        reasonZh: '民政部门已登记死亡',
      })),
    },
    checks,
    ...(benefit ? { benefit } : {}),
    summaryZh: `${parts.join('；')}。`,
  };
}
