/**
 * 资金报表: what the county paid, per cash month (the cycle that paid), fund and program, summed from
 * the ledger by the API, with the back-pay part beside it; one month or all, and the same figures as
 * a CSV file for Excel (the API's `format=csv`: UTF-8 with BOM, Chinese headers).
 */
import { Button, DatePicker, Form, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError, query } from '../api/client';
import type { SpendingItem } from '../api/types';
import { LoadFailed } from '../layout/LoadFailed';
import { formatPeriod, formatYuan, programLabelZh, sumYuan } from './paymentLabels';

export function FundReport({ county }: { county: string }) {
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? undefined;
  const [items, setItems] = useState<SpendingItem[]>();
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string>();

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(undefined);
    try {
      setItems((await api<{ items: SpendingItem[] }>('GET', `/api/funds/spending${query({ county, period })}`)).items);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '资金报表加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  }, [county, period]);

  useEffect(() => {
    void load();
  }, [load]);

  function pick(month: string | undefined) {
    const search = new URLSearchParams(params);
    if (month) search.set('period', month);
    else search.delete('period');
    setParams(search, { replace: true });
  }

  const columns: TableColumnsType<SpendingItem> = [
    { title: '发放月份', dataIndex: 'period', render: (p: string) => formatPeriod(p) },
    { title: '资金代码', dataIndex: 'fundCode' },
    { title: '救助项目', dataIndex: 'program', render: (p: string) => programLabelZh(p) },
    { title: '已发放笔数', dataIndex: 'paidLines', align: 'right' },
    { title: '已发放金额', dataIndex: 'paidAmount', align: 'right', render: (v: string) => formatYuan(v) },
    { title: '其中补发笔数', dataIndex: 'backPayLines', align: 'right' },
    { title: '其中补发金额', dataIndex: 'backPayAmount', align: 'right', render: (v: string) => formatYuan(v) },
  ];
  const rows = items ?? [];

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Form layout="inline">
          <Form.Item label="发放月份" htmlFor="report-month">
            <DatePicker
              id="report-month"
              picker="month"
              placeholder="全部月份"
              value={period ? dayjs(`${period}-01`) : null}
              onChange={(value) => pick(value ? value.format('YYYY-MM') : undefined)}
            />
          </Form.Item>
        </Form>
        <Button
          href={`/api/funds/spending${query({ county, period, format: 'csv' })}`}
          download
          data-testid="report-csv"
        >
          导出 CSV（Excel）
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">
        按实际发放月份（发放该笔的周期）、资金和救助项目汇总已到账的发放记录，与发放台账一致；补发含往月补发和提标差额。
      </Typography.Paragraph>
      {loadError && <LoadFailed error={loadError} retry={load} style={{ marginBottom: 12 }} />}
      <Table
        rowKey={(r) => `${r.period}|${r.fundCode}|${r.program}`}
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        locale={{ emptyText: '所选月份没有已到账的发放' }}
        data-testid="fund-report"
        summary={() =>
          rows.length > 0 && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                合计
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {rows.reduce((n, r) => n + r.paidLines, 0)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {formatYuan(sumYuan(rows.map((r) => r.paidAmount)))}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {rows.reduce((n, r) => n + r.backPayLines, 0)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {formatYuan(sumYuan(rows.map((r) => r.backPayAmount)))}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </>
  );
}
