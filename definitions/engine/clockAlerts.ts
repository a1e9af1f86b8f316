/**
 * The alarms a case's running legal clocks raise: a reminder to the step's owner a configured lead
 * before the due date, and an escalation to the supervisor when it passes. Each alarm has a stable
 * id (clock, start, kind), so the workflow raises each once however often it looks, and an alarm
 * disappears with its clock when the step is left in time.
 * No I/O: runs inside the workflow sandbox.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { WorkingCalendar } from '../calendar';
import { leadTime } from '../calendar';
import type { CaseOrgs, Role } from '../shared/actors';
import type { Duration } from '../shared/durations';
import type { Deadline } from './clocks';
import { activeStepClocks, currentOwners } from './snapshotReading';

export type ClockAlertKind = 'reminder' | 'overdue';

export interface ClockAlert {
  id: string;
  kind: ClockAlertKind;
  /** ISO instant the alarm falls due. */
  at: string;
  deadline: Deadline;
}

export const clockAlertEvents: Record<ClockAlertKind, { event: string; labelZh: string }> = {
  reminder: { event: 'DEADLINE_REMINDER', labelZh: '办理时限即将届满提醒' },
  overdue: { event: 'DEADLINE_ESCALATED', labelZh: '超过办理时限，已报送主管督办' },
};

/** Who an overdue clock is escalated to (主管督办), at the case's county, besides the step's owners. */
export const escalationRole: Role = 'supervisor';

/** An alarm's timeline line: what it is, which clock, and whom it notifies. The state does not change. */
export interface AlertLine {
  event: string;
  labelZh: string;
  details: {
    deadline: string;
    deadlineLabelZh: string;
    dueAt: string;
    source: string;
    notify: { role: Role; org: string }[];
  };
}

/** A reminder goes to whoever the clock's step waits for; an escalation to the supervisor as well. */
export function alertLine(alert: ClockAlert, snapshot: AnyMachineSnapshot, orgs: CaseOrgs): AlertLine {
  const step = activeStepClocks(snapshot).find((c) => c.key === alert.deadline.key)?.step;
  const owners = currentOwners(snapshot, orgs).filter((o) => step === undefined || o.step === step);
  const notify = [
    ...owners.map(({ role, org }) => ({ role, org })),
    ...(alert.kind === 'overdue' ? [{ role: escalationRole, org: orgs.county }] : []),
  ];
  const { event, labelZh } = clockAlertEvents[alert.kind];
  return {
    event,
    labelZh: `${labelZh}：${alert.deadline.labelZh}`,
    details: {
      deadline: alert.deadline.key,
      deadlineLabelZh: alert.deadline.labelZh,
      dueAt: alert.deadline.dueAt,
      source: alert.deadline.source,
      notify,
    },
  };
}

/**
 * The alarms of the running clocks, soonest first. A reminder is skipped when its lead is as long
 * as the whole period (it would fall before the clock started); the escalation always stands.
 */
export function clockAlerts(
  deadlines: readonly Deadline[],
  remindBefore: Duration | undefined,
  calendar: WorkingCalendar
): ClockAlert[] {
  const alerts: ClockAlert[] = [];
  for (const deadline of deadlines) {
    const base = `${deadline.key}@${deadline.startedAt}`;
    if (remindBefore) {
      const at = leadTime(new Date(deadline.dueAt), remindBefore, calendar);
      if (at.getTime() > Date.parse(deadline.startedAt)) {
        alerts.push({ id: `${base}:reminder`, kind: 'reminder', at: at.toISOString(), deadline });
      }
    }
    alerts.push({ id: `${base}:overdue`, kind: 'overdue', at: deadline.dueAt, deadline });
  }
  return alerts.sort((a, b) => a.at.localeCompare(b.at));
}
