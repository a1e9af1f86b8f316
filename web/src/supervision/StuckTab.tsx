/**
 * 卡住的案件: running workflows that keep failing (an activity retried again and again, workflow
 * code that throws, a write the database refused), with the cause, attempts and last error, as
 * Temporal reports them. Retry or terminate with a reason, one case or the ticked ones: a bulk action
 * runs case by case through the same endpoints and reports each case's outcome, so a case that fails
 * says why without hiding the others.
 */
import { Alert, Button, Form, Input, List, Modal, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, query } from '../api/client';
import { showAtFields } from '../api/formErrors';
import { useLoaded } from '../api/useLoaded';
import type { RetryResult, StuckCase, StuckListAnswer, TerminateResult } from '../api/types';
import { formatDateTime } from '../format';
import { emptyText } from '../layout/EmptyText';
import { LoadFailed } from '../layout/LoadFailed';
import { ToneTag } from '../layout/ToneTag';
import type { ItemResult } from './supervisionData';
import { problemWords, runEach } from './supervisionData';
import type { TabProps } from './tabParams';
import { withFilter } from './tabParams';

const workflowTypeZh: Record<StuckCase['workflowType'], string> = {
  caseWorkflow: '救助案件',
  householdApplication: '家庭申请（一窗受理）',
  paymentCycle: '资金发放周期',
};

const retryActionZh: Record<RetryResult['action'], string> = {
  activityReset: '已重新执行失败的环节',
  workflowReset: '已按当前代码重新运行流程',
  writesRetried: '已重新写入被拒绝的记录',
};

const errorText = (e: unknown) => (e instanceof ApiError ? e.message : '操作失败，请稍后重试');

export function StuckTab({ org, params, setParams }: TabProps) {
  const cursor = params.get('cursor') ?? undefined;
  const { data, error, loading, load } = useLoaded<StuckListAnswer>(`/api/supervision/stuck${query({ org, cursor })}`);
  const [selected, setSelected] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<{ title: string; items: ItemResult[] }>();
  const [terminating, setTerminating] = useState<string[]>();
  const [form] = Form.useForm<{ reason: string }>();

  async function retry(ids: string[]) {
    setRunning(true);
    const title = ids.length > 1 ? `批量重试（${ids.length}件）` : '重试';
    setResults({ title, items: [] });
    await runEach(
      ids,
      async (id) => {
        const r = await api<RetryResult>('POST', `/api/supervision/stuck/${encodeURIComponent(id)}/retry`);
        return retryActionZh[r.action];
      },
      errorText,
      (items) => setResults({ title, items })
    );
    setRunning(false);
    setSelected([]);
    await load();
  }

  async function terminate(ids: string[], reason: string) {
    const [first, ...rest] = ids;
    if (first === undefined) return;
    setRunning(true);
    const title = ids.length > 1 ? `批量终止（${ids.length}件）` : '终止';
    const send = async (id: string) => {
      await api<TerminateResult>('POST', `/api/supervision/stuck/${encodeURIComponent(id)}/terminate`, { reason });
      return '已终止';
    };
    // The first case tells whether the reason itself is acceptable: a 400 goes to the form's field
    // and nothing more is sent, since the same reason would be refused for every case.
    let head: ItemResult;
    try {
      head = { id: first, ok: true, message: await send(first) };
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && showAtFields(form, e)) {
        setRunning(false);
        return;
      }
      head = { id: first, ok: false, message: errorText(e) };
    }
    setTerminating(undefined);
    setResults({ title, items: [head] });
    const more = await runEach(rest, send, errorText, (items) => setResults({ title, items: [head, ...items] }));
    setResults({ title, items: [head, ...more] });
    form.resetFields();
    setRunning(false);
    setSelected([]);
    await load();
  }

  const columns: TableColumnsType<StuckCase> = [
    {
      title: '案件',
      key: 'case',
      render: (_v, c) => (
        <Space orientation="vertical" size={0}>
          {c.workflowType === 'caseWorkflow' ? (
            <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.caseId}</Link>
          ) : (
            <span>{c.caseId}</span>
          )}
          <span>{workflowTypeZh[c.workflowType]}</span>
        </Space>
      ),
    },
    { title: '环节', key: 'step', render: (_v, c) => c.stepLabelZh ?? '—' },
    { title: '区划', key: 'org', render: (_v, c) => c.township ?? c.county ?? '—' },
    {
      title: '原因',
      key: 'cause',
      render: (_v, c) => (
        <Space orientation="vertical" size={4}>
          {c.problems.map((p, i) => {
            const words = problemWords(p);
            return (
              <div key={i} data-testid="stuck-problem">
                <ToneTag tone="error">{words.cause}</ToneTag>
                <div>
                  尝试：{words.attempts} · {words.at}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  最近错误：{words.lastError}
                </Typography.Text>
              </div>
            );
          })}
        </Space>
      ),
    },
    { title: '开始于', dataIndex: 'startedAt', width: 150, render: (d: string | null) => formatDateTime(d) },
    {
      title: '操作',
      key: 'action',
      width: 150,
      render: (_v, c) => (
        <Space>
          <Button
            size="small"
            disabled={running}
            onClick={() => void retry([c.caseId])}
            aria-label={`重试 ${c.caseId}`}
          >
            重试
          </Button>
          <Button
            size="small"
            danger
            disabled={running || c.workflowType === 'paymentCycle'}
            onClick={() => setTerminating([c.caseId])}
            aria-label={`终止 ${c.caseId}`}
          >
            终止
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        向 Temporal 查询运行中的流程：环节重试达到{data?.minActivityAttempts ?? 3}
        次、流程代码执行失败或数据库拒绝写入的列为卡住。 重试前请先排除原因（数据、数据库、部门系统或已部署的修复）。
      </Typography.Paragraph>
      <Space wrap>
        <Button type="primary" disabled={selected.length === 0 || running} onClick={() => void retry(selected)}>
          批量重试（{selected.length}）
        </Button>
        <Button danger disabled={selected.length === 0 || running} onClick={() => setTerminating(selected)}>
          批量终止（{selected.length}）
        </Button>
        <Button onClick={() => void load()} disabled={running}>
          刷新
        </Button>
        {data && (
          <span data-testid="stuck-scanned">
            本页检查运行中流程 {data.scanned} 个，卡住 {data.items.length} 个
          </span>
        )}
      </Space>
      {results && (
        <Alert
          type={results.items.every((r) => r.ok) ? 'success' : 'warning'}
          showIcon
          role="status"
          closable={{ onClose: () => setResults(undefined) }}
          title={`${results.title}：成功 ${results.items.filter((r) => r.ok).length} 件，失败 ${results.items.filter((r) => !r.ok).length} 件`}
          description={
            <List
              size="small"
              data-testid="bulk-results"
              dataSource={results.items}
              renderItem={(r) => (
                <List.Item>
                  <ToneTag tone={r.ok ? 'success' : 'error'}>{r.ok ? '成功' : '失败'}</ToneTag>
                  {r.id}：{r.message}
                </List.Item>
              )}
            />
          }
        />
      )}
      {error && <LoadFailed error={error} retry={load} />}
      <Table<StuckCase>
        rowKey="caseId"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (c) => ({ 'aria-label': `选择 ${c.caseId}` }),
        }}
        locale={{ emptyText: emptyText('本页没有卡住的案件') }}
      />
      <Space>
        <Button disabled={!cursor} onClick={() => setParams(withFilter(params, { cursor: undefined }))}>
          从头检查
        </Button>
        <Button
          disabled={!data?.nextCursor}
          onClick={() => data?.nextCursor && setParams(withFilter(params, { cursor: data.nextCursor }))}
        >
          继续检查下一批
        </Button>
      </Space>
      <Modal
        open={terminating !== undefined}
        title={`终止案件流程（${terminating?.length ?? 0}件）`}
        okText="终止"
        okButtonProps={{ danger: true, loading: running }}
        cancelText="取消"
        onCancel={() => setTerminating(undefined)}
        onOk={() => {
          void form.validateFields().then(({ reason }) => terminate(terminating ?? [], reason));
        }}
      >
        <Typography.Paragraph>
          终止后流程不再运行，案件记为“已由监督人员终止”，原因记入办理记录。请写明终止原因（至少4个字）。
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="终止原因" rules={[{ required: true, message: '请填写终止原因' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
