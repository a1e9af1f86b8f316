/**
 * 项目清单 (制度/项目清单): the programs this installation runs and the referrals a household form can
 * make, from GET /api/programs, each program with its procedure drawn from its chart
 * (GET /api/programs/:version/chart, the case page's diagram without a case on it). Counties publish
 * this list; every member of staff may read it. The program shown is in the URL.
 */
import { Alert, Spin, Table, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useLoaded } from '../api/useLoaded';
import type { ChartDiagram, ProgramCatalogue } from '../api/types';
import { ChartDiagramView } from '../case/ChartDiagramView';
import { LoadFailed } from '../layout/LoadFailed';

const NONE: ReadonlySet<string> = new Set();

function ProgramChart({ version }: { version: string }) {
  const { data: chart, error, load } = useLoaded<ChartDiagram>(`/api/programs/${encodeURIComponent(version)}/chart`);

  if (error) return <LoadFailed error={error} retry={load} />;
  if (!chart) return <Spin description="正在加载流程图…" />;
  return <ChartDiagramView chart={chart} active={NONE} visited={NONE} legend={false} />;
}

export function CataloguePage() {
  const [params, setParams] = useSearchParams();
  const { data: catalogue, error: loadError, load } = useLoaded<ProgramCatalogue>('/api/programs');

  const title = (
    <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
      救助项目清单
    </Typography.Title>
  );
  if (loadError)
    return (
      <>
        {title}
        <LoadFailed error={loadError} retry={load} />
      </>
    );
  if (!catalogue)
    return (
      <>
        {title}
        <Spin description="正在加载…" />
      </>
    );

  const selected = catalogue.programs.find((p) => p.program === params.get('program')) ?? catalogue.programs[0];

  return (
    <>
      {title}
      <Typography.Paragraph type="secondary">
        本系统办理的社会救助项目和可转介的事项。各项目的办理流程图来自系统实际执行的流程定义。
      </Typography.Paragraph>
      <Table
        rowKey="program"
        size="small"
        pagination={false}
        dataSource={catalogue.programs}
        style={{ marginBottom: 16 }}
        columns={[
          { title: '项目', dataIndex: 'labelZh', width: 180 },
          { title: '流程版本', dataIndex: 'version', width: 160 },
          {
            title: '待发布版本',
            key: 'staged',
            render: (_v, p) => (p.stagedVersions.length > 0 ? p.stagedVersions.join('、') : '—'),
          },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        转介事项
      </Typography.Title>
      <Table
        rowKey="kind"
        size="small"
        pagination={false}
        dataSource={catalogue.referralKinds}
        style={{ marginBottom: 24 }}
        columns={[
          { title: '事项', dataIndex: 'labelZh', width: 180 },
          { title: '承办部门', key: 'department', render: (_v, k) => `县级${k.departmentLabelZh}部门` },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        办理流程图
      </Typography.Title>
      {selected ? (
        <Tabs
          activeKey={selected.program}
          onChange={(program) => setParams({ program })}
          items={catalogue.programs.map((p) => ({
            key: p.program,
            label: p.labelZh,
            children: p.program === selected.program ? <ProgramChart version={p.version} /> : null,
          }))}
        />
      ) : (
        <Alert type="info" showIcon title="本系统尚未配置任何项目" />
      )}
    </>
  );
}
