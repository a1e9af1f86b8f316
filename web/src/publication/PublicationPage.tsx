/**
 * 公示: a village's public notice, per program, to print and post (名单 tab), and the cases it
 * lists, to record an objection heard during the notice (异议登记 tab). The village, the program and
 * the tab are in the URL, so a link opens the same list. Village staff see their own village;
 * township and county staff pick one of the villages under them.
 */
import { Alert, Button, Form, Input, Segmented, Select, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, query } from '../api/client';
import type { CaseListItem, NoticeListing } from '../api/types';
import { formatDate } from '../format';
import { LoadFailed } from '../layout/LoadFailed';
import { useOrgUnits } from '../places/useOrgUnits';
import { useSignedIn } from '../session/SessionContext';
import type { NoticeProgram } from './NoticeSheet';
import { NOTICE_PROGRAM_LABELS_ZH, NoticeSheet } from './NoticeSheet';
import { ObjectionDialog } from './ObjectionDialog';
import './publication.css';

/** One printed sheet holds the whole notice: a village rarely has more cases in notice at once. */
const SHEET_LIMIT = 200;

const isProgram = (value: string | null): value is NoticeProgram => value === 'dibao' || value === 'tekun';

interface Listing<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A township, county or window post picks the village: from the place-name register when it names
 * the villages (a county post picks the township first), else by typing the 12-digit code.
 */
function VillagePicker({ org, value, onPick }: { org: string; value: string; onPick: (village: string) => void }) {
  const [township, setTownship] = useState(org.length === 9 ? org : value.slice(0, 9));
  const townships = useOrgUnits(org.length === 6 ? org : undefined)?.items ?? [];
  const villages = useOrgUnits(township.length === 9 ? township : undefined)?.items ?? [];
  const [draft, setDraft] = useState(value || org);
  if (villages.length > 0 || townships.length > 0) {
    return (
      <Space wrap>
        {org.length === 6 && (
          <Select
            aria-label="乡镇（街道）"
            placeholder="选择乡镇（街道）"
            style={{ width: 180 }}
            value={township.length === 9 ? township : undefined}
            onChange={(code: string) => setTownship(code)}
            options={townships.map((t) => ({ value: t.code, label: t.nameZh }))}
          />
        )}
        <Select
          aria-label="村（居）"
          placeholder="选择村（居）"
          style={{ width: 200 }}
          value={villages.some((v) => v.code === value) ? value : undefined}
          onChange={(code: string) => onPick(code)}
          options={villages.map((v) => ({ value: v.code, label: v.nameZh }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Space>
    );
  }
  const valid = /^\d{12}$/.test(draft) && draft.startsWith(org);
  return (
    <Form layout="inline" onFinish={() => valid && onPick(draft)}>
      <Form.Item
        label="村（居）代码"
        htmlFor="village-code"
        validateStatus={draft.length >= 12 && !valid ? 'error' : undefined}
        help={draft.length >= 12 && !valid ? `应为本辖区（${org}）内的12位村（居）代码` : undefined}
      >
        <Input
          id="village-code"
          value={draft}
          maxLength={12}
          inputMode="numeric"
          style={{ width: 180 }}
          onChange={(e) => setDraft(e.target.value.replace(/\D/g, ''))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" disabled={!valid}>
        查询
      </Button>
    </Form>
  );
}

/** Where objections are taken, from the register: the township's civil-affairs office, then the county's. */
function useObjectionContact(village: string): { villageLabel: string; contact: string | undefined } {
  const township = useOrgUnits(village ? village.slice(0, 9) : undefined);
  const county = useOrgUnits(village ? village.slice(0, 6) : undefined);
  const villageName = township?.items.find((v) => v.code === village)?.nameZh;
  const townshipName = township?.parent?.nameZh ?? '';
  const contacts = [township?.parent?.publicContactZh, county?.parent?.publicContactZh].filter(
    (c): c is string => typeof c === 'string'
  );
  return {
    villageLabel: villageName ? `${townshipName}${villageName}` : village ? `${village}村（居）` : '',
    contact: contacts.length > 0 ? contacts.join('；') : undefined,
  };
}

export function PublicationPage() {
  const session = useSignedIn();
  const { role, org } = session.post;
  const [params, setParams] = useSearchParams();
  const village = role === 'village' ? org : (params.get('village') ?? '');
  const program: NoticeProgram = isProgram(params.get('program')) ? (params.get('program') as NoticeProgram) : 'dibao';
  const tab = params.get('tab') === 'objections' ? 'objections' : 'notice';

  const [notices, setNotices] = useState<Listing<NoticeListing>>();
  const [cases, setCases] = useState<Listing<CaseListItem>>();
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [objectionFor, setObjectionFor] = useState<CaseListItem>();
  const [recorded, setRecorded] = useState<string>();

  const load = useCallback(async () => {
    if (!village) return;
    setLoading(true);
    setLoadError(undefined);
    try {
      const [noticeList, caseList] = await Promise.all([
        api<Listing<NoticeListing>>(
          'GET',
          `/api/publication/notices${query({ village, program, limit: SHEET_LIMIT })}`
        ),
        api<Listing<CaseListItem>>(
          'GET',
          `/api/applications${query({ org: village, program, step: 'publicNotice', status: 'active', limit: SHEET_LIMIT })}`
        ),
      ]);
      setNotices(noticeList);
      setCases(caseList);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '公示名单加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  }, [village, program]);

  useEffect(() => {
    void load();
  }, [load]);

  function change(next: Record<string, string>) {
    const search = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) search.set(key, value);
    setParams(search, { replace: true });
  }

  const caseColumns: TableColumnsType<CaseListItem> = [
    {
      title: '案件编号',
      dataIndex: 'id',
      render: (id: string) => <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link>,
    },
    { title: '申请人', dataIndex: 'applicantName', render: (v: string | null) => v ?? '—' },
    { title: '家庭人口', dataIndex: 'householdSize', width: 100, render: (v: number | null) => v ?? '—' },
    { title: '受理日期', dataIndex: 'acceptedAt', width: 150, render: (v: string | null) => formatDate(v) },
    {
      title: '操作',
      key: 'action',
      width: 120,
      render: (_v, c) => (
        <Button size="small" onClick={() => setObjectionFor(c)}>
          登记异议
        </Button>
      ),
    },
  ];

  const { villageLabel, contact } = useObjectionContact(village);
  const truncated = Boolean(notices?.nextCursor);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }} className="publication-no-print">
        公示
      </Typography.Title>
      <Space className="publication-no-print" style={{ marginBottom: 16 }} wrap size="large">
        <Segmented
          aria-label="救助项目"
          value={program}
          onChange={(value) => change({ program: String(value) })}
          options={Object.entries(NOTICE_PROGRAM_LABELS_ZH).map(([value, label]) => ({ value, label }))}
        />
        {role !== 'village' && <VillagePicker org={org} value={village} onPick={(v) => change({ village: v })} />}
      </Space>
      {!village ? (
        <Alert className="publication-no-print" type="info" showIcon title="请先选择要查看的村（居）" />
      ) : (
        <>
          {loadError && <LoadFailed error={loadError} retry={load} style={{ marginBottom: 12 }} />}
          {recorded && (
            <Alert
              className="publication-no-print"
              type="success"
              showIcon
              title={recorded}
              closable={{ onClose: () => setRecorded(undefined) }}
              style={{ marginBottom: 12 }}
            />
          )}
          <Tabs
            className="publication-tabs"
            activeKey={tab}
            onChange={(key) => change({ tab: key })}
            items={[
              {
                key: 'notice',
                label: '公示名单',
                children: (
                  <>
                    <Space className="publication-no-print" style={{ marginBottom: 12 }}>
                      <Button type="primary" disabled={!notices?.items.length} onClick={() => window.print()}>
                        打印公示（A4）
                      </Button>
                      <span>共{notices?.items.length ?? 0}户</span>
                    </Space>
                    {truncated && (
                      <Alert
                        className="publication-no-print"
                        type="warning"
                        showIcon
                        title={`公示户数超过${SHEET_LIMIT}户，请导出 CSV 后分页打印`}
                        style={{ marginBottom: 12 }}
                      />
                    )}
                    {loading && !notices ? null : notices && notices.items.length === 0 ? (
                      <Alert
                        type="info"
                        showIcon
                        title={`本村（居）当前没有${NOTICE_PROGRAM_LABELS_ZH[program]}公示`}
                      />
                    ) : (
                      notices && (
                        <NoticeSheet
                          villageLabel={villageLabel}
                          program={program}
                          items={notices.items}
                          issuedOn={new Date().toISOString()}
                          objectionContact={contact}
                        />
                      )
                    )}
                  </>
                ),
              },
              {
                key: 'objections',
                label: '异议登记',
                children: (
                  <Table<CaseListItem>
                    rowKey="id"
                    size="middle"
                    columns={caseColumns}
                    dataSource={cases?.items ?? []}
                    loading={loading}
                    pagination={false}
                    locale={{ emptyText: '本村（居）当前没有公示中的案件' }}
                  />
                ),
              },
            ]}
          />
        </>
      )}
      {objectionFor && (
        <ObjectionDialog
          target={objectionFor}
          onClose={() => setObjectionFor(undefined)}
          onRecorded={() => {
            setRecorded(`已登记 ${objectionFor.id} 的公示异议：公示期满后转乡镇（街道）核实处理`);
            void load();
          }}
        />
      )}
    </>
  );
}
