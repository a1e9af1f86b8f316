/**
 * One window, one form: the needs assessment (a dry run), the household application with a child
 * case per program, its combined view and children, and materials handed in once for all of them.
 * Each child is an ordinary case too (GET /api/applications/:caseId); this router only checks who
 * is calling and what they sent.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import type { HouseholdRow } from '../../db/householdRecords';
import { findHousehold } from '../../db/householdRecords';
import { claimHeldByOther } from '../../db/taskQueries';
import { householdApplicationSchema, needsAssessmentRequestSchema } from '../../definitions/intake/householdForm';
import type { HouseholdCommands } from './commands';
import type { ActionName } from '../../definitions/access';
import { caseTarget } from '../../definitions/access';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { householdRoutes } from './routes';
import type { CaseEventAccess } from '../applications/eventAccess';
import { householdIdSchema, supplyMaterialsBodySchema } from './schemas';
import { NotFound, TaskConflict } from '../http/errors';
import type { Caller } from '../http/identity';
import { callerOf } from '../http/identity';
import { idempotencyKeySchema } from '../http/schemas';
import { parseOrThrow } from '../http/validation';
import { maskedFor, readerOf, sendPersonalData } from '../http/personalData';

async function visibleHousehold(pool: Pool, caller: Caller, rawId: string, action: ActionName): Promise<HouseholdRow> {
  const id = parseOrThrow(householdIdSchema, rawId, ['params', 'id']);
  const row = await findHousehold(pool, id);
  if (!row) throw new NotFound('未找到该家庭申请，请核对申请编号');
  authorizeOn(caller, action, caseTarget(row.orgs));
  return row;
}

export function householdsRouter({
  pool,
  households,
  eventAccess,
}: {
  pool: Pool;
  households: HouseholdCommands;
  eventAccess: CaseEventAccess;
}): Router {
  const router = Router();

  /** A dry run: what the household may qualify for, and why. Starts nothing and writes nothing. */
  serve(router, householdRoutes.assess, (req, res) => {
    const caller = callerOf(req);
    const form = parseOrThrow(needsAssessmentRequestSchema, req.body, ['body']);
    authorizeOn(caller, 'households.assess', { org: form.orgs.township });
    res.json(households.assess(form));
  });

  serve(router, householdRoutes.start, async (req, res) => {
    const caller = callerOf(req);
    const key = req.header('idempotency-key');
    const idempotencyKey =
      key === undefined ? undefined : parseOrThrow(idempotencyKeySchema, key, ['headers', 'idempotency-key']);
    const form = parseOrThrow(householdApplicationSchema, req.body, ['body']);
    authorizeOn(caller, 'households.start', { org: form.orgs.township });
    const { view, replayed } = await households.start(form, caller, idempotencyKey);
    res
      .status(replayed ? 200 : 201)
      .location(`/api/household-applications/${view.id}`)
      .setHeader('Idempotent-Replayed', String(replayed))
      .json(view);
  });

  serve(router, householdRoutes.read, async (req, res) => {
    const caller = callerOf(req);
    const row = await visibleHousehold(pool, caller, req.params.id, 'households.read');
    const reader = readerOf(req, caller);
    const read = { kind: 'household', householdId: row.id, scopeOrg: row.orgs.village } as const;
    await sendPersonalData(res, pool, reader, read, await households.read(row.id, row.orgs));
  });

  serve(router, householdRoutes.children, async (req, res) => {
    const caller = callerOf(req);
    const row = await visibleHousehold(pool, caller, req.params.id, 'households.children');
    const reader = readerOf(req, caller);
    const read = { kind: 'household', householdId: row.id, scopeOrg: row.orgs.village } as const;
    await sendPersonalData(res, pool, reader, read, { items: (await households.read(row.id, row.orgs)).children });
  });

  serve(router, householdRoutes.materials, async (req, res) => {
    const caller = callerOf(req);
    const row = await visibleHousehold(pool, caller, req.params.id, 'households.materials');
    await eventAccess.authorizeHouseholdStep(caller, row.id);
    const body = parseOrThrow(supplyMaterialsBodySchema, req.body, ['body']);
    // As for a single case: a claimed task is its claimant's.
    const unclaimed = async (caseId: string) => {
      const claim = await claimHeldByOther(pool, caseId, caller);
      if (claim) {
        throw new TaskConflict(
          'TASK_CLAIMED_BY_OTHER',
          `“${claim.stepLabelZh}”已由 ${claim.claimedBy} 认领，请由认领人办理，或先释放、改派该任务`,
          claim
        );
      }
    };
    res.json(
      maskedFor(caller, 'household', await households.supplyMaterials(row.id, row.orgs, body, caller, unclaimed))
    );
  });

  return router;
}
