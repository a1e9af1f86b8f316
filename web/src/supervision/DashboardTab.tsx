/**
 * 统计: for the cases submitted in a period (`from`/`to` in the URL, 30 days by default), the counts
 * per program and state, the share decided within the legal limit per county and township, and each
 * step's average and 90th-percentile time next to its limit; and, as of now, the overdue and due-soon
 * cases per county and township, each count a link to those cases. Every chart has its figures in a
 * table beside it.
 */
import { Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { query } from '../api/client';
import { useLoaded } from '../api/useLoaded';
import type { DueSoonAnswer, OverdueAnswer, StatsAnswer } from '../api/types';
import { formatShare } from '../format';
import { emptyText } from '../layout/EmptyText';
import { LoadFailed } from '../layout/LoadFailed';
import type { ChartOption } from './EChart';
import { EChart } from './EChart';
import type { DueCounts } from './supervisionData';
import { countsPerProgram, dueCounts, hoursText, limitText } from './supervisionData';
import type { TabProps } from './tabParams';
import { withFilter } from './tabParams';

/** Working days ahead that count as due soon, as on the work lists. */
const DUE_SOON_WITHIN = '3wd';

const BLUE = '#0958d9';
const RED = '#cf1322';
const AMBER = '#ad6800';

function barOption(categories: string[], series: { name: string; data: number[]; color: string }[]): ChartOption {
  return {
    grid: { left: 48, right: 16, top: 36, bottom: 56 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, itemStyle: { color: s.color } })),
  };
}

export function DashboardTab({
  org,
  params,
  setParams,
  drill,
}: TabProps & { drill: (tab: 'overdue', values: Record<string, string | undefined>) => void }) {
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const stats = useLoaded<StatsAnswer>(`/api/supervision/stats${query({ org, from, to })}`);
  const overdue = useLoaded<OverdueAnswer>(`/api/supervision/overdue${query({ org, groupBy: 'township', limit: 1 })}`);
  const dueSoon = useLoaded<DueSoonAnswer>(
    `/api/supervision/due-soon${query({ org, groupBy: 'township', within: DUE_SOON_WITHIN, limit: 1 })}`
  );
  const due = useMemo(
    () => (overdue.data && dueSoon.data ? dueCounts(overdue.data.groups ?? [], dueSoon.data.groups ?? []) : undefined),
    [overdue.data, dueSoon.data]
  );
  const error = stats.error ?? overdue.error ?? dueSoon.error;
  const reload = async () => {
    await Promise.all([stats.load(), overdue.load(), dueSoon.load()]);
  };

  const period = stats.data?.period;
  const picker = (
    <Space wrap>
      <span id="period-label">统计区间（按提交日期）</span>
      <DatePicker.RangePicker
        aria-labelledby="period-label"
        allowClear={false}
        value={period ? [dayjs(period.from), dayjs(period.to)] : null}
        onChange={(range) => {
          if (!range?.[0] || !range[1]) return;
          setParams(withFilter(params, { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }));
        }}
      />
      {(from || to) && (
        <Button onClick={() => setParams(withFilter(params, { from: undefined, to: undefined }))}>近30天</Button>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {picker}
      {error && <LoadFailed error={error} retry={reload} />}
      <StateCounts stats={stats.data} loading={stats.loading} />
      <DueCountsCard
        due={due}
        loading={overdue.loading || dueSoon.loading}
        open={(values) => drill('overdue', values)}
      />
      <WithinLimit stats={stats.data} loading={stats.loading} />
      <StepTimes stats={stats.data} loading={stats.loading} />
    </Space>
  );
}

function StateCounts({ stats, loading }: { stats: StatsAnswer | undefined; loading: boolean }) {
  const programs = stats ? countsPerProgram(stats.byState) : [];
  const total = programs.reduce((n, p) => n + p.active + p.done, 0);
  return (
    <Card title="案件数量（按项目与状态）" size="small" data-testid="state-counts">
      <Row gutter={16}>
        <Col span={13}>
          {programs.length > 0 && (
            <EChart
              label="各救助项目在办与办结案件数的柱状图，数字见右表"
              option={barOption(
                programs.map((p) => p.labelZh),
                [
                  { name: '在办', data: programs.map((p) => p.active), color: BLUE },
                  { name: '已办结', data: programs.map((p) => p.done), color: '#595959' },
                ]
              )}
            />
          )}
          {stats && programs.length === 0 && <Typography.Text>本区间内没有提交的案件</Typography.Text>}
        </Col>
        <Col span={11}>
          <Statistic title="本区间提交的案件" value={total} style={{ marginBottom: 8 }} />
          <Table
            size="small"
            rowKey={(r) => `${r.program}/${r.step}/${r.status}`}
            loading={loading}
            pagination={false}
            scroll={{ y: 200 }}
            locale={{ emptyText: emptyText('本区间内没有提交的案件') }}
            dataSource={stats?.byState ?? []}
            columns={[
              { title: '项目', dataIndex: 'programLabelZh' },
              { title: '环节', dataIndex: 'stepLabelZh' },
              { title: '状态', dataIndex: 'status', render: (s: string) => (s === 'active' ? '在办' : '已办结') },
              { title: '件数', dataIndex: 'count', align: 'right' },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

function DueCountsCard({
  due,
  loading,
  open,
}: {
  due: { townships: DueCounts[]; counties: DueCounts[] } | undefined;
  loading: boolean;
  open: (values: Record<string, string | undefined>) => void;
}) {
  const link = (org: string, list: 'overdue' | 'dueSoon', count: number) =>
    count === 0 ? (
      0
    ) : (
      <Button
        type="link"
        size="small"
        onClick={() => open({ org, list })}
        aria-label={`${count}件，查看${org}的${list === 'overdue' ? '超期' : '临期'}案件`}
      >
        {count}
      </Button>
    );
  const table = (title: string, rows: DueCounts[], testId: string) => (
    <Table
      size="small"
      title={() => title}
      rowKey="org"
      loading={loading}
      pagination={false}
      data-testid={testId}
      dataSource={rows}
      locale={{ emptyText: emptyText('没有超期或临期的案件') }}
      columns={[
        { title: '区划代码', dataIndex: 'org' },
        { title: '已超期', dataIndex: 'overdue', align: 'right', render: (n: number, r) => link(r.org, 'overdue', n) },
        {
          title: '3个工作日内到期',
          dataIndex: 'dueSoon',
          align: 'right',
          render: (n: number, r) => link(r.org, 'dueSoon', n),
        },
      ]}
    />
  );
  const townships = due?.townships ?? [];
  return (
    <Card title="超期与临期案件（当前，按县和乡镇）" size="small">
      <Row gutter={16}>
        <Col span={13}>
          {townships.length > 0 && (
            <EChart
              label="各乡镇超期与临期案件数的柱状图，点击柱子查看案件，数字见右表"
              testId="due-chart"
              onBarClick={(township) => open({ org: township, list: 'overdue' })}
              option={barOption(
                townships.map((t) => t.org),
                [
                  { name: '已超期', data: townships.map((t) => t.overdue), color: RED },
                  { name: '3个工作日内到期', data: townships.map((t) => t.dueSoon), color: AMBER },
                ]
              )}
            />
          )}
        </Col>
        <Col span={11}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {table('按县（市、区）', due?.counties ?? [], 'due-by-county')}
            {table('按乡镇（街道）', townships, 'due-by-township')}
          </Space>
        </Col>
      </Row>
    </Card>
  );
}

function WithinLimit({ stats, loading }: { stats: StatsAnswer | undefined; loading: boolean }) {
  const rows = stats
    ? [...stats.byCounty.map((c) => ({ ...c, level: '县' })), ...stats.byTownship.map((t) => ({ ...t, level: '乡镇' }))]
    : [];
  const townships = stats?.byTownship ?? [];
  return (
    <Card
      title="法定时限内办结的比例（审批决定在受理至审核确认的总时限内，含依法延长的）"
      size="small"
      extra={
        <span data-testid="within-limit-overall">
          合计：{formatShare(stats?.overall.withinLimitShare ?? null)}（{stats?.overall.decidedWithinLimit ?? 0}/
          {stats?.overall.decided ?? 0}）
        </span>
      }
    >
      <Row gutter={16}>
        <Col span={13}>
          {townships.some((t) => t.decided > 0) && (
            <EChart
              label="各乡镇按时办结比例的柱状图，数字见右表"
              option={{
                ...barOption(
                  townships.map((t) => t.org),
                  [
                    {
                      name: '按时办结比例（%）',
                      data: townships.map((t) => Math.round((t.withinLimitShare ?? 0) * 1000) / 10),
                      color: BLUE,
                    },
                  ]
                ),
                yAxis: { type: 'value', max: 100 },
              }}
            />
          )}
          {stats && !townships.some((t) => t.decided > 0) && (
            <Typography.Text>本区间提交的案件尚无审批决定</Typography.Text>
          )}
        </Col>
        <Col span={11}>
          <Table
            size="small"
            rowKey={(r) => `${r.level}${r.org}`}
            loading={loading}
            pagination={false}
            data-testid="within-limit-table"
            locale={{ emptyText: emptyText('本区间内没有提交的案件') }}
            dataSource={rows}
            columns={[
              { title: '区划', key: 'org', render: (_v, r) => `${r.level} ${r.org}` },
              { title: '案件', dataIndex: 'cases', align: 'right' },
              { title: '在办', dataIndex: 'active', align: 'right' },
              { title: '超期', dataIndex: 'overdueNow', align: 'right' },
              { title: '已决定', dataIndex: 'decided', align: 'right' },
              { title: '按时', dataIndex: 'decidedWithinLimit', align: 'right' },
              {
                title: '比例',
                dataIndex: 'withinLimitShare',
                align: 'right',
                render: (s: number | null) => formatShare(s),
              },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

function StepTimes({ stats, loading }: { stats: StatsAnswer | undefined; loading: boolean }) {
  const steps = stats?.steps ?? [];
  return (
    <Card title="各环节用时（已结束的停留，小时）与法定时限" size="small">
      <Row gutter={16}>
        <Col span={13}>
          {steps.length > 0 && (
            <EChart
              label="各环节平均用时与第90百分位用时的柱状图（小时），数字与时限见右表"
              height={300}
              option={barOption(
                steps.map((s) => `${s.programLabelZh}·${s.stepLabelZh}`),
                [
                  { name: '平均', data: steps.map((s) => Math.round(s.avgHours * 10) / 10), color: BLUE },
                  { name: '第90百分位', data: steps.map((s) => Math.round(s.p90Hours * 10) / 10), color: AMBER },
                ]
              )}
            />
          )}
          {stats && steps.length === 0 && <Typography.Text>本区间尚无已结束的环节</Typography.Text>}
        </Col>
        <Col span={11}>
          <Table
            size="small"
            rowKey={(r) => `${r.program}/${r.step}`}
            loading={loading}
            pagination={false}
            data-testid="step-times"
            locale={{ emptyText: emptyText('本区间尚无已结束的环节') }}
            dataSource={steps}
            columns={[
              { title: '环节', key: 'step', render: (_v, s) => `${s.programLabelZh}·${s.stepLabelZh}` },
              { title: '次数', dataIndex: 'completed', align: 'right' },
              { title: '平均', dataIndex: 'avgHours', align: 'right', render: (h: number) => hoursText(h) },
              { title: '第90百分位', dataIndex: 'p90Hours', align: 'right', render: (h: number) => hoursText(h) },
              {
                title: '法定时限',
                key: 'limits',
                render: (_v, s) => <span title={s.limits.map((l) => l.source).join('；')}>{limitText(s.limits)}</span>,
              },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}
