/**
 * Referrals (转办/转介): the township or its window sends one to a county department; the department
 * reads its inbox, signs for a referral, reports its outcome or returns it; the sender may withdraw
 * it. Each action is an event of the referral's own case, so the chart decides what is allowed
 * (409 with the allowed events) and the event's schema what is complete (400 with field paths).
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import { findCase } from '../../db/caseQueries';
import type { ReferralRow } from '../../db/referralQueries';
import { departmentInbox, findReferral } from '../../db/referralQueries';
import type { ActionName } from '../../definitions/access';
import { caseTarget, decide } from '../../definitions/access';
import { referralDefinition, referralIntakeSchema } from '../../definitions/referral';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { referralDecisionRoutes, referralRoutes } from './routes';
import type { CaseCommands } from '../applications/commands';
import type { CaseEventAccess } from '../applications/eventAccess';
import { Forbidden, NotFound, TransitionRefused, ValidationFailed } from '../http/errors';
import type { Caller } from '../http/identity';
import { callerOf } from '../http/identity';
import type { ReferralInboxAnswer } from './schemas';
import { inboxPaging, inboxQuerySchema } from './schemas';
import type { CalendarYear } from '../../definitions/calendar';
import { calendarFor, knownCalendarYears, workingDaysLeft } from '../../definitions/calendar';
import { caseIdSchema, idempotencyKeySchema } from '../http/schemas';
import { singleLine } from '../../definitions/shared/text';
import { parseOrThrow } from '../http/validation';
import { maskedFor, readerOf, sendPersonalData } from '../http/personalData';

const actionBodySchema = z.record(singleLine(), z.unknown(), { error: '请求体应为 JSON 对象' });

/** A referral as the policy's target: a department reaches only what was sent to its county and kind. */
const referralTarget = (referral: ReferralRow) => caseTarget({ ...referral.orgs, department: referral.department });

export function referralsRouter({
  pool,
  commands,
  eventAccess,
  calendarYears = [],
}: {
  pool: Pool;
  commands: CaseCommands;
  eventAccess: CaseEventAccess;
  /** The years loaded from CALENDAR_DIR: the inbox counts working days on the clocks' own calendar. */
  calendarYears?: readonly CalendarYear[];
}): Router {
  const router = Router();
  const calendar = calendarFor('', knownCalendarYears(calendarYears));

  /** The household case a referral came from must be one of the sender's own household cases. */
  async function requireSourceCase(caller: Caller, householdCaseId: string | null): Promise<void> {
    if (householdCaseId === null) return;
    const source = await findCase(pool, householdCaseId);
    // One the sender may read; told as a field error, so an outsider learns nothing of other townships' cases.
    const readable = source !== undefined && decide('applications.read', caller, caseTarget(source.orgs)).allowed;
    if (!source || source.program === 'referral' || !readable) {
      throw new ValidationFailed('来源案件不存在或不属于本乡镇（街道）', [
        { path: 'body.householdCaseId', message: '请填写本乡镇（街道）的救助案件编号，或不填' },
      ]);
    }
  }

  async function visibleReferral(caller: Caller, rawId: string, action: ActionName): Promise<ReferralRow> {
    const id = parseOrThrow(caseIdSchema, rawId, ['params', 'id']);
    const referral = await findReferral(pool, id);
    if (!referral) throw new NotFound('未找到该转介事项，请核对编号');
    authorizeOn(caller, action, referralTarget(referral));
    return referral;
  }

  serve(router, referralRoutes.start, async (req, res) => {
    const caller = callerOf(req);
    const key = req.header('idempotency-key');
    const idempotencyKey =
      key === undefined ? undefined : parseOrThrow(idempotencyKeySchema, key, ['headers', 'idempotency-key']);
    const intake = parseOrThrow(referralIntakeSchema, req.body, ['body']);
    authorizeOn(caller, 'referrals.start', { org: intake.orgs.township });
    await requireSourceCase(caller, intake.householdCaseId);
    const { view, replayed } = await commands.startApplication(intake, caller, idempotencyKey);
    res
      .status(replayed ? 200 : 201)
      .location(`/api/referrals/${view.id}`)
      .setHeader('Idempotent-Replayed', String(replayed))
      .json(view);
  });

  serve(router, referralRoutes.inbox, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(inboxQuerySchema, req.query, ['query']);
    const after = inboxPaging.after(query.cursor);
    // callerOf already refuses a department caller without its kind; this keeps the type honest.
    const department = caller.department;
    if (!department) throw new Forbidden('该岗位未登记部门类型，请联系县级系统管理员');
    const rows = await departmentInbox(
      pool,
      { county: caller.org, department, ...(query.status ? { status: query.status } : {}) },
      query.limit + 1,
      after
    );
    const page = inboxPaging.page(rows, query.limit, ({ submittedAt, id }) => ({ submittedAt, id }));
    const now = new Date();
    const answer: ReferralInboxAnswer = {
      items: page.items.map((item) => ({
        ...item,
        workingDaysLeft:
          item.dueAt !== null && item.status === 'active' ? workingDaysLeft(now, new Date(item.dueAt), calendar) : null,
      })),
      nextCursor: page.nextCursor,
    };
    res.json(answer);
  });

  /** The department reads the person's phone and ID number here (logged), never in its inbox list. */
  serve(router, referralRoutes.read, async (req, res) => {
    const caller = callerOf(req);
    const referral = await visibleReferral(caller, req.params.id, 'referrals.read');
    const reader = readerOf(req, caller);
    const read = { kind: 'referral', caseId: referral.id, scopeOrg: referral.orgs.village } as const;
    await sendPersonalData(res, pool, reader, read, await commands.readCase(referral.id));
  });

  for (const { action, eventType: type, ...route } of referralDecisionRoutes) {
    serve(router, { action, ...route }, async (req, res) => {
      const caller = callerOf(req);
      const referral = await visibleReferral(caller, req.params.id, action);
      // The chart version the referral runs on says who may send the event.
      const definitionVersion = (await findCase(pool, referral.id))?.definitionVersion ?? referralDefinition.version;
      const orgs = { ...referral.orgs, department: referral.department };
      await eventAccess.authorizeEvent(caller, { id: referral.id, definitionVersion, orgs }, type);
      const payload = parseOrThrow(actionBodySchema, req.body ?? {}, ['body']);
      if (referral.status === 'done') {
        throw new TransitionRefused('该转介事项已结束，不能再办理任何操作', {
          step: referral.step,
          stepLabelZh: referral.stepLabelZh,
          allowedEvents: [],
        });
      }
      res.json(
        maskedFor(caller, 'referral', await commands.submitEvent(referral.id, { type, actor: caller, payload }))
      );
    });
  }

  return router;
}
