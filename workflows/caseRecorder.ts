/**
 * A case's timeline and what each of its lines writes: the read-model row (with the case view) and
 * the audit line through the chart host's ordered writes, the search attributes visibility filters
 * on, and one log line. Also the projections readers ask for between lines (view, deadlines), each
 * built once per line. Deterministic sandbox code: no Node built-ins, no I/O except through activities.
 */
import { log, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';
import { auditRecord, caseRecord } from '../definitions/engine/caseRecords';
import type { CaseStanding } from '../definitions/engine/caseView';
import { caseView } from '../definitions/engine/caseView';
import type { ClockStarts, Deadline } from '../definitions/engine/clocks';
import { runningDeadlines } from '../definitions/engine/clocks';
import { currentStep, stepLabelZh } from '../definitions/engine/snapshotReading';
import type { AnyProgramDefinition, RulesWithDeadlines } from '../definitions/shared/programDefinition';
import type { ChartHost } from './chartHost';
import type { CaseView, CaseWorkflowInput, TimelineEntry } from './contract';
import { CaseDueAt, CaseState, caseStartAttributes } from './searchAttributes';

/** A line as its writer gives it: the number is the host's, the step's label is read when it is added. */
export type CaseLine = Omit<TimelineEntry, 'seq' | 'toLabelZh'>;

export interface CaseRecorder {
  readonly timeline: TimelineEntry[];
  readonly updatedAt: string;
  /** The running clocks' due dates, soonest first. */
  deadlines: () => Deadline[];
  view: () => CaseView;
  /**
   * Line 0 (the submission) with the case's first row and its intake: publishes the search
   * attributes now and returns the write, which the workflow puts first in its write chain.
   */
  submission: () => () => Promise<void>;
  /**
   * Adds line `lineSeq` (taken from the host before the line's effects run, which carry the same
   * number) with the case row as it now stands. Records land in sequence order: a check result
   * raised while the decision that started the check is still being written must not land first.
   */
  record: (line: CaseLine, lineSeq: number) => Promise<void>;
}

export function createCaseRecorder(args: {
  input: CaseWorkflowInput;
  host: ChartHost;
  /** The case's definition and step clocks now (a transition or a migration changes them). */
  definition: () => AnyProgramDefinition;
  stepClocks: () => ClockStarts;
  activities: Pick<CaseActivities, 'recordSubmission' | 'recordTransition'>;
  timeline: TimelineEntry[];
  updatedAt: string;
}): CaseRecorder {
  const { input, host, timeline } = args;
  const { orgs } = input.application;
  const rules = input.rules as RulesWithDeadlines;
  let { updatedAt } = args;

  // Deadlines change only with a transition: computed once per line, not per reader.
  let deadlinesCache: { seq: number; value: Deadline[] } | undefined;
  function deadlines(): Deadline[] {
    if (deadlinesCache?.seq !== host.seq) {
      const context = host.snapshot.context as unknown;
      const clocks = args.stepClocks();
      const value = runningDeadlines(args.definition(), rules, orgs.county, clocks, context, input.calendarYears);
      deadlinesCache = { seq: host.seq, value };
    }
    return deadlinesCache.value;
  }

  function standing(): CaseStanding {
    const { snapshot, seq } = host;
    const definition = args.definition();
    return { caseId: input.caseId, definition, snapshot, orgs, deadlines: deadlines(), timeline, seq, updatedAt };
  }

  // Built once per line: clients polling a case (queries) cost a lookup, not questions to the chart.
  let viewCache: { seq: number; value: CaseView } | undefined;
  function view(): CaseView {
    if (viewCache?.seq !== host.seq) {
      viewCache = { seq: host.seq, value: caseView(standing(), new Date().toISOString()) };
    }
    return viewCache.value;
  }

  /** What visibility last received; an event that changes neither step nor due date costs nothing. */
  let published: { step: string; dueAt: string | undefined } | undefined;
  function publishSearchAttributes(): void {
    const step = currentStep(host.snapshot);
    const dueAt = deadlines()[0]?.dueAt;
    if (published?.step === step && published.dueAt === dueAt) return;
    const fixed = published === undefined ? caseStartAttributes(args.definition(), orgs) : [];
    upsertSearchAttributes([
      ...fixed,
      { key: CaseState, value: step },
      { key: CaseDueAt, value: dueAt ? new Date(dueAt) : null },
    ]);
    published = { step, dueAt };
  }

  /**
   * One log line per timeline line, through the worker's logger (the SDK's logger sink: not repeated
   * on replay). Codes only: the actor's role, never a name, the comment or the event's details.
   */
  function logCaseEvent(entry: TimelineEntry): void {
    const { event, from, to: step, seq, actor } = entry;
    const program = args.definition().program;
    log.info('case event', { caseId: input.caseId, program, event, from, step, seq, actorRole: actor.role });
  }

  return {
    timeline,
    get updatedAt() {
      return updatedAt;
    },
    deadlines,
    view,

    submission: () => {
      const first = timeline[0]!;
      publishSearchAttributes();
      logCaseEvent(first);
      const submission = {
        caseRecord: caseRecord(standing(), view()),
        application: input.application,
        audit: auditRecord(input.caseId, first),
        ...(input.householdId ? { householdId: input.householdId } : {}),
      };
      return () => args.activities.recordSubmission(submission);
    },

    record: (line, lineSeq) => {
      updatedAt = line.at;
      const entry: TimelineEntry = { ...line, seq: lineSeq, toLabelZh: stepLabelZh(host.snapshot) };
      timeline.push(entry);
      logCaseEvent(entry);
      publishSearchAttributes();
      const row = { caseRecord: caseRecord(standing(), view()), audit: auditRecord(input.caseId, entry) };
      return host.write(() => args.activities.recordTransition(row));
    },
  };
}
