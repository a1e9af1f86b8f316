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
    expect(issuesOf(anApplication({ program: 'tekun', temporaryHelp: claim, tekun: { supporters: [] } }))).toEqual([
      ['temporaryHelp', '仅临时救助申请填写此项'],
    ]);
    expect(issuesOf(anApplication({ program: 'tekun', tekun: { supporters: [] } }))).toEqual([]);
  });

  it('names the programs it knows', () => {
    expect(issuesOf(anApplication({ program: 'housing' as never }))[0]?.[0]).toBe('program');
  });
});

describe('the form’s 特困 section: legally obliged supporters (《特困人员认定办法》第十条)', () => {
  const issuesOf = (input: unknown) =>
    applicationSchema.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
  const son = {
    name: '张大',
    idNumber: withCheckCharacter('37090219950101005'),
    kinship: 'child',
    obligation: 'elderSupport',
    ableToSupport: false,
    checkAuthorised: true,
  } as const;
  const tekun = (...supporters: Record<string, unknown>[]) =>
    anApplication({ program: 'tekun', tekun: { supporters: supporters as never } });

  it('must be declared on a 特困 application: "no supporters" is an empty list, said on purpose', () => {
    expect(issuesOf(anApplication({ program: 'tekun' }))).toEqual([
      ['tekun', '特困申请须填报法定赡养、抚养、扶养义务人（tekun.supporters）；没有义务人的，请填报空列表 []'],
    ]);
    expect(issuesOf(anApplication({ program: 'tekun', tekun: {} as never }))[0]?.[0]).toBe('tekun.supporters');
    expect(issuesOf(tekun())).toEqual([]);
  });

  it('is refused on other programs', () => {
    expect(issuesOf(anApplication({ program: 'dibao', tekun: { supporters: [] } }))).toEqual([
      ['tekun', '仅特困申请填写此项'],
    ]);
  });

  it('accepts a supporter, filling defaults; an unsigned authorisation is not a form error', () => {
    const parsed = applicationSchema.parse(tekun({ ...son, checkAuthorised: false }));
    expect(parsed.tekun?.supporters[0]).toMatchObject({
      monthlyIncome: 0,
      deposits: 0,
      disability: 'none',
      receivesAssistance: 'none',
      incapacitated: false,
      checkAuthorised: false,
    });
  });

  it('validates a supporter’s id number like the applicant’s', () => {
    const issues = issuesOf(tekun({ ...son, idNumber: '370902199501010050' }));
    expect(issues).toEqual([['tekun.supporters.0.idNumber', '公民身份号码无效，请核对后重新填写（18位，末位校验码）']]);
  });

  it('asks for the declared ability and the authorisation, never assuming either', () => {
    const { ableToSupport: _a, checkAuthorised: _c, ...undeclared } = son;
    expect(issuesOf(tekun(undeclared)).map(([path]) => path)).toEqual([
      'tekun.supporters.0.ableToSupport',
      'tekun.supporters.0.checkAuthorised',
    ]);
  });

  it('checks the obligation against the kinship (民法典), and names both codes it knows', () => {
    expect(issuesOf(tekun({ ...son, obligation: 'mutualSupport' }))).toEqual([
      [
        'tekun.supporters.0.obligation',
        '子女对申请人负赡养义务（《中华人民共和国民法典》第一千零六十七条），义务类型请填 elderSupport',
      ],
    ]);
    expect(issuesOf(tekun({ ...son, kinship: 'cousin' }))[0]?.[0]).toBe('tekun.supporters.0.kinship');
  });

  it('refuses a household member or the same person twice as a supporter', () => {
    const member = { ...son, idNumber: residentIds.spouse, kinship: 'spouse', obligation: 'mutualSupport' };
    expect(issuesOf(tekun(son, member, son)).map(([path]) => path)).toEqual([
      'tekun.supporters.1.idNumber',
      'tekun.supporters.2.idNumber',
    ]);
  });
});
