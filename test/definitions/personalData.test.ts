/**
 * Personal data in responses (definitions/access): the masks, the declared fields covering every
 * form that carries an ID, phone or account number, the bank file's masked copy, who is served full
 * values on which read, and what a supervisor's purpose may say.
 */
import type { AccessKind } from '../../definitions/access';
import {
  accessKindSchema,
  maskBankAccount,
  maskBankFile,
  maskIdNumber,
  maskNumbersInText,
  maskPersonalData,
  maskPhone,
  purposeRequired,
  purposeSchema,
  servedValues,
} from '../../definitions/access';
import { csvFields, csvRecords, renderPaymentFile } from '../../definitions/payments';
import { referralIntakeSchema } from '../../definitions/referral';
import type { CallerRole } from '../../definitions/shared/actors';
import { callerRoleSchema } from '../../definitions/shared/actors';
import { applicationSchema } from '../../definitions/shared/application';
import { withCheckCharacter } from '../../definitions/shared/identity';
import { anApplication, residentIds, testOrgs } from '../support/factories';

const supporterId = withCheckCharacter('37090219450101001');
const account = '6228480012345678901';
const phone = '13812345678';

/** Every raw value the samples carry: none may survive masking anywhere in the JSON. */
const rawValues = [residentIds.applicant, residentIds.spouse, residentIds.child, supporterId, account, phone];

function expectNoRawValue(masked: unknown): void {
  const text = JSON.stringify(masked);
  for (const value of rawValues) expect(text).not.toContain(value);
}

describe('personal data / masks', () => {
  it('masks an ID number to its region and last four, a phone to 138****5678, an account to ****1234', () => {
    expect(maskIdNumber(residentIds.applicant)).toBe(`370902********${residentIds.applicant.slice(14)}`);
    expect(maskPhone(phone)).toBe('138****5678');
    expect(maskPhone('0538-1234567')).toBe('053****4567');
    expect(maskBankAccount(account)).toBe('****8901');
    expect(maskBankAccount('6228 4800 1234')).toBe('****1234');
  });

  it('leaves a value already masked as it is, and hides short values whole', () => {
    const once = maskIdNumber(residentIds.spouse);
    expect(maskIdNumber(once)).toBe(once);
    expect(maskBankAccount('****8901')).toBe('****8901');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskBankAccount('123')).toBe('****');
  });

  it('masks ID, mobile and account numbers quoted in a generated text, and keeps amounts and dates', () => {
    const text = `某银行账户${account}余额12000.50元（2026-11-01），联系电话${phone}，身份证${residentIds.child}`;
    expect(maskNumbersInText(text)).toBe(
      `某银行账户****8901余额12000.50元（2026-11-01），联系电话138****5678，身份证${maskIdNumber(residentIds.child)}`
    );
  });
});

describe('personal data / the declared fields', () => {
  it('mask every ID, phone and account number of an application form, wherever they sit', () => {
    const form = applicationSchema.parse(
      anApplication({
        program: 'tekun',
        applicant: { name: '张三', idNumber: residentIds.applicant, phone },
        payee: { holderName: '张三', bankName: '某农商银行', accountNumber: account },
        tekun: {
          supporters: [
            {
              name: '张大',
              idNumber: supporterId,
              kinship: 'child',
              obligation: 'elderSupport',
              ableToSupport: false,
              checkAuthorised: true,
            },
          ],
        },
      } as never)
    );
    const masked = maskPersonalData({ summary: { application: form } });
    expectNoRawValue(masked);
    expect(masked.summary.application.applicant.phone).toBe('138****5678');
    expect(masked.summary.application.payee?.accountNumber).toBe('****8901');
    // Everything else stays as it was.
    expect(masked.summary.application.household.address).toBe(form.household.address);
    expect(masked.summary.application.household.members.map((m) => m.name)).toEqual(
      form.household.members.map((m) => m.name)
    );
  });

  it('mask a referral’s person, and the records of the reports, the integrity file and the registers', () => {
    const referral = referralIntakeSchema.parse({
      department: 'medical',
      orgs: testOrgs,
      reason: '需医疗救助',
      applicant: { name: '张三', idNumber: residentIds.applicant, phone, address: '某村1号' },
    });
    const responses = {
      view: {
        summary: { applicant: referral.applicant },
        timeline: [{ details: { payee: { accountNumber: account } } }],
      },
      report: {
        runs: [
          {
            sources: [{ findings: [{ memberIdNumber: residentIds.spouse, detail: `某银行账户${account}余额100元` }] }],
            eligibility: { members: { excluded: [{ idNumber: residentIds.child, name: '张小三', reasonZh: '死亡' }] } },
          },
        ],
      },
      integrity: {
        pledge: { signerName: '张三', signerIdNumber: residentIds.applicant },
        dishonestyRecords: [{ applicantIdNumber: residentIds.applicant, idNumbers: [residentIds.spouse, supporterId] }],
        riskWarnings: [
          { subject: { kind: 'person', key: residentIds.child } },
          { subject: { kind: 'account', key: account } },
          { subject: { kind: 'case', key: 'DB-379901-0123456789abcdef0123' } },
        ],
      },
      relatives: { items: [{ relativeIdNumber: supporterId, relativeName: '张大' }] },
    };
    const masked = maskPersonalData(responses);
    expectNoRawValue(masked);
    expect(masked.integrity.riskWarnings[2]?.subject).toEqual({ kind: 'case', key: 'DB-379901-0123456789abcdef0123' });
    expect(masked.integrity.riskWarnings[1]?.subject.key).toBe('****8901');
  });

  it('do not touch values of other fields, nor the caller’s copy', () => {
    const body = {
      id: 'DB-379901-0123456789abcdef0123',
      orgs: testOrgs,
      amount: 12345678,
      idNumber: residentIds.child,
    };
    const masked = maskPersonalData(body);
    expect(masked).toEqual({ ...body, idNumber: maskIdNumber(residentIds.child) });
    expect(body.idNumber).toBe(residentIds.child);
  });
});

describe('personal data / the bank file', () => {
  it('keeps every column but the account number, which is masked on each line', () => {
    const payee = (n: string) => ({
      holderName: `户主${n}`,
      bankName: '某农商银行',
      accountNumber: `62284800000000${n}`,
    });
    const line = (n: string, lineNo: number) => ({
      lineNo,
      reference: `YL${n}A1`,
      payee: payee(n),
      amountFen: 50_050,
      forPeriod: '2026-12',
      kind: 'regular' as const,
      program: 'dibao',
      fundCode: 'KNQZ-DIBAO',
    });
    const file = renderPaymentFile(
      { cycleId: 'PC-379901-2026-12', countyCode: '379901', period: '2026-12', paymentDay: 10 },
      [line('11111', 1), line('22222', 2)]
    );
    const masked = maskBankFile(file);
    const rows = (text: string) => csvRecords(text).map((r) => csvFields(r) ?? []);
    expect(rows(masked)[0]).toEqual(rows(file)[0]);
    expect(
      rows(masked)
        .slice(1)
        .map((f) => f[2])
    ).toEqual(['****1111', '****2222']);
    expect(rows(masked).map((f) => f.filter((_, i) => i !== 2))).toEqual(
      rows(file).map((f) => f.filter((_, i) => i !== 2))
    );
    expect(masked).not.toContain('6228480000000011111');
  });

  it('refuses a file without an account_number column rather than serve it unmasked', () => {
    expect(() => maskBankFile('line_no,acct\r\n1,6228480000000011111\r\n')).toThrow();
  });
});

describe('personal data / who is served full values', () => {
  const full: Record<AccessKind, CallerRole[]> = {
    caseView: ['window', 'township', 'county'],
    verificationReport: ['township', 'county'],
    integrity: ['township', 'county'],
    household: ['window', 'township', 'county'],
    referral: ['window', 'township', 'department'],
    bankFile: ['finance'],
    temporalPayloads: ['supervisor', 'admin'],
  };

  it.each(accessKindSchema.options)('%s: full to the roles that handle it, masked to every other role', (kind) => {
    for (const role of callerRoleSchema.options) {
      const expected = full[kind].includes(role) ? 'full' : 'masked';
      expect([role, servedValues(kind, role, false)]).toEqual([role, expected]);
    }
  });

  it('serves a supervisor full values only with a purpose, which only a supervisor must state', () => {
    expect(servedValues('caseView', 'supervisor', false)).toBe('masked');
    expect(servedValues('caseView', 'supervisor', true)).toBe('full');
    expect(servedValues('caseView', 'village', true)).toBe('masked');
    expect(callerRoleSchema.options.filter(purposeRequired)).toEqual(['supervisor']);
  });
});

describe('personal data / a supervisor’s purpose', () => {
  it('accepts one line of Chinese, a case id cited in it too', () => {
    expect(purposeSchema.parse(' 核查群众举报线索 ')).toBe('核查群众举报线索');
    expect(purposeSchema.safeParse('督办超期案件 DB-379901-0123456789abcdef0123').success).toBe(true);
  });

  it.each([
    ['too short', '核查'],
    ['not Chinese', 'checking a complaint'],
    ['two lines', '核查群众\n举报线索'],
    ['an ID number in it', `核查${residentIds.applicant}的举报`],
    ['a phone number in it', `回电${phone}核实情况`],
    ['too long', '核'.repeat(101)],
  ])('refuses a purpose %s', (_why, purpose) => {
    expect(purposeSchema.safeParse(purpose).success).toBe(false);
  });
});
