/** The intake form's pure parts (web/src/intake/intakeForm.ts): the ID check as typed and the bodies sent. */
import { withCheckCharacter } from '../../definitions/shared/identity';
import type { IntakeValues } from '../../web/src/intake/intakeForm';
import { applicationBody, assessmentBody, changesAssessment, residentIdProblem } from '../../web/src/intake/intakeForm';

describe('intake form', () => {
  const id = withCheckCharacter('37090219650412003');

  it('says what is wrong with an identity number as it is typed', () => {
    expect(residentIdProblem(id)).toBeUndefined();
    expect(residentIdProblem(id.toLowerCase())).toBeUndefined();
    expect(residentIdProblem('')).toBe('请填写公民身份号码');
    expect(residentIdProblem('3709021965')).toBe('公民身份号码应为18位，已输入10位');
    expect(residentIdProblem('37090A')).toBe('公民身份号码只能是数字，末位可为 X');
    const wrongCheck = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
    expect(residentIdProblem(wrongCheck)).toBe('公民身份号码无效，请核对后重新填写（18位，末位校验码）');
    // A real check digit over an impossible birth date (19651332) is refused too.
    expect(residentIdProblem(withCheckCharacter('37090219651332003'))).toMatch(/无效/);
  });

  it('sends the form as the request body, without the console-only missing list', () => {
    const values = {
      orgs: { county: '379901', township: '379901382', village: '379901382001' },
      applicant: { name: '孙建华', idNumber: id },
      household: { address: '青山村8号', members: [] },
      declared: { monthlyIncome: 600 },
      materials: ['idCard'],
      missing: ['incomeProof'],
      pledgeSigned: true,
      checkAuthorised: true,
      programs: ['dibao'],
      referrals: ['rehabilitation'],
      temporaryHelp: undefined,
    } as unknown as IntakeValues;
    const body = applicationBody(values);
    expect(body).not.toHaveProperty('missing');
    expect(body).toMatchObject({ channel: 'window', programs: ['dibao'], materials: ['idCard'] });
    const assessed = assessmentBody(values);
    expect(assessed).not.toHaveProperty('programs');
    expect(assessed).not.toHaveProperty('referrals');
  });

  it('sends the payee only when filled, the close relative only when declared, program sections only when chosen', () => {
    const base = {
      applicant: { name: '孙建华', idNumber: id },
      programs: ['dibao'],
      payee: { holderName: '', bankName: ' ', accountNumber: undefined },
      closeRelative: { staffName: '李明', relation: '申请人之子' },
      closeRelativeDeclared: false,
      tekun: { supporters: [] },
      temporaryHelp: { kind: 'expense' },
    } as unknown as IntakeValues;
    expect(applicationBody(base)).toMatchObject({ payee: null, closeRelative: null });
    expect(applicationBody(base).tekun).toBeUndefined();
    expect(applicationBody(base).temporaryHelp).toBeUndefined();
    expect(applicationBody(base)).not.toHaveProperty('closeRelativeDeclared');

    const filled = {
      ...base,
      programs: ['tekun'],
      payee: { holderName: '孙建华', bankName: '农商银行', accountNumber: '6228 4800 1234 5678' },
      closeRelativeDeclared: true,
    } as unknown as IntakeValues;
    expect(applicationBody(filled)).toMatchObject({
      payee: { holderName: '孙建华', bankName: '农商银行' },
      closeRelative: { staffName: '李明', relation: '申请人之子' },
      tekun: { supporters: [] },
    });
    // Partly filled: sent, so the API names the missing parts at their fields.
    const partial = { ...base, payee: { holderName: '孙建华' } } as unknown as IntakeValues;
    expect(applicationBody(partial).payee).toEqual({ holderName: '孙建华' });
  });

  it('makes a shown assessment stale when the household changes, not when the choice of programs does', () => {
    expect(changesAssessment({ declared: { monthlyIncome: 900 } })).toBe(true);
    expect(changesAssessment({ programs: ['dibao'] })).toBe(false);
    expect(changesAssessment({ missing: ['incomeProof'] })).toBe(false);
  });
});
