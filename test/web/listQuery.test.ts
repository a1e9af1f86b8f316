/** The work list's URL (web/src/tasks/listQuery.ts) and the bulk claim's lines: pure, no browser needed. */
import { apiQuery, listViewParams, readListView, withChange } from '../../web/src/tasks/listQuery';
import { bulkResultText } from '../../web/src/tasks/conflictMessage';

const read = (search: string) => readListView(new URLSearchParams(search));

describe('work list URL', () => {
  it('reads a shared link and drops what the console does not know', () => {
    expect(read('tab=claimable&due=overdue&sort=-dueAt&township=379901394&program=dibao')).toEqual({
      tab: 'claimable',
      due: 'overdue',
      sort: '-dueAt',
      township: '379901394',
      program: 'dibao',
      step: undefined,
      cursor: undefined,
    });
    expect(read('tab=admin&due=late&sort=name&township=12')).toMatchObject({
      tab: 'mine',
      due: undefined,
      sort: undefined,
      township: undefined,
    });
  });

  it('writes equal views as equal links, and a changed filter starts at the first page', () => {
    const view = read('sort=dueAt&tab=claimable&cursor=abc&due=dueSoon');
    expect(listViewParams(view).toString()).toBe('tab=claimable&due=dueSoon&sort=dueAt&cursor=abc');
    expect(listViewParams(withChange(view, { due: 'overdue' })).toString()).toBe(
      'tab=claimable&due=overdue&sort=dueAt'
    );
    // Another tab starts clean: its tasks are other tasks.
    expect(withChange(view, { tab: 'done' })).toEqual({ tab: 'done' });
    expect(apiQuery(view, 20)).toMatchObject({ list: 'claimable', limit: 20, due: 'dueSoon', cursor: 'abc' });
  });

  it('says per item what a bulk claim did', () => {
    const task = { status: 'claimed', claimedBy: 'wang' } as never;
    expect(
      bulkResultText({ id: 1, outcome: 'conflict', code: 'TASK_VERSION_STALE', message: 'x', task, claimedBy: 'wang' })
    ).toBe('晚了一步：该任务刚刚已由 wang 认领。');
    expect(bulkResultText({ id: 2, outcome: 'forbidden', code: 'OUT_OF_SCOPE', message: '【范围】不在本岗位' })).toBe(
      '【范围】不在本岗位'
    );
    expect(bulkResultText({ id: 3, outcome: 'notFound', message: '' })).toBe('未找到该任务，可能已办结');
  });
});
