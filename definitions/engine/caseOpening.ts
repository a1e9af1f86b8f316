/**
 * A new case's first state: the chart's initial snapshot for the case's input, the clocks its first
 * steps start, the effects its entry declares, and the submission's timeline line.
 * No I/O: runs inside the workflow sandbox.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { initialTransition } from 'xstate';
import type { CalendarYear } from '../calendar';
import type { Actor } from '../shared/actors';
import type { CaseIntake } from '../shared/intake';
import { submissionDetails, submissionEvent } from '../shared/intake';
import type { AnyProgramDefinition } from '../shared/programDefinition';
import type { TimelineEntry } from './caseView';
import type { ClockStarts } from './clocks';
import { advanceStepClocks } from './clocks';
import type { Effect } from './effects';
import { effectsOf } from './effects';
import { currentStep, stepLabelZh } from './snapshotReading';

export interface CaseOpening {
  snapshot: AnyMachineSnapshot;
  stepClocks: ClockStarts;
  /** What the chart's first steps declare on entry, to be carried out once the submission is recorded. */
  effects: Effect[];
  /** The timeline's line 0: the submission, by whoever filed it. */
  firstLine: TimelineEntry;
}

export function openCase(
  definition: AnyProgramDefinition,
  start: {
    caseId: string;
    application: CaseIntake;
    rules: unknown;
    calendarYears?: CalendarYear[] | undefined;
    submittedBy: Actor;
  },
  at: string
): CaseOpening {
  const { caseId, application, rules, calendarYears } = start;
  const [snapshot, actions] = initialTransition(
    definition.machine,
    definition.initialInput({ caseId, orgs: application.orgs, rules, application, calendarYears })
  );
  return {
    snapshot,
    stepClocks: advanceStepClocks({}, snapshot, at),
    effects: effectsOf(actions),
    firstLine: {
      seq: 0,
      at,
      event: submissionEvent.event,
      labelZh: submissionEvent.labelZh,
      actor: start.submittedBy,
      from: null,
      to: currentStep(snapshot),
      toLabelZh: stepLabelZh(snapshot),
      comment: null,
      details: submissionDetails(application),
    },
  };
}
