/**
 * 工作台: 待办 (claimed by me), 可认领 (open for my post), 已办 (closed by me) from GET /api/tasks,
 * a page at a time (keyset cursor). The tab and the page are in the URL, so a link is shareable and
 * the browser's back button goes to the previous page.
 */
import { Alert, App as AntApp, Button, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, query } from '../api/client';
import type { TaskListAnswer, TaskListItem, TaskListName } from '../api/types';
import { formatDate } from '../format';
import { conflictMessage } from '../tasks/conflictMessage';
import { LoadFailed } from '../layout/LoadFailed';
import { DueTag } from '../tasks/DueTag';

type Tab = Extract<TaskListName, 'mine' | 'claimable' | 'done'>;
const TABS: { key: Tab; label: string; empty: string }[] = [
  { key: 'mine', label: '待办', empty: '暂无待办任务：可在「可认领」中认领' },
  { key: 'claimable', label: '可认领', empty: '暂无可认领的任务' },
  { key: 'done', label: '已办', empty: '暂无已办任务' },
];
const PAGE_SIZE = 20;

const isTab = (value: string | null): value is Tab => TABS.some((t) => t.key === value);

export function WorkbenchPage() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'mine';
  const cursor = params.get('cursor') ?? undefined;
  const { message } = AntApp.useApp();
  const [answer, setAnswer] = useState<TaskListAnswer>();
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string>();
  const [conflict, setConflict] = useState<string>();
  const [acting, setActing] = useState<number>();

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(undefined);
    try {
      setAnswer(await api<TaskListAnswer>('GET', `/api/tasks${query({ list: tab, limit: PAGE_SIZE, cursor })}`));
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '任务列表加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  }, [tab, cursor]);

  useEffect(() => {
    void load();
  }, [load]);

  function go(next: { tab?: Tab; cursor?: string }) {
    setConflict(undefined);
    const search = new URLSearchParams({ tab: next.tab ?? tab });
    if (next.cursor) search.set('cursor', next.cursor);
    setParams(search);
  }

  async function act(task: TaskListItem, action: 'claim' | 'release') {
    setActing(task.id);
    setConflict(undefined);
    try {
      await api('POST', `/api/tasks/${task.id}/${action}`, { version: task.version });
      void message.success(action === 'claim' ? '已认领，可在「待办」中办理' : '已退回，同岗位的同事可以认领');
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(conflictMessage(e, action));
      else void message.error(e instanceof ApiError ? e.message : '操作失败，请稍后重试');
    } finally {
      setActing(undefined);
      await load();
    }
  }

  const columns: TableColumnsType<TaskListItem> = [
    { title: '项目', dataIndex: 'programLabelZh', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: '家庭',
      key: 'household',
      render: (_v, t) => (
        <Space orientation="vertical" size={0}>
          <span>{t.householdMasked ?? '—'}</span>
          <Link to={`/cases/${encodeURIComponent(t.caseId)}`} style={{ fontSize: 12 }}>
            {t.caseId}
          </Link>
        </Space>
      ),
    },
    { title: '环节', dataIndex: 'stepLabelZh' },
    { title: '乡镇（街道）', dataIndex: 'township', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: '办理期限',
      key: 'due',
      width: 200,
      render: (_v, t) => (
        <Space orientation="vertical" size={2}>
          {t.dueAt && <span>{formatDate(t.dueAt)}</span>}
          {tab !== 'done' && <DueTag workingDaysLeft={t.workingDaysLeft} overdue={t.overdue} />}
        </Space>
      ),
    },
    {
      title: tab === 'done' ? '办结人' : '认领人',
      key: 'claimant',
      width: 110,
      render: (_v, t) => (tab === 'done' ? t.closedBy : t.claimedBy) ?? '—',
    },
    ...(tab === 'done'
      ? [
          {
            title: '办结日期',
            key: 'closedAt',
            width: 130,
            render: (_v: unknown, t: TaskListItem) => formatDate(t.closedAt),
          },
        ]
      : [
          {
            title: '操作',
            key: 'action',
            width: 100,
            render: (_v: unknown, t: TaskListItem) =>
              tab === 'claimable' ? (
                <Button type="primary" size="small" loading={acting === t.id} onClick={() => void act(t, 'claim')}>
                  认领
                </Button>
              ) : (
                <Button size="small" loading={acting === t.id} onClick={() => void act(t, 'release')}>
                  退回
                </Button>
              ),
          },
        ]),
  ];

  const current = TABS.find((t) => t.key === tab)!;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
        工作台
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => go({ tab: key as Tab })}
        items={TABS.map((t) => ({ key: t.key, label: t.label }))}
      />
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          role="alert"
          closable={{ onClose: () => setConflict(undefined) }}
          style={{ marginBottom: 12 }}
        />
      )}
      {loadError && <LoadFailed error={loadError} retry={load} style={{ marginBottom: 12 }} />}
      <Table<TaskListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={answer?.items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: current.empty }}
        scroll={{ x: 1000 }}
      />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={!cursor} onClick={() => go({})}>
          第一页
        </Button>
        <Button disabled={!answer?.nextCursor} onClick={() => answer?.nextCursor && go({ cursor: answer.nextCursor })}>
          下一页
        </Button>
      </Space>
    </>
  );
}
