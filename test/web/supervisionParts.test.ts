/**
 * The supervision view's pure parts (web/src/supervision/supervisionData.ts): counts per county from
 * the township groups, a stuck case's problem in words, limits and durations as text, and bulk
 * actions that report every item and go on past a failure.
 */
import { stepLabelsZh } from '../../definitions/engine/stepLimits';
import { definitionForVersion } from '../../definitions';
import { formatShare } from '../../web/src/format';
import {
  countsPerProgram,
  dueCounts,
  hoursText,
  limitText,
  problemWords,
  runEach,
} from '../../web/src/supervision/supervisionData';

const group = (key: string, count: number) => ({ key, count, earliestDueAt: '2026-12-01T00:00:00.000Z' });

describe('supervision dashboard figures', () => {
  it('adds the townships’ overdue and due-soon counts up to their counties', () => {
    const { townships, counties } = dueCounts(
      [group('370902001', 2), group('370902002', 1), group('370911001', 4)],
      [group('370902001', 3), group('370911003', 1)]
    );
    expect(townships).toEqual([
      { org: '370902001', overdue: 2, dueSoon: 3 },
      { org: '370902002', overdue: 1, dueSoon: 0 },
      { org: '370911001', overdue: 4, dueSoon: 0 },
      { org: '370911003', overdue: 0, dueSoon: 1 },
    ]);
    expect(counties).toEqual([
      { org: '370902', overdue: 3, dueSoon: 3 },
      { org: '370911', overdue: 4, dueSoon: 1 },
    ]);
  });

  it('counts each program’s cases in progress and finished', () => {
    const row = (program: string, status: string, step: string, count: number) => ({
      program,
      programLabelZh: program === 'dibao' ? '最低生活保障' : '特困人员救助供养',
      status,
      step,
      stepLabelZh: step,
      count,
    });
    expect(
      countsPerProgram([
        row('dibao', 'active', 'intake', 3),
        row('dibao', 'active', 'investigation', 2),
        row('dibao', 'done', 'rejected', 1),
        row('tekun', 'done', 'closed', 4),
      ])
    ).toEqual([
      { program: 'dibao', labelZh: '最低生活保障', active: 5, done: 1 },
      { program: 'tekun', labelZh: '特困人员救助供养', active: 0, done: 4 },
    ]);
  });

  it('writes limits, durations and shares as the tables show them', () => {
    expect(limitText([])).toBe('无法定时限');
    expect(
      limitText([
        { key: 'dataCheck', amount: 10, unit: 'workingDays', source: 'x' },
        { key: 'investigationStart', amount: 3, unit: 'workingDays', source: 'y' },
      ])
    ).toBe('10个工作日、3个工作日');
    expect(hoursText(5.25)).toBe('5.3小时');
    expect(hoursText(84)).toBe('3.5天');
    expect(formatShare(null)).toBe('—');
    expect(formatShare(0.875)).toBe('87.5%');
    expect(formatShare(1)).toBe('100.0%');
  });

  it('names every dibao step in Chinese from the chart', () => {
    const labels = stepLabelsZh(definitionForVersion('dibao@1').machine);
    expect(labels.investigation).toBe('调查核实');
    expect(labels.inPayment).toBe('保障中（按月发放）');
    expect(Object.values(labels).every((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
  });
});

describe('stuck cases in words', () => {
  it('says what fails, how often, the last error and when', () => {
    expect(
      problemWords({
        kind: 'activityRetrying',
        activityId: '7',
        activityType: 'recordTransition',
        state: 'scheduled',
        attempt: 5,
        maximumAttempts: null,
        lastFailure: { message: 'connection refused', type: null },
        lastAttemptAt: null,
        nextAttemptAt: null,
      })
    ).toMatchObject({
      cause: '环节反复失败重试（recordTransition）',
      attempts: '第5次',
      lastError: 'connection refused',
    });
    expect(
      problemWords({
        kind: 'writeRefused',
        activityType: 'recordSubmission',
        sqlState: '23514',
        condition: 'check_violation',
        message: 'new row violates check constraint',
        failedAt: null,
      })
    ).toMatchObject({
      cause: '数据库拒绝写入（recordSubmission，SQLSTATE 23514 check_violation）',
      attempts: '已暂停，待修复后重试',
    });
    expect(
      problemWords({ kind: 'workflowTaskFailing', attempt: 3, cause: null, message: null, failedAt: null })
    ).toMatchObject({ cause: '流程代码执行失败（原因未知）', attempts: '第3次', lastError: '—' });
  });
});

describe('bulk actions', () => {
  it('runs each item in turn, reports each, and goes on past a failure', async () => {
    const order: string[] = [];
    const seen: number[] = [];
    const results = await runEach(
      ['a', 'b', 'c'],
      (id) => {
        order.push(id);
        return id === 'b' ? Promise.reject(new Error('该案件当前没有反复失败的环节')) : Promise.resolve(`已重试 ${id}`);
      },
      (e) => (e as Error).message,
      (so) => seen.push(so.length)
    );
    expect(order).toEqual(['a', 'b', 'c']);
    expect(seen).toEqual([1, 2, 3]);
    expect(results).toEqual([
      { id: 'a', ok: true, message: '已重试 a' },
      { id: 'b', ok: false, message: '该案件当前没有反复失败的环节' },
      { id: 'c', ok: true, message: '已重试 c' },
    ]);
  });
});
