/**
 * The case as callers see it, projected from what the engine holds: the chart's snapshot, the
 * running clocks and the timeline. The same view answers the workflow's query and is stored with
 * the read-model row, so both say the same thing. No I/O: runs inside the workflow sandbox.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { z } from 'zod';
import type { CaseOrgs } from '../shared/actors';
import { actorSchema, callerRoleSchema } from '../shared/actors';
import type { AnyProgramDefinition } from '../shared/programDefinition';
import type { Deadline } from './clocks';
import { allowedEvents, currentOwners, currentStep, stepLabelZh } from './snapshotReading';

export const allowedEventSchema = z.object({
  type: z.string(),
  labelZh: z.string(),
  roles: z.array(callerRoleSchema),
});

export const deadlineSchema = z.object({
  key: z.string(),
  labelZh: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  source: z.string(),
  limit: z.object({ amount: z.number(), unit: z.string() }),
  /** How firm a working-day due date is (definitions/calendar/coverage.ts); null for other units. */
  calendar: z
    .object({
      status: z
        .enum(['official', 'provisional', 'weekendsOnly'])
        .describe(
          'official: every year the period touches has the State Council arrangement; provisional: a year has ' +
            'only the statutory days (no 调休 yet); weekendsOnly: a year has no data, only weekends were skipped'
        ),
      provisionalYears: z.array(z.number().int()).describe('Years in the period with statutory days only'),
      missingYears: z.array(z.number().int()).describe('Years in the period with no calendar data'),
      noteZh: z.string().nullable().describe('What staff should know, in Chinese; null when every year is official'),
    })
    .nullable()
    .describe('The working-day calendar behind dueAt; null for limits in calendar days, hours or seconds'),
});

export const timelineEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  event: z.string(),
  labelZh: z.string(),
  actor: actorSchema,
  from: z.string().nullable(),
  to: z.string(),
  toLabelZh: z.string(),
  comment: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const caseViewSchema = z.object({
  id: z.string(),
  program: z.string(),
  programLabelZh: z.string(),
  definitionVersion: z.string(),
  status: z.enum(['active', 'done']),
  step: z.string(),
  stepLabelZh: z.string(),
  stateValue: z.unknown(),
  orgs: z.object({ county: z.string(), township: z.string(), village: z.string() }),
  owners: z.array(z.object({ role: z.string(), org: z.string(), step: z.string() })),
  allowedEvents: z.array(allowedEventSchema),
  deadlines: z.array(deadlineSchema),
  summary: z.record(z.string(), z.unknown()),
  timeline: z.array(timelineEntrySchema),
  updatedAt: z.string(),
});
export type CaseView = z.infer<typeof caseViewSchema>;
/** What a case stands at after its latest timeline line: everything its projections read. */
export interface CaseStanding {
  caseId: string;
  definition: AnyProgramDefinition;
  snapshot: AnyMachineSnapshot;
  orgs: CaseOrgs;
  /** The running clocks' due dates, soonest first (`runningDeadlines`). */
  deadlines: Deadline[];
  timeline: TimelineEntry[];
  /** The sequence number of the latest timeline line. */
  seq: number;
  updatedAt: string;
}

/** The case view; `now` is the instant the open decisions are asked about. */
export function caseView(standing: CaseStanding, now: string): CaseView {
  const { definition, snapshot, orgs } = standing;
  return {
    id: standing.caseId,
    program: definition.program,
    programLabelZh: definition.labelZh,
    definitionVersion: definition.version,
    status: snapshot.status === 'active' ? 'active' : 'done',
    step: currentStep(snapshot),
    stepLabelZh: stepLabelZh(snapshot),
    stateValue: snapshot.value,
    orgs,
    owners: currentOwners(snapshot, orgs),
    allowedEvents: allowedEvents(definition, snapshot, orgs, now),
    deadlines: standing.deadlines,
    summary: definition.summary(snapshot.context),
    timeline: standing.timeline,
    updatedAt: standing.updatedAt,
  };
}
