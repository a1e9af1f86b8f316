/**
 * Payment cycles for county finance staff: start the month's cycle (once per county and month),
 * read it, submit, approve or return it (maker-checker), fetch the bank file, upload the bank's
 * return file, list the retries; and fund spending from the ledger. Finance staff act only on their
 * own county's cycles; county approvers and supervisors above the county may read.
 */
import type { Request } from 'express';
import { Router } from 'express';
import type { Pool } from 'pg';
import type { ReturnFileLimits } from '../../definitions/payments';
import { returnFileLimits as defaultReturnFileLimits } from '../../definitions/payments';
import { fundSpending, paymentFileOf, retriesOf } from '../../db/paymentQueries';
import type { PaymentCommands } from '../paymentCommands';
import { createReturnFileReceiver, returnFileBody } from '../returnFileUpload';
import { Forbidden, NotFound } from '../errors';
import type { Caller } from '../identity';
import { callerOf, requireRole } from '../identity';
import {
  commentBodySchema,
  correctionBodySchema,
  cycleIdSchema,
  retriesQuerySchema,
  spendingQuerySchema,
  startCycleBodySchema,
} from '../paymentSchemas';
import { parseOrThrow } from '../validation';
import { readerOf, recordRead, SERVED_HEADER, servedTo } from '../personalData';
import { maskBankFile } from '../../definitions/access';

const READING_ROLES = ['finance', 'county', 'supervisor'] as const;

const countyOfCycle = (cycleId: string): string => cycleId.slice(3, 9);

function requireCountyFinance(caller: Caller, county: string, action: string): void {
  requireRole(caller, ['finance'], action);
  if (caller.org !== county) throw new Forbidden('只能办理本县（市、区）的发放周期');
}

function requireReader(caller: Caller, county: string): void {
  requireRole(caller, READING_ROLES, '查看发放信息');
  if (!county.startsWith(caller.org)) throw new Forbidden('该县（市、区）不在您所在机构的管辖范围');
}

export function paymentsRouter({
  pool,
  payments,
  returnFileLimits = defaultReturnFileLimits,
}: {
  pool: Pool;
  payments: PaymentCommands;
  returnFileLimits?: ReturnFileLimits;
}): Router {
  const router = Router();

  router.post('/payment-cycles', async (req, res) => {
    const caller = callerOf(req);
    const { county, period } = parseOrThrow(startCycleBodySchema, req.body, ['body']);
    requireCountyFinance(caller, county, '发起发放周期');
    const { view, created } = await payments.startCycle(county, period, caller);
    res.status(created ? 201 : 200).json(view);
  });

  router.get('/payment-cycles/:id', async (req, res) => {
    const caller = callerOf(req);
    const id = parseOrThrow(cycleIdSchema, req.params.id, ['params', 'id']);
    requireReader(caller, countyOfCycle(id));
    res.json(await payments.readCycle(id));
  });

  /** The three decisions on a batch; the chart (through the workflow) says whether each is allowed now. */
  const decisions = [
    { path: 'submit', type: 'SUBMIT_FOR_APPROVAL', schema: commentBodySchema, actionZh: '提交发放批次' },
    { path: 'approve', type: 'APPROVE', schema: commentBodySchema, actionZh: '审核发放批次' },
    {
      path: 'return-for-correction',
      type: 'RETURN_FOR_CORRECTION',
      schema: correctionBodySchema,
      actionZh: '退回发放批次',
    },
  ] as const;
  for (const decision of decisions) {
    router.post(`/payment-cycles/:id/${decision.path}`, async (req, res) => {
      const caller = callerOf(req);
      const id = parseOrThrow(cycleIdSchema, req.params.id, ['params', 'id']);
      requireCountyFinance(caller, countyOfCycle(id), decision.actionZh);
      const payload = parseOrThrow(decision.schema, req.body ?? {}, ['body']);
      res.json(await payments.command(id, { type: decision.type, actor: caller, payload }));
    });
  }

  router.get('/payment-cycles/:id/bank-file', async (req, res) => {
    const caller = callerOf(req);
    const reader = readerOf(req, caller);
    const id = parseOrThrow(cycleIdSchema, req.params.id, ['params', 'id']);
    requireReader(caller, countyOfCycle(id));
    const file = await paymentFileOf(pool, id);
    if (!file) throw new NotFound('本周期尚未生成代发文件（须先审核通过）');
    // Finance get the file as the bank gets it; other readers a copy with masked accounts, whose
    // bytes are not the file's, so it carries no x-content-sha256.
    const served = servedTo(reader, 'bankFile');
    const content = served === 'full' ? file.content : maskBankFile(file.content);
    await recordRead(pool, reader, { kind: 'bankFile', cycleId: id, scopeOrg: countyOfCycle(id) }, served);
    res
      .type('text/csv; charset=utf-8')
      .set('content-disposition', `attachment; filename="${id}.csv"`)
      .set(SERVED_HEADER, served)
      .set(served === 'full' ? { 'x-content-sha256': file.sha256 } : {})
      .send(content);
  });

  // The bank's return file as sent (text/csv): checked whole before anything is kept (returnFileUpload.ts).
  const receiveReturnFile = createReturnFileReceiver({ pool, payments, limits: returnFileLimits });
  const returnFileSender = (req: Request): { caller: Caller; id: string } => {
    const caller = callerOf(req);
    const id = parseOrThrow(cycleIdSchema, req.params.id, ['params', 'id']);
    requireCountyFinance(caller, countyOfCycle(id), '登记银行回盘');
    return { caller, id };
  };
  router.post(
    '/payment-cycles/:id/return-file',
    // Who sends it is checked before its body (up to maxFileBytes) is read.
    (req, _res, next) => {
      returnFileSender(req);
      next();
    },
    returnFileBody(returnFileLimits),
    async (req, res) => {
      const { caller, id } = returnFileSender(req);
      res.json(await receiveReturnFile(id, req.body, caller));
    }
  );

  router.get('/payment-retries', async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(retriesQuerySchema, req.query, ['query']);
    requireReader(caller, query.county);
    res.json({ items: await retriesOf(pool, query.county, query.open === 'true') });
  });

  router.get('/funds/spending', async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(spendingQuerySchema, req.query, ['query']);
    requireReader(caller, query.county);
    res.json({ items: await fundSpending(pool, query.county, query.period) });
  });

  return router;
}
