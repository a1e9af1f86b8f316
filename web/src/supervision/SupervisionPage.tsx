/**
 * 监督: the supervisor's views under one page, each a tab named in the URL (`?tab=`): statistics,
 * overdue cases (with the way to the extension), stuck cases, risk warnings and the integrity
 * register with the access log. Loaded on its own (React.lazy in App.tsx), so the charts are
 * downloaded only by the people who open it.
 */
import { Input, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useSignedIn } from '../session/SessionContext';
import { DashboardTab } from './DashboardTab';
import { IntegrityTab } from './IntegrityTab';
import { OverdueTab } from './OverdueTab';
import { RisksTab } from './RisksTab';
import { StuckTab } from './StuckTab';

const TABS = [
  { key: 'dashboard', label: '统计' },
  { key: 'overdue', label: '超期与临期案件' },
  { key: 'stuck', label: '卡住的案件' },
  { key: 'risks', label: '风险预警' },
  { key: 'integrity', label: '诚信档案与查询留痕' },
] as const;
type Tab = (typeof TABS)[number]['key'];

/** The URL's parameters that belong to every tab; the rest (filters, cursors) belong to one. */
const SHARED = ['tab', 'org'];

export default function SupervisionPage() {
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((t) => t.key === params.get('tab'))?.key ?? 'dashboard';
  const org = params.get('org') || session.post.org;

  /** Moves to another tab (or the same one) with these parameters; the old tab's own filters go. */
  function go(nextTab: Tab, values: Record<string, string | undefined> = {}) {
    const next = new URLSearchParams();
    for (const key of SHARED) {
      const value = params.get(key);
      if (value) next.set(key, value);
    }
    next.set('tab', nextTab);
    for (const [key, value] of Object.entries(values)) if (value) next.set(key, value);
    setParams(next);
  }

  function setOrg(value: string) {
    const next = new URLSearchParams(params);
    const trimmed = value.trim();
    if (trimmed && trimmed !== session.post.org) next.set('org', trimmed);
    else next.delete('org');
    next.delete('cursor');
    setParams(next);
  }

  const content = {
    dashboard: <DashboardTab org={org} params={params} setParams={setParams} drill={go} />,
    overdue: <OverdueTab org={org} params={params} setParams={setParams} />,
    stuck: <StuckTab org={org} params={params} setParams={setParams} />,
    risks: <RisksTab org={org} params={params} setParams={setParams} />,
    integrity: <IntegrityTab params={params} setParams={setParams} />,
  }[tab];

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'baseline' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
          监督
        </Typography.Title>
        {tab === 'integrity' ? (
          // The register and the access log are the supervisor's own org's: no narrowing there.
          <span>范围：{session.post.org}</span>
        ) : (
          <Space>
            <label htmlFor="supervision-org">监督范围（区划代码）</label>
            <Input.Search
              key={org}
              id="supervision-org"
              defaultValue={org}
              enterButton="查看"
              maxLength={12}
              style={{ width: 260 }}
              onSearch={setOrg}
            />
          </Space>
        )}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => go(key as Tab)}
        items={TABS.map((t) => ({ key: t.key, label: t.label }))}
      />
      {content}
    </>
  );
}
