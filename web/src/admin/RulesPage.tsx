/**
 * 政策参数: the figures in force for a county and program on a date (GET /api/rules), each with its
 * value, legal source, effective date and where it came from — a built-in default shipped with the
 * system, or the installation's rules file, with that entry's scope and date. Read-only: figures
 * change by a new entry in the rules file. County, program and date are in the URL.
 */
import { Alert, Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError, query } from '../api/client';
import type { FigureAnswer, RulesInForceAnswer } from '../api/types';
import { formatDate } from '../format';
import { LoadFailed } from '../layout/LoadFailed';
import { useSignedIn } from '../session/SessionContext';

/** A figure's value as text: the API's words for a period, else lists and records spelled out. */
export function figureValueText(figure: Pick<FigureAnswer, 'value' | 'valueZh'>): string {
  if (figure.valueZh) return figure.valueZh;
  const { value } = figure;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('；');
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function OriginTag({ figure }: { figure: FigureAnswer }) {
  const scope = figure.scope === '' ? '全国' : figure.scope;
  return figure.origin === 'file' ? (
    <Tag style={{ color: '#0b3f8f', background: '#e6f4ff', borderColor: '#91caff' }} data-origin="file">
      本地规则文件（{scope}，自{formatDate(figure.entryEffectiveFrom)}）
    </Tag>
  ) : (
    <Tag data-origin="builtIn">系统内置（{scope}）</Tag>
  );
}

interface Filters {
  county: string;
  program: string;
  on?: dayjs.Dayjs | null;
}

export function RulesPage() {
  const post = useSignedIn().post;
  const [params, setParams] = useSearchParams();
  const county = params.get('county') ?? (post.org.length >= 6 ? post.org.slice(0, 6) : '');
  const program = params.get('program') ?? 'dibao';
  const on = params.get('on') ?? undefined;
  const [answer, setAnswer] = useState<RulesInForceAnswer>();
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [form] = Form.useForm<Filters>();

  const load = useCallback(async () => {
    if (!/^\d{6}$/.test(county)) return;
    setLoading(true);
    setLoadError(undefined);
    try {
      setAnswer(await api<RulesInForceAnswer>('GET', `/api/rules${query({ county, program, on })}`));
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '政策参数加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  }, [county, program, on]);

  useEffect(() => {
    void load();
  }, [load]);

  // The form follows the URL (the back button, a shared link).
  useEffect(() => {
    form.setFieldsValue({ county, program, on: on ? dayjs(on) : null });
  }, [form, county, program, on]);

  function show(values: Filters) {
    const next = new URLSearchParams({ county: values.county.trim(), program: values.program });
    if (values.on) next.set('on', values.on.format('YYYY-MM-DD'));
    setParams(next);
  }

  const columns: TableColumnsType<FigureAnswer> = [
    {
      title: '参数',
      dataIndex: 'path',
      width: 220,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: '取值', key: 'value', width: 200, render: (_v, f) => figureValueText(f) },
    { title: '依据', dataIndex: 'source' },
    { title: '生效日期', dataIndex: 'effectiveFrom', width: 130, render: (v: string) => formatDate(v) },
    { title: '来源', key: 'origin', width: 230, render: (_v, f) => <OriginTag figure={f} /> },
  ];

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
        政策参数
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        某县某项目在某日适用的全部参数：取值、法律依据、生效日期，以及来自系统内置默认值还是本地规则文件。只读：修改须在规则文件中新增条目并重启服务。
      </Typography.Paragraph>
      <Form<Filters>
        form={form}
        layout="inline"
        initialValues={{ county, program, on: on ? dayjs(on) : null }}
        onFinish={show}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item
          label="县（市、区）代码"
          name="county"
          rules={[{ required: true, pattern: /^\d{6}$/, message: '请填写6位县级代码' }]}
        >
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="项目" name="program">
          <Select
            style={{ width: 200 }}
            options={(answer?.programs ?? [{ program, labelZh: program }]).map((p) => ({
              value: p.program,
              label: p.labelZh,
            }))}
          />
        </Form.Item>
        <Form.Item label="适用日期" name="on">
          <DatePicker placeholder="今天" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查看
          </Button>
        </Space>
      </Form>
      {!/^\d{6}$/.test(county) && <Alert type="info" showIcon title="请填写要查看的县（市、区）代码" />}
      {loadError && <LoadFailed error={loadError} retry={load} style={{ marginBottom: 12 }} />}
      {answer && (
        <Typography.Paragraph>
          {answer.county} · {answer.labelZh} · {formatDate(answer.on)}适用，共 {answer.figures.length} 项
        </Typography.Paragraph>
      )}
      {answer && answer.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="参数不完整或超出法定范围：该县不能受理此项目的新申请"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {answer.problems.map((p) => (
                <li key={p.path}>
                  {p.path}：{p.message}
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<FigureAnswer>
        rowKey="path"
        size="middle"
        columns={columns}
        dataSource={answer?.figures ?? []}
        loading={loading}
        pagination={false}
        scroll={{ x: 1000 }}
      />
    </>
  );
}
