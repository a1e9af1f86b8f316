/**
 * The referral routes (转办/转介), declared once: the router serves these and the OpenAPI paths are
 * derived from them (api/http/declaredRoutes.ts). A department caller's kind comes from their post
 * in the staff directory.
 */
import type { z } from 'zod';
import { referralRequestSchema } from '../../definitions/referral';
import { caseViewSchema } from '../../workflows/contract';
import type { DeclaredRoute } from '../http/declaredRoutes';
import { idempotencyKeyHeader } from '../http/openApiParts';
import { inboxPageSchema, inboxQuerySchema, referralActionBodies } from './schemas';

/** A decision on a referral; the body documented is its event's payload (the chart validates it). */
const decision = <P extends string>(
  path: P,
  action: DeclaredRoute['action'],
  eventType: string,
  summary: string,
  body: z.ZodType
) =>
  ({
    method: 'post',
    path: `/referrals/:id/${path}` as const,
    action,
    eventType,
    summary,
    body,
    ok: { status: '200', schema: caseViewSchema },
  }) satisfies DeclaredRoute & { eventType: string };

export const referralRoutes = {
  start: {
    method: 'post',
    path: '/referrals',
    action: 'referrals.start',
    summary:
      'Send a referral to a county department (township or window staff); an Idempotency-Key makes a retry ' +
      'return the same referral (200, Idempotent-Replayed: true), the same key with another body is a 409',
    parameters: [idempotencyKeyHeader],
    body: referralRequestSchema,
    ok: { status: '201', schema: caseViewSchema },
  },
  inbox: {
    method: 'get',
    path: '/referrals/inbox',
    action: 'referrals.inbox',
    summary:
      'A department’s inbox: referrals sent to its kind in its county, newest first, keyset-paginated; ' +
      'status open (待签收) / acknowledged (办理中) / done',
    query: inboxQuerySchema,
    ok: { status: '200', schema: inboxPageSchema },
  },
  read: {
    method: 'get',
    path: '/referrals/:id',
    action: 'referrals.read',
    summary: 'A referral as a case: state, allowed events, deadlines, outcome, timeline',
    ok: { status: '200', schema: caseViewSchema },
  },
} as const satisfies Record<string, DeclaredRoute>;

/** The department's and the township's decisions, each with the chart event it sends. */
export const referralDecisionRoutes = [
  decision(
    'acknowledge',
    'referrals.acknowledge',
    'ACKNOWLEDGE',
    'The department signs for the referral (签收); its outcome clock starts (department)',
    referralActionBodies.acknowledge
  ),
  decision(
    'outcome',
    'referrals.outcome',
    'REPORT_OUTCOME',
    'The department reports what it did: helped / notEligible / referredElsewhere, with a text (department)',
    referralActionBodies.outcome
  ),
  decision(
    'return',
    'referrals.return',
    'RETURN',
    'The department returns a referral that is not its own to the township, with a reason (department)',
    referralActionBodies.return
  ),
  decision(
    'withdraw',
    'referrals.withdraw',
    'WITHDRAW',
    'The sending township (or its window) withdraws the referral, with a reason',
    referralActionBodies.withdraw
  ),
] as const;
