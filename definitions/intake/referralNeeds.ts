/**
 * The referrals a household may need (教育、医疗、住房、就业救助，康复，法律援助), read from its
 * members' ages, health, disability and employment and from its circumstances. Each names the
 * members concerned and the figures used. Pure: the date is passed in, never read from a clock.
 * No I/O: runs inside the workflow sandbox.
 */
import { ageOn } from '../eligibility';
import type { Member } from '../shared/application';
import type { IntakeRules } from './config';
import type { NeedsAssessmentRequest, ReferralKind } from './householdForm';
import { referralLabelsZh } from './householdForm';
import type { Proposal } from './proposals';

export interface ReferralNeedsInput {
  form: Pick<NeedsAssessmentRequest, 'household' | 'circumstances'>;
  rules: IntakeRules;
  onDate: string;
}

const INTERIM = '《社会救助暂行办法》';

function referral(
  code: ReferralKind,
  strength: Proposal['strength'],
  reasonZh: string,
  members: readonly Member[],
  basis: Proposal['basis']
): Proposal {
  return {
    kind: 'referral',
    code,
    labelZh: referralLabelsZh[code],
    strength,
    reasonZh,
    basis,
    members: members.map((m) => m.name),
  };
}

const namesZh = (members: readonly Member[], onDate: string) =>
  members.map((m) => `${m.name}（${ageOn(m.birthDate, onDate)}岁）`).join('、');

export function referralNeeds({ form, rules, onDate }: ReferralNeedsInput): Proposal[] {
  const members = form.household.members;
  const age = (m: Member) => ageOn(m.birthDate, onDate);
  const proposals: Proposal[] = [];
  const { schoolAgeFrom, schoolAgeBelow, workingAgeFrom, workingAgeBelow } = rules;

  const schoolAge = members.filter(
    (m) => m.employment === 'student' || (age(m) >= schoolAgeFrom.value && age(m) < schoolAgeBelow.value)
  );
  if (schoolAge.length > 0) {
    proposals.push(
      referral('education', 'likely', `${namesZh(schoolAge, onDate)}在学龄段或在校就读，可申请教育救助`, schoolAge, {
        figures: [
          { name: 'schoolAgeFrom', labelZh: '学龄起始年龄', value: schoolAgeFrom.value, unit: '岁' },
          { name: 'schoolAgeBelow', labelZh: '学龄截止年龄（不满）', value: schoolAgeBelow.value, unit: '岁' },
        ],
        ruleSource: [schoolAgeFrom.source, schoolAgeBelow.source].join('；'),
      })
    );
  }

  const ill = members.filter((m) => m.seriousIllness);
  if (ill.length > 0) {
    proposals.push(
      referral('medical', 'likely', `${namesZh(ill, onDate)}患重特大疾病，可申请医疗救助`, ill, {
        figures: [{ name: 'seriouslyIll', labelZh: '患重特大疾病成员', value: ill.length, unit: '人' }],
        ruleSource: `${INTERIM} 第二十七条`,
      })
    );
  }

  const { housing, legalDispute } = form.circumstances;
  if (housing !== 'adequate') {
    const situationZh = housing === 'none' ? '无自有住房' : '住房为危房';
    proposals.push(
      referral('housing', 'likely', `家庭${situationZh}，可申请住房救助`, [], {
        figures: [],
        ruleSource: `${INTERIM} 第三十八条`,
      })
    );
  }

  const jobless = members.filter(
    (m) =>
      m.employment === 'unemployed' &&
      m.disability !== 'severe' &&
      age(m) >= workingAgeFrom.value &&
      age(m) < workingAgeBelow.value
  );
  if (jobless.length > 0) {
    proposals.push(
      referral(
        'employment',
        'likely',
        `${namesZh(jobless, onDate)}处于法定劳动年龄、有劳动能力且失业，可申请就业救助`,
        jobless,
        {
          figures: [
            { name: 'workingAgeFrom', labelZh: '劳动年龄起始', value: workingAgeFrom.value, unit: '岁' },
            { name: 'workingAgeBelow', labelZh: '劳动年龄截止（不满）', value: workingAgeBelow.value, unit: '岁' },
          ],
          ruleSource: [workingAgeFrom.source, workingAgeBelow.source].join('；'),
        }
      )
    );
  }

  const severe = members.filter((m) => m.disability === 'severe');
  const moderate = members.filter((m) => m.disability === 'moderate');
  if (severe.length + moderate.length > 0) {
    const disabled = [...severe, ...moderate];
    proposals.push(
      referral(
        'rehabilitation',
        severe.length > 0 ? 'likely' : 'possible',
        `${namesZh(disabled, onDate)}有${severe.length > 0 ? '重度' : '中度'}残疾，可转介残联康复服务`,
        disabled,
        {
          figures: [
            { name: 'severeDisability', labelZh: '重度残疾成员', value: severe.length, unit: '人' },
            { name: 'moderateDisability', labelZh: '中度残疾成员', value: moderate.length, unit: '人' },
          ],
          ruleSource: '《残疾人保障法》第十五条',
        }
      )
    );
  }

  if (legalDispute) {
    proposals.push(
      referral('legalAid', 'possible', '家庭涉及法律纠纷，经济困难的可申请法律援助', [], {
        figures: [],
        ruleSource: '《中华人民共和国法律援助法》第三十一条',
      })
    );
  }
  return proposals;
}
