/**
 * The rows a case hands to the read model and the audit trail, projected from where it stands: one
 * read-model row per case (what people search, filter and report on) and one audit line per
 * timeline line. Built in the workflow, written by the activities.
 * No I/O: runs inside the workflow sandbox.
 */
import type { Actor } from '../shared/actors';
import type { AnyProgramDefinition } from '../shared/programDefinition';
import type { CaseStanding, CaseView, TimelineEntry } from './caseView';
import type { Deadline } from './clocks';
import { currentOwners, currentStep, openTasks, stepLabelZh } from './snapshotReading';

/** One row per case in the read model: what people search, filter and report on. */
export interface CaseRecord {
  id: string;
  program: string;
  definitionVersion: string;
  status: 'active' | 'done';
  step: string;
  stepLabelZh: string;
  stateValue: unknown;
  countyCode: string;
  townshipCode: string;
  villageCode: string;
  ownerRole: string | null;
  ownerOrg: string | null;
  /** Roles the case waits for now (parallel steps may wait for several). */
  pendingRoles: string[];
  dueAt: string | null;
  overallDueAt: string | null;
  closeRelative: boolean;
  monthlyAmount: number | null;
  acceptedAt: string | null;
  decidedAt: string | null;
  closedAt: string | null;
  /** The sequence number of the last event applied; a stale write never overwrites a newer one. */
  version: number;
  /** The steps waiting for people now, each a task for its role and org (the work lists). */
  tasks: TaskRecord[];
  submittedAt: string;
  updatedAt: string;
  /**
   * The case view at `version`, as the workflow's query answers it, served to readers from the read
   * model. Absent from rows built by workers of earlier releases (their activities may still retry).
   */
  view?: CaseView;
}

/** A step waiting for a role at an org, with its due date where the step has a legal limit. */
export interface TaskRecord {
  step: string;
  stepLabelZh: string;
  role: string;
  org: string;
  dueAt: string | null;
}

/** One line of the append-only audit trail. */
export interface AuditRecord {
  caseId: string;
  seq: number;
  actor: Actor;
  event: string;
  fromState: string | null;
  toState: string;
  comment: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** The due date of the clock the program names as its overall limit, when that clock runs. */
export function overallDueAt(definition: AnyProgramDefinition, deadlines: readonly Deadline[]): string | null {
  const overall = definition.overallClocks ?? [];
  return deadlines.find((d) => overall.includes(d.key))?.dueAt ?? null;
}

/** The case's read-model row, carrying `view` (the case view at the same line) for readers. */
export function caseRecord(standing: CaseStanding, view: CaseView): CaseRecord {
  const { definition, snapshot, orgs, deadlines } = standing;
  const owners = currentOwners(snapshot, orgs);
  const figures = definition.figures(snapshot.context);
  const done = snapshot.status !== 'active';
  return {
    id: standing.caseId,
    program: definition.program,
    definitionVersion: definition.version,
    status: done ? 'done' : 'active',
    step: currentStep(snapshot),
    stepLabelZh: stepLabelZh(snapshot),
    stateValue: snapshot.value,
    countyCode: orgs.county,
    townshipCode: orgs.township,
    villageCode: orgs.village,
    ownerRole: owners[0]?.role ?? null,
    ownerOrg: owners[0]?.org ?? null,
    pendingRoles: [...new Set(owners.map((o) => o.role))],
    dueAt: deadlines[0]?.dueAt ?? null,
    overallDueAt: overallDueAt(definition, deadlines),
    closeRelative: figures.closeRelative,
    monthlyAmount: figures.monthlyAmount,
    acceptedAt: figures.acceptedAt,
    decidedAt: figures.decidedAt,
    closedAt: done ? standing.updatedAt : null,
    version: standing.seq,
    tasks: openTasks(snapshot, orgs).map((task) => ({
      step: task.step,
      stepLabelZh: task.labelZh,
      role: task.role,
      org: task.org,
      dueAt: deadlines.find((d) => d.key === task.deadline)?.dueAt ?? null,
    })),
    submittedAt: standing.timeline[0]?.at ?? standing.updatedAt,
    updatedAt: standing.updatedAt,
    view,
  };
}

/** The audit line of a timeline line. */
export function auditRecord(caseId: string, entry: TimelineEntry): AuditRecord {
  return {
    caseId,
    seq: entry.seq,
    actor: entry.actor,
    event: entry.event,
    fromState: entry.from,
    toState: entry.to,
    comment: entry.comment,
    payload: entry.details,
    occurredAt: entry.at,
  };
}
