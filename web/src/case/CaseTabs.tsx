/** The case page's reading tabs: timeline, verification report, notices. */
import { Alert, Button, Card, Empty, List, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { roleLabelsZh } from '../../../definitions/access/refusals';
import type { CallerRole, Check, StoredRun, TimelineEntry } from '../api/types';
import { formatDateTime } from '../format';

const roleLabel = (role: string) => roleLabelsZh[role as CallerRole] ?? role;

export function TimelineTable({ entries }: { entries: TimelineEntry[] }) {
  const columns: TableColumnsType<TimelineEntry> = [
    { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
    { title: '办理人', key: 'who', width: 130, render: (_v, e) => e.actor.userId },
    { title: '岗位', key: 'role', width: 150, render: (_v, e) => roleLabel(e.actor.role) },
    { title: '单位', key: 'org', width: 110, render: (_v, e) => e.actor.org },
    { title: '事项', dataIndex: 'labelZh', width: 170 },
    { title: '办理后环节', dataIndex: 'toLabelZh', width: 180 },
    { title: '意见', dataIndex: 'comment', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Table<TimelineEntry>
      rowKey="seq"
      size="small"
      columns={columns}
      dataSource={[...entries].reverse()}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: '暂无办理记录' }}
      scroll={{ x: 1000 }}
      data-testid="timeline"
    />
  );
}

export interface VerificationAnswer {
  caseId: string;
  latestRun: number | null;
  runs: StoredRun[];
}

const sourceStatusZh: Record<string, string> = {
  pending: '等待答复',
  answered: '已答复',
  unavailable: '暂时无法查询',
  refused: '拒绝查询',
};

export function VerificationReport({ answer }: { answer: VerificationAnswer }) {
  const run = answer.runs[0];
  if (!run) return <Empty description="尚未发起家庭经济状况核对" />;
  const checks = run.eligibility?.checks ?? [];
  const columns: TableColumnsType<Check> = [
    { title: '核对规则', dataIndex: 'labelZh', width: 180 },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 70,
      render: (v: Check['kind']) => (v === 'condition' ? '条件' : '提示'),
    },
    {
      title: '数据',
      key: 'figures',
      width: 260,
      render: (_v, c) => (
        <Space orientation="vertical" size={0}>
          {c.figures.map((f) => (
            <span key={f.name}>
              {f.labelZh}：{f.value.toLocaleString('zh-CN')} {f.unit}
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: '结果',
      dataIndex: 'passed',
      width: 80,
      render: (v: boolean) => (
        <Tag style={v ? { color: '#135200', background: '#f6ffed' } : { color: '#a8071a', background: '#fff1f0' }}>
          {v ? '通过' : '未通过'}
        </Tag>
      ),
    },
    { title: '说明', dataIndex: 'explanationZh' },
    { title: '依据', dataIndex: 'ruleSource', width: 200 },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={run.status === 'running' ? 'info' : run.eligible ? 'success' : 'warning'}
        showIcon
        title={`第${run.run}次核对（${run.status === 'running' ? '进行中' : '已完成'}，发起于${formatDateTime(run.startedAt)}）`}
        description={run.summaryZh ?? run.eligibility?.summaryZh ?? '各部门尚未全部答复'}
      />
      <Table<Check>
        rowKey="rule"
        size="small"
        columns={columns}
        dataSource={checks}
        pagination={false}
        locale={{ emptyText: '核对尚未得出结论' }}
        scroll={{ x: 1000 }}
      />
      <Typography.Title level={2} style={{ fontSize: 15 }}>
        各部门答复
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={run.sources}
        renderItem={(s) => (
          <List.Item>
            {s.labelZh}：{sourceStatusZh[s.status] ?? s.status}
            {s.answeredAt ? `（${formatDateTime(s.answeredAt)}）` : ''}
            {s.findings.length > 0 ? `，${s.findings.length}条记录` : ''}
            {s.errorZh ? `，${s.errorZh}` : ''}
          </List.Item>
        )}
      />
    </Space>
  );
}

export interface Notice {
  seq: number;
  kind: string;
  titleZh: string;
  bodyZh: string;
  issuedAt: string;
}

/** Notices as issued; 打印 prints only the one chosen (the rest of the page is hidden on paper). */
export function NoticeList({ notices }: { notices: Notice[] }) {
  const [printing, setPrinting] = useState<string>();
  if (notices.length === 0) return <Empty description="尚未出具文书" />;
  function print(key: string) {
    setPrinting(key);
    // After React has marked the notice: the print style shows only the marked one.
    setTimeout(() => window.print(), 50);
  }
  return (
    <>
      <style>{`@media print {
  body * { visibility: hidden !important; }
  .notice-printing, .notice-printing * { visibility: visible !important; }
  .notice-printing { position: absolute; left: 0; top: 0; width: 100%; border: 0 !important; }
  .notice-printing button { display: none; }
}`}</style>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {notices.map((n) => {
          const key = `${n.seq}-${n.kind}`;
          return (
            <Card
              key={key}
              className={printing === key ? 'notice-printing' : undefined}
              title={n.titleZh}
              extra={<Button onClick={() => print(key)}>打印</Button>}
            >
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
                {n.bodyZh}
              </Typography.Paragraph>
              <Typography.Text type="secondary">出具时间：{formatDateTime(n.issuedAt)}</Typography.Text>
            </Card>
          );
        })}
      </Space>
    </>
  );
}
