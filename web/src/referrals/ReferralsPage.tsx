/**
 * 转介: a county department's referral inbox (GET /api/referrals/inbox) — 待签收, 办理中, 已结束 —
 * each referral with the person, the reason, where it came from, its due date and the working days
 * left on the running clock; 签收, 反馈结果 and 退回 from the row (ReferralActionDialog). Nothing of
 * the household's case beyond the referral itself. The tab and the page are in the URL.
 */
import { App as AntApp, Button, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { departmentLabelsZh } from '../../../definitions/shared/departmentLabels';
import { api, ApiError, query } from '../api/client';
import type { ReferralInboxAnswer, ReferralInboxItem } from '../api/types';
import { formatDate } from '../format';
import { LoadFailed } from '../layout/LoadFailed';
import { useSignedIn } from '../session/SessionContext';
import { DueTag } from '../tasks/DueTag';
import type { ReferralAction } from './ReferralActionDialog';
import { ReferralActionDialog } from './ReferralActionDialog';
import { CursorPager } from '../layout/CursorPager';

type Status = 'open' | 'acknowledged' | 'done';
const TABS: { key: Status; label: string; empty: string }[] = [
  { key: 'open', label: '待签收', empty: '暂无待签收的转介事项' },
  { key: 'acknowledged', label: '办理中', empty: '暂无办理中的转介事项' },
  { key: 'done', label: '已结束', empty: '暂无已结束的转介事项' },
];
const PAGE_SIZE = 20;
const isStatus = (value: string | null): value is Status => TABS.some((t) => t.key === value);

export function ReferralsPage() {
  const post = useSignedIn().post;
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const status: Status = isStatus(params.get('status')) ? (params.get('status') as Status) : 'open';
  const cursor = params.get('cursor') ?? undefined;
  const [answer, setAnswer] = useState<ReferralInboxAnswer>();
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string>();
  const [acting, setActing] = useState<{ referral: ReferralInboxItem; action: ReferralAction }>();

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(undefined);
    try {
      setAnswer(
        await api<ReferralInboxAnswer>('GET', `/api/referrals/inbox${query({ status, limit: PAGE_SIZE, cursor })}`)
      );
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '转介事项加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  }, [status, cursor]);

  useEffect(() => {
    void load();
  }, [load]);

  function go(next: { status?: Status; cursor?: string }) {
    const search = new URLSearchParams({ status: next.status ?? status });
    if (next.cursor) search.set('cursor', next.cursor);
    setParams(search);
  }

  const columns: TableColumnsType<ReferralInboxItem> = [
    {
      title: '申请人',
      key: 'applicant',
      width: 170,
      render: (_v, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.applicantName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.id}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '转介事由', dataIndex: 'reason' },
    { title: '来自', key: 'from', width: 130, render: (_v, r) => `${r.orgs.township}乡镇（街道）` },
    { title: '送达日期', dataIndex: 'submittedAt', width: 130, render: (v: string) => formatDate(v) },
    { title: '环节', dataIndex: 'stepLabelZh', width: 90 },
    {
      title: status === 'open' ? '签收期限' : '办理期限',
      key: 'due',
      width: 170,
      render: (_v, r) =>
        r.status === 'done' ? (
          formatDate(r.updatedAt)
        ) : (
          <Space orientation="vertical" size={2}>
            {r.dueAt && <span>{formatDate(r.dueAt)}</span>}
            <DueTag workingDaysLeft={r.workingDaysLeft} overdue={r.overdue} />
          </Space>
        ),
    },
    ...(status === 'done'
      ? []
      : [
          {
            title: '操作',
            key: 'action',
            width: 190,
            render: (_v: unknown, r: ReferralInboxItem) => (
              <Space>
                {r.step === 'sent' ? (
                  <Button type="primary" size="small" onClick={() => setActing({ referral: r, action: 'acknowledge' })}>
                    签收
                  </Button>
                ) : (
                  <Button type="primary" size="small" onClick={() => setActing({ referral: r, action: 'outcome' })}>
                    反馈结果
                  </Button>
                )}
                <Button size="small" onClick={() => setActing({ referral: r, action: 'return' })}>
                  退回
                </Button>
              </Space>
            ),
          },
        ]),
  ];

  const current = TABS.find((t) => t.key === status)!;
  const department = post.department ? departmentLabelsZh[post.department] : '';
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
        转介事项（{department}部门）
      </Typography.Title>
      <Tabs
        activeKey={status}
        onChange={(key) => go({ status: key as Status })}
        items={TABS.map((t) => ({ key: t.key, label: t.label }))}
      />
      {loadError && <LoadFailed error={loadError} retry={load} style={{ marginBottom: 12 }} />}
      <Table<ReferralInboxItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={answer?.items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: current.empty }}
        scroll={{ x: 1000 }}
      />
      <CursorPager cursor={cursor} next={answer?.nextCursor} go={(next) => go(next ? { cursor: next } : {})} />
      {acting && (
        <ReferralActionDialog
          referral={acting.referral}
          action={acting.action}
          onClose={() => setActing(undefined)}
          onDone={(text) => {
            setActing(undefined);
            void message.success(text);
            void load();
          }}
        />
      )}
    </>
  );
}
