/**
 * Applications: the window starts one, approvers send decisions, everyone reads the case; the case
 * list supervisors and approvers work from, from the read model and scoped to the caller's org.
 * The chart decides what is allowed; this router only checks who is calling and what they sent.
 */
import { orgUnitNames } from '../../db/orgUnits';
import { Router } from 'express';
import type { Pool } from 'pg';
import { caseAudit, caseNotices, findCase, findCaseWithView, listCases, storedCaseView } from '../../db/caseQueries';
import type { CaseRow } from '../../db/caseQueries';
import { claimHeldByOther } from '../../db/taskQueries';
import { verificationRuns } from '../../db/verificationQueries';
import { definitionForVersion } from '../../definitions';
import { eventLabelZh } from '../../definitions/engine/snapshotReading';
import { applicationSchema } from '../../definitions/shared/application';
import type { ActionName } from '../../definitions/access';
import { caseTarget, servedValues } from '../../definitions/access';
import type { CaseView } from '../../workflows/contract';
import type { CalendarYear } from '../../definitions/calendar';
import { calendarFor, knownCalendarYears } from '../../definitions/calendar';
import { caseViewAnswer } from './caseViewAnswer';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { applicationRoutes } from './routes';
import type { CaseCommands } from './commands';
import type { CaseEventAccess } from './eventAccess';
import { NotFound, TaskConflict, TransitionRefused } from '../http/errors';
import { callerOf } from '../http/identity';
import type { Caller } from '../http/identity';
import { caseIdSchema, idempotencyKeySchema } from '../http/schemas';
import { caseListQuerySchema, casePaging, caseReadQuerySchema, eventBodySchema } from './schemas';
import { parseOrThrow } from '../http/validation';
import { maskedFor, readerOf, sendPersonalData, servedTo } from '../http/personalData';

/**
 * How long a read that asks for a newer view than the row holds waits for the record activity
 * (which writes within milliseconds of the decision) before asking the workflow instead.
 */
const STORED_VIEW_WAIT_MS = 1000;
const STORED_VIEW_POLL_MS = 50;

/** The case, once the caller may take `action` on it (404 unknown, 403 outside their scope). */
export async function visibleCase<Row extends CaseRow = CaseRow>(
  pool: Pool,
  caller: Caller,
  rawId: string,
  action: ActionName,
  find: (pool: Pool, id: string) => Promise<Row | undefined> = findCase as never
): Promise<Row> {
  const id = parseOrThrow(caseIdSchema, rawId, ['params', 'id']);
  const row = await find(pool, id);
  if (!row) throw new NotFound('未找到该案件，请核对案件编号');
  authorizeOn(caller, action, caseTarget(row.orgs));
  return row;
}

/** The view of a case whose workflow is no longer retained by Temporal: from the read model. */
async function archivedView(pool: Pool, row: CaseRow): Promise<CaseView> {
  const audit = await caseAudit(pool, row.id);
  const definition = definitionForVersion(row.definitionVersion);
  return {
    id: row.id,
    program: row.program,
    programLabelZh: definition.labelZh,
    definitionVersion: row.definitionVersion,
    status: row.status,
    step: row.step,
    stepLabelZh: row.stepLabelZh,
    stateValue: row.step,
    orgs: row.orgs,
    owners: [],
    allowedEvents: [],
    deadlines: [],
    summary: { monthlyAmount: row.monthlyAmount, archived: true },
    timeline: audit.map((a) => ({ ...a, labelZh: eventLabelZh(definition, a.event), toLabelZh: a.to })),
    updatedAt: row.updatedAt,
  };
}

export function applicationsRouter({
  pool,
  commands,
  eventAccess,
  calendarYears = [],
}: {
  pool: Pool;
  commands: CaseCommands;
  eventAccess: CaseEventAccess;
  /** Calendar years loaded at start (CALENDAR_DIR) over the built-in ones, for the clocks' working days left. */
  calendarYears?: readonly CalendarYear[];
}): Router {
  const router = Router();
  const calendar = calendarFor('', knownCalendarYears(calendarYears));

  serve(router, applicationRoutes.start, async (req, res) => {
    const caller = callerOf(req);
    const key = req.header('idempotency-key');
    const idempotencyKey =
      key === undefined ? undefined : parseOrThrow(idempotencyKeySchema, key, ['headers', 'idempotency-key']);
    const application = parseOrThrow(applicationSchema, req.body, ['body']);
    authorizeOn(caller, 'applications.start', { org: application.orgs.township });
    const { view, replayed } = await commands.startApplication(application, caller, idempotencyKey);
    res
      .status(replayed ? 200 : 201)
      .location(`/api/applications/${view.id}`)
      .setHeader('Idempotent-Replayed', String(replayed))
      .json(view);
  });

  serve(router, applicationRoutes.list, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(caseListQuerySchema, req.query, ['query']);
    const org = query.org ?? caller.org;
    authorizeOn(caller, 'cases.list', { org });
    const after = casePaging.after(query.cursor);
    const rows = await listCases(pool, {
      org,
      program: query.program,
      step: query.step,
      status: query.status,
      overdue: query.overdue,
      limit: query.limit + 1,
      after,
    });
    res.json(casePaging.page(rows, query.limit, ({ submittedAt, id }) => ({ submittedAt, id })));
  });

  /**
   * The view the record activity stored with the row when it is at least `minVersion`; otherwise
   * (a decision still being written) the row is read again for up to STORED_VIEW_WAIT_MS, then the
   * workflow is asked. Rows from before views were stored are read from the workflow as before.
   */
  async function currentView(row: CaseRow & { view: CaseView | null }, minVersion: number): Promise<CaseView> {
    let stored: { view: CaseView | null; version: number } | undefined = row;
    const deadline = Date.now() + STORED_VIEW_WAIT_MS;
    while (stored?.view) {
      if (stored.version >= minVersion) return stored.view;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, STORED_VIEW_POLL_MS));
      stored = await storedCaseView(pool, row.id);
    }
    try {
      return await commands.readCase(row.id);
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      return archivedView(pool, row);
    }
  }

  serve(router, applicationRoutes.read, async (req, res) => {
    const caller = callerOf(req);
    const { minVersion = 0 } = parseOrThrow(caseReadQuerySchema, req.query, ['query']);
    const row = await visibleCase(pool, caller, req.params.id, 'applications.read', findCaseWithView);
    // Out of scope is 403 before a missing purpose is 400: nothing is said about others' cases.
    const reader = readerOf(req, caller);
    const view = await currentView(row, minVersion);
    const full = servedTo(reader, 'caseView') === 'full';
    const placeNames = await orgUnitNames(pool, Object.values(view.orgs));
    const answer = caseViewAnswer(view, row, { now: new Date(), calendar, full, placeNames });
    await sendPersonalData(res, pool, reader, { kind: 'caseView', caseId: row.id, scopeOrg: row.orgs.village }, answer);
  });

  serve(router, applicationRoutes.notices, async (req, res) => {
    const row = await visibleCase(pool, callerOf(req), req.params.id, 'applications.notices');
    res.json({ items: await caseNotices(pool, row.id) });
  });

  /**
   * The household economic check: every run (newest first) with each source's answer and findings,
   * and the eligibility explanation — each rule, its figures, pass or fail, and the records behind
   * them. Financial data: for the reviewers and supervisors of the case's own org only.
   */
  serve(router, applicationRoutes.verification, async (req, res) => {
    const caller = callerOf(req);
    const row = await visibleCase(pool, caller, req.params.id, 'verification.read');
    const reader = readerOf(req, caller);
    const runs = await verificationRuns(pool, row.id);
    const read = { kind: 'verificationReport', caseId: row.id, scopeOrg: row.orgs.village } as const;
    await sendPersonalData(res, pool, reader, read, { caseId: row.id, latestRun: runs[0]?.run ?? null, runs });
  });

  serve(router, applicationRoutes.event, async (req, res) => {
    const caller = callerOf(req);
    const row = await visibleCase(pool, caller, req.params.id, 'applications.event');
    const { type, ...payload } = parseOrThrow(eventBodySchema, req.body, ['body']);
    // Who may send this event, and recusal, before anything is asked of the case.
    await eventAccess.authorizeEvent(caller, row, type);
    // A claimed task is its claimant's: others of the role wait until it is released or reassigned.
    const claim = await claimHeldByOther(pool, row.id, caller);
    if (claim) {
      throw new TaskConflict(
        'TASK_CLAIMED_BY_OTHER',
        `“${claim.stepLabelZh}”已由 ${claim.claimedBy} 认领，请由认领人办理，或先释放、改派该任务`,
        claim
      );
    }
    if (row.status === 'done') {
      throw new TransitionRefused('案件已办结，不能再办理任何操作', {
        step: row.step,
        stepLabelZh: row.stepLabelZh,
        allowedEvents: [],
      });
    }
    const view = await commands.submitEvent(row.id, { type, actor: caller, payload });
    const full = servedValues('caseView', caller.role, false) === 'full';
    const placeNames = await orgUnitNames(pool, Object.values(view.orgs));
    res.json(maskedFor(caller, 'caseView', caseViewAnswer(view, row, { now: new Date(), calendar, full, placeNames })));
  });

  return router;
}
