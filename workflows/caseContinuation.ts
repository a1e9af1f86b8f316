/**
 * How a run of the case workflow begins — fresh from the case's input, or carried on from the run
 * before it (continue-as-new) — and what a run hands to the next. Whatever a run needs to carry on
 * where the last one stopped travels in `ResumeState`, nothing else.
 * Deterministic sandbox code: no Node built-ins, no I/O.
 */
import { openCase } from '../definitions/engine/caseOpening';
import type { ClockStarts } from '../definitions/engine/clocks';
import type { Effect } from '../definitions/engine/effects';
import type { AnyProgramDefinition } from '../definitions/shared/programDefinition';
import type { ChartHost } from './chartHost';
import { createChartHost } from './chartHost';
import type { CaseWorkflowInput, ResumeState, TimelineEntry } from './contract';
import type { WriteGuard } from './writeGuard';

export interface CaseRunStart {
  host: ChartHost;
  timeline: TimelineEntry[];
  timers: ResumeState['timers'];
  stepClocks: ClockStarts;
  updatedAt: string;
  checkRuns: number;
  alertsRaised: string[];
  /** A new case's entry effects, carried out once its submission is recorded; none on a resumed run. */
  initialEffects: Effect[];
}

export function beginCaseRun(
  input: CaseWorkflowInput,
  definition: AnyProgramDefinition,
  writes: WriteGuard
): CaseRunStart {
  const { machine } = definition;
  if (input.resume) {
    const { stateValue, context, seq, timeline, timers, stepClocks, updatedAt, checkRuns, alertsRaised } = input.resume;
    const snapshot = machine.resolveState({ value: stateValue, context } as never);
    const host = createChartHost({ machine, snapshot, seq, writes });
    return { host, timeline, timers, stepClocks, updatedAt, checkRuns, alertsRaised, initialEffects: [] };
  }
  const opening = openCase(definition, input, new Date().toISOString());
  return {
    host: createChartHost({ machine, snapshot: opening.snapshot, seq: 0, writes }),
    timeline: [opening.firstLine],
    timers: {},
    stepClocks: opening.stepClocks,
    updatedAt: opening.firstLine.at,
    checkRuns: 0,
    alertsRaised: [],
    initialEffects: opening.effects,
  };
}
