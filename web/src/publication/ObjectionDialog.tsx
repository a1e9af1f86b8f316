/**
 * 登记公示异议 for one case: the case is read first and the chart's answer decides — the form is
 * offered only when FILE_NOTICE_OBJECTION is open to the caller's post now; otherwise the dialog
 * says who may record it. The form itself is the case page's generated event form.
 */
import { Alert, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { roleLabelsZh } from '../../../definitions/access/refusals';
import { api, ApiError } from '../api/client';
import type { CaseListItem, CaseViewAnswer } from '../api/types';
import { EventForm } from '../case/EventForm';
import { loadEventSchemas } from '../case/eventSchemas';
import type { JsonSchema } from '../case/payloadFields';
import { useSignedIn } from '../session/SessionContext';

const OBJECTION = 'FILE_NOTICE_OBJECTION';

export function ObjectionDialog({
  target,
  onClose,
  onRecorded,
}: {
  target: CaseListItem;
  onClose: () => void;
  onRecorded: () => void;
}) {
  const role = useSignedIn().post.role;
  const [view, setView] = useState<CaseViewAnswer>();
  const [schema, setSchema] = useState<JsonSchema>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    Promise.all([api<CaseViewAnswer>('GET', `/api/applications/${encodeURIComponent(target.id)}`), loadEventSchemas()])
      .then(([loaded, schemas]) => {
        if (!live) return;
        setView(loaded);
        setSchema(schemas[`${loaded.program}.${OBJECTION}`]);
      })
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : '案件加载失败，请稍后重试'));
    return () => {
      live = false;
    };
  }, [target.id]);

  const event = view?.allowedEvents.find((e) => e.type === OBJECTION);
  let body;
  if (error) body = <Alert type="error" showIcon title={error} role="alert" />;
  else if (!view) body = <Spin description="正在加载案件…" />;
  else if (!event) body = <Alert type="info" showIcon title="该案件当前不在公示期，不能登记公示异议" />;
  else if (!event.roles.includes(role))
    body = (
      <Alert
        type="info"
        showIcon
        title={`公示异议由${event.roles.map((r) => roleLabelsZh[r]).join('或')}登记`}
        description="本岗位可查看和打印公示名单。"
      />
    );
  else
    body = (
      <EventForm
        caseId={target.id}
        event={event}
        schema={schema}
        onSent={() => {
          onRecorded();
          onClose();
        }}
        onRefused={() => undefined}
      />
    );

  return (
    <Modal open title={`登记公示异议：${target.id}`} footer={null} onCancel={onClose} destroyOnHidden width={640}>
      {body}
    </Modal>
  );
}
