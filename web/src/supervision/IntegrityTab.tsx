/**
 * 诚信档案与查询留痕: the county's dishonesty records (in force by default, with their expiry; by ID
 * number or by a case's household), and the access log of personal-data reads under the
 * supervisor's org (who read which case, when, why, full or masked). Both lists mask ID numbers.
 */
import { Card, DatePicker, Input, Select, Space, Switch, Table } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { accessKindLabelsZh } from '../../../definitions/access/accessKindLabels';
import { roleLabelsZh } from '../../../definitions/access/refusals';
import { dishonestySourceLabelsZh } from '../../../definitions/integrity/sourceLabels';
import { query } from '../api/client';
import { useLoaded } from '../api/useLoaded';
import type { AccessKind, AccessLogPage, CallerRole, DishonestyRow, IntegrityListAnswer } from '../api/types';
import { formatDate, formatDateTime } from '../format';
import { emptyText } from '../layout/EmptyText';
import { LoadFailed } from '../layout/LoadFailed';
import { ToneTag } from '../layout/ToneTag';
import type { TabProps } from './tabParams';
import { withFilter } from './tabParams';
import { CursorPager } from '../layout/CursorPager';

type AccessLogItem = AccessLogPage['items'][number];

const caseLink = (id: string | null) => (id ? <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link> : '—');

export function IntegrityTab({ params, setParams }: Omit<TabProps, 'org'>) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <DishonestyRecords params={params} setParams={setParams} />
      <AccessLog params={params} setParams={setParams} />
    </Space>
  );
}

function DishonestyRecords({ params, setParams }: Omit<TabProps, 'org'>) {
  const idNumber = params.get('idNumber') ?? undefined;
  const caseId = params.get('recordCase') ?? undefined;
  const includeExpired = params.get('includeExpired') === 'true' ? 'true' : undefined;
  const cursor = params.get('recordCursor') ?? undefined;
  const { data, error, loading, load } = useLoaded<IntegrityListAnswer>(
    `/api/integrity/records${query({ idNumber, caseId, includeExpired, cursor })}`
  );
  const set = (values: Record<string, string | undefined>) =>
    setParams(withFilter(params, { recordCursor: undefined, ...values }));

  return (
    <Card title="失信记录" size="small">
      <Space wrap style={{ marginBottom: 8 }}>
        <label htmlFor="record-id-number">身份证号</label>
        <Input.Search
          key={`id-${idNumber ?? ''}`}
          id="record-id-number"
          defaultValue={idNumber}
          allowClear
          maxLength={18}
          style={{ width: 240 }}
          onSearch={(v) => set({ idNumber: v.trim() || undefined })}
        />
        <label htmlFor="record-case">案件编号</label>
        <Input.Search
          key={`case-${caseId ?? ''}`}
          id="record-case"
          defaultValue={caseId}
          allowClear
          style={{ width: 240 }}
          onSearch={(v) => set({ recordCase: v.trim() || undefined })}
        />
        <label htmlFor="record-expired">含已到期</label>
        <Switch
          id="record-expired"
          checked={includeExpired === 'true'}
          onChange={(on) => set({ includeExpired: on ? 'true' : undefined })}
        />
      </Space>
      {error && <LoadFailed error={error} retry={load} style={{ marginBottom: 8 }} />}
      <Table<DishonestyRow>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: emptyText('没有符合条件的失信记录') }}
        columns={[
          { title: '申请人身份证号', dataIndex: 'applicantIdNumber' },
          { title: '涉及人数', dataIndex: 'idNumbers', align: 'right', render: (ids: string[]) => ids.length },
          { title: '事由', dataIndex: 'reasonZh' },
          { title: '来源', dataIndex: 'source', render: (s: DishonestyRow['source']) => dishonestySourceLabelsZh[s] },
          { title: '案件', dataIndex: 'caseId', render: caseLink },
          { title: '记录日期', dataIndex: 'createdAt', render: (d: string) => formatDate(d) },
          {
            title: '有效期至',
            key: 'expires',
            render: (_v, r) => (
              <Space>
                {formatDate(r.expiresAt)}
                <ToneTag tone={r.inForce ? 'error' : 'neutral'}>{r.inForce ? '有效' : '已到期'}</ToneTag>
              </Space>
            ),
          },
        ]}
      />
      <CursorPager
        cursor={cursor}
        next={data?.nextCursor}
        style={{ marginTop: 8 }}
        go={(c) => setParams(withFilter(params, { recordCursor: c }))}
      />
    </Card>
  );
}

function AccessLog({ params, setParams }: Omit<TabProps, 'org'>) {
  const userId = params.get('reader') ?? undefined;
  const caseId = params.get('logCase') ?? undefined;
  const kind = (params.get('kind') ?? undefined) as AccessKind | undefined;
  const from = params.get('logFrom') ?? undefined;
  const to = params.get('logTo') ?? undefined;
  const cursor = params.get('logCursor') ?? undefined;
  const { data, error, loading, load } = useLoaded<AccessLogPage>(
    `/api/access-log${query({ userId, caseId, kind, from, to, cursor })}`
  );
  const set = (values: Record<string, string | undefined>) =>
    setParams(withFilter(params, { logCursor: undefined, ...values }));

  return (
    <Card title="查询留痕（个人信息查阅记录）" size="small">
      <Space wrap style={{ marginBottom: 8 }}>
        <label htmlFor="log-reader">查阅人账号</label>
        <Input.Search
          key={`reader-${userId ?? ''}`}
          id="log-reader"
          defaultValue={userId}
          allowClear
          style={{ width: 180 }}
          onSearch={(v) => set({ reader: v.trim() || undefined })}
        />
        <label htmlFor="log-case">案件编号</label>
        <Input.Search
          key={`log-case-${caseId ?? ''}`}
          id="log-case"
          defaultValue={caseId}
          allowClear
          style={{ width: 220 }}
          onSearch={(v) => set({ logCase: v.trim() || undefined })}
        />
        <label htmlFor="log-kind">查阅内容</label>
        <Select
          id="log-kind"
          allowClear
          placeholder="全部"
          style={{ width: 220 }}
          value={kind}
          onChange={(v: string | undefined) => set({ kind: v })}
          options={Object.entries(accessKindLabelsZh).map(([value, label]) => ({ value, label }))}
        />
        <span id="log-period">日期</span>
        <DatePicker.RangePicker
          aria-labelledby="log-period"
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(range) =>
            set({ logFrom: range?.[0]?.format('YYYY-MM-DD'), logTo: range?.[1]?.format('YYYY-MM-DD') })
          }
        />
      </Space>
      {error && <LoadFailed error={error} retry={load} style={{ marginBottom: 8 }} />}
      <Table<AccessLogItem>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        data-testid="access-log"
        dataSource={data?.items ?? []}
        locale={{ emptyText: emptyText('没有符合条件的查阅记录') }}
        columns={[
          { title: '时间', dataIndex: 'readAt', render: (d: string) => formatDateTime(d) },
          {
            title: '查阅人',
            key: 'reader',
            render: (_v, r) => `${r.userId}（${roleLabelsZh[r.role as CallerRole] ?? r.role}，${r.org}）`,
          },
          { title: '内容', dataIndex: 'kind', render: (k: AccessKind) => accessKindLabelsZh[k] },
          { title: '案件', dataIndex: 'caseId', render: caseLink },
          { title: '用途', dataIndex: 'purpose', render: (p: string | null) => p ?? '—' },
          {
            title: '显示方式',
            dataIndex: 'served',
            render: (s: string) => (
              <ToneTag tone={s === 'full' ? 'warning' : 'neutral'}>{s === 'full' ? '完整' : '脱敏'}</ToneTag>
            ),
          },
        ]}
      />
      <CursorPager
        cursor={cursor}
        next={data?.nextCursor}
        style={{ marginTop: 8 }}
        go={(c) => setParams(withFilter(params, { logCursor: c }))}
      />
    </Card>
  );
}
