/**
 * Reading a chart snapshot the way people and the engine need it: which steps are active, who they
 * wait for, which clocks they run, which decisions are open to whom. Used by the workflow (to
 * schedule and to answer queries) and by anything else that must "ask the chart".
 * No I/O: runs inside the workflow sandbox.
 */
import type { AnyMachineSnapshot, AnyStateNode } from 'xstate';
import type { CallerRole, CaseOrgs, Role } from '../shared/actors';
import { callerRoleSchema } from '../shared/actors';
import type { AnyProgramDefinition } from '../shared/programDefinition';
import type { StepMeta } from '../shared/stateMeta';
import { timerOf } from './chartTimers';
import { activeStateNodes } from './stateNodes';

export interface ActiveStep {
  /** Dotted path below the machine root, e.g. 'investigation.homeVisit.pending'. */
  path: string;
  meta: StepMeta | undefined;
  atomic: boolean;
}

/**
 * The active steps that carry meta, in the order the chart entered them (`getMeta()` lists them so;
 * a step without meta has no owner, label or clock to read).
 */
export function activeSteps(snapshot: AnyMachineSnapshot): ActiveStep[] {
  return Object.keys(snapshot.getMeta())
    .map((id) => snapshot.machine.getStateNodeById(id) as AnyStateNode)
    .filter((node) => node.parent !== undefined)
    .map((node) => ({
      path: node.path.join('.'),
      meta: node.meta as StepMeta | undefined,
      atomic: node.type === 'atomic' || node.type === 'final',
    }));
}

/** The procedure step a case is at: the top-level state ('investigation', 'countyReview', …). */
export function currentStep(snapshot: AnyMachineSnapshot): string {
  const value = snapshot.value as string | Record<string, unknown>;
  return typeof value === 'string' ? value : (Object.keys(value)[0] ?? '');
}

/** Active leaves that still wait for someone (final leaves of a parallel region are done). */
function waitingLeaves(snapshot: AnyMachineSnapshot): ActiveStep[] {
  return activeSteps(snapshot).filter((s) => s.atomic && s.meta?.owner !== undefined);
}

export function stepLabelZh(snapshot: AnyMachineSnapshot): string {
  const steps = activeSteps(snapshot);
  const top = steps.find((s) => s.path === currentStep(snapshot));
  const leaves = waitingLeaves(snapshot).filter((s) => s.path !== top?.path);
  const leafLabels = leaves.map((s) => s.meta?.labelZh).filter((l): l is string => Boolean(l));
  const topLabel = top?.meta?.labelZh ?? currentStep(snapshot);
  return leafLabels.length > 0 ? `${topLabel}：${leafLabels.join('、')}` : topLabel;
}

export function orgForRole(role: Role, orgs: CaseOrgs): string {
  switch (role) {
    case 'village':
      return orgs.village;
    case 'window':
    case 'township':
      return orgs.township;
    default:
      return orgs.county;
  }
}

export interface StepOwner {
  role: Role;
  org: string;
  step: string;
}

function ownerOf(step: ActiveStep, orgs: CaseOrgs): StepOwner {
  const role = step.meta?.owner as Role;
  return { role, org: orgForRole(role, orgs), step: step.path };
}

/** Whom the case waits for now, one entry per waiting step (parallel regions give several). */
export function currentOwners(snapshot: AnyMachineSnapshot, orgs: CaseOrgs): StepOwner[] {
  return waitingLeaves(snapshot).map((s) => ownerOf(s, orgs));
}

export interface StepTask extends StepOwner {
  labelZh: string;
  /** The legal clock the step runs, if any (its due date is the task's). */
  deadline: string | null;
}

/** The steps waiting for people, each a task for its role and org; steps the engine works on have none. */
export function openTasks(snapshot: AnyMachineSnapshot, orgs: CaseOrgs): StepTask[] {
  return waitingLeaves(snapshot)
    .filter((s) => s.meta?.automatic !== true)
    .map((s) => ({ ...ownerOf(s, orgs), labelZh: s.meta?.labelZh ?? s.path, deadline: s.meta?.deadline ?? null }));
}

/** Clock keys declared by active steps, with the step that declares each. */
export function activeStepClocks(snapshot: AnyMachineSnapshot): { key: string; step: string }[] {
  return activeSteps(snapshot)
    .filter((s) => s.meta?.deadline !== undefined)
    .map((s) => ({ key: s.meta?.deadline as string, step: s.path }));
}

/** A sender at the case's own org for a role (a department of the kind the case was sent to). */
function probeActor(role: CallerRole, orgs: CaseOrgs) {
  const department = role === 'department' && orgs.department ? { department: orgs.department } : {};
  return { userId: 'probe', role, org: orgForRole(role, orgs), ...department };
}

export interface AllowedEvent {
  type: string;
  labelZh: string;
  roles: CallerRole[];
}

/**
 * The decisions open now, and who may take each: the chart is asked once per candidate event type
 * and role, with a sender at the case's own org for that role. Candidates are the events some
 * active state handles, so a view costs a handful of questions, not one per event of the program.
 * Payload completeness is not part of the question (the event's schema answers that), so the
 * chart's guards read only the sender and context.
 */
export function allowedEvents(
  definition: AnyProgramDefinition,
  snapshot: AnyMachineSnapshot,
  orgs: CaseOrgs,
  at: string
): AllowedEvent[] {
  if (snapshot.status !== 'active') return [];
  const handled = new Set(activeStateNodes(snapshot).flatMap((node) => Object.keys(node.on)));
  const allowed: AllowedEvent[] = [];
  for (const type of Object.keys(definition.eventLabelsZh).filter((t) => handled.has(t))) {
    const roles = callerRoleSchema.options.filter((role) => snapshot.can({ type, at, actor: probeActor(role, orgs) }));
    if (roles.length > 0) allowed.push({ type, labelZh: definition.eventLabelsZh[type] ?? type, roles });
  }
  return allowed;
}

/** The name an event goes by in timelines and the audit trail: timers as 'TIMER:<delay>'. */
export function eventName(definition: AnyProgramDefinition, type: string): string {
  const timer = timerOf(definition.machine, type);
  return timer === undefined ? type : `TIMER:${timer.delay}`;
}

/** The event's Chinese label; takes a chart event type or a name from `eventName`. */
export function eventLabelZh(definition: AnyProgramDefinition, type: string): string {
  const delay =
    timerOf(definition.machine, type)?.delay ?? (type.startsWith('TIMER:') ? type.slice('TIMER:'.length) : undefined);
  if (delay !== undefined) return definition.timerLabelsZh[delay] ?? '期限届满';
  return definition.eventLabelsZh[type] ?? type;
}
