/**
 * The risk rules, each with a case that raises its warning and one that does not, over plain facts.
 */
import type { CaseFacts, OtherCase, RiskRules } from '../../definitions/risk';
import { assessCase, resolveRiskRules } from '../../definitions/risk';
import { deceasedMemberReceivingWarnings } from '../../definitions/risk/deceasedMemberReceiving';
import { repeatedTemporaryHelpWarnings } from '../../definitions/risk/repeatedTemporaryHelp';
import { sharedMemberWarnings } from '../../definitions/risk/sharedMember';
import { sharedPayeeAccountWarnings } from '../../definitions/risk/sharedPayeeAccount';
import { undeclaredStaffRelativeWarnings } from '../../definitions/risk/undeclaredStaffRelative';

const person = (n: number, name: string) => ({ idNumber: `37090219700101${String(n).padStart(4, '0')}`, name });
const zhang = person(1, '张三');
const li = person(2, '李四');
const wang = person(3, '王五');
const zhao = person(4, '赵六');

function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    caseId: 'DB-1',
    program: 'dibao',
    active: true,
    receiving: false,
    applicant: zhang,
    members: [zhang, li],
    closeRelativeDeclared: false,
    payeeAccount: null,
    otherActiveCases: [],
    deaths: [],
    staffRelatives: [],
    temporaryHelpGrants: [],
    ...overrides,
  };
}

const other = (caseId: string, members: OtherCase['members'], extra: Partial<OtherCase> = {}): OtherCase => ({
  caseId,
  program: 'dibao',
  members,
  payeeAccount: null,
  ...extra,
});

const rules: RiskRules = resolveRiskRules('370902', '2026-11-29');

describe('risk / a person in two active cases', () => {
  it('warns when a member is in another active case of the same program, naming the person and the case', () => {
    const warnings = sharedMemberWarnings(facts({ otherActiveCases: [other('DB-2', [li, wang])] }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      rule: 'sharedMember',
      subject: { kind: 'person', key: li.idNumber },
      relatedCaseIds: ['DB-2'],
    });
    expect(warnings[0]!.explanationZh).toContain('李四');
    expect(warnings[0]!.explanationZh).toContain('同一救助项目的在办案件1件（DB-2）');
  });

  it('warns when a member is in another household’s case of another program', () => {
    const warnings = sharedMemberWarnings(
      facts({ otherActiveCases: [other('LS-9', [wang, li], { program: 'temporaryHelp' })] })
    );
    expect(warnings.map((w) => w.subject.key)).toEqual([li.idNumber]);
    expect(warnings[0]!.explanationZh).toContain('其他家庭的在办案件');
  });

  it('does not warn for the same household in another program, or for cases without a shared member', () => {
    const warnings = sharedMemberWarnings(
      facts({
        otherActiveCases: [other('LS-1', [li, zhang], { program: 'temporaryHelp' }), other('DB-3', [wang, zhao])],
      })
    );
    expect(warnings).toEqual([]);
  });
});

describe('risk / a member registered dead in a receiving household', () => {
  const death = { idNumber: li.idNumber, date: '2026-05-01', reference: 'MZ-001' };

  it('warns with the date and the registry record when the household is receiving', () => {
    const warnings = deceasedMemberReceivingWarnings(facts({ receiving: true, deaths: [death] }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ rule: 'deceasedMemberReceiving', subject: { key: li.idNumber } });
    expect(warnings[0]!.explanationZh).toContain('2026-05-01');
    expect(warnings[0]!.explanationZh).toContain('MZ-001');
  });

  it('does not warn while the household is not receiving (the data check flags it), nor without a death', () => {
    expect(deceasedMemberReceivingWarnings(facts({ receiving: false, deaths: [death] }))).toEqual([]);
    expect(deceasedMemberReceivingWarnings(facts({ receiving: true, deaths: [] }))).toEqual([]);
  });
});

describe('risk / a close relative of staff not registered separately', () => {
  const entry = {
    staffUserId: 'cw-7',
    staffName: '孙干部',
    staffOrg: '370902001',
    relativeIdNumber: li.idNumber,
    relation: '配偶',
  };

  it('warns when a member is on the register and the application did not declare it', () => {
    const warnings = undeclaredStaffRelativeWarnings(facts({ staffRelatives: [entry] }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ rule: 'undeclaredStaffRelative', subject: { key: li.idNumber } });
    expect(warnings[0]!.explanationZh).toContain('孙干部');
    expect(warnings[0]!.explanationZh).toContain('配偶');
  });

  it('does not warn when the application declared the close relative, or nobody is on the register', () => {
    expect(undeclaredStaffRelativeWarnings(facts({ staffRelatives: [entry], closeRelativeDeclared: true }))).toEqual(
      []
    );
    expect(undeclaredStaffRelativeWarnings(facts({ staffRelatives: [] }))).toEqual([]);
  });
});

describe('risk / repeated temporary help within the window', () => {
  const grant = (caseId: string, amount: number) => ({ caseId, amount, decidedAt: '2026-06-01T00:00:00.000Z' });
  const { maxCount, maxAmount, windowMonths } = rules.temporaryHelp;

  it('warns above the count, with the count, total and the configured limit', () => {
    const grants = Array.from({ length: maxCount.value + 1 }, (_, i) => grant(`LS-${i}`, 100));
    const warnings = repeatedTemporaryHelpWarnings(facts({ temporaryHelpGrants: grants }), rules);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.explanationZh).toContain(`近${windowMonths.value}个月内获得临时救助${grants.length}次`);
    expect(warnings[0]!.explanationZh).toContain(`超过${maxCount.value}次`);
    expect(warnings[0]!.relatedCaseIds).toHaveLength(grants.length);
  });

  it('warns above the amount even within the count', () => {
    const warnings = repeatedTemporaryHelpWarnings(
      facts({ temporaryHelpGrants: [grant('LS-1', maxAmount.value + 0.01)] }),
      rules
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.details).toMatchObject({ count: 1, totalAmount: maxAmount.value + 0.01 });
  });

  it('does not warn at the count and amount limits exactly', () => {
    const each = maxAmount.value / maxCount.value;
    const grants = Array.from({ length: maxCount.value }, (_, i) => grant(`LS-${i}`, each));
    expect(repeatedTemporaryHelpWarnings(facts({ temporaryHelpGrants: grants }), rules)).toEqual([]);
  });
});

describe('risk / one payee account for unrelated households', () => {
  const account = '6222020200112233445';

  it('warns when an active case of a household with no member in common is paid into the same account', () => {
    const warnings = sharedPayeeAccountWarnings(
      facts({ payeeAccount: account, otherActiveCases: [other('DB-5', [wang, zhao], { payeeAccount: account })] })
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ subject: { kind: 'account', key: account }, relatedCaseIds: ['DB-5'] });
    expect(warnings[0]!.explanationZh).toContain('6222****3445');
    expect(warnings[0]!.explanationZh).not.toContain(account);
  });

  it('does not warn for a related household (a member in common), another account, or no account', () => {
    const related = other('DB-6', [li, wang], { payeeAccount: account });
    const elsewhere = other('DB-7', [wang, zhao], { payeeAccount: '6222020200199999999' });
    expect(
      sharedPayeeAccountWarnings(facts({ payeeAccount: account, otherActiveCases: [related, elsewhere] }))
    ).toEqual([]);
    expect(sharedPayeeAccountWarnings(facts({ payeeAccount: null, otherActiveCases: [related] }))).toEqual([]);
  });
});

describe('risk / assessing a case', () => {
  it('runs every rule, and gives the same dedup keys for the same facts', () => {
    const busy = facts({
      receiving: true,
      deaths: [{ idNumber: li.idNumber, date: '2026-05-01', reference: 'MZ-1' }],
      otherActiveCases: [other('DB-2', [li, wang])],
    });
    const first = assessCase(busy, rules);
    expect(first.map((w) => w.rule).sort()).toEqual(['deceasedMemberReceiving', 'sharedMember']);
    expect(assessCase(busy, rules).map((w) => w.dedupKey)).toEqual(first.map((w) => w.dedupKey));
  });

  it('does not assess a finished case', () => {
    expect(assessCase(facts({ active: false, otherActiveCases: [other('DB-2', [li])] }), rules)).toEqual([]);
  });
});
