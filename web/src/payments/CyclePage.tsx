/**
 * 发放周期 page: one county's month — where the cycle stands (progress and step), the roll and batch
 * with their back pay, who prepared and who approved it, what to do now (CycleActions), the bank's
 * answers and reconciliation, the lines the cycle froze (a page at a time, back pay marked) and the
 * lines it failed (待重发). While the system works through a step the page looks again every second.
 */
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError, query } from '../api/client';
import type { CycleLine, CycleLinesAnswer, CycleView } from '../api/types';
import { formatDateTime } from '../format';
import { LoadFailed } from '../layout/LoadFailed';
import { useSignedIn } from '../session/SessionContext';
import { CycleActions } from './CycleActions';
import {
  backPayLabelZh,
  CYCLE_STAGES,
  formatPeriod,
  formatYuan,
  lineStatusTones,
  lineStatusLabelsZh,
  programLabelZh,
  stageIndex,
  SYSTEM_STEPS,
  toneStyles,
} from './paymentLabels';
import { RetryList } from './RetryList';
import './payments.css';
import { CursorPager } from '../layout/CursorPager';

const LINES_PAGE = 50;
const POLL_MS = 1000;

const lineColumns: TableColumnsType<CycleLine> = [
  { title: '行号', dataIndex: 'lineNo', width: 64, render: (v: number | null) => v ?? '—' },
  {
    title: '所属月份',
    dataIndex: 'forPeriod',
    render: (period: string, line) => {
      const backPay = backPayLabelZh(line.ledgerKind ?? line.rollKind);
      return (
        <Space size={4}>
          {formatPeriod(period)}
          {backPay && <Tag style={toneStyles.backPay}>{backPay}</Tag>}
          {line.rollKind === 'retry' && <Tag style={toneStyles.warning}>重发</Tag>}
        </Space>
      );
    },
  },
  { title: '案件编号', dataIndex: 'caseId' },
  { title: '项目', dataIndex: 'program', render: (p: string) => programLabelZh(p) },
  { title: '收款人', dataIndex: 'holderName', render: (v: string | null) => v ?? '—' },
  { title: '账号', dataIndex: 'accountNumber', render: (v: string | null) => v ?? '缺少收款账户' },
  { title: '金额', dataIndex: 'amount', align: 'right', render: (v: string) => formatYuan(v) },
  {
    title: '状态',
    dataIndex: 'status',
    render: (status: CycleLine['status']) => (
      <Tag style={toneStyles[lineStatusTones[status]]}>{lineStatusLabelsZh[status]}</Tag>
    ),
  },
  {
    title: '银行流水号 / 失败原因',
    key: 'outcome',
    render: (_v, line) =>
      line.failureReason
        ? `${line.failureReason}${line.carriedBy ? `（由 ${line.carriedBy} 重发）` : ''}`
        : (line.bankReference ?? '—'),
  },
];

function CycleLines({ cycleId, cursor, refreshKey }: { cycleId: string; cursor?: string; refreshKey: string }) {
  const [params, setParams] = useSearchParams();
  const [answer, setAnswer] = useState<CycleLinesAnswer>();
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string>();

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(undefined);
    try {
      setAnswer(
        await api<CycleLinesAnswer>(
          'GET',
          `/api/payment-cycles/${encodeURIComponent(cycleId)}/lines${query({ limit: LINES_PAGE, cursor })}`
        )
      );
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '发放明细加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
    // refreshKey: the cycle moved on, so the lines' statuses may have changed.
  }, [cycleId, cursor, refreshKey]);

  useEffect(() => {
    void load();
  }, [load]);

  function go(next?: string) {
    const search = new URLSearchParams(params);
    if (next) search.set('cursor', next);
    else search.delete('cursor');
    setParams(search);
  }

  return (
    <Card title="发放明细" size="small" style={{ marginBottom: 16 }}>
      {loadError && <LoadFailed error={loadError} retry={load} style={{ marginBottom: 12 }} />}
      <Table
        rowKey={(l) => `${l.entitlementId}-${l.forPeriod}-${l.changeSeq}`}
        size="small"
        columns={lineColumns}
        dataSource={answer?.items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: '名册尚未冻结，或本期没有应发的保障对象' }}
        data-testid="cycle-lines"
      />
      <CursorPager
        cursor={cursor}
        next={answer?.nextCursor}
        go={go}
        style={{ marginTop: 12 }}
        className="payments-no-print"
      />
    </Card>
  );
}

function CycleSummary({ view }: { view: CycleView }) {
  const { batch, roll, reconciliation } = view;
  return (
    <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }} data-testid="cycle-summary">
      <Descriptions.Item label="县（市、区）">{view.county}</Descriptions.Item>
      <Descriptions.Item label="发放月份">{formatPeriod(view.period)}</Descriptions.Item>
      <Descriptions.Item label="当前环节">{view.stepLabelZh}</Descriptions.Item>
      <Descriptions.Item label="冻结名册">
        {roll ? `${roll.lines}笔，${formatYuan(roll.amount)}` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="应发">
        {batch ? `${batch.payableLines}笔，${formatYuan(batch.payableAmount)}` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="其中补发">
        {batch?.backPayLines !== undefined ? `${batch.backPayLines}笔，${formatYuan(batch.backPayAmount)}` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="暂缓发放（转待重发）">{batch ? `${batch.heldLines}笔` : '—'}</Descriptions.Item>
      <Descriptions.Item label="制单人">
        <span data-testid="preparer">{view.preparer ? view.preparer.userId : '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label="审核人">
        <span data-testid="approver">{view.approver ? view.approver.userId : '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label="代发文件">
        {view.bankFile
          ? `${view.bankFile.lines}笔，${formatYuan(view.bankFile.amount)}，${formatDateTime(view.bankFile.at)}`
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="对账结果" span={2}>
        <span data-testid="reconciliation">
          {reconciliation
            ? `成功${reconciliation.paidLines}笔 ${formatYuan(reconciliation.paidAmount)}；失败${reconciliation.failedLines}笔 ${formatYuan(reconciliation.failedAmount)}；未回盘${reconciliation.outstandingLines}笔`
            : '—'}
        </span>
      </Descriptions.Item>
    </Descriptions>
  );
}

export function CyclePage() {
  const { id = '' } = useParams();
  const session = useSignedIn();
  const [params] = useSearchParams();
  const cursor = params.get('cursor') ?? undefined;
  const [view, setView] = useState<CycleView>();
  const [loadError, setLoadError] = useState<ApiError>();

  const load = useCallback(async () => {
    setLoadError(undefined);
    try {
      setView(await api<CycleView>('GET', `/api/payment-cycles/${encodeURIComponent(id)}`));
    } catch (e) {
      setLoadError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', '发放周期加载失败，请稍后重试'));
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  // The system's own steps (freeze, build, export, reconcile) take a moment: look again until they are done.
  const working = view !== undefined && SYSTEM_STEPS.includes(view.step);
  useEffect(() => {
    if (!working) return;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [working, view, load]);

  if (loadError?.status === 404) {
    return <Result status="404" title="未找到该发放周期" extra={<Link to="/payments">返回发放周期列表</Link>} />;
  }
  if (!view) {
    return loadError ? <LoadFailed error={loadError.message} retry={load} /> : <Spin description="正在加载…" />;
  }

  const stage = stageIndex(view.step);
  const done = view.status === 'done';
  return (
    <>
      <Space className="payments-no-print" style={{ marginBottom: 8 }}>
        <Link to="/payments">← 发放周期列表</Link>
      </Space>
      <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
        {formatPeriod(view.period)}发放周期 <Typography.Text type="secondary">{view.id}</Typography.Text>{' '}
        <Tag style={toneStyles[done ? 'success' : 'progress']} data-testid="cycle-step" data-step={view.step}>
          {view.stepLabelZh}
        </Tag>
      </Typography.Title>
      {loadError && <LoadFailed error={loadError.message} retry={load} style={{ marginBottom: 12 }} />}
      <Steps
        size="small"
        current={stage}
        status={done ? 'finish' : working ? 'process' : 'wait'}
        items={CYCLE_STAGES.map((s) => ({ title: s.title }))}
        style={{ marginBottom: 16 }}
        className="payments-no-print"
      />
      {working && (
        <Alert type="info" showIcon title={`${view.stepLabelZh}，系统处理中…`} style={{ marginBottom: 12 }} />
      )}
      {view.step === 'exported' && view.reconciliation && view.reconciliation.outstandingLines > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`仍有${view.reconciliation.outstandingLines}笔银行尚未回盘，请上传其余回盘文件`}
          style={{ marginBottom: 12 }}
        />
      )}
      {view.batch?.overpaid && view.batch.overpaid.months > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`本县有${view.batch.overpaid.months}个月次按调减前的标准多发 ${formatYuan(view.batch.overpaid.amount)}，系统不自动追回，请按规定处理`}
          style={{ marginBottom: 12 }}
        />
      )}
      <CycleSummary view={view} />
      {session.post.role === 'finance' && !done && (
        <CycleActions view={view} userId={session.user.userId} onChanged={setView} />
      )}
      {done && view.bankFile && (
        <Space className="payments-no-print" style={{ marginBottom: 16 }}>
          <Button
            href={`/api/payment-cycles/${encodeURIComponent(view.id)}/bank-file`}
            download
            data-testid="bank-file"
          >
            下载代发文件
          </Button>
          <Button onClick={() => window.print()}>打印发放汇总</Button>
        </Space>
      )}
      {view.returns.length > 0 && (
        <Card title="银行回盘" size="small" style={{ marginBottom: 16 }}>
          <Table
            rowKey="fileId"
            size="small"
            pagination={false}
            dataSource={view.returns}
            columns={[
              { title: '登记时间', dataIndex: 'at', render: (v: string) => formatDateTime(v) },
              { title: '登记人', key: 'by', render: (_v, r) => r.by.userId },
              {
                title: '成功',
                key: 'paid',
                render: (_v, r) => `${r.summary.paidLines}笔 ${formatYuan(r.summary.paidAmount)}`,
              },
              {
                title: '失败',
                key: 'failed',
                render: (_v, r) => `${r.summary.failedLines}笔 ${formatYuan(r.summary.failedAmount)}`,
              },
              { title: '未回盘', key: 'outstanding', render: (_v, r) => `${r.summary.outstandingLines}笔` },
            ]}
          />
        </Card>
      )}
      <CycleLines cycleId={view.id} cursor={cursor} refreshKey={`${view.step}-${view.returns.length}`} />
      {view.batch && (
        <Card title="本期发放失败（待重发）" size="small" style={{ marginBottom: 16 }} className="payments-no-print">
          <RetryList county={view.county} failedInCycle={view.id} key={`${view.step}-${view.returns.length}`} />
        </Card>
      )}
      <Card title="办理记录" size="small" className="payments-no-print">
        <Table
          rowKey="seq"
          size="small"
          pagination={false}
          dataSource={[...view.timeline].reverse()}
          columns={[
            { title: '时间', dataIndex: 'at', render: (v: string) => formatDateTime(v) },
            { title: '事项', dataIndex: 'labelZh' },
            { title: '办理人', key: 'actor', render: (_v, e) => (e.actor.role === 'system' ? '系统' : e.actor.userId) },
          ]}
        />
      </Card>
    </>
  );
}
