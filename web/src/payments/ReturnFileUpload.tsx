/**
 * The bank's return file, chosen with antd Upload and sent as it is (`text/csv`) to the API, which
 * checks it whole: a refused file (400 FILE_REJECTED) lists its problems by line and column, and
 * nothing of it is booked.
 */
import { Alert, App as AntApp, Button, Table, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError, apiUpload } from '../api/client';
import type { CycleView, FileProblem } from '../api/types';

interface Refusal {
  message: string;
  problems: FileProblem[];
  problemCount: number;
}

const problemColumns: TableColumnsType<FileProblem> = [
  { title: '行号', dataIndex: 'line', width: 80, render: (line: number) => (line === 0 ? '整个文件' : line) },
  { title: '列', dataIndex: 'field', width: 160, render: (field: string | null) => field ?? '—' },
  { title: '问题', dataIndex: 'message' },
];

export function ReturnFileUpload({ cycleId, onRecorded }: { cycleId: string; onRecorded: (view: CycleView) => void }) {
  const { modal } = AntApp.useApp();
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();

  async function send(file: File) {
    setSending(true);
    setRefusal(undefined);
    try {
      onRecorded(
        await apiUpload<CycleView>(`/api/payment-cycles/${encodeURIComponent(cycleId)}/return-file`, file, 'text/csv')
      );
    } catch (e) {
      if (e instanceof ApiError) {
        const problems = Array.isArray(e.detail.problems) ? (e.detail.problems as FileProblem[]) : [];
        const count = typeof e.detail.problemCount === 'number' ? e.detail.problemCount : problems.length;
        setRefusal({ message: e.message, problems, problemCount: count });
      } else setRefusal({ message: '回盘文件上传失败，请稍后重试', problems: [], problemCount: 0 });
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <Upload
        accept=".csv,text/csv"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          modal.confirm({
            title: `登记回盘文件 ${file.name}？`,
            content: '登记后将按回盘逐笔记账（成功或失败），不能撤销；失败的各笔转入待重发。',
            okText: '确认登记',
            cancelText: '取消',
            onOk: () => send(file),
          });
          // Sent by us, as the file's bytes, not as a multipart form.
          return false;
        }}
      >
        <Button loading={sending} style={{ marginTop: 8 }}>
          选择回盘文件（CSV）并上传
        </Button>
      </Upload>
      {refusal && (
        <div data-testid="return-file-problems" style={{ marginTop: 12 }}>
          <Alert
            type="error"
            showIcon
            role="alert"
            title={refusal.message}
            description={
              refusal.problemCount > refusal.problems.length
                ? `共${refusal.problemCount}处问题，以下列出前${refusal.problems.length}处`
                : `共${refusal.problemCount}处问题`
            }
            style={{ marginBottom: 8 }}
          />
          <Table
            rowKey={(p) => `${p.line}-${p.field ?? ''}-${p.message}`}
            size="small"
            columns={problemColumns}
            dataSource={refusal.problems}
            pagination={false}
          />
        </div>
      )}
    </>
  );
}
