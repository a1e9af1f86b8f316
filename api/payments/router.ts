/**
 * Payment cycles for county finance staff: start the month's cycle (once per county and month),
 * read it, submit, approve or return it (maker-checker), fetch the bank file, upload the bank's
 * return file, list the retries; list a county's cycles and a cycle's lines (from the read model and
 * the ledger); and fund spending from the ledger, as JSON or a CSV file for Excel. Finance staff act
 * only on their own county's cycles; county approvers and supervisors above the county may read.
 */
import type { Request } from 'express';
import { Router } from 'express';
import type { Pool } from 'pg';
import type { ReturnFileLimits } from '../../definitions/payments';
import { returnFileLimits as defaultReturnFileLimits } from '../../definitions/payments';
import type { SpendingRow } from '../../db/paymentQueries';
import { cycleLines, cyclesOf, fundSpending, paymentFileOf, retriesOf } from '../../db/paymentQueries';
import { countyOfCycleId, cycleStepLabelsZh } from '../../definitions/payments';
import type { CsvColumn } from '../../definitions/publication';
import { maskName } from '../../definitions/publication/maskName';
import type { ActionName } from '../../definitions/access';
import { makerChecker } from '../../definitions/access';
import { authorizeOn, refuseUnless } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { paymentRoutes } from './routes';
import type { PaymentCommands } from './commands';
import { createReturnFileReceiver, returnFileBody } from './returnFileUpload';
import { DEFAULT_CSV_EXPORT_MAX_ROWS, streamCsv } from '../http/csv';
import { NotFound } from '../http/errors';
import type { Caller } from '../http/identity';
import { callerOf } from '../http/identity';
import {
  cycleIdSchema,
  cycleLinesQuerySchema,
  cyclePaging,
  cyclesQuerySchema,
  linePaging,
  retriesQuerySchema,
  spendingPaging,
  spendingQuerySchema,
  startCycleBodySchema,
} from './schemas';
import type { CycleLine, CycleLinesAnswer, CycleListAnswer } from './schemas';
import { parseOrThrow } from '../http/validation';
import { masked, readerOf, recordRead, SERVED_HEADER, servedTo } from '../http/personalData';
import { maskBankFile } from '../../definitions/access';

/** The cycle id from the path, once the caller may take `action` on its county. */
function cycleFor(caller: Caller, rawId: string, action: ActionName): string {
  const id = parseOrThrow(cycleIdSchema, rawId, ['params', 'id']);
  authorizeOn(caller, action, { org: countyOfCycleId(id) });
  return id;
}

/** Fund spending as a spreadsheet: the JSON answer's figures, with Chinese headers. */
const spendingColumns: CsvColumn<SpendingRow>[] = [
  { headerZh: '县（市、区）代码', value: (r) => r.county },
  { headerZh: '发放月份', value: (r) => r.period },
  { headerZh: '资金代码', value: (r) => r.fundCode },
  { headerZh: '救助项目', value: (r) => r.program },
  { headerZh: '已发放笔数', value: (r) => r.paidLines },
  { headerZh: '已发放金额（元）', value: (r) => r.paidAmount },
  { headerZh: '其中补发笔数', value: (r) => r.backPayLines },
  { headerZh: '其中补发金额（元）', value: (r) => r.backPayAmount },
];

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

  serve(router, paymentRoutes.startCycle, async (req, res) => {
    const caller = callerOf(req);
    const { county, period } = parseOrThrow(startCycleBodySchema, req.body, ['body']);
    authorizeOn(caller, 'payments.cycle.start', { org: county });
    const { view, created } = await payments.startCycle(county, period, caller);
    res.status(created ? 201 : 200).json(view);
  });

  serve(router, paymentRoutes.listCycles, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(cyclesQuerySchema, req.query, ['query']);
    authorizeOn(caller, 'payments.cycle.list', { org: query.county });
    const after = cyclePaging.after(query.cursor);
    const rows = await cyclesOf(pool, query.county, after?.period, query.limit + 1);
    const answer: CycleListAnswer = cyclePaging.page(
      rows.map((row) => ({ ...row, stepLabelZh: cycleStepLabelsZh[row.step] ?? row.step })),
      query.limit,
      ({ period }) => ({ period })
    );
    res.json(answer);
  });

  serve(router, paymentRoutes.readCycle, async (req, res) => {
    const id = cycleFor(callerOf(req), req.params.id, 'payments.cycle.read');
    res.json(await payments.readCycle(id));
  });

  // A list: the holder's name masked as on a published list, the account by `masked` (the bank file has them whole).
  serve(router, paymentRoutes.cycleLines, async (req, res) => {
    const id = cycleFor(callerOf(req), req.params.id, 'payments.lines.read');
    const query = parseOrThrow(cycleLinesQuerySchema, req.query, ['query']);
    const rows = await cycleLines(pool, id, linePaging.after(query.cursor), query.limit + 1);
    const answer: CycleLinesAnswer = linePaging.page(
      rows.map((row) => ({
        ...row,
        rollKind: row.rollKind as CycleLine['rollKind'],
        ledgerKind: row.ledgerKind as CycleLine['ledgerKind'],
        holderName: row.holderName === null ? null : maskName(row.holderName),
      })),
      query.limit,
      ({ forPeriod, entitlementId, changeSeq }) => ({ forPeriod, entitlementId, changeSeq })
    );
    res.json(masked(answer));
  });

  /** The three decisions on a batch; the chart (through the workflow) says whether each is allowed now. */
  const decisions = [
    { route: paymentRoutes.submit, type: 'SUBMIT_FOR_APPROVAL' },
    { route: paymentRoutes.approve, type: 'APPROVE' },
    { route: paymentRoutes.returnForCorrection, type: 'RETURN_FOR_CORRECTION' },
  ] as const;
  for (const { route, type } of decisions) {
    serve(router, route, async (req, res) => {
      const caller = callerOf(req);
      const id = cycleFor(caller, req.params.id, route.action);
      const payload = parseOrThrow(route.body, req.body ?? {}, ['body']);
      // Maker-checker, said as the rule it is before the cycle is asked (the chart refuses it too).
      refuseUnless(makerChecker(caller, type, await payments.readCycle(id)));
      res.json(await payments.command(id, { type, actor: caller, payload }));
    });
  }

  serve(router, paymentRoutes.bankFile, async (req, res) => {
    const caller = callerOf(req);
    const id = cycleFor(caller, req.params.id, 'payments.bankFile.read');
    const reader = readerOf(req, caller);
    const file = await paymentFileOf(pool, id);
    if (!file) throw new NotFound('本周期尚未生成代发文件（须先审核通过）');
    // Finance get the file as the bank gets it; other readers a copy with masked accounts, whose
    // bytes are not the file's, so it carries no x-content-sha256.
    const served = servedTo(reader, 'bankFile');
    const content = served === 'full' ? file.content : maskBankFile(file.content);
    await recordRead(pool, reader, { kind: 'bankFile', cycleId: id, scopeOrg: countyOfCycleId(id) }, served);
    res
      .type('text/csv; charset=utf-8')
      .set('content-disposition', `attachment; filename="${id}.csv"`)
      .set(SERVED_HEADER, served)
      .set(served === 'full' ? { 'x-content-sha256': file.sha256 } : {})
      .send(content);
  });

  // The bank's return file as sent (text/csv): checked whole before anything is kept (payments/returnFileUpload.ts).
  const receiveReturnFile = createReturnFileReceiver({ pool, payments, limits: returnFileLimits });
  const returnFileSender = (req: Request): { caller: Caller; id: string } => {
    const caller = callerOf(req);
    return { caller, id: cycleFor(caller, String(req.params.id), 'payments.returnFile.upload') };
  };
  serve(
    router,
    paymentRoutes.returnFile,
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

  serve(router, paymentRoutes.retries, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(retriesQuerySchema, req.query, ['query']);
    authorizeOn(caller, 'payments.retries.read', { org: query.county });
    res.json({ items: await retriesOf(pool, query.county, query.open === 'true') });
  });

  serve(router, paymentRoutes.spending, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(spendingQuerySchema, req.query, ['query']);
    authorizeOn(caller, 'funds.spending.read', { org: query.county });
    const after = spendingPaging.after(query.cursor);
    if (query.format === 'json') {
      res.json({ items: await fundSpending(pool, query.county, query.period, { after }) });
      return;
    }
    await streamCsv<SpendingRow, SpendingRow>(res, {
      columns: spendingColumns,
      fileNameZh: `资金支出-${query.county}${query.period ? `-${query.period}` : ''}.csv`,
      fetch: (limit, last) => fundSpending(pool, query.county, query.period, { after: last ?? after, limit }),
      toItem: (row) => row,
      cursorAfter: ({ period, fundCode, program }) => spendingPaging.encode({ period, fundCode, program }),
      maxRows: DEFAULT_CSV_EXPORT_MAX_ROWS,
    });
  });

  return router;
}
