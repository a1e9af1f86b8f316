/**
 * What a finance officer does on a cycle now: submit the batch (becoming its preparer, 制单人),
 * approve it or send it back (another officer: maker-checker shown before anything is sent, and the
 * API's refusal shown if it is sent anyway), fetch the bank file, upload the bank's return file.
 * The commands offered are the cycle's `allowedCommands`; irreversible ones ask for confirmation.
 */
import { Alert, App as AntApp, Button, Card, Input, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { sameUser } from '../../../definitions/shared/userIds';
import { api, ApiError } from '../api/client';
import type { CycleView } from '../api/types';
import { ReturnFileUpload } from './ReturnFileUpload';

export const PREPARER_MAY_NOT_APPROVE =
  '您是本批次的制单人，按不相容岗位分离规定不能审核本批次，请由本县其他财务人员审核';

export function CycleActions({
  view,
  userId,
  onChanged,
}: {
  view: CycleView;
  userId: string;
  onChanged: (view: CycleView) => void;
}) {
  const { modal } = AntApp.useApp();
  const [problem, setProblem] = useState<ApiError>();
  const [sending, setSending] = useState<string>();
  const [reason, setReason] = useState('');
  const allowed = new Map(view.allowedCommands.map((c) => [c.type, c]));
  const path = `/api/payment-cycles/${encodeURIComponent(view.id)}`;
  const preparer = view.preparer?.userId ?? null;
  const iPrepared = sameUser(preparer, userId);

  async function send(command: string, body: Record<string, unknown>) {
    setSending(command);
    setProblem(undefined);
    try {
      onChanged(await api<CycleView>('POST', `${path}/${command}`, body));
      setReason('');
    } catch (e) {
      setProblem(e instanceof ApiError ? e : new ApiError(0, 'ERROR', '办理失败，请稍后重试'));
    } finally {
      setSending(undefined);
    }
  }

  const confirmThen = (title: string, content: string, okText: string, run: () => Promise<void>): void => {
    modal.confirm({ title, content, okText, cancelText: '取消', onOk: run });
  };

  const approve = allowed.get('APPROVE');
  const returnable = allowed.get('RETURN_FOR_CORRECTION');
  return (
    <Card title="办理" size="small" style={{ marginBottom: 16 }} data-testid="cycle-actions">
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem.message}
          description={
            problem.code === 'MAKER_CHECKER'
              ? `不相容岗位分离：${typeof problem.detail.rule === 'string' ? problem.detail.rule : '制单人不得审核'}`
              : problem.issues.map((issue) => issue.message).join('；') || undefined
          }
          style={{ marginBottom: 12 }}
          data-testid="action-error"
        />
      )}
      {(approve || returnable) && (
        <Alert
          type={iPrepared ? 'warning' : 'info'}
          showIcon
          title={`制单人：${preparer ?? '—'}${iPrepared ? '（本人）' : ''}`}
          description={iPrepared ? PREPARER_MAY_NOT_APPROVE : '审核人须为制单人以外的本县财务人员（不相容岗位分离）。'}
          style={{ marginBottom: 12 }}
          data-testid="maker-checker"
        />
      )}
      <Space wrap align="start">
        {allowed.has('SUBMIT_FOR_APPROVAL') && (
          <Button
            type="primary"
            loading={sending === 'submit'}
            onClick={() =>
              confirmThen(
                '提交本批次审核？',
                '提交后您为本批次的制单人，须由本县其他财务人员审核；审核前可被退回修改。',
                '确认提交',
                () => send('submit', {})
              )
            }
          >
            提交审核
          </Button>
        )}
        {approve && (
          <Tooltip title={iPrepared ? PREPARER_MAY_NOT_APPROVE : undefined}>
            <Button
              type="primary"
              disabled={iPrepared}
              loading={sending === 'approve'}
              onClick={() =>
                confirmThen(
                  '审核通过本批次？',
                  '审核通过后将生成银行代发文件，本批次不能再退回修改。',
                  '确认审核通过',
                  () => send('approve', {})
                )
              }
            >
              审核通过
            </Button>
          </Tooltip>
        )}
        {returnable && !iPrepared && (
          <Space.Compact>
            <Input
              aria-label="退回原因"
              placeholder="退回原因"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              style={{ width: 240 }}
            />
            <Button
              loading={sending === 'return-for-correction'}
              onClick={() => void send('return-for-correction', { reason })}
            >
              退回修改
            </Button>
          </Space.Compact>
        )}
        {view.bankFile && (
          <Button href={`${path}/bank-file`} download data-testid="bank-file">
            下载代发文件（{view.bankFile.lines}笔）
          </Button>
        )}
      </Space>
      {allowed.has('RECORD_RETURN') && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>登记银行回盘</Typography.Text>
          <ReturnFileUpload cycleId={view.id} onRecorded={onChanged} />
        </div>
      )}
      {view.allowedCommands.length === 0 && !view.bankFile && (
        <Typography.Text type="secondary">当前环节无需办理。</Typography.Text>
      )}
    </Card>
  );
}
