/**
 * Receiving a bank return file. Everything that can refuse it runs here, in the API process, before
 * anything is stored or enters the cycle's workflow history: the bytes and layout (pure code), the
 * cycle's step, then the lines against what the cycle sent (a read of the ledger). Only a file that
 * passes is kept, within the cycle's caps, and named to the workflow by its id; the booking checks
 * it once more under the cycle's lock. So a wrong file of any size is answered in about a second
 * with its first problems and their count, and never queues before a good one.
 */
import express from 'express';
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import type { FileProblem, ReturnFileLimits } from '../../definitions/payments';
import { parseReturnFile, problemReport } from '../../definitions/payments';
import type { ReturnFileToKeep } from '../../db/returnFiles';
import {
  keepReturnFile,
  keptReturnFile,
  matchWithLedger,
  ReturnFileCapReached,
  returnFileHash,
} from '../../db/returnFiles';
import type { CycleView } from '../../workflows/paymentContract';
import { FileRejected, LimitReached, TransitionRefused } from '../http/errors';
import type { Caller } from '../http/identity';
import type { PaymentCommands } from './commands';

const mib = (bytes: number): string => `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;

/**
 * The body as bytes, refused with 413 past the limit (before it is read, when Content-Length says so).
 * Decoding is ours: bytes that are not UTF-8 become U+FFFD, which the parser names by line.
 */
export function returnFileBody(limits: ReturnFileLimits): RequestHandler {
  const maxBytes = limits.maxFileBytes.value;
  const read = express.raw({ type: ['text/csv', 'text/plain'], limit: maxBytes });
  return (req, res, next) => {
    read(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type !== 'entity.too.large') return next(error);
      next(
        new LimitReached(413, 'FILE_TOO_LARGE', `回盘文件超过 ${mib(maxBytes)} 的上限，请让银行按批次拆分后分别上传`, {
          name: 'maxFileBytes',
          value: maxBytes,
        })
      );
    });
  };
}

export function createReturnFileReceiver({
  pool,
  payments,
  limits,
}: {
  pool: Pool;
  payments: PaymentCommands;
  limits: ReturnFileLimits;
}) {
  const rejection = (message: string, problems: FileProblem[]): FileRejected => {
    const report = problemReport(problems, limits.maxListedProblems.value);
    return new FileRejected(message, report.problems, report.problemCount);
  };

  async function requireAwaitingReturn(cycleId: string): Promise<void> {
    const cycle = await payments.readCycle(cycleId);
    // Checked before the file is kept, so a cycle that expects no return keeps no stray file.
    if (cycle.allowedCommands.some((c) => c.type === 'RECORD_RETURN')) return;
    throw new TransitionRefused('发放周期当前环节不接收银行回盘；可办理的操作见 allowedEvents', {
      step: cycle.step,
      stepLabelZh: cycle.stepLabelZh,
      allowedEvents: cycle.allowedCommands,
    });
  }

  async function keep(file: ReturnFileToKeep): Promise<string> {
    const caps = {
      maxFilesPerCycle: limits.maxFilesPerCycle.value,
      maxStoredBytesPerCycle: limits.maxStoredBytesPerCycle.value,
    };
    try {
      return await keepReturnFile(pool, file, caps);
    } catch (error) {
      if (!(error instanceof ReturnFileCapReached)) throw error;
      const message =
        error.cap === 'maxFilesPerCycle'
          ? `本周期已保存 ${error.limit} 个回盘文件，达到上限；请将未回盘的各笔合并为一个文件，或联系系统管理员`
          : `本周期保存的回盘文件合计将超过 ${mib(error.limit)} 的上限；请联系系统管理员`;
      throw new LimitReached(409, 'RETURN_FILES_LIMIT', message, { name: error.cap, value: error.limit });
    }
  }

  /** Checks the uploaded file, keeps it and has the cycle book it; refusals leave nothing behind. */
  return async function receiveReturnFile(cycleId: string, body: unknown, caller: Caller): Promise<CycleView> {
    const content = Buffer.isBuffer(body) ? body.toString('utf8') : '';
    const parsed = parseReturnFile(content);
    if (!parsed.ok) throw rejection('回盘文件格式有误，未登记任何一笔；请按行号核对后重新上传', parsed.problems);
    await requireAwaitingReturn(cycleId);
    const sha256 = returnFileHash(content);
    // The very file kept before (recorded again) goes straight to the cycle, which books it once.
    let fileId = await keptReturnFile(pool, cycleId, sha256);
    if (!fileId) {
      const { result } = await matchWithLedger(pool, cycleId, parsed.lines);
      if (result.problems.length > 0) {
        throw rejection('回盘文件与本批次不符，未登记任何一笔；请按行号核对后重新上传', result.problems);
      }
      fileId = await keep({ cycleId, content, sha256, lines: parsed.lines.length, recordedBy: caller.userId });
    }
    return payments.command(cycleId, { type: 'RECORD_RETURN', actor: caller, payload: { fileId } });
  };
}
