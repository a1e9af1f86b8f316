/**
 * 转办: the claimant hands a task to a colleague of the same post, with a reason. The choices come
 * from GET /api/staff/colleagues (the post's active people, by name); the API checks the choice
 * again, and a 400 lands at the field, a lost race (409) goes back to the list as its message.
 */
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { showAtFields } from '../api/formErrors';
import type { Colleague, ColleaguesAnswer, TaskListItem } from '../api/types';

interface ReassignFields {
  toUserId: string;
  reason: string;
}

export function ReassignDialog({
  task,
  onDone,
  onConflict,
  onCancel,
}: {
  task: TaskListItem | undefined;
  onDone: (to: Colleague) => void;
  onConflict: (error: ApiError) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<ReassignFields>();
  const [colleagues, setColleagues] = useState<Colleague[]>();
  const [loadError, setLoadError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!task) return;
    form.resetFields();
    setError(undefined);
    setColleagues(undefined);
    setLoadError(undefined);
    api<ColleaguesAnswer>('GET', '/api/staff/colleagues')
      .then((answer) => setColleagues(answer.items))
      .catch((e: unknown) => setLoadError(e instanceof ApiError ? e.message : '同事名单加载失败，请稍后重试'));
  }, [task, form]);

  async function submit(fields: ReassignFields) {
    if (!task) return;
    setSaving(true);
    setError(undefined);
    try {
      await api('POST', `/api/tasks/${task.id}/reassign`, { version: task.version, ...fields });
      onDone(
        colleagues?.find((c) => c.userId === fields.toUserId) ?? { userId: fields.toUserId, name: fields.toUserId }
      );
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onConflict(e);
      else if (e instanceof ApiError && e.status === 400 && showAtFields(form, e)) return;
      else setError(e instanceof ApiError ? e.message : '转办失败，请稍后重试');
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={task !== undefined}
      title="转办给同事"
      okText="转办"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {task && (
        <p>
          {task.householdMasked ?? '—'} · {task.stepLabelZh}（{task.caseId}）
        </p>
      )}
      {loadError && <Alert type="error" showIcon role="alert" title={loadError} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(fields) => void submit(fields)}>
        <Form.Item name="toUserId" label="转办给" rules={[{ required: true, message: '请选择接办的同事' }]}>
          <Select
            placeholder="选择本岗位的同事"
            loading={colleagues === undefined && !loadError}
            notFoundContent={colleagues === undefined ? '加载中…' : '本岗位暂无其他在职同事'}
            showSearch={{ optionFilterProp: 'label' }}
            options={(colleagues ?? []).map((c) => ({ value: c.userId, label: `${c.name}（${c.userId}）` }))}
          />
        </Form.Item>
        <Form.Item name="reason" label="转办原因" rules={[{ required: true, message: '请填写转办原因' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="如：外出培训，请代为办理" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
