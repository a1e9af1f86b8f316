/**
 * 案件详情: a case's header (program, step, owners, running clocks with their legal source), its
 * statechart with the current state highlighted, the actions the caller's post may take now (a form
 * per event, generated from the event's payload schema), the timeline, the verification report and
 * the notices. Everything from the API; a supervisor states the purpose of the read first.
 */
import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  Input,
  Modal,
  Result,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { roleLabelsZh } from '../../../definitions/access/refusals';
import { api, ApiError, query } from '../api/client';
import { useLoaded } from '../api/useLoaded';
import type { CallerRole, CaseViewAnswer, ChartDiagram } from '../api/types';
import { formatDate, unitZh } from '../format';
import { DueTag } from '../tasks/DueTag';
import { useSignedIn } from '../session/SessionContext';
import type { Notice, VerificationAnswer } from './CaseTabs';
import { NoticeList, TimelineTable, VerificationReport } from './CaseTabs';
import { ChartDiagramView } from './ChartDiagramView';
import { activePaths } from './diagramLayout';
import type { Refusal } from './EventForm';
import { EventForm } from './EventForm';
import { LoadFailed } from '../layout/LoadFailed';
import { loadEventSchemas } from './eventSchemas';
import type { JsonSchema } from './payloadFields';

/** Roles that may read the household economic check (definitions/access/actions.ts `verification.read`). */
const VERIFICATION_READERS: readonly CallerRole[] = ['township', 'county', 'supervisor'];

function Loading() {
  return <Spin description="正在加载…" />;
}

export function CasePage() {
  const { id = '' } = useParams();
  const session = useSignedIn();
  const role = session.post.role;
  const [params, setParams] = useSearchParams();
  const purpose = params.get('purpose') ?? undefined;
  const needsPurpose = role === 'supervisor' && !purpose;
  const tab = params.get('tab') ?? 'diagram';

  const [view, setView] = useState<CaseViewAnswer>();
  const [chart, setChart] = useState<ChartDiagram>();
  const [schemas, setSchemas] = useState<Record<string, JsonSchema>>();
  const [loadError, setLoadError] = useState<string>();
  const [purposeDraft, setPurposeDraft] = useState('');
  const [refusal, setRefusal] = useState<Refusal>();

  const load = useCallback(async () => {
    if (needsPurpose) return;
    setLoadError(undefined);
    try {
      const loaded = await api<CaseViewAnswer>(
        'GET',
        `/api/applications/${encodeURIComponent(id)}${query({ purpose })}`
      );
      setView(loaded);
      const [diagram, payloads] = await Promise.all([
        api<ChartDiagram>('GET', `/api/programs/${encodeURIComponent(loaded.definitionVersion)}/chart`),
        loadEventSchemas(),
      ]);
      setChart(diagram);
      setSchemas(payloads);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '案件加载失败，请稍后重试');
    }
  }, [id, purpose, needsPurpose]);

  useEffect(() => {
    void load();
  }, [load]);

  const active = useMemo(() => new Set(view ? activePaths(view.stateValue) : []), [view]);
  const visited = useMemo(
    () =>
      new Set(
        (view?.timeline ?? []).flatMap((e) => [e.from, e.to]).filter((s): s is string => s !== null && !active.has(s))
      ),
    [view, active]
  );

  function setTab(key: string) {
    const next = new URLSearchParams(params);
    next.set('tab', key);
    setParams(next, { replace: true });
  }

  if (needsPurpose) {
    return (
      <Modal
        open
        title="请说明查询用途"
        okText="查看案件"
        cancelText="返回工作台"
        okButtonProps={{ disabled: purposeDraft.trim().length < 2 }}
        onOk={() => {
          const next = new URLSearchParams(params);
          next.set('purpose', purposeDraft.trim());
          setParams(next, { replace: true });
        }}
        onCancel={() => window.history.back()}
      >
        <Typography.Paragraph>监督人员查看案件和核对报告须写明用途，查询将记入访问日志。</Typography.Paragraph>
        <label htmlFor="purpose-input">查询用途</label>
        <Input
          id="purpose-input"
          value={purposeDraft}
          onChange={(e) => setPurposeDraft(e.target.value)}
          placeholder="如：核查群众举报线索"
          maxLength={200}
        />
      </Modal>
    );
  }

  if (loadError && !view) {
    return (
      <Result
        status="warning"
        title={loadError}
        extra={
          <Space>
            <Button type="primary" onClick={() => void load()}>
              重试
            </Button>
            <Link to="/tasks">返回工作台</Link>
          </Space>
        }
      />
    );
  }
  if (!view) return <Loading />;

  const mine = view.allowedEvents.filter((e) => e.roles.includes(role));
  const others = view.allowedEvents.filter((e) => !e.roles.includes(role));

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
        案件详情 · {view.id}
      </Typography.Title>
      {loadError && <LoadFailed error={loadError} retry={load} style={{ marginBottom: 12 }} />}
      <Descriptions
        bordered
        size="small"
        column={3}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'program', label: '救助项目', children: view.programLabelZh },
          {
            key: 'step',
            label: '当前环节',
            children: (
              <span data-testid="current-step">
                {view.stepLabelZh}
                {view.status === 'done' && <Tag style={{ marginLeft: 8 }}>已办结</Tag>}
              </span>
            ),
          },
          {
            key: 'owners',
            label: '当前办理',
            children:
              view.owners.length > 0
                ? view.owners.map((o) => `${roleLabelsZh[o.role as CallerRole] ?? o.role}（${o.org}）`).join('、')
                : '—',
          },
          {
            key: 'household',
            label: '申请家庭',
            children: view.household ? (
              <Space size={12}>
                <span data-testid="household">
                  {view.household.applicantName ?? '—'}
                  {view.household.size !== null ? `（${view.household.size}人）` : ''}
                </span>
                {view.household.householdId && (
                  <Link to={`/households/${encodeURIComponent(view.household.householdId)}`}>家庭申请</Link>
                )}
              </Space>
            ) : (
              '—'
            ),
          },
          {
            key: 'orgs',
            label: '所属',
            children: `${view.orgs.county} / ${view.orgs.township} / ${view.orgs.village}`,
          },
          {
            key: 'updated',
            label: '最近办理',
            children: `${formatDate(view.updatedAt)}（流程版本 ${view.definitionVersion}）`,
          },
          {
            key: 'clocks',
            label: '办理时限',
            span: 3,
            children:
              view.deadlines.length === 0 ? (
                '当前环节无法定时限'
              ) : (
                <Space orientation="vertical" size={2}>
                  {view.deadlines.map((d) => (
                    <span key={d.key} data-testid="clock">
                      <strong>{d.labelZh}</strong>：{formatDate(d.dueAt)}前{' '}
                      <DueTag workingDaysLeft={d.workingDaysLeft} overdue={Date.parse(d.dueAt) < Date.now()} />
                      （时限{d.limit.amount}
                      {unitZh(d.limit.unit)}）· 依据：{d.source}
                      {d.calendar?.noteZh ? ` · ${d.calendar.noteZh}` : ''}
                    </span>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'diagram',
            label: '流程图',
            children: chart ? <ChartDiagramView chart={chart} active={active} visited={visited} /> : <Loading />,
          },
          {
            key: 'actions',
            label: `办理（${mine.length}）`,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {refusal && (
                  <Alert
                    type="warning"
                    showIcon
                    role="alert"
                    title={refusal.title}
                    description={refusal.lines.join('；')}
                  />
                )}
                {mine.length === 0 ? (
                  <Empty
                    description={
                      others.length > 0
                        ? `本岗位当前无可办理事项；待${[...new Set(others.flatMap((e) => e.roles))].map((r) => roleLabelsZh[r]).join('、')}办理`
                        : '当前没有可办理的事项'
                    }
                  />
                ) : (
                  <Collapse
                    items={mine.map((event) => ({
                      key: event.type,
                      label: event.labelZh,
                      children: schemas ? (
                        <EventForm
                          caseId={view.id}
                          event={event}
                          schema={schemas[`${view.program}.${event.type}`]}
                          // An event's answer is masked as a command's is; the household read on this page
                          // (in full where the reader was served it so, e.g. a supervisor with a purpose) stays.
                          onSent={(next) => {
                            setRefusal(undefined);
                            setView((prev) => ({ ...next, household: prev?.household ?? next.household }));
                          }}
                          onRefused={(next) => {
                            setRefusal(next);
                            void load();
                          }}
                        />
                      ) : (
                        <Loading />
                      ),
                    }))}
                  />
                )}
              </Space>
            ),
          },
          {
            key: 'timeline',
            label: `办理记录（${view.timeline.length}）`,
            children: <TimelineTable entries={view.timeline} />,
          },
          ...(VERIFICATION_READERS.includes(role)
            ? [
                {
                  key: 'verification',
                  label: '核对报告',
                  children: <VerificationTab caseId={view.id} purpose={purpose} />,
                },
              ]
            : []),
          { key: 'notices', label: '文书', children: <NoticesTab caseId={view.id} /> },
        ]}
      />
    </>
  );
}

function VerificationTab({ caseId, purpose }: { caseId: string; purpose: string | undefined }) {
  const { data, error, load } = useLoaded<VerificationAnswer>(
    `/api/applications/${encodeURIComponent(caseId)}/verification${query({ purpose })}`
  );
  if (error) return <LoadFailed error={error} retry={load} />;
  return data ? <VerificationReport answer={data} /> : <Loading />;
}

function NoticesTab({ caseId }: { caseId: string }) {
  const { data, error, load } = useLoaded<{ items: Notice[] }>(
    `/api/applications/${encodeURIComponent(caseId)}/notices`
  );
  if (error) return <LoadFailed error={error} retry={load} />;
  return data ? (
    <Card size="small" variant="borderless">
      <NoticeList notices={data.items} />
    </Card>
  ) : (
    <Loading />
  );
}
