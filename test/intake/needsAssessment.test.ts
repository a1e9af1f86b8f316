/**
 * The needs assessment as a specification: from the household as declared, which programs and
 * referrals are proposed, how strongly, and on what basis — and which are not.
 */
import { resolveIntakeRules } from '../../definitions/intake/config';
import type { NeedsAssessmentRequest } from '../../definitions/intake/householdForm';
import { needsAssessmentRequestSchema } from '../../definitions/intake/householdForm';
import { assessNeeds } from '../../definitions/intake/needsAssessment';
import { needsAssessmentSchema } from '../../definitions/intake/proposals';
import type { ApplicationInput, Member, TemporaryHelpClaim } from '../../definitions/shared/application';
import { anApplication, TEST_COUNTY } from '../support/factories';
import { aMember, aSupporter, ON_DATE, testEligibilityRules } from '../support/households';

const eligibilityRules = testEligibilityRules();
const intakeRules = resolveIntakeRules(TEST_COUNTY, ON_DATE);

function household(
  members: Member[],
  extra: {
    declared?: Partial<ApplicationInput['declared']>;
    temporaryHelp?: TemporaryHelpClaim;
    circumstances?: { housing?: 'adequate' | 'unsafe' | 'none'; legalDispute?: boolean };
  } = {}
): NeedsAssessmentRequest {
  const [applicant] = members;
  if (!applicant) throw new Error('a household needs a member');
  const { program: _program, ...form } = anApplication({
    applicant: { name: applicant.name, idNumber: applicant.idNumber },
    household: {
      address: '测试县某村1号',
      members: members.map((m, i) => ({ ...m, relation: i === 0 ? 'self' : m.relation })),
    },
    declared: { monthlyIncome: 0, ...extra.declared },
    ...(extra.temporaryHelp ? { temporaryHelp: extra.temporaryHelp } : {}),
  });
  return needsAssessmentRequestSchema.parse({ ...form, circumstances: extra.circumstances });
}

function assess(form: NeedsAssessmentRequest) {
  const result = assessNeeds({ form, eligibilityRules, intakeRules, onDate: ON_DATE });
  expect(needsAssessmentSchema.parse(result)).toEqual(result);
  return result;
}
const proposal = (form: NeedsAssessmentRequest, code: string) => assess(form).proposals.find((p) => p.code === code);
const codes = (form: NeedsAssessmentRequest) => assess(form).proposals.map((p) => p.code);

const elderlyAlone = () => aMember({ name: '王奶奶', birthDate: '1950-03-01', employment: 'retired' });
const workingAdult = (overrides: Partial<Member> = {}) =>
  aMember({ name: '李四', birthDate: '1985-01-01', employment: 'employed', ...overrides });

describe('needs assessment / programs', () => {
  it('proposes 特困 as likely for an elderly person alone without income, and 低保 as the fallback', () => {
    const form = household([elderlyAlone()]);
    const tekun = proposal(form, 'tekun');
    const dibao = proposal(form, 'dibao');
    expect(tekun).toMatchObject({ kind: 'program', strength: 'likely', labelZh: '特困人员救助供养' });
    expect(tekun?.basis.figures.map((f) => f.name)).toEqual(expect.arrayContaining(['elderlyAge', 'members']));
    expect(tekun?.basis.ruleSource).toContain('特困人员认定办法');
    expect(dibao).toMatchObject({ kind: 'program', strength: 'possible' });
    expect(dibao?.reasonZh).toContain('特困与低保不重复享受');
    expect(codes(form).indexOf('tekun')).toBeLessThan(codes(form).indexOf('dibao'));
  });

  it('does not propose 特困 where the household declares a supporter able to support', () => {
    const withSon = needsAssessmentRequestSchema.parse({
      ...household([elderlyAlone()]),
      tekun: { supporters: [aSupporter({ ableToSupport: true, monthlyIncome: 6000 })] },
    });
    expect(codes(withSon)).not.toContain('tekun');
    expect(proposal(withSon, 'dibao')).toMatchObject({ strength: 'likely' });
  });

  it('proposes 低保 as likely, not 特困, for a working-age household under the line', () => {
    const form = household([workingAdult({ employment: 'unableToWork' }), aMember({ birthDate: '1987-02-02' })], {
      declared: { monthlyIncome: 800 },
    });
    expect(proposal(form, 'dibao')).toMatchObject({ strength: 'likely' });
    expect(
      proposal(form, 'dibao')?.basis.figures.some((f) => f.name === 'perCapitaIncome' || f.unit === '元/人/月')
    ).toBe(true);
    expect(codes(form)).not.toContain('tekun');
  });

  it('proposes no program for a household above the low-income edge', () => {
    const form = household([workingAdult()], { declared: { monthlyIncome: 5000 } });
    expect(codes(form)).not.toContain('dibao');
    expect(codes(form)).not.toContain('tekun');
    expect(codes(form)).not.toContain('temporaryHelp');
  });

  it('proposes 低保 as possible (低保边缘) for a household between the line and the edge', () => {
    const form = household([workingAdult()], { declared: { monthlyIncome: 1200 } });
    const dibao = proposal(form, 'dibao');
    expect(dibao).toMatchObject({ strength: 'possible' });
    expect(dibao?.reasonZh).toContain('低保边缘');
  });

  it('proposes emergency temporary help as likely whatever the income, without a means test', () => {
    const form = household([workingAdult()], {
      declared: { monthlyIncome: 5000 },
      temporaryHelp: { kind: 'emergency', amountClaimed: 3000, description: '住房失火' },
    });
    const help = proposal(form, 'temporaryHelp');
    expect(help).toMatchObject({ strength: 'likely' });
    expect(help?.reasonZh).toContain('住房失火');
    expect(help?.basis.figures).toEqual([{ name: 'amountClaimed', labelZh: '申请金额', value: 3000, unit: '元' }]);
  });

  it('proposes expense temporary help below the disposable income, and not above it', () => {
    const claim = { kind: 'expense', amountClaimed: 20_000, description: '住院手术' } as const;
    const poor = household([workingAdult()], { declared: { monthlyIncome: 2000 }, temporaryHelp: claim });
    const richer = household([workingAdult()], { declared: { monthlyIncome: 4000 }, temporaryHelp: claim });
    expect(proposal(poor, 'temporaryHelp')).toMatchObject({ strength: 'likely' });
    expect(proposal(richer, 'temporaryHelp')).toBeUndefined();
  });

  it('proposes no temporary help when no hardship is declared', () => {
    expect(codes(household([workingAdult()], { declared: { monthlyIncome: 800 } }))).not.toContain('temporaryHelp');
  });
});

describe('needs assessment / referrals', () => {
  it('refers an unemployed member of working age and able to work for employment help', () => {
    const jobless = workingAdult({ name: '赵五', employment: 'unemployed' });
    const employment = proposal(household([jobless]), 'employment');
    expect(employment).toMatchObject({ kind: 'referral', strength: 'likely', members: ['赵五'] });
    expect(employment?.basis.figures.map((f) => f.value)).toEqual([16, 60]);
  });

  it('does not refer the unemployed who are past working age or severely disabled', () => {
    expect(codes(household([aMember({ birthDate: '1960-01-01', employment: 'unemployed' })]))).not.toContain(
      'employment'
    );
    expect(codes(household([workingAdult({ employment: 'unemployed', disability: 'severe' })]))).not.toContain(
      'employment'
    );
    expect(codes(household([workingAdult({ employment: 'employed' })]))).not.toContain('employment');
  });

  it('refers a school-age child for education help, from the sixth birthday', () => {
    const child = aMember({ name: '小明', birthDate: '2014-05-01', employment: 'child', relation: 'child' });
    const form = household([workingAdult(), child]);
    expect(proposal(form, 'education')).toMatchObject({ strength: 'likely', members: ['小明'] });
    const toddler = aMember({ birthDate: '2020-12-02', employment: 'child', relation: 'child' });
    expect(codes(household([workingAdult(), toddler]))).not.toContain('education');
  });

  it('refers a student over school age too (enrolled in school)', () => {
    const student = aMember({ name: '大学生', birthDate: '2005-01-01', employment: 'student', relation: 'child' });
    expect(proposal(household([workingAdult(), student]), 'education')?.members).toEqual(['大学生']);
  });

  it('refers a seriously ill member for medical help', () => {
    const ill = workingAdult({ name: '病人', seriousIllness: true });
    expect(proposal(household([ill]), 'medical')).toMatchObject({ strength: 'likely', members: ['病人'] });
    expect(codes(household([workingAdult()]))).not.toContain('medical');
  });

  it('refers severe disability for rehabilitation as likely, moderate as possible, mild not at all', () => {
    expect(proposal(household([workingAdult({ disability: 'severe' })]), 'rehabilitation')?.strength).toBe('likely');
    expect(proposal(household([workingAdult({ disability: 'moderate' })]), 'rehabilitation')?.strength).toBe(
      'possible'
    );
    expect(codes(household([workingAdult({ disability: 'mild' })]))).not.toContain('rehabilitation');
  });

  it('refers unsafe or no housing, and a legal dispute', () => {
    expect(
      proposal(household([workingAdult()], { circumstances: { housing: 'unsafe' } }), 'housing')?.reasonZh
    ).toContain('危房');
    expect(codes(household([workingAdult()], { circumstances: { housing: 'none' } }))).toContain('housing');
    expect(codes(household([workingAdult()]))).not.toContain('housing');
    expect(codes(household([workingAdult()], { circumstances: { legalDispute: true } }))).toContain('legalAid');
    expect(codes(household([workingAdult()]))).not.toContain('legalAid');
  });

  it('assesses the household as a whole: programs and referrals together, likely ones first', () => {
    const form = household(
      [
        workingAdult({ name: '父', employment: 'unemployed' }),
        aMember({
          name: '子',
          birthDate: '2015-01-01',
          employment: 'student',
          relation: 'child',
          seriousIllness: true,
        }),
      ],
      {
        declared: { monthlyIncome: 600 },
        temporaryHelp: { kind: 'emergency', amountClaimed: 2000, description: '车祸' },
      }
    );
    const result = assess(form);
    expect(result.proposals.map((p) => p.code).sort()).toEqual(
      ['dibao', 'education', 'employment', 'medical', 'temporaryHelp'].sort()
    );
    const strengths = result.proposals.map((p) => p.strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => (a === b ? 0 : a === 'likely' ? -1 : 1)));
    expect(result.summaryZh).toContain('最低生活保障');
  });

  it('says so when nothing is proposed', () => {
    const result = assess(household([workingAdult()], { declared: { monthlyIncome: 5000 } }));
    expect(result.proposals).toEqual([]);
    expect(result.summaryZh).toContain('未发现');
  });
});
