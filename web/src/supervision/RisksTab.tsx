/**
 * 风险预警: the warnings under the org in view, filtered by state and rule (in the URL), each with its
 * explanation and the cases it concerns (linked); 签收 (with an optional note) and 办结 (with the
 * note of what was found). A move names the version the supervisor saw: when someone moved it first,
 * the API's 409 says what it is now and the list is read again.
 */
import { App, Button, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { riskRuleLabelsZh, warningMoveLabelsZh, warningStateLabelsZh } from '../../../definitions/risk/labels';
import { api, ApiError, query } from '../api/client';
import { showAtFields } from '../api/formErrors';
import { useLoaded } from '../api/useLoaded';
import type { RiskListAnswer, RiskRule, WarningRow, WarningState } from '../api/types';
import { formatDateTime } from '../format';
import { emptyText } from '../layout/EmptyText';
import { LoadFailed } from '../layout/LoadFailed';
import type { Tone } from '../layout/ToneTag';
import { ToneTag } from '../layout/ToneTag';
import type { TabProps } from './tabParams';
import { withFilter } from './tabParams';
import { CursorPager } from '../layout/CursorPager';

type Move = WarningRow['allowedMoves'][number];

const severityZh: Record<WarningRow['severity'], { text: string; tone: Tone }> = {
  high: { text: '高', tone: 'error' },
  medium: { text: '中', tone: 'warning' },
  low: { text: '低', tone: 'neutral' },
};

const stateTone: Record<WarningState, Tone> = { open: 'error', acknowledged: 'info', resolved: 'success' };

const caseLink = (id: string) => (
  <Link key={id} to={`/cases/${encodeURIComponent(id)}`}>
    {id}
  </Link>
);

export function RisksTab({ org, params, setParams }: TabProps) {
  const { message } = App.useApp();
  const state = (params.get('state') ?? undefined) as WarningState | undefined;
  const rule = (params.get('rule') ?? undefined) as RiskRule | undefined;
  const cursor = params.get('cursor') ?? undefined;
  const { data, error, loading, load } = useLoaded<RiskListAnswer>(
    `/api/supervision/risks${query({ org, state, rule, cursor })}`
  );
  const [moving, setMoving] = useState<{ warning: WarningRow; move: Move }>();
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [form] = Form.useForm<{ note?: string }>();

  async function send() {
    if (!moving) return;
    const { warning, move } = moving;
    const { note } = form.getFieldsValue();
    setSending(true);
    setRefusal(undefined);
    try {
      await api<WarningRow>('POST', `/api/supervision/risks/${warning.id}/${move}`, {
        version: warning.version,
        // Resolving needs a note: sent even when empty, so the API's message lands at the field.
        ...(move === 'resolve' || note?.trim() ? { note: note?.trim() ?? '' } : {}),
      });
      void message.success(`预警已${warningMoveLabelsZh[move]}`);
      setMoving(undefined);
      form.resetFields();
      await load();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && showAtFields(form, e)) return;
      if (e instanceof ApiError && e.status === 409) {
        setRefusal(e.message);
        setMoving(undefined);
        await load();
        return;
      }
      setRefusal(e instanceof ApiError ? e.message : '操作失败，请稍后重试');
    } finally {
      setSending(false);
    }
  }

  const columns: TableColumnsType<WarningRow> = [
    {
      title: '预警',
      key: 'rule',
      width: 170,
      render: (_v, w) => (
        <Space orientation="vertical" size={2}>
          <strong>{w.ruleLabelZh}</strong>
          <ToneTag tone={severityZh[w.severity].tone}>风险{severityZh[w.severity].text}</ToneTag>
        </Space>
      ),
    },
    {
      title: '案件',
      key: 'cases',
      width: 200,
      render: (_v, w) => (
        <Space orientation="vertical" size={0}>
          {caseLink(w.caseId)}
          <span>{w.applicantName ?? '—'}</span>
          {w.relatedCaseIds.length > 0 && (
            <span>
              相关：
              <Space size={[8, 0]} wrap separator="、">
                {w.relatedCaseIds.map(caseLink)}
              </Space>
            </span>
          )}
        </Space>
      ),
    },
    { title: '说明', dataIndex: 'explanationZh' },
    {
      title: '状态',
      key: 'state',
      width: 200,
      render: (_v, w) => (
        <Space orientation="vertical" size={2} data-testid={`risk-state-${w.id}`}>
          <ToneTag tone={stateTone[w.state]}>{w.stateLabelZh}</ToneTag>
          {w.acknowledged && (
            <span>
              签收：{w.acknowledged.by} {formatDateTime(w.acknowledged.at)}
              {w.acknowledged.note ? `（${w.acknowledged.note}）` : ''}
            </span>
          )}
          {w.resolved && (
            <span>
              办结：{w.resolved.by} {formatDateTime(w.resolved.at)}
              {w.resolved.note ? `（${w.resolved.note}）` : ''}
            </span>
          )}
        </Space>
      ),
    },
    { title: '发现时间', dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d) },
    {
      title: '操作',
      key: 'action',
      width: 90,
      render: (_v, w) =>
        w.allowedMoves.map((move) => (
          <Button
            key={move}
            size="small"
            type={move === 'resolve' ? 'primary' : 'default'}
            aria-label={`${warningMoveLabelsZh[move]}预警 ${w.id}`}
            onClick={() => {
              form.resetFields();
              setMoving({ warning: w, move });
            }}
          >
            {warningMoveLabelsZh[move]}
          </Button>
        )),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="risk-state">状态</label>
        <Select
          id="risk-state"
          allowClear
          placeholder="全部"
          style={{ width: 160 }}
          value={state}
          onChange={(v: string | undefined) => setParams(withFilter(params, { state: v }))}
          options={Object.entries(warningStateLabelsZh).map(([value, label]) => ({ value, label }))}
        />
        <label htmlFor="risk-rule">预警规则</label>
        <Select
          id="risk-rule"
          allowClear
          placeholder="全部"
          style={{ width: 220 }}
          value={rule}
          onChange={(v: string | undefined) => setParams(withFilter(params, { rule: v }))}
          options={Object.entries(riskRuleLabelsZh).map(([value, label]) => ({ value, label }))}
        />
      </Space>
      {refusal && (
        <Typography.Text type="danger" role="alert">
          {refusal}
        </Typography.Text>
      )}
      {error && <LoadFailed error={error} retry={load} />}
      <Table<WarningRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: emptyText('没有符合条件的风险预警') }}
        scroll={{ x: 1100 }}
      />
      <CursorPager
        cursor={cursor}
        next={data?.nextCursor}
        go={(next) => setParams(withFilter(params, { cursor: next }))}
        style={{}}
      />
      <Modal
        open={moving !== undefined}
        title={moving ? `${warningMoveLabelsZh[moving.move]}预警：${moving.warning.ruleLabelZh}` : ''}
        okText={moving ? warningMoveLabelsZh[moving.move] : '确定'}
        okButtonProps={{ loading: sending }}
        cancelText="取消"
        onCancel={() => setMoving(undefined)}
        onOk={() => void send()}
      >
        <Typography.Paragraph>{moving?.warning.explanationZh}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={moving?.move === 'resolve' ? '核查处理结果' : '签收说明（可不填）'}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
