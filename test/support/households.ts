/**
 * Small factories for eligibility tests: rules with round figures (resolved through the same
 * provenance path as production), members with valid resident id numbers, and one factory per
 * kind of department record, so a test reads as the household it describes.
 */
import type { Application, ApplicationInput, Member } from '../../definitions/shared/application';
import { applicationSchema } from '../../definitions/shared/application';
import { withCheckCharacter } from '../../definitions/shared/identity';
import type { SupporterInput } from '../../definitions/shared/supporters';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import type { EligibilityRules, Finding, SourceId } from '../../definitions/eligibility';
import { resolveEligibilityRules } from '../../definitions/eligibility';
import { anApplication, TEST_COUNTY } from './factories';

export const ON_DATE = '2026-12-01';

const testFigure = (value: unknown) => ({
  value,
  source: '测试县：便于手工验算的整数标准',
  effectiveFrom: '2020-01-01',
});

/**
 * The test county's eligibility rules: line 1000 yuan (rural 800), financial assets up to 24 months
 * of the line per person, vehicles worth up to 30 000 yuan, one home, businesses up to 100 000 yuan
 * of capital and no employees, amounts rounded up to 1 yuan with a 30-yuan minimum, disposable
 * income 36 000 yuan a year (rural 24 000). National figures (edge 1.5, 特困 ages) as built in.
 */
export function testEligibilityRules(figures: Record<string, unknown> = {}): EligibilityRules {
  const entry: ConfigEntry = {
    program: 'eligibility',
    scope: TEST_COUNTY,
    effectiveFrom: '2020-01-01',
    rules: {
      dibaoLine: testFigure(1000),
      ruralDibaoLine: testFigure(800),
      assets: {
        financialAssetMonths: testFigure(24),
        exemptVehicleCategories: testFigure(['disabilityVehicle']),
        lowValueVehicleCeiling: testFigure(30_000),
        maxProperties: testFigure(1),
        businessCapitalCeiling: testFigure(100_000),
        businessMaxEmployees: testFigure(0),
      },
      benefit: { rounding: testFigure({ step: 1, mode: 'up' }), minimumMonthly: testFigure(30) },
      temporaryHelp: {
        perCapitaDisposableIncome: testFigure({ year: 2025, annual: 36_000 }),
        ruralPerCapitaDisposableIncome: testFigure({ year: 2025, annual: 24_000 }),
      },
      ...figures,
    },
  };
  return resolveEligibilityRules(TEST_COUNTY, ON_DATE, [entry]);
}

let serial = 0;
/** A member born on `birthDate` with a fresh valid id number; working-age and unemployed by default. */
export function aMember(overrides: Partial<Omit<Member, 'idNumber'>> & { idNumber?: string } = {}): Member {
  const birthDate = overrides.birthDate ?? '1980-05-01';
  serial = (serial + 1) % 1000;
  return {
    name: '成员',
    relation: 'other',
    disability: 'none',
    seriousIllness: false,
    employment: 'unemployed',
    monthlyIncome: 0,
    idNumber: withCheckCharacter(`${TEST_COUNTY}${birthDate.replace(/-/g, '')}${String(serial).padStart(3, '0')}`),
    birthDate,
    ...overrides,
  };
}

/** A validated application for these members (the first applies); nothing declared unless given. */
export function aHousehold(members: Member[], declared: Partial<ApplicationInput['declared']> = {}): Application {
  const [applicant] = members;
  if (!applicant) throw new Error('a household needs a member');
  return applicationSchema.parse(
    anApplication({
      applicant: { name: applicant.name, idNumber: applicant.idNumber },
      household: {
        address: '测试县某村1号',
        members: members.map((m, i) => ({ ...m, relation: i === 0 ? 'self' : m.relation })),
      },
      declared: { monthlyIncome: 0, ...declared },
    })
  );
}

/** A 特困 application for these members, with the supporters it declares (none: `[]`). */
export function aTekunHousehold(
  members: Member[],
  supporters: SupporterInput[] = [],
  declared: Partial<ApplicationInput['declared']> = {}
): Application {
  const household = aHousehold(members, declared);
  return applicationSchema.parse({ ...household, program: 'tekun', tekun: { supporters } });
}

/**
 * A legally obliged supporter outside the household: an adult child (赡养) born on `birthDate`,
 * declared unable to support, without income, who signed the check authorisation.
 */
export function aSupporter(overrides: Partial<SupporterInput> & { birthDate?: string } = {}): SupporterInput {
  const { birthDate = '1975-01-01', ...rest } = overrides;
  return {
    name: '王大',
    idNumber: aMember({ birthDate }).idNumber,
    kinship: 'child',
    obligation: 'elderSupport',
    ableToSupport: false,
    checkAuthorised: true,
    ...rest,
  };
}

/** Whom a record is about: a member or a supporter. */
type Person = Pick<Member, 'idNumber'>;

let reference = 0;
function record(
  sourceId: SourceId,
  member: Person | undefined,
  fields: Omit<Finding, 'sourceId' | 'memberIdNumber' | 'reference' | 'detail'> & { detail?: string }
): Finding {
  reference += 1;
  return {
    sourceId,
    ...(member ? { memberIdNumber: member.idNumber } : {}),
    reference: `${sourceId}-${reference}`,
    detail: fields.detail ?? `${fields.kind}${fields.amount ?? ''}`,
    ...fields,
  };
}

/** One factory per kind of department record. Amounts in yuan. */
export const records = {
  wage: (m: Person, amount: number, sourceId: SourceId = 'socialSecurity') =>
    record(sourceId, m, { kind: sourceId === 'tax' ? 'tax' : 'income', category: 'wage', amount }),
  pension: (m: Person, amount: number) => record('socialSecurity', m, { kind: 'pension', category: 'pension', amount }),
  employment: (m: Person) => record('socialSecurity', m, { kind: 'socialInsurance', category: 'employment' }),
  deposit: (m: Person, amount: number) => record('banks', m, { kind: 'deposit', amount }),
  securities: (m: Person, amount: number) => record('securities', m, { kind: 'securities', amount }),
  vehicle: (m: Person, category: string, amount?: number) =>
    record('vehicles', m, { kind: 'vehicle', category, count: 1, ...(amount === undefined ? {} : { amount }) }),
  property: (m: Person) => record('realEstate', m, { kind: 'realEstate', category: 'residential', count: 1 }),
  business: (m: Person, capital: number, employees = 0, status: 'active' | 'deregistered' = 'active') =>
    record('businessRegistration', m, { kind: 'business', category: status, amount: capital, count: employees }),
  death: (m: Person, date = '2026-03-02') => record('civilAffairs', m, { kind: 'death', date }),
};
