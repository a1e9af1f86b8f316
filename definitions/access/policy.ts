/**
 * The access policy: may this caller take this action on this target, may they send this event
 * to this case. Pure decisions over the table (actions.ts), the scopes (scopes.ts) and the charts'
 * roles (caseEvents.ts); the API turns a refusal into a 403 carrying its code and rule
 * (api/http/authorize.ts). The separation-of-duties rules are in separationOfDuties.ts.
 * No I/O.
 */
import type { CallerRole, CaseOrgs } from '../shared/actors';
import type { AnyProgramDefinition } from '../shared/programDefinition';
import type { ActionName } from './actions';
import { actionRule } from './actions';
import { caseEventRoles } from './caseEvents';
import type { Decision, Refusal } from './refusals';
import { refusal, roleLabelsZh } from './refusals';
import type { AccessCaller, Scope, Target } from './scopes';
import { needsTarget, outOfScopeZh, withinScope } from './scopes';

const allowed: Decision = { allowed: true };
const refused = (r: Refusal): Decision => ({ allowed: false, refusal: r });

/** The scopes a role may act in for an action; none when the role may not take it at all. */
export function scopesOf(action: ActionName, role: CallerRole): readonly Scope[] {
  const scopes = actionRule(action).roles[role];
  if (scopes === undefined) return [];
  return typeof scopes === 'string' ? [scopes] : scopes;
}

/** The roles that may take an action, in the order roles are listed. */
export function rolesOf(action: ActionName): CallerRole[] {
  return Object.keys(actionRule(action).roles) as CallerRole[];
}

function roleRefusal(action: ActionName, caller: AccessCaller): Refusal {
  const rule = actionRule(action);
  const who = rolesOf(action)
    .map((r) => roleLabelsZh[r])
    .join('、');
  return refusal(
    'ROLE_NOT_PERMITTED',
    `${roleLabelsZh[caller.role]}无权${rule.labelZh}；该操作仅限：${who || '无'}。如确需办理，请联系有权限的人员`
  );
}

/**
 * What the route alone can decide: the caller's role may take the action somewhere. Public actions
 * need no caller; an action whose scopes all need a target is decided in full by `decide` later.
 */
export function decideRole(action: ActionName, caller: AccessCaller): Decision {
  return scopesOf(action, caller.role).length > 0 ? allowed : refused(roleRefusal(action, caller));
}

/** The full decision: the role may take the action, and the target is within one of its scopes. */
export function decide(action: ActionName, caller: AccessCaller, target?: Target): Decision {
  const scopes = scopesOf(action, caller.role);
  if (scopes.length === 0) return refused(roleRefusal(action, caller));
  if (scopes.some((s) => !needsTarget(s) || (target !== undefined && withinScope(s, caller, target)))) return allowed;
  if (target === undefined) throw new Error(`${action} needs a target for ${caller.role}`);
  const rule = actionRule(action);
  return refused(refusal('OUT_OF_SCOPE', rule.outOfScopeZh ?? `无权${rule.labelZh}：${outOfScopeZh[scopes[0]!]}`));
}

/** Whether a role's scopes for an action are all `own` (the route decides alone, no target to load). */
export function decidedByRole(action: ActionName, role: CallerRole): boolean {
  const scopes = scopesOf(action, role);
  return scopes.length > 0 && scopes.every((s) => !needsTarget(s));
}

/**
 * May the caller send this event to a case of this chart version at these orgs? The roles are the
 * chart's own (caseEvents.ts), each at the case's own org, as its `sentBy` guards require. An event
 * the chart does not know at all is left to the workflow, which answers with the events it knows.
 */
export function decideEvent(
  definition: AnyProgramDefinition,
  type: string,
  caller: AccessCaller,
  orgs: CaseOrgs
): Decision {
  const table = caseEventRoles(definition);
  if (!Object.hasOwn(table, type)) return allowed;
  const roles = table[type]!;
  const label = definition.eventLabelsZh[type] ?? type;
  if (roles.length === 0) {
    return refused(refusal('EVENT_NOT_PERMITTED', `“${label}”由系统自动产生，任何人不能提交`));
  }
  if (!roles.includes(caller.role)) {
    const who = roles.map((r) => roleLabelsZh[r]).join('、');
    return refused(
      refusal('EVENT_NOT_PERMITTED', `${roleLabelsZh[caller.role]}不能办理“${label}”；该操作由${who}办理`)
    );
  }
  if (!withinScope('caseOrg', caller, { case: orgs })) {
    return refused(refusal('OUT_OF_SCOPE', `无权办理“${label}”：${outOfScopeZh.caseOrg}`));
  }
  return allowed;
}
