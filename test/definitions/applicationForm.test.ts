import { applicationSchema } from '../../definitions/shared/application';
import { isValidResidentId, maskResidentId, withCheckCharacter } from '../../definitions/shared/identity';
import { anApplication, residentIds } from '../support/factories';

describe('resident identity numbers', () => {
  it('accepts a number whose check character matches, and refuses one that does not', () => {
    const valid = withCheckCharacter('11010519491231002');
    expect(valid).toBe('11010519491231002X');
    expect(isValidResidentId(valid)).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
  });

  it('refuses impossible birth dates and wrong lengths', () => {
    expect(isValidResidentId(withCheckCharacter('37090219700230002'))).toBe(false);
    expect(isValidResidentId('37090219700101')).toBe(false);
  });

  it('masks the middle for lists', () => {
    expect(maskResidentId(residentIds.applicant)).toBe(`370902********${residentIds.applicant.slice(14)}`);
  });
});

describe('the one application form', () => {
  it('accepts a complete household and fills defaults', () => {
    const parsed = applicationSchema.parse(anApplication());
    expect(parsed.household.members[1]).toMatchObject({ disability: 'none', seriousIllness: false, monthlyIncome: 0 });
    expect(parsed.declared).toMatchObject({ vehicles: 0, properties: 0, businessOwner: false });
  });

  it('requires the applicant to be a member and members to be distinct', () => {
    const base = anApplication();
    const members = base.household.members;
    const result = applicationSchema.safeParse({
      ...base,
      applicant: { ...base.applicant, idNumber: withCheckCharacter('37090219600101009') },
      household: { ...base.household, members: [members[0]!, { ...members[1]!, idNumber: members[0]!.idNumber }] },
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['applicant.idNumber', 'household.members.1.idNumber']));
  });

  it('cannot be filed without the integrity pledge and the data-check authorisation', () => {
    const result = applicationSchema.safeParse({ ...anApplication(), pledgeSigned: false, checkAuthorised: false });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['pledgeSigned', '申请人须签署守信承诺书后方可申请'],
      ['checkAuthorised', '申请人及家庭成员须签署经济状况核对授权书后方可申请'],
    ]);
  });
});

describe('the form’s temporary-help section', () => {
  const claim = { kind: 'emergency', amountClaimed: 800, description: '住房失火' } as const;
  const issuesOf = (input: unknown) =>
    applicationSchema.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

  it('is required on a temporary-help application and validated', () => {
    expect(issuesOf(anApplication({ program: 'temporaryHelp', temporaryHelp: claim }))).toEqual([]);
    expect(issuesOf(anApplication({ program: 'temporaryHelp' }))).toEqual([
      ['temporaryHelp', '临时救助申请须填写救助类型、申请金额和困难情形'],
    ]);
    const bad = issuesOf(
      anApplication({
        program: 'temporaryHelp',
        temporaryHelp: { kind: 'other' as never, amountClaimed: 0, description: ' ' },
      })
    ).map(([path]) => path);
    expect(bad.sort()).toEqual(['temporaryHelp.amountClaimed', 'temporaryHelp.description', 'temporaryHelp.kind']);
  });

  it('is refused on other programs', () => {
    expect(issuesOf(anApplication({ program: 'tekun', temporaryHelp: claim }))).toEqual([
      ['temporaryHelp', '仅临时救助申请填写此项'],
    ]);
    expect(issuesOf(anApplication({ program: 'tekun' }))).toEqual([]);
  });

  it('names the programs it knows', () => {
    expect(issuesOf(anApplication({ program: 'housing' as never }))[0]?.[0]).toBe('program');
  });
});
