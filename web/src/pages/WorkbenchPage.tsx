/**
 * 工作台: 待办 (claimed by me), 可认领 (open for my post), 已办 (closed by me) from GET /api/tasks,
 * a page at a time (keyset cursor), filtered and ordered on the server. Tab, filters, order and page
 * are in the URL (web/src/tasks/listQuery.ts), so a filtered view is a link to share or bookmark and
 * the back button goes to the previous page. 可认领 claims one task or the selected ones (the answer
 * item by item); 待办 gives a task back or hands it to a colleague (转办).
 */
import { Alert, App as AntApp, Button, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, query } from '../api/client';
import type { BulkClaimAnswer, TaskListAnswer, TaskListItem } from '../api/types';
import { formatDate } from '../format';
import { LoadFailed } from '../layout/LoadFailed';
import { useSignedIn } from '../session/SessionContext';
import { BulkClaimResults } from '../tasks/BulkClaimResults';
import { conflictMessage } from '../tasks/conflictMessage';
import { DueTag } from '../tasks/DueTag';
import type { ListView, Tab } from '../tasks/listQuery';
import { apiQuery, isFiltered, listViewParams, readListView, withChange } from '../tasks/listQuery';
import { ReassignDialog } from '../tasks/ReassignDialog';
import { TaskFilters } from '../tasks/TaskFilters';
import { CursorPager } from '../layout/CursorPager';

const TABS: { key: Tab; label: string; empty: string }[] = [
  { key: 'mine', label: '待办', empty: '暂无待办任务：可在「可认领」中认领' },
  { key: 'claimable', label: '可认领', empty: '暂无可认领的任务' },
  { key: 'done', label: '已办', empty: '暂无已办任务' },
];
const PAGE_SIZE = 20;

export function WorkbenchPage() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readListView(params), [params]);
  const { tab } = view;
  const { post } = useSignedIn();
  const { message } = AntApp.useApp();
  const [answer, setAnswer] = useState<TaskListAnswer>();
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string>();
  const [conflict, setConflict] = useState<string>();
  const [acting, setActing] = useState<number>();
  const [selected, setSelected] = useState<number[]>([]);
  const [claiming, setClaiming] = useState(false);
  const [bulkAnswer, setBulkAnswer] = useState<BulkClaimAnswer>();
  const [bulkTasks, setBulkTasks] = useState<ReadonlyMap<number, TaskListItem>>(new Map());
  const [reassigning, setReassigning] = useState<TaskListItem>();
  const search = query(apiQuery(view, PAGE_SIZE));

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(undefined);
    try {
      setAnswer(await api<TaskListAnswer>('GET', `/api/tasks${search}`));
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '任务列表加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  }, [search]);

  useEffect(() => {
    setSelected([]);
    void load();
  }, [load]);

  function go(next: ListView) {
    setConflict(undefined);
    setParams(listViewParams(next));
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

  async function claimSelected() {
    const rows = (answer?.items ?? []).filter((t) => selected.includes(t.id));
    setClaiming(true);
    setConflict(undefined);
    try {
      const result = await api<BulkClaimAnswer>('POST', '/api/tasks/claim', {
        items: rows.map((t) => ({ id: t.id, version: t.version })),
      });
      setBulkTasks(new Map(rows.map((t) => [t.id, t])));
      setBulkAnswer(result);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '批量认领失败，请稍后重试');
    } finally {
      setClaiming(false);
      // The claimed rows leave the list; a selection must not outlive the rows it named.
      setSelected([]);
      await load();
    }
  }

  const columns: TableColumnsType<TaskListItem> = [
    { title: '项目', dataIndex: 'programLabelZh', width: 130, render: (v: string | null) => v ?? '—' },
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
    { title: '环节', dataIndex: 'stepLabelZh', width: 130 },
    {
      title: '乡镇（街道）',
      key: 'township',
      width: 120,
      render: (_v, t) => <span title={t.township ?? undefined}>{t.townshipNameZh ?? '—'}</span>,
    },
    {
      title: '办理期限',
      key: 'due',
      width: 170,
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
            width: 140,
            render: (_v: unknown, t: TaskListItem) =>
              tab === 'claimable' ? (
                <Button type="primary" size="small" loading={acting === t.id} onClick={() => void act(t, 'claim')}>
                  认领
                </Button>
              ) : (
                <Space size={4}>
                  <Button size="small" loading={acting === t.id} onClick={() => void act(t, 'release')}>
                    退回
                  </Button>
                  <Button size="small" onClick={() => setReassigning(t)}>
                    转办
                  </Button>
                </Space>
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
        onChange={(key) => go(withChange(view, { tab: key as Tab }))}
        items={TABS.map((t) => ({ key: t.key, label: t.label }))}
      />
      <TaskFilters
        view={view}
        facets={answer?.facets}
        org={post.org}
        onChange={(change) => go(withChange(view, change))}
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
      {tab === 'claimable' && (
        <Space style={{ marginBottom: 12 }}>
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={claiming}
            onClick={() => void claimSelected()}
          >
            批量认领{selected.length > 0 ? `（${selected.length}）` : ''}
          </Button>
          <span>{selected.length > 0 ? `已选 ${selected.length} 项` : '勾选任务后可一次认领多项'}</span>
        </Space>
      )}
      <Table<TaskListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={answer?.items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: isFiltered(view) ? '没有符合筛选条件的任务' : current.empty }}
        rowSelection={
          tab === 'claimable'
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(Number)),
                getCheckboxProps: (t) => ({ 'aria-label': `选择 ${t.caseId}` }),
              }
            : undefined
        }
      />
      <CursorPager cursor={view.cursor} next={answer?.nextCursor} go={(cursor) => go({ ...view, cursor })} />
      <BulkClaimResults answer={bulkAnswer} tasks={bulkTasks} onClose={() => setBulkAnswer(undefined)} />
      <ReassignDialog
        task={reassigning}
        onCancel={() => setReassigning(undefined)}
        onConflict={(e) => {
          setReassigning(undefined);
          setConflict(conflictMessage(e, 'reassign'));
          void load();
        }}
        onDone={(to) => {
          setReassigning(undefined);
          void message.success(`已转办给 ${to.name}`);
          void load();
        }}
      />
    </>
  );
}
