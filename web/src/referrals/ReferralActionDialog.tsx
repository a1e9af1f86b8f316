/**
 * The department's three actions on a referral, each a small form named as its request body:
 * 签收 (who handles it), 反馈结果 (what came of it), 退回 (why it is not the department's). The API
 * checks completeness (400 at the fields) and whether the referral's chart allows it now (409 with
 * the reason).
 */
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { showAtFields } from '../api/formErrors';
import type { ReferralInboxItem } from '../api/types';

export type ReferralAction = 'acknowledge' | 'outcome' | 'return';

const TITLES: Record<ReferralAction, string> = { acknowledge: '签收', outcome: '反馈办理结果', return: '退回' };
const OUTCOMES = [
  { value: 'helped', label: '已帮扶（已给予救助或服务）' },
  { value: 'notEligible', label: '不符合条件' },
  { value: 'referredElsewhere', label: '已转其他部门办理' },
];

export function ReferralActionDialog({
  referral,
  action,
  onClose,
  onDone,
}: {
  referral: ReferralInboxItem;
  action: ReferralAction;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(values: Record<string, string | undefined>) {
    setBusy(true);
    setError(undefined);
    // What is left empty is left out: the API says which of it is required.
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v.trim() !== ''));
    try {
      await api('POST', `/api/referrals/${encodeURIComponent(referral.id)}/${action}`, body);
      onDone(`${TITLES[action]}完成：${referral.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        if (!showAtFields(form, e) || e.status !== 400) setError(e.message);
      } else setError('提交失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={`${TITLES[action]}：${referral.applicantName}`} footer={null} onCancel={onClose} destroyOnHidden>
      <Alert type="info" title={referral.reason} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        {action === 'acknowledge' && (
          <Form.Item label="承办人" name="handler" extra="可不填：默认为签收人">
            <Input maxLength={50} />
          </Form.Item>
        )}
        {action === 'outcome' && (
          <>
            <Form.Item label="办理结果" name="outcome">
              <Select options={OUTCOMES} placeholder="请选择" />
            </Form.Item>
            <Form.Item label="办理结果说明" name="text">
              <Input.TextArea rows={4} placeholder="如：已纳入医疗救助，住院自付部分按70%比例救助" />
            </Form.Item>
          </>
        )}
        {action === 'return' && (
          <Form.Item label="退回原因" name="reason">
            <Input.TextArea rows={3} placeholder="如：不属于本部门职责，应转住房保障部门" />
          </Form.Item>
        )}
        <Form.Item label="备注" name="comment">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} danger={action === 'return'}>
            {TITLES[action]}
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}
