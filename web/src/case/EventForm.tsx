/**
 * One event's form, generated from its payload schema: sends `{ type, ...payload }` to the case,
 * asks for confirmation first when the event is a decision, puts a 400's issues at their fields
 * (list rows included) and shows a 409's reason with the events the case allows now.
 */
import { Alert, App as AntApp, Button, Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { AllowedEvent, CaseViewAnswer } from '../api/types';
import type { FieldSpec, JsonSchema } from './payloadFields';
import { confirmationZh, fieldsOf, isDecision, payloadOf } from './payloadFields';

type NamePath = (string | number)[];

/** The control for a field; Form.Item hands it `id`, `value` and `onChange`, passed on as they come. */
function FieldInput({ field, ...control }: { field: FieldSpec } & Record<string, unknown>) {
  switch (field.kind) {
    case 'textarea':
      return <Input.TextArea rows={3} {...control} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} {...control} />;
    case 'select':
      return (
        <Select
          {...control}
          options={field.options}
          allowClear={!field.required}
          mode={field.multiple ? 'multiple' : undefined}
        />
      );
    case 'date':
      return <DatePicker style={{ width: '100%' }} placeholder="请选择日期" {...control} />;
    default:
      return <Input {...control} />;
  }
}

function FieldItem({ field, name }: { field: FieldSpec; name: NamePath }) {
  if (field.kind === 'boolean') {
    return (
      <Form.Item name={name} valuePropName="checked" required={field.required} initialValue={field.initial}>
        <Checkbox>{field.labelZh}</Checkbox>
      </Form.Item>
    );
  }
  if (field.kind === 'group') {
    return (
      <fieldset style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: '4px 12px', marginBottom: 16 }}>
        <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', marginBottom: 0, border: 0 }}>
          {field.labelZh}
          {field.required ? '' : '（选填）'}
        </legend>
        {(field.children ?? []).map((child) => (
          <FieldItem key={child.name} field={child} name={[...name, child.name]} />
        ))}
      </fieldset>
    );
  }
  if (field.kind === 'list') {
    return (
      <Form.Item label={field.labelZh} required={field.required}>
        <Form.List name={name} initialValue={Array.from({ length: field.minItems ?? 1 }, () => ({}))}>
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, index) => (
                <div key={row.key} style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-start' }}>
                  {(field.children ?? []).map((child) => (
                    <Form.Item
                      key={child.name}
                      name={[row.name, child.name]}
                      label={`${child.labelZh}（第${index + 1}人）`}
                      required={child.required}
                    >
                      <FieldInput field={child} />
                    </Form.Item>
                  ))}
                  {rows.length > (field.minItems ?? 1) && (
                    <Button onClick={() => remove(row.name)} style={{ marginTop: 30 }}>
                      删除
                    </Button>
                  )}
                </div>
              ))}
              <Button onClick={() => add({})}>增加一行</Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    );
  }
  return (
    <Form.Item name={name} label={field.labelZh} required={field.required} initialValue={field.initial}>
      <FieldInput field={field} />
    </Form.Item>
  );
}

/** Whether an issue's path names an input of the form (a list or group as a whole has none). */
function shownAtField(path: string, fields: FieldSpec[]): boolean {
  const [body, name, ...rest] = path.split('.');
  const field = fields.find((f) => f.name === name);
  if (body !== 'body' || !field) return false;
  return field.kind === 'list' || field.kind === 'group' ? rest.length > 0 : rest.length === 0;
}

/** A refused event as the page shows it: the server's reason and what may be done instead. */
export interface Refusal {
  title: string;
  lines: string[];
}

export function EventForm({
  caseId,
  event,
  schema,
  onSent,
  onRefused,
}: {
  caseId: string;
  event: AllowedEvent;
  schema: JsonSchema | undefined;
  onSent: (view: CaseViewAnswer) => void;
  /** A 409: the case has moved on; the page reloads it. */
  /** A 409: what was refused and what is allowed now; the page shows it and reloads the case. */
  onRefused: (refusal: Refusal) => void;
}) {
  const [form] = Form.useForm();
  const { modal, message } = AntApp.useApp();
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<{ title: string; lines: string[] }>();
  const fields = schema ? fieldsOf(schema) : [];

  async function send(payload: Record<string, unknown>) {
    setSending(true);
    setProblem(undefined);
    try {
      const view = await api<CaseViewAnswer>('POST', `/api/applications/${encodeURIComponent(caseId)}/events`, {
        type: event.type,
        ...payload,
      });
      void message.success(`已办理：${event.labelZh}`);
      form.resetFields();
      onSent(view);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setProblem({ title: '提交失败，请稍后重试', lines: [] });
      } else if (e.status === 400) {
        const placed = e.fieldErrors().map((f) => ({
          name: f.name,
          // Some payload schemas carry no message of their own for a field left out; zod's default is English.
          errors: f.errors.map((m) => (/received undefined$/.test(m) ? '此项为必填项，请填写' : m)),
        }));
        form.setFields(placed);
        const elsewhere = e.issues.filter((i) => !shownAtField(i.path, fields));
        setProblem({
          title: placed.length > 0 ? '请按提示修改标红的内容后再提交' : e.message,
          lines: elsewhere.map((i) => i.message),
        });
      } else if (e.status === 409) {
        const allowed = Array.isArray(e.detail.allowedEvents) ? (e.detail.allowedEvents as AllowedEvent[]) : [];
        // Shown by the page, not here: the refresh that follows may take this form away (the event is
        // no longer allowed), and the refusal must stay readable after it.
        onRefused({
          title: e.message,
          lines: [
            allowed.length > 0 ? `当前可办理：${allowed.map((a) => a.labelZh).join('、')}` : '当前没有可办理的事项',
          ],
        });
      } else {
        setProblem({ title: e.message, lines: [] });
      }
    } finally {
      setSending(false);
    }
  }

  function submit(values: unknown) {
    const payload = payloadOf(values, fields);
    if (!isDecision(event.type)) {
      void send(payload);
      return;
    }
    modal.confirm({
      title: `确认${event.labelZh}？`,
      content: confirmationZh(event.type),
      okText: '确认提交',
      cancelText: '再看看',
      onOk: () => send(payload),
    });
  }

  return (
    <Form form={form} name={`event-${event.type}`} layout="vertical" onFinish={submit} requiredMark>
      {problem && (
        <Alert
          type={problem.lines.length > 0 && problem.title.startsWith('请按提示') ? 'warning' : 'error'}
          showIcon
          role="alert"
          title={problem.title}
          description={problem.lines.length > 0 ? problem.lines.join('；') : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      {fields.map((field) => (
        <FieldItem key={field.name} field={field} name={[field.name]} />
      ))}
      <Button type="primary" htmlType="submit" loading={sending}>
        提交：{event.labelZh}
      </Button>
    </Form>
  );
}
