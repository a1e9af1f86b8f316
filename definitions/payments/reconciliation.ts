/**
 * Matching a return file against the lines a cycle sent to the bank. Every returned line must be
 * one the cycle is still waiting for, with the amount it was sent with; an unknown, repeated or
 * already-answered line is an error that refuses the whole file, never a line quietly skipped.
 * Lines the bank has not answered yet stay outstanding (a later return file may answer them).
 * No I/O.
 */
import { toYuan } from './amounts';
import type { FileProblem, ReturnLine } from './returnFile';

export interface SentLine {
  reference: string;
  amountFen: number;
  /** 'exported' while the bank has not answered. */
  status: 'exported' | 'paid' | 'failed';
}

export interface Reconciliation {
  paid: ReturnLine[];
  failed: ReturnLine[];
  /** Sent lines this file does not answer and no earlier file did. */
  outstanding: number;
  problems: FileProblem[];
}

export function reconcileReturn(sent: readonly SentLine[], returned: readonly ReturnLine[]): Reconciliation {
  const byReference = new Map(sent.map((s) => [s.reference, s]));
  const seenAt = new Map<string, number>();
  const problems: FileProblem[] = [];
  const paid: ReturnLine[] = [];
  const failed: ReturnLine[] = [];
  for (const line of returned) {
    const first = seenAt.get(line.reference);
    if (first !== undefined) {
      problems.push({ line: line.line, field: 'reference', message: `与第 ${first} 行重复：${line.reference}` });
      continue;
    }
    seenAt.set(line.reference, line.line);
    const sentLine = byReference.get(line.reference);
    if (!sentLine) {
      problems.push({ line: line.line, field: 'reference', message: `本批次没有此流水号：${line.reference}` });
    } else if (sentLine.status !== 'exported') {
      problems.push({
        line: line.line,
        field: 'reference',
        message: `此流水号已在此前的回盘中处理：${line.reference}`,
      });
    } else if (sentLine.amountFen !== line.amountFen) {
      problems.push({
        line: line.line,
        field: 'amount',
        message: `金额与代发文件不符：应为 ${toYuan(sentLine.amountFen)}，回盘为 ${toYuan(line.amountFen)}`,
      });
    } else if (line.status === 'paid') {
      paid.push(line);
    } else {
      failed.push(line);
    }
  }
  const waiting = sent.filter((s) => s.status === 'exported').length;
  return { paid, failed, outstanding: waiting - paid.length - failed.length, problems };
}
