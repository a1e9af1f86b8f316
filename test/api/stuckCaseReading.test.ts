/**
 * The pure half of stuck-case detection: a describe answer becomes the problems a supervisor sees,
 * and an org becomes the visibility query that finds its running cases.
 */
// The int64 type protobufjs gives Temporal's timestamps (a dependency of the Temporal packages).
import Long from 'long';
import type { DescribedRun } from '../../api/stuckCases/reading';
import {
  caseUnderOrg,
  heldWriteProblems,
  instantOf,
  stuckCandidatesQuery,
  stuckProblems,
} from '../../api/stuckCases/reading';
import { BLOCKED_WRITES_MEMO } from '../../workflows/blockedWrites';

const at = (iso: string) => ({ seconds: Long.fromNumber(Date.parse(iso) / 1000), nanos: 0 });

const retryingRecord = {
  activityId: '7',
  activityType: { name: 'recordTransition' },
  state: 1, // PENDING_ACTIVITY_STATE_SCHEDULED: waiting for its next attempt
  attempt: 4,
  maximumAttempts: 0,
  lastFailure: { message: 'connection refused', applicationFailureInfo: { type: 'Error' } },
  lastStartedTime: at('2026-11-29T10:00:00Z'),
  lastAttemptCompleteTime: at('2026-11-29T10:00:01Z'),
  nextAttemptScheduleTime: at('2026-11-29T10:00:03Z'),
};

function run(parts: Partial<DescribedRun>): DescribedRun {
  return { pendingActivities: [], pendingWorkflowTask: null, ...parts };
}

describe('stuck cases / reading a describe answer', () => {
  it('reports an activity on attempt ≥ N with its type, attempt, last failure and attempt times', () => {
    expect(stuckProblems(run({ pendingActivities: [retryingRecord] }), 3)).toEqual([
      {
        kind: 'activityRetrying',
        activityId: '7',
        activityType: 'recordTransition',
        state: 'scheduled',
        attempt: 4,
        maximumAttempts: null,
        lastFailure: { message: 'connection refused', type: 'Error' },
        lastAttemptAt: '2026-11-29T10:00:01.000Z',
        nextAttemptAt: '2026-11-29T10:00:03.000Z',
      },
    ]);
  });

  it('leaves out activities below the threshold (a first try, or a blip)', () => {
    const healthy = { ...retryingRecord, attempt: 2, state: 2 };
    expect(stuckProblems(run({ pendingActivities: [healthy] }), 3)).toEqual([]);
    expect(stuckProblems(run({ pendingActivities: [healthy] }), 2)).toEqual([
      expect.objectContaining({ attempt: 2, state: 'started' }),
    ]);
  });

  it('falls back to the start of the last attempt when it has not completed, and keeps a finite attempt limit', () => {
    const running = {
      ...retryingRecord,
      lastAttemptCompleteTime: null,
      nextAttemptScheduleTime: null,
      maximumAttempts: 5,
    };
    expect(stuckProblems(run({ pendingActivities: [running] }), 3)[0]).toMatchObject({
      lastAttemptAt: '2026-11-29T10:00:00.000Z',
      nextAttemptAt: null,
      maximumAttempts: 5,
    });
  });

  it('reports a workflow task on attempt > 1 with the cause and message of its failure', () => {
    const problems = stuckProblems(run({ pendingWorkflowTask: { attempt: 3, state: 1 } }), 3, {
      cause: 14, // WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE
      message: 'Cannot read properties of undefined',
      failedAt: at('2026-11-29T09:59:00Z'),
    });
    expect(problems).toEqual([
      {
        kind: 'workflowTaskFailing',
        attempt: 3,
        cause: 'WORKFLOW_WORKER_UNHANDLED_FAILURE',
        message: 'Cannot read properties of undefined',
        failedAt: '2026-11-29T09:59:00.000Z',
      },
    ]);
  });

  it('does not count a workflow task on its first attempt, and copes with an unknown cause', () => {
    expect(stuckProblems(run({ pendingWorkflowTask: { attempt: 1, state: 2 } }), 3)).toEqual([]);
    expect(stuckProblems(run({ pendingWorkflowTask: { attempt: 2, state: 1 } }), 3)).toEqual([
      { kind: 'workflowTaskFailing', attempt: 2, cause: null, message: null, failedAt: null },
    ]);
  });

  it('reads protobuf timestamps given as numbers or as int64 objects', () => {
    const long = { toString: () => '1795950000', nanos: 0 };
    expect(instantOf({ seconds: long, nanos: 250_000_000 })).toBe(new Date(1795950000250).toISOString());
    expect(instantOf(null)).toBeNull();
    expect(instantOf({ seconds: 0 })).toBeNull();
  });
});

describe('stuck cases / writes the database refused for good', () => {
  it('reads the writes a workflow holds from its memo, as problems with SQLSTATE and cause', () => {
    const held = {
      activityType: 'recordSubmission',
      sqlState: '22021',
      condition: 'character_not_in_repertoire',
      message: 'PostgreSQL refused the write for good: SQLSTATE 22021 (character_not_in_repertoire)',
      failedAt: '2026-11-29T10:00:01.000Z',
    };
    expect(heldWriteProblems({ [BLOCKED_WRITES_MEMO]: [held] })).toEqual([{ kind: 'writeRefused', ...held }]);
  });

  it('reads nothing from a memo without held writes, or with a shape it does not know', () => {
    expect(heldWriteProblems(undefined)).toEqual([]);
    expect(heldWriteProblems({ requestHash: 'x' })).toEqual([]);
    expect(heldWriteProblems({ [BLOCKED_WRITES_MEMO]: 'garbled' })).toEqual([]);
  });
});

describe('stuck cases / scope', () => {
  it('asks visibility for running case, household and payment-cycle workflows of a county, a city prefix, or a township', () => {
    expect(stuckCandidatesQuery('379901')).toBe(
      "WorkflowType IN ('caseWorkflow', 'householdApplication', 'paymentCycle') AND ExecutionStatus = 'Running' AND YilianCounty = '379901'"
    );
    expect(stuckCandidatesQuery('3799')).toContain("YilianCounty STARTS_WITH '3799'");
    expect(stuckCandidatesQuery('379901091')).toContain("YilianTownship = '379901091'");
    // A village has no search attribute: its township is asked, the village is checked afterwards.
    expect(stuckCandidatesQuery('379901091001')).toContain("YilianTownship = '379901091'");
  });

  it('places a case under an org by its village when the read model has it, else by its township', () => {
    expect(caseUnderOrg('379901091001', { township: '379901091', village: '379901091001' })).toBe(true);
    expect(caseUnderOrg('379901091001', { township: '379901091', village: '379901091002' })).toBe(false);
    expect(caseUnderOrg('379901091001', { township: '379901091', village: null })).toBe(false);
    expect(caseUnderOrg('3799', { township: '379901091', village: null })).toBe(true);
    expect(caseUnderOrg('379901', { township: null, village: null })).toBe(false);
  });

  it('places a payment cycle, which has a county only, under its county and the orgs above it', () => {
    expect(caseUnderOrg('379901', { county: '379901', township: null, village: null })).toBe(true);
    expect(caseUnderOrg('3799', { county: '379901', township: null, village: null })).toBe(true);
    expect(caseUnderOrg('379901091', { county: '379901', township: null, village: null })).toBe(false);
  });
});
