/**
 * 资金发放: the county's payment cycles, month by month, and starting the month's cycle (发放周期
 * 列表); the fund report (资金报表); and the retry list (待重发). The tab and the page are in the URL.
 * The county is the finance post's own.
 */
import { Alert, App as AntApp, Button, DatePicker, Form, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { apiResponse, api, ApiError, query } from '../api/client';
import { showAtFields } from '../api/formErrors';
import type { CycleListAnswer, CycleListItem, CycleView } from '../api/types';
import { formatDateTime } from '../format';
import { LoadFailed } from '../layout/LoadFailed';
import { useSignedIn } from '../session/SessionContext';
import { FundReport } from './FundReport';
import { formatPeriod, formatYuan, toneStyles } from './paymentLabels';
import { RetryList } from './RetryList';
import { CursorPager } from '../layout/CursorPager';

const PAGE_SIZE = 20;
type Tab = 'cycles' | 'report' | 'retries';
const isTab = (value: string | null): value is Tab => value === 'cycles' || value === 'report' || value === 'retries';

/** Starts the cycle of a month (once per county and month: a second start opens the existing one). */
function StartCycle({ county }: { county: string }) {
  const navigate = useNavigate();
  const { modal } = AntApp.useApp();
  // Named as the request body: a 400's `body.period` lands at the month picker.
  const [form] = Form.useForm<{ period: Dayjs }>();
  const [problem, setProblem] = useState<string>();
  const [sending, setSending] = useState(false);

  async function start(period: string) {
    setSending(true);
    setProblem(undefined);
    try {
      const { body } = await apiResponse<CycleView>('POST', '/api/payment-cycles', { county, period });
      void navigate(`/payments/${encodeURIComponent(body.id)}`);
    } catch (e) {
      if (e instanceof ApiError && showAtFields(form, e)) return;
      setProblem(e instanceof ApiError ? e.message : '发起失败，请稍后重试');
    } finally {
      setSending(false);
    }
  }

  function confirm({ period: month }: { period: Dayjs }) {
    const period = month.format('YYYY-MM');
    modal.confirm({
      title: `发起${formatPeriod(period)}发放周期？`,
      content:
        '将冻结本县该月的发放名册并生成发放批次；冻结后对保障对象的修改不再进入本期。本月已发起的，将打开已有周期。',
      okText: '确认发起',
      cancelText: '取消',
      onOk: () => start(period),
    });
  }

  return (
    <Form
      form={form}
      layout="inline"
      onFinish={confirm}
      initialValues={{ period: dayjs() }}
      style={{ marginBottom: 16 }}
    >
      <Form.Item label="发放月份" name="period" rules={[{ required: true, message: '请选择发放月份' }]}>
        <DatePicker picker="month" allowClear={false} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={sending}>
        发起发放周期
      </Button>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginLeft: 12 }} />}
    </Form>
  );
}

function CycleList({ county, cursor, go }: { county: string; cursor?: string; go: (cursor?: string) => void }) {
  const [answer, setAnswer] = useState<CycleListAnswer>();
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string>();

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(undefined);
    try {
      setAnswer(await api<CycleListAnswer>('GET', `/api/payment-cycles${query({ county, limit: PAGE_SIZE, cursor })}`));
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '发放周期加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  }, [county, cursor]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns: TableColumnsType<CycleListItem> = [
    {
      title: '发放月份',
      dataIndex: 'period',
      render: (period: string, cycle) => (
        <Link to={`/payments/${encodeURIComponent(cycle.id)}`}>{formatPeriod(period)}</Link>
      ),
    },
    { title: '周期编号', dataIndex: 'id' },
    {
      title: '当前环节',
      dataIndex: 'stepLabelZh',
      render: (label: string, cycle) => (
        <Tag style={toneStyles[cycle.step === 'reconciled' ? 'success' : 'progress']}>{label}</Tag>
      ),
    },
    { title: '应发笔数', dataIndex: 'payableLines', align: 'right', render: (v: number | null) => v ?? '—' },
    { title: '应发金额', dataIndex: 'payableAmount', align: 'right', render: (v: string | null) => formatYuan(v) },
    { title: '其中补发', dataIndex: 'backPayLines', align: 'right', render: (v: number | null) => v ?? '—' },
    { title: '制单人', dataIndex: 'preparer', render: (v: string | null) => v ?? '—' },
    { title: '审核人', dataIndex: 'approver', render: (v: string | null) => v ?? '—' },
    { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      {loadError && <LoadFailed error={loadError} retry={load} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        columns={columns}
        dataSource={answer?.items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: '本县尚未发起发放周期' }}
        data-testid="cycle-list"
      />
      <CursorPager cursor={cursor} next={answer?.nextCursor} go={go} style={{ marginTop: 12 }} />
    </>
  );
}

export function PaymentsPage() {
  const { post } = useSignedIn();
  const county = post.org;
  const [params, setParams] = useSearchParams();
  const tab: Tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'cycles';
  const cursor = params.get('cursor') ?? undefined;

  function go(next: { tab?: Tab; cursor?: string }) {
    const search = new URLSearchParams();
    search.set('tab', next.tab ?? tab);
    if (next.cursor) search.set('cursor', next.cursor);
    setParams(search);
  }

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
        资金发放
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => go({ tab: key as Tab })}
        items={[
          {
            key: 'cycles',
            label: '发放周期',
            children: (
              <>
                {post.role === 'finance' && <StartCycle county={county} />}
                <CycleList county={county} cursor={cursor} go={(c) => go({ cursor: c })} />
              </>
            ),
          },
          { key: 'report', label: '资金报表', children: <FundReport county={county} /> },
          { key: 'retries', label: '待重发', children: <RetryList county={county} /> },
        ]}
      />
    </>
  );
}
