/**
 * The alarms a case's running legal clocks owe — a reminder before a due date, an escalation when
 * it passes — each raised once, as a timeline and audit line with the state unchanged. Which
 * alarms a clock owes and whom they notify is the engine's (definitions/engine/clockAlerts.ts);
 * this module remembers which were raised, across continue-as-new too.
 * Deterministic sandbox code: no Node built-ins, no I/O except through the recorder.
 */
import { calendarFor, nationalCalendarYears } from '../definitions/calendar';
import type { ClockAlert } from '../definitions/engine/clockAlerts';
import { alertLine, clockAlerts } from '../definitions/engine/clockAlerts';
import type { Deadline } from '../definitions/engine/clocks';
import { currentStep } from '../definitions/engine/snapshotReading';
import { systemActor } from '../definitions/shared/actors';
import type { RulesWithDeadlines } from '../definitions/shared/programDefinition';
import type { CaseRecorder } from './caseRecorder';
import type { ChartHost } from './chartHost';
import type { CaseWorkflowInput } from './contract';

export interface ClockAlarms {
  /** The soonest alarm still owed, if any. */
  next: () => ClockAlert | undefined;
  raise: (alert: ClockAlert) => Promise<void>;
  /** The alarms raised that can come round again: only those of clocks still running. */
  carried: () => string[];
}

export function createClockAlarms(args: {
  input: CaseWorkflowInput;
  host: ChartHost;
  deadlines: () => Deadline[];
  record: CaseRecorder['record'];
  /** Ids of the alarms raised so far (by earlier runs too), added to in place. */
  raised: string[];
}): ClockAlarms {
  const { input, host, raised } = args;
  const { orgs } = input.application;
  const remindBefore = (input.rules as RulesWithDeadlines).alerts?.remindBefore.value;
  const calendar = calendarFor(orgs.county, input.calendarYears ?? nationalCalendarYears);
  const running = (): ClockAlert[] => clockAlerts(args.deadlines(), remindBefore, calendar);

  return {
    next: () => running().find((alert) => !raised.includes(alert.id)),
    async raise(alert) {
      raised.push(alert.id);
      const step = currentStep(host.snapshot);
      const { event, labelZh, details } = alertLine(alert, host.snapshot, orgs);
      const line = { at: new Date().toISOString(), event, labelZh, actor: systemActor, from: step, to: step };
      await args.record({ ...line, comment: null, details }, host.nextSeq());
    },
    carried: () => {
      const live = new Set(running().map((a) => a.id));
      return raised.filter((id) => live.has(id));
    },
  };
}
