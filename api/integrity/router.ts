/**
 * The integrity register (诚信档案): dishonesty records by person or household for supervisors,
 * a supervisor's own record, and — on every application — the household's records in force, the
 * pledge and the case's live risk warnings, for the township and county reviewers.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { findCase } from '../../db/caseQueries';
import type { DishonestyRow } from '../../db/integrityRegister';
import {
  householdDishonesty,
  householdIdNumbers,
  insertManualDishonesty,
  listDishonesty,
  pledgeOfCase,
} from '../../db/integrityRegister';
import { liveWarningsOfCase } from '../../db/riskWarnings';
import { chinaDate } from '../../definitions/calendar';
import { expiresAt } from '../../definitions/integrity';
import { resolveRiskRules } from '../../definitions/risk';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { caseTarget } from '../../definitions/access';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { integrityRoutes } from '../risks/routes';
import { NotFound } from '../http/errors';
import { callerOf } from '../http/identity';
import { creationPaging, dishonestyCreateSchema, integrityListQuerySchema } from '../risks/schemas';
import { caseIdSchema } from '../http/schemas';
import { parseOrThrow } from '../http/validation';
import { masked, readerOf, sendPersonalData } from '../http/personalData';
import { scopedOrg } from '../risks/router';

/** A page of the dishonesty register (ID numbers masked, as in every list). */
export interface IntegrityListAnswer {
  items: DishonestyRow[];
  nextCursor: string | null;
}

export interface IntegrityDependencies {
  pool: Pool;
  /** A deployment's own rules entries (RULES_FILE): how long a record counts in its counties. */
  extraConfigEntries?: readonly ConfigEntry[];
}

export function integrityRouter({ pool, extraConfigEntries = [] }: IntegrityDependencies): Router {
  const router = Router();

  serve(router, integrityRoutes.list, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(integrityListQuerySchema, req.query, ['query']);
    // The county's register: read at county level or above, never by a township's or village's supervisor.
    const org = scopedOrg(caller, undefined, 'integrity.list');
    let idNumbers = query.idNumber === undefined ? undefined : [query.idNumber];
    if (query.caseId !== undefined) {
      // Looking people up by a case is reading that case's household: it must be a case under the caller.
      const row = await findCase(pool, query.caseId);
      if (!row) throw new NotFound('未找到该案件，请核对案件编号');
      authorizeOn(caller, 'integrity.list', caseTarget(row.orgs));
      idNumbers = [...(idNumbers ?? []), ...(await householdIdNumbers(pool, query.caseId))];
    }
    const rows = await listDishonesty(pool, {
      idNumbers,
      countyPrefix: org.slice(0, 6),
      includeExpired: query.includeExpired,
      after: creationPaging.after(query.cursor),
      limit: query.limit + 1,
    });
    const answer: IntegrityListAnswer = creationPaging.page(rows, query.limit, ({ createdAt, id }) => ({
      createdAt,
      id,
    }));
    res.json(masked(answer));
  });

  serve(router, integrityRoutes.create, async (req, res) => {
    const caller = callerOf(req);
    const record = parseOrThrow(dishonestyCreateSchema, req.body, ['body']);
    authorizeOn(caller, 'integrity.create', { org: record.countyCode });
    const createdAt = new Date().toISOString();
    const months = resolveRiskRules(record.countyCode, chinaDate(new Date(createdAt)), extraConfigEntries).dishonesty
      .expiryMonths.value;
    const id = await insertManualDishonesty(pool, {
      caseId: record.caseId ?? null,
      applicantIdNumber: record.applicantIdNumber,
      idNumbers: record.idNumbers,
      countyCode: record.countyCode,
      reasonZh: record.reasonZh,
      recordedBy: caller.userId,
      createdAt,
      expiresAt: expiresAt(createdAt, months),
    });
    res.status(201).json({ id, ...record, createdAt, expiresAt: expiresAt(createdAt, months) });
  });

  /** What the reviewer of an application must see about the household's integrity. */
  serve(router, integrityRoutes.ofApplication, async (req, res) => {
    const caller = callerOf(req);
    const id = parseOrThrow(caseIdSchema, req.params.id, ['params', 'id']);
    const row = await findCase(pool, id);
    if (!row) throw new NotFound('未找到该案件，请核对案件编号');
    authorizeOn(caller, 'applications.integrity', caseTarget(row.orgs));
    const reader = readerOf(req, caller);
    const [pledge, dishonestyRecords, riskWarnings] = await Promise.all([
      pledgeOfCase(pool, id),
      householdDishonesty(pool, id),
      liveWarningsOfCase(pool, id),
    ]);
    const read = { kind: 'integrity', caseId: id, scopeOrg: row.orgs.village } as const;
    await sendPersonalData(res, pool, reader, read, { caseId: id, pledge, dishonestyRecords, riskWarnings });
  });

  return router;
}
