/**
 * Where a role may act, relative to what it acts on (the target). Orgs are administrative-division
 * codes, so "under my org" is a prefix test and a case's county, township and village are visible
 * from its codes (definitions/shared/actors.ts). Each scope is one predicate over the caller and
 * the facts of the target that scope needs; a route that declares a scope supplies those facts.
 * No I/O.
 */
import type { Actor, CallerRole, CaseOrgs } from '../shared/actors';
import { actorBelongsToCase, sameUser } from '../shared/actors';

/** A person calling the API: any role but the engine's own. */
export type AccessCaller = Actor & { role: CallerRole };

export const scopeNames = [
  /** Nothing but the caller's own: their work list, their session, their org's register. No target. */
  'own',
  /** The target sits at the caller's own org (a window's township, a finance office's county). */
  'sameOrg',
  /** The target sits at the caller's org or under it (its code starts with the caller's). */
  'underOrg',
  /** As underOrg, for county registers: only a caller at county level or above reads them. */
  'underOrgFromCounty',
  /** The caller sits at the case's own org for their role (the rule the charts' `sentBy` applies). */
  'caseOrg',
  /** A task's candidates: the role and org the task waits for. */
  'candidate',
  /** The person who claimed a task. */
  'claimant',
] as const;
export type Scope = (typeof scopeNames)[number];

/**
 * What the policy needs to know about a target. A route supplies the facts its action's scopes read:
 * `org` for sameOrg/underOrg (a requested org, a cycle's county, a case's village), `case` for
 * caseOrg, `task` for candidate/claimant.
 */
export interface Target {
  org?: string;
  case?: CaseOrgs;
  task?: { candidateRole: string; candidateOrg: string; claimedBy: string | null };
}

/** A case (or referral, or household application) as a target: its village for org scopes, its orgs for caseOrg. */
export const caseTarget = (orgs: CaseOrgs): Target => ({ org: orgs.village, case: orgs });

function need<T>(value: T | undefined, scope: Scope, fact: string): T {
  // A route that declares a scope and does not supply its facts is a programming error, not a refusal.
  if (value === undefined) throw new Error(`scope ${scope} needs the target's ${fact}`);
  return value;
}

export function withinScope(scope: Scope, caller: AccessCaller, target: Target | undefined): boolean {
  switch (scope) {
    case 'own':
      return true;
    case 'sameOrg':
      return need(target?.org, scope, 'org') === caller.org;
    case 'underOrg':
      return need(target?.org, scope, 'org').startsWith(caller.org);
    case 'underOrgFromCounty':
      return caller.org.length <= 6 && need(target?.org, scope, 'org').startsWith(caller.org);
    case 'caseOrg':
      return actorBelongsToCase(caller, need(target?.case, scope, 'case'));
    case 'candidate': {
      const task = need(target?.task, scope, 'task');
      return task.candidateRole === caller.role && task.candidateOrg === caller.org;
    }
    case 'claimant':
      return sameUser(need(target?.task, scope, 'task').claimedBy, caller.userId);
  }
}

/** Whether a scope needs a target at all (`own` does not: the role decides alone). */
export const needsTarget = (scope: Scope): boolean => scope !== 'own';

/** Why a caller outside the scope is refused, said to them. */
export const outOfScopeZh: Record<Scope, string> = {
  own: '',
  sameOrg: '只能办理本机构的事项：所涉机构与您所在机构不一致',
  underOrg: '不在您所在机构及下级机构的管辖范围内',
  underOrgFromCounty: '该登记簿由县级及以上机构查看，乡镇（街道）、村（居）级的监督人员请通过具体案件查看',
  caseOrg: '该案件不属于您所在机构的管辖范围（须为案件所属村、乡镇或县的本岗位人员）',
  candidate: '只能认领本机构、本岗位的任务',
  claimant: '只有认领人或其上级监督人员可以处理该任务',
};
