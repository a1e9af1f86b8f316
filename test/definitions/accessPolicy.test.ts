/**
 * The access policy as a specification: the roles the charts name for their events, least
 * privilege (finance, departments, admins, village-level supervisors), scopes across orgs, and the
 * separation-of-duties and recusal rules. Pure: no API, no database (the real API is held to the
 * same table by test/api/accessMatrix.test.ts).
 */
import { programDefinitions } from '../../definitions';
import type { AccessCaller, ActionName } from '../../definitions/access';
import {
  actionNames,
  caseEventRoles,
  caseTarget,
  decide,
  decideEvent,
  investigatorRecusal,
  investigatorsOf,
  makerChecker,
  relativeRecusal,
  rolesOf,
} from '../../definitions/access';
import { dibaoDefinition } from '../../definitions/dibao';
import { allowedEvents } from '../../definitions/engine/snapshotReading';
import { nationalEventPayloads } from '../../definitions';
import { referralDefinition } from '../../definitions/referral';
import { callerRoleSchema } from '../../definitions/shared/actors';
import type { CaseOrgs } from '../../definitions/shared/actors';
import { DibaoDriver } from '../support/chartDriver';
import { actors, homeVisit, testOrgs } from '../support/factories';

const NOTICE_TIMER = 'xstate.after.publicNoticePeriod.dibao.publicNotice';
const orgs: CaseOrgs = testOrgs;
const person = (role: AccessCaller['role'], org: string, extra: Partial<AccessCaller> = {}): AccessCaller => ({
  userId: `${role}-1`,
  role,
  org,
  ...extra,
});
const finance = person('finance', orgs.county);
const admin = person('admin', orgs.county);
const medical = person('department', orgs.county, { department: 'medical' });
const allowedTo = (action: ActionName, caller: AccessCaller, target = caseTarget(orgs)) =>
  decide(action, caller, target).allowed;

describe('access policy / case events come from the charts', () => {
  it('reads the roles each chart names, through named and composite guards', () => {
    const dibao = caseEventRoles(dibaoDefinition);
    expect(dibao.APPROVE).toEqual(['county']);
    expect(dibao.FILE_NOTICE_OBJECTION).toEqual(['window', 'village']);
    // `reportedByStaff` is or(sentBy('window'), sentBy('township')), named in setup.
    expect(dibao.REPORT_CHANGE).toEqual(['window', 'township']);
    expect(dibao.EXTEND_TIME_LIMIT).toEqual(['supervisor']);
    expect(caseEventRoles(referralDefinition)).toEqual({
      ACKNOWLEDGE: ['department'],
      REPORT_OUTCOME: ['department'],
      RETURN: ['department'],
      WITHDRAW: ['window', 'township'],
    });
  });

  it('gives every event a caller may send a role, and the data-check result to the engine alone', () => {
    for (const definition of programDefinitions) {
      const table = caseEventRoles(definition);
      const callerEvents = Object.keys(nationalEventPayloads(definition, '2026-11-29'));
      const withoutRoles = callerEvents.filter((type) => (table[type] ?? []).length === 0);
      expect({ program: definition.program, withoutRoles }).toEqual({
        program: definition.program,
        withoutRoles: definition.program === 'referral' ? [] : ['DATA_CHECK_COMPLETED'],
      });
      expect(Object.keys(table).filter((type) => !callerEvents.includes(type))).toEqual([]);
    }
  });

  it('never refuses a sender the chart itself admits, step by step through a dibao case', () => {
    const window = actors.window();
    const township = actors.township();
    const d = new DibaoDriver();
    const steps = [
      () => d.send('ACCEPT', window),
      () => d.send('RECORD_HOME_VISIT', township, homeVisit).checkCompleted(),
      () => d.send('PROPOSE_APPROVAL', township, { opinion: '符合条件' }),
      () => d.fire(NOTICE_TIMER),
      () => d.send('APPROVE', actors.county(), { monthlyAmount: 420 }),
    ];
    const table = caseEventRoles(dibaoDefinition);
    const check = () => {
      for (const event of allowedEvents(dibaoDefinition, d.snapshot, orgs, d.now.toISOString())) {
        expect({ type: event.type, roles: event.roles.filter((r) => !table[event.type]!.includes(r)) }).toEqual({
          type: event.type,
          roles: [],
        });
      }
    };
    check();
    for (const step of steps) {
      step();
      check();
    }
  });

  it('lets the chart’s role send an event only at the case’s own org', () => {
    const township = person('township', orgs.township);
    expect(decideEvent(dibaoDefinition, 'RECORD_HOME_VISIT', township, orgs).allowed).toBe(true);
    const sibling = decideEvent(dibaoDefinition, 'RECORD_HOME_VISIT', person('township', '379901002'), orgs);
    expect(sibling).toMatchObject({ allowed: false, refusal: { code: 'OUT_OF_SCOPE' } });
    const county = decideEvent(dibaoDefinition, 'RECORD_HOME_VISIT', person('county', orgs.county), orgs);
    expect(county).toMatchObject({ allowed: false, refusal: { code: 'EVENT_NOT_PERMITTED' } });
    const engine = decideEvent(dibaoDefinition, 'DATA_CHECK_COMPLETED', person('county', orgs.county), orgs);
    expect(engine).toMatchObject({ allowed: false, refusal: { code: 'EVENT_NOT_PERMITTED' } });
    // An event the chart does not know is the workflow's to answer (400 with the events it knows).
    expect(decideEvent(dibaoDefinition, 'FLY_TO_MOON', township, orgs).allowed).toBe(true);
  });

  it('sends a referral’s events to the department it was sent to, and no other', () => {
    const referral = { ...orgs, department: 'medical' as const };
    expect(decideEvent(referralDefinition, 'ACKNOWLEDGE', medical, referral).allowed).toBe(true);
    const housing = person('department', orgs.county, { department: 'housing' });
    expect(decideEvent(referralDefinition, 'ACKNOWLEDGE', housing, referral).allowed).toBe(false);
    expect(
      decideEvent(
        referralDefinition,
        'ACKNOWLEDGE',
        person('department', '379902', { department: 'medical' }),
        referral
      ).allowed
    ).toBe(false);
  });
});

describe('access policy / least privilege', () => {
  it('keeps finance staff to payment data: no case lists, case views or referrals', () => {
    for (const action of ['cases.list', 'applications.read', 'referrals.read', 'verification.read'] as const) {
      expect(decide(action, finance, caseTarget(orgs))).toMatchObject({
        allowed: false,
        refusal: { code: 'ROLE_NOT_PERMITTED' },
      });
    }
    expect(allowedTo('payments.cycle.read', finance, { org: orgs.county })).toBe(true);
    expect(allowedTo('payments.cycle.read', finance, { org: '379902' })).toBe(false);
  });

  it('keeps departments to the referrals sent to them', () => {
    const referral = caseTarget({ ...orgs, department: 'medical' });
    expect(allowedTo('referrals.read', medical, referral)).toBe(true);
    expect(allowedTo('referrals.read', person('department', orgs.county, { department: 'housing' }), referral)).toBe(
      false
    );
    expect(allowedTo('applications.read', medical)).toBe(false);
    expect(allowedTo('tasks.list', medical)).toBe(false);
  });

  it('gives admins the staff directory and tokens of their own county, and no case at all', () => {
    const caseActions = actionNames.filter((a) => /^(applications|cases|households|referrals)\./.test(a));
    for (const action of caseActions)
      expect({ action, allowed: allowedTo(action, admin) }).toEqual({ action, allowed: false });
    expect(allowedTo('staff.manage', admin, { org: orgs.township })).toBe(true);
    expect(allowedTo('tokens.manage', admin, { org: '379902' })).toBe(false);
    expect(allowedTo('temporal-codec.use', admin)).toBe(true);
    expect(rolesOf('temporal-codec.use')).toEqual(['supervisor', 'admin']);
  });

  it('shows a village-level supervisor its village’s cases, not the county’s dishonesty register', () => {
    const villageSupervisor = person('supervisor', orgs.village);
    expect(allowedTo('applications.read', villageSupervisor)).toBe(true);
    expect(allowedTo('applications.integrity', villageSupervisor)).toBe(true);
    expect(allowedTo('integrity.list', villageSupervisor, { org: villageSupervisor.org })).toBe(false);
    expect(allowedTo('integrity.list', person('supervisor', orgs.county), { org: orgs.county })).toBe(true);
    expect(allowedTo('applications.read', villageSupervisor, caseTarget({ ...orgs, village: '379901001002' }))).toBe(
      false
    );
  });

  it('keeps a supervisor of county B out of county A’s case, whatever its id', () => {
    const countyB = person('supervisor', '379902');
    for (const action of [
      'applications.read',
      'verification.read',
      'applications.integrity',
      'integrity.list',
    ] as const) {
      expect(decide(action, countyB, caseTarget(orgs))).toMatchObject({
        allowed: false,
        refusal: { code: 'OUT_OF_SCOPE' },
      });
    }
    expect(allowedTo('applications.read', person('supervisor', '37'))).toBe(true);
  });

  it('declares public only what needs no login', () => {
    const open = actionNames.filter((a) => rolesOf(a).length === 0);
    // The console's page and files carry no data: every datum in them comes from the API. Metrics are
    // counts without personal data, served on a port of their own that staff do not reach.
    expect(open.sort()).toEqual(['auth.login', 'console.static', 'health.read', 'metrics.read', 'openapi.read']);
    for (const role of callerRoleSchema.options)
      expect(allowedTo('auth.session', person(role, orgs.county))).toBe(true);
  });
});

describe('access policy / separation of duties and recusal (回避)', () => {
  const checker = person('finance', orgs.county, { userId: 'fin-1' });

  it('refuses the preparer of a batch its approval and return, whatever the letter case', () => {
    const cycle = { step: 'awaitingApproval', preparer: { userId: 'FIN-1' } };
    expect(makerChecker(checker, 'APPROVE', cycle)).toMatchObject({
      allowed: false,
      refusal: { code: 'MAKER_CHECKER', ruleZh: expect.stringContaining('制单人不得审核') },
    });
    expect(makerChecker(checker, 'RETURN_FOR_CORRECTION', cycle).allowed).toBe(false);
    expect(makerChecker({ ...checker, userId: 'fin-2' }, 'APPROVE', cycle).allowed).toBe(true);
    expect(makerChecker(checker, 'SUBMIT_FOR_APPROVAL', cycle).allowed).toBe(true);
  });

  it('keeps a registered close relative off the household’s cases', () => {
    const township = person('township', orgs.township, { userId: 'cw-081' });
    const refused = relativeRecusal(township, [{ staffUserId: 'CW-081', relation: '配偶' }]);
    expect(refused).toMatchObject({ allowed: false, refusal: { code: 'RECUSAL_RELATIVE' } });
    expect(refused.allowed === false && refused.refusal.messageZh).toContain('回避');
    expect(relativeRecusal(township, [{ staffUserId: 'cw-082', relation: '配偶' }]).allowed).toBe(true);
  });

  it('keeps a county approver who investigated the case from deciding it', () => {
    const approver = person('county', orgs.county, { userId: 'inv-2' });
    const investigators = investigatorsOf([
      { details: {} },
      { details: { investigators: [{ userId: 'INV-2', name: '赵调查' }], findings: '…' } },
    ]);
    expect(investigatorRecusal(approver, 'APPROVE', investigators)).toMatchObject({
      allowed: false,
      refusal: { code: 'RECUSAL_INVESTIGATOR' },
    });
    expect(investigatorRecusal(approver, 'REJECT', investigators).allowed).toBe(false);
    expect(investigatorRecusal(approver, 'RECORD_COUNTY_HOME_VISIT', investigators).allowed).toBe(true);
    expect(investigatorRecusal({ ...approver, userId: 'county-9' }, 'APPROVE', investigators).allowed).toBe(true);
  });
});
