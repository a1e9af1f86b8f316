/**
 * 家庭申请: one household's application as the window sees it after intake — the program cases and
 * referrals started from the one form, the materials still missing (the merged one-time notice) with
 * the form to hand them in once for every case waiting for them, and the combined timeline.
 */
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Result,
  Spin,
  Table,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { programLabelsZh } from '../../../definitions/eligibility/outcome';
import { api, ApiError } from '../api/client';
import { showAtFields } from '../api/formErrors';
import type { ApplicationProgram, HouseholdChild, HouseholdView, MaterialCode } from '../api/types';
import { formatDateTime } from '../format';
import { LoadFailed } from '../layout/LoadFailed';
import { useSignedIn } from '../session/SessionContext';

const STATUS_LABELS_ZH: Record<HouseholdView['status'], string> = {
  inProgress: '办理中',
  done: '已办结',
  noCases: '仅转介',
};

/** 补正材料: the missing items handed in now, sent once for every case waiting for them. */
function SupplyMaterials({
  household,
  onSupplied,
}: {
  household: HouseholdView;
  onSupplied: (v: HouseholdView) => void;
}) {
  const [form] = Form.useForm<{ items: MaterialCode[]; comment?: string }>();
  const { message } = AntApp.useApp();
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string>();

  async function submit(values: { items: MaterialCode[]; comment?: string }) {
    setSending(true);
    setProblem(undefined);
    try {
      const answer = await api<{ suppliedTo: string[]; household: HouseholdView }>(
        'POST',
        `/api/household-applications/${encodeURIComponent(household.id)}/materials`,
        { items: values.items ?? [], ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}) }
      );
      void message.success(`已补交材料，已转入：${answer.suppliedTo.join('、') || '无等待补正的案件'}`);
      form.resetFields();
      onSupplied(answer.household);
    } catch (e) {
      if (e instanceof ApiError) {
        showAtFields(form, e);
        setProblem(e.message);
      } else setProblem('提交失败，请稍后重试');
    } finally {
      setSending(false);
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 640 }}>
      {/* Checked by the API, whose 400 lands here (`body.items`): a required rule would put
          aria-required on the checkbox group, which its role does not allow. */}
      <Form.Item name="items" label="本次补交的材料">
        <Checkbox.Group
          options={household.missingMaterials.items.map((item) => ({
            value: item.code,
            label: `${item.labelZh}（${item.programs.map((p) => programLabelsZh[p as ApplicationProgram] ?? p).join('、')}）`,
          }))}
        />
      </Form.Item>
      <Form.Item name="comment" label="备注（选填）">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={sending}>
        确认补交
      </Button>
    </Form>
  );
}

export function HouseholdPage() {
  const { id = '' } = useParams();
  const role = useSignedIn().post.role;
  const [household, setHousehold] = useState<HouseholdView>();
  const [loadError, setLoadError] = useState<string>();

  const load = useCallback(async () => {
    setLoadError(undefined);
    try {
      setHousehold(await api<HouseholdView>('GET', `/api/household-applications/${encodeURIComponent(id)}`));
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '家庭申请加载失败，请稍后重试');
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (loadError && !household) {
    return <LoadFailed error={loadError} retry={load} />;
  }
  if (!household) return <Spin description="正在加载…" />;

  const missing = household.missingMaterials.items;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
        家庭申请 · {household.id}
      </Typography.Title>
      <Descriptions
        size="small"
        bordered
        column={3}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'status', label: '状态', children: STATUS_LABELS_ZH[household.status] },
          { key: 'submitted', label: '受理时间', children: formatDateTime(household.submittedAt) },
          { key: 'village', label: '村（居）', children: household.orgs.village },
        ]}
      />
      <Card title="救助项目与转介" size="small" style={{ marginBottom: 16 }}>
        <Table<HouseholdChild>
          size="small"
          pagination={false}
          rowKey={(c) => `${c.kind}-${c.code}`}
          dataSource={household.children}
          columns={[
            { title: '项目', dataIndex: 'labelZh' },
            { title: '类别', render: (_, c) => (c.kind === 'program' ? '救助项目' : '转介') },
            {
              title: '案件编号',
              render: (_, c) =>
                c.caseId ? <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.caseId}</Link> : '未启动',
            },
            { title: '当前环节', render: (_, c) => c.stepLabelZh ?? '—' },
          ]}
        />
      </Card>
      <Card
        title={`待补材料（${missing.length}）`}
        size="small"
        style={{ marginBottom: 16 }}
        data-testid="missing-materials"
      >
        {missing.length === 0 ? (
          <Result status="success" title="材料已齐全" style={{ padding: 12 }} />
        ) : (
          <>
            <Typography.Paragraph>{household.missingMaterials.noticeZh}</Typography.Paragraph>
            {/* Handing in materials is the window's (access policy `households.materials`). */}
            {role === 'window' ? (
              <SupplyMaterials household={household} onSupplied={setHousehold} />
            ) : (
              <Alert type="info" showIcon title="补正材料由受理窗口接收" />
            )}
          </>
        )}
      </Card>
      <Card title="办理记录" size="small">
        <Table
          size="small"
          pagination={false}
          rowKey={(e) => `${e.caseId}-${e.seq}`}
          dataSource={[...household.timeline].reverse()}
          columns={[
            { title: '时间', width: 170, render: (_, e) => formatDateTime(e.at) },
            { title: '项目', dataIndex: 'childLabelZh', width: 150 },
            { title: '事项', dataIndex: 'labelZh' },
            { title: '办理人', render: (_, e) => e.actor.userId },
            { title: '办理后环节', dataIndex: 'toLabelZh' },
          ]}
        />
      </Card>
    </>
  );
}
