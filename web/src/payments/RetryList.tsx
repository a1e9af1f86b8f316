/**
 * 待重发: the county's failed and held lines waiting for a later cycle (or, asked for, those already
 * taken), from `GET /api/payment-retries`; on a cycle's page, only the lines that cycle failed.
 */
import { Switch, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, query } from '../api/client';
import type { RetryItem } from '../api/types';
import { LoadFailed } from '../layout/LoadFailed';
import { formatPeriod, formatYuan } from './paymentLabels';

export function RetryList({ county, failedInCycle }: { county: string; failedInCycle?: string }) {
  const [includeTaken, setIncludeTaken] = useState(failedInCycle !== undefined);
  const [items, setItems] = useState<RetryItem[]>();
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string>();

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(undefined);
    try {
      const answer = await api<{ items: RetryItem[] }>(
        'GET',
        `/api/payment-retries${query({ county, open: includeTaken ? 'false' : 'true' })}`
      );
      setItems(answer.items.filter((r) => failedInCycle === undefined || r.failedInCycle === failedInCycle));
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '待重发记录加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  }, [county, includeTaken, failedInCycle]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns: TableColumnsType<RetryItem> = [
    { title: '所属月份', dataIndex: 'period', render: (p: string) => formatPeriod(p) },
    {
      title: '案件编号',
      dataIndex: 'caseId',
      render: (id: string) => <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link>,
    },
    { title: '金额', dataIndex: 'amount', align: 'right', render: (v: string) => formatYuan(v) },
    { title: '失败原因', dataIndex: 'failureReason' },
    { title: '失败周期', dataIndex: 'failedInCycle' },
    { title: '第几次发放', dataIndex: 'attempt', align: 'right' },
    { title: '重发月份', dataIndex: 'duePeriod', render: (p: string) => formatPeriod(p) },
    { title: '重发周期', dataIndex: 'consumedBy', render: (v: string | null) => v ?? '待下期冻结时纳入' },
  ];

  return (
    <>
      {failedInCycle === undefined && (
        <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', marginBottom: 12 }}>
          <Switch checked={includeTaken} onChange={setIncludeTaken} aria-label="含已纳入重发的记录" />
          含已纳入重发的记录
        </label>
      )}
      {loadError && <LoadFailed error={loadError} retry={load} style={{ marginBottom: 12 }} />}
      <Table
        rowKey={(r) => `${r.ledgerId}-${r.attempt}`}
        columns={columns}
        dataSource={items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: failedInCycle ? '本期没有发放失败的记录' : '没有待重发的记录' }}
        data-testid="retry-list"
      />
    </>
  );
}
