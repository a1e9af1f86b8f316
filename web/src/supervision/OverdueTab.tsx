/**
 * 超期与临期案件: the cases past their legal limit (or due within 3 working days) under the org in
 * view, most overdue first, each linked to its page — and to its 办理 tab, where a supervisor grants
 * the 30 → 45 working-day extension (EXTEND_TIME_LIMIT) with its reason when the chart allows it.
 */
import { Radio, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { query } from '../api/client';
import { useLoaded } from '../api/useLoaded';
import type { DueCase, OverdueAnswer } from '../api/types';
import { formatDate } from '../format';
import { emptyText } from '../layout/EmptyText';
import { LoadFailed } from '../layout/LoadFailed';
import { ToneTag } from '../layout/ToneTag';
import { hoursText } from './supervisionData';
import type { TabProps } from './tabParams';
import { withFilter } from './tabParams';
import { CursorPager } from '../layout/CursorPager';

export function OverdueTab({ org, params, setParams }: TabProps) {
  const list = params.get('list') === 'dueSoon' ? 'dueSoon' : 'overdue';
  const cursor = params.get('cursor') ?? undefined;
  const path =
    list === 'overdue'
      ? `/api/supervision/overdue${query({ org, cursor })}`
      : `/api/supervision/due-soon${query({ org, within: '3wd', cursor })}`;
  const { data, error, loading, load } = useLoaded<OverdueAnswer>(path);

  const columns: TableColumnsType<DueCase> = [
    {
      title: '案件',
      key: 'case',
      render: (_v, c) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.id}</Link>
          <span>{c.applicantName ?? '—'}</span>
        </Space>
      ),
    },
    { title: '环节', dataIndex: 'stepLabelZh' },
    { title: '乡镇（街道）', key: 'township', render: (_v, c) => c.orgs.township },
    { title: '期限', dataIndex: 'dueAt', render: (d: string) => formatDate(d) },
    {
      title: list === 'overdue' ? '已超期' : '剩余',
      dataIndex: 'hoursPastDue',
      render: (h: number) =>
        h > 0 ? (
          <ToneTag tone="error">已超期{hoursText(h)}</ToneTag>
        ) : (
          <ToneTag tone="warning">剩余{hoursText(-h)}</ToneTag>
        ),
    },
    { title: '受理以来', dataIndex: 'ageDays', render: (d: number) => `${d}天` },
    {
      title: '操作',
      key: 'action',
      render: (_v, c) => (
        <Link to={`/cases/${encodeURIComponent(c.id)}?tab=actions`} aria-label={`延期办理：${c.id}`}>
          延期办理
        </Link>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Radio.Group
          value={list}
          optionType="button"
          onChange={(e) => setParams(withFilter(params, { list: e.target.value as string }))}
          options={[
            { value: 'overdue', label: '已超期' },
            { value: 'dueSoon', label: '3个工作日内到期' },
          ]}
        />
        <span data-testid="due-total">
          {org} 共 {data?.total ?? '…'} 件
        </span>
      </Space>
      {error && <LoadFailed error={error} retry={load} />}
      <Table<DueCase>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: emptyText(list === 'overdue' ? '没有超期的案件' : '没有临期的案件') }}
      />
      <CursorPager
        cursor={cursor}
        next={data?.nextCursor}
        go={(next) => setParams(withFilter(params, { cursor: next }))}
        style={{}}
      />
    </Space>
  );
}
