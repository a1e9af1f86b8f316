/**
 * Small factories for test data: a valid household application, the people who act on it, and a
 * test county whose clocks run in seconds so a whole chain fits in a test.
 */
import type { Actor, CallerRole, CaseOrgs, DepartmentKind } from '../../definitions/shared/actors';
import type { ApplicationInput } from '../../definitions/shared/application';
import { withCheckCharacter } from '../../definitions/shared/identity';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';

/** A county that exists only in tests: notices last seconds, not days. */
export const TEST_COUNTY = '379901';
export const testOrgs: CaseOrgs = {
  county: TEST_COUNTY,
  township: `${TEST_COUNTY}001`,
  village: `${TEST_COUNTY}001001`,
};

const testFigure = (amount: number) => ({
  value: { amount, unit: 'seconds' },
  source: 'test county: clocks in seconds so the chain runs within a test',
  effectiveFrom: '2020-01-01',
});

/**
 * Rules of the test county: the notice and the data-check retry last seconds; step clocks too when
 * `stepSeconds` is given.
 */
export function testConfigEntries(noticeSeconds = 2, stepSeconds?: number, checkRetrySeconds = 2): ConfigEntry[] {
  // Short step clocks remind their owner halfway through, so reminders and escalations fit a test.
  const deadlines =
    stepSeconds === undefined
      ? {}
      : {
          deadlines: { investigationStart: testFigure(stepSeconds), dataCheck: testFigure(stepSeconds) },
          alerts: { remindBefore: testFigure(stepSeconds / 2) },
        };
  return [
    {
      program: 'dibao',
      scope: TEST_COUNTY,
      effectiveFrom: '2020-01-01',
      demo: true,
      rules: {
        publicNotice: testFigure(noticeSeconds),
        dataCheck: { retryAfter: testFigure(checkRetrySeconds) },
        ...deadlines,
      },
    },
    ...otherProgramTestEntries(noticeSeconds, stepSeconds, checkRetrySeconds),
  ];
}

/** The township approval ceiling of the test county, in yuan: amounts up to it the township approves. */
export const TEST_TOWNSHIP_CEILING = 1000;

/**
 * 特困 and temporary help in the test county: notices and re-checks in seconds; with `stepSeconds`,
 * the paperwork clock after help first too, so its escalation fits a test.
 */
function otherProgramTestEntries(noticeSeconds: number, stepSeconds: number | undefined, checkRetrySeconds: number) {
  const common = { publicNotice: testFigure(noticeSeconds), dataCheck: { retryAfter: testFigure(checkRetrySeconds) } };
  const paperwork =
    stepSeconds === undefined
      ? {}
      : {
          deadlines: { emergencyPaperwork: testFigure(stepSeconds) },
          alerts: { remindBefore: testFigure(stepSeconds / 2) },
        };
  const entry = (program: string, rules: Record<string, unknown>): ConfigEntry => ({
    program,
    scope: TEST_COUNTY,
    effectiveFrom: '2020-01-01',
    demo: true,
    rules,
  });
  return [
    entry('tekun', { ...common, terminationNotice: testFigure(noticeSeconds) }),
    entry('temporaryHelp', {
      ...common,
      townshipApprovalCeiling: {
        value: TEST_TOWNSHIP_CEILING,
        source: 'test county: township approval ceiling',
        effectiveFrom: '2020-01-01',
      },
      ...paperwork,
    }),
    // Referrals: both department clocks in seconds too, so an unacknowledged referral escalates in a test.
    ...(stepSeconds === undefined
      ? []
      : [
          entry('referral', {
            deadlines: { acknowledge: testFigure(stepSeconds), outcome: testFigure(stepSeconds) },
            alerts: { remindBefore: testFigure(stepSeconds / 2) },
          }),
        ]),
  ];
}

/** Orgs of another township of the test county, so a test file can count its own cases. */
export function townshipOrgs(townshipSuffix: string): CaseOrgs {
  const township = `${TEST_COUNTY}${townshipSuffix}`;
  return { county: TEST_COUNTY, township, village: `${township}001` };
}

/** A person acting on a case (never the engine itself). */
export type Person = Actor & { role: CallerRole };

export const actors = {
  window: (orgs: CaseOrgs = testOrgs): Person => ({ userId: 'clerk-01', role: 'window', org: orgs.township }),
  township: (orgs: CaseOrgs = testOrgs): Person => ({ userId: 'township-01', role: 'township', org: orgs.township }),
  village: (orgs: CaseOrgs = testOrgs): Person => ({ userId: 'village-01', role: 'village', org: orgs.village }),
  county: (orgs: CaseOrgs = testOrgs): Person => ({ userId: 'county-01', role: 'county', org: orgs.county }),
  supervisor: (orgs: CaseOrgs = testOrgs): Person => ({
    userId: 'supervisor-01',
    role: 'supervisor',
    org: orgs.county,
  }),
  /** A county department (教育、医疗…) of the case's county. */
  department: (kind: DepartmentKind, orgs: CaseOrgs = testOrgs): Person => ({
    userId: `dept-${kind}-01`,
    role: 'department',
    org: orgs.county,
    department: kind,
  }),
};

export const residentIds = {
  applicant: withCheckCharacter('37090219700101002'),
  spouse: withCheckCharacter('37090219720305004'),
  child: withCheckCharacter('37090220100615003'),
};

export function anApplication(overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    program: 'dibao',
    orgs: testOrgs,
    channel: 'window',
    applicant: { name: '张三', idNumber: residentIds.applicant, phone: '13800000000' },
    household: {
      address: '泰山区某街道某村1号',
      members: [
        {
          name: '张三',
          idNumber: residentIds.applicant,
          relation: 'self',
          birthDate: '1970-01-01',
          employment: 'unableToWork',
          disability: 'severe',
        },
        {
          name: '李四',
          idNumber: residentIds.spouse,
          relation: 'spouse',
          birthDate: '1972-03-05',
          employment: 'unemployed',
        },
        {
          name: '张小三',
          idNumber: residentIds.child,
          relation: 'child',
          birthDate: '2010-06-15',
          employment: 'student',
        },
      ],
    },
    declared: { monthlyIncome: 600, deposits: 2000 },
    materials: ['idCard', 'householdRegister', 'applicationForm', 'integrityPledge', 'checkAuthorisation'],
    pledgeSigned: true,
    checkAuthorised: true,
    closeRelative: null,
    ...overrides,
  };
}

export const homeVisit = {
  investigators: [
    { userId: 'inv-1', name: '王调查' },
    { userId: 'inv-2', name: '赵调查' },
  ],
  visitedOn: '2026-11-20',
  findings: '家庭成员三人，户主重度残疾，无劳动能力，住房简陋。',
  familySigned: true,
};
