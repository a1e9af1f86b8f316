/**
 * The household's needs as a whole (整体评估): every program it may qualify for and every
 * referral it may need, each with its reason and basis, likely ones first. Starts nothing: the clerk
 * confirms or adds, then the parent application starts what was confirmed.
 * No I/O: runs inside the workflow sandbox.
 */
import type { EligibilityRules } from '../eligibility';
import type { IntakeRules } from './config';
import type { NeedsAssessmentRequest } from './householdForm';
import { programNeeds } from './programNeeds';
import type { NeedsAssessment } from './proposals';
import { referralNeeds } from './referralNeeds';

export interface NeedsAssessmentInput {
  form: NeedsAssessmentRequest;
  eligibilityRules: EligibilityRules;
  intakeRules: IntakeRules;
  /** 'YYYY-MM-DD' in China: ages are taken on this day. */
  onDate: string;
}

const strengthOrder = { likely: 0, possible: 1 } as const;

export function assessNeeds({ form, eligibilityRules, intakeRules, onDate }: NeedsAssessmentInput): NeedsAssessment {
  const proposals = [
    ...programNeeds({ form, rules: eligibilityRules, onDate }),
    ...referralNeeds({ form, rules: intakeRules, onDate }),
  ].sort((a, b) => strengthOrder[a.strength] - strengthOrder[b.strength]);
  const summaryZh =
    proposals.length === 0
      ? '按申报情况未发现符合条件的救助项目或转介事项，请工作人员结合实际情况判断'
      : `建议办理：${proposals.map((p) => `${p.labelZh}（${p.strength === 'likely' ? '较符合' : '可考虑'}）`).join('、')}`;
  return { onDate, proposals, summaryZh };
}
