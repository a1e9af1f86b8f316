/**
 * A person's API tokens for integration clients: each with its post, purpose, dates and state;
 * revoke one (DELETE), or issue one for one of the person's posts (POST …/tokens — the token is shown
 * once; only its digest is kept).
 */
import {
  Alert,
  App as AntApp,
  Button,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { showAtFields } from '../api/formErrors';
import type { ApiTokenRow, IssuedToken, StaffDetail, TokenIssueBody } from '../api/types';
import { formatDate, formatDateTime, postLabelZh, postValue } from '../format';
import { OneTimeSecret } from './OneTimeSecret';

function tokenState(token: ApiTokenRow): string {
  if (token.revokedAt) return `已吊销（${formatDate(token.revokedAt)}）`;
  if (token.expiresAt && new Date(token.expiresAt) < new Date()) return '已过期';
  return '有效';
}

export function TokensSection({ detail, onChanged }: { detail: StaffDetail; onChanged: () => Promise<void> }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<TokenIssueBody>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [issued, setIssued] = useState<IssuedToken>();
  const path = `/api/staff/${encodeURIComponent(detail.userId)}/tokens`;

  async function issue(values: TokenIssueBody) {
    setBusy('issue');
    setError(undefined);
    try {
      const body: TokenIssueBody = {
        post: values.post,
        label: values.label,
        ...(values.expiresInDays ? { expiresInDays: values.expiresInDays } : {}),
      };
      setIssued(await api<IssuedToken>('POST', path, body));
      form.resetFields();
      await onChanged();
    } catch (e) {
      if (e instanceof ApiError) {
        if (!showAtFields(form, e) || e.status !== 400) setError(e.message);
      } else setError('签发失败，请稍后重试');
    } finally {
      setBusy(undefined);
    }
  }

  async function revoke(token: ApiTokenRow) {
    setBusy(token.id);
    setError(undefined);
    try {
      await api('DELETE', `${path}/${encodeURIComponent(token.id)}`);
      void message.success('令牌已吊销');
      await onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '吊销失败，请稍后重试');
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section aria-labelledby="tokens-title">
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }} id="tokens-title">
        接口令牌
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        供其他部门系统、支付通道等接口客户端使用（Authorization: Bearer），以该人员的一个岗位办理。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Table<ApiTokenRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.tokens}
        locale={{ emptyText: '暂无令牌' }}
        columns={[
          { title: '用途', dataIndex: 'label' },
          { title: '岗位', key: 'post', render: (_v, t) => postLabelZh(t.post) },
          { title: '签发', dataIndex: 'createdAt', render: (v: string) => formatDate(v) },
          { title: '到期', dataIndex: 'expiresAt', render: (v: string | null) => (v ? formatDate(v) : '长期') },
          {
            title: '最近使用',
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => (v ? formatDateTime(v) : '未使用'),
          },
          { title: '状态', key: 'state', render: (_v, t) => <Tag>{tokenState(t)}</Tag> },
          {
            title: '操作',
            key: 'action',
            render: (_v, t) =>
              t.revokedAt ? null : (
                <Popconfirm
                  title="吊销该令牌"
                  description="使用该令牌的客户端将立即无法访问。"
                  okText="吊销"
                  cancelText="取消"
                  onConfirm={() => void revoke(t)}
                >
                  <Button size="small" danger loading={busy === t.id}>
                    吊销
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Form<TokenIssueBody>
        form={form}
        layout="inline"
        requiredMark={false}
        onFinish={(values) => void issue(values)}
        style={{ marginTop: 12, rowGap: 8 }}
        initialValues={{ post: detail.posts[0] ? postValue(detail.posts[0]) : undefined }}
      >
        <Form.Item label="岗位" name="post" rules={[{ required: true, message: '请选择岗位' }]}>
          <Select
            style={{ width: 240 }}
            options={detail.posts.map((p) => ({ value: postValue(p), label: postLabelZh(p) }))}
          />
        </Form.Item>
        <Form.Item label="用途" name="label" rules={[{ required: true, message: '请填写令牌用途' }]}>
          <Input placeholder="如：医保结算系统对接" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label="有效天数" name="expiresInDays">
          <InputNumber min={1} max={3650} placeholder="不填为长期" style={{ width: 130 }} />
        </Form.Item>
        <Space>
          <Button htmlType="submit" loading={busy === 'issue'} disabled={!detail.active}>
            签发令牌
          </Button>
        </Space>
      </Form>
      {issued && (
        <OneTimeSecret
          title={`已签发令牌：${issued.label}`}
          label="令牌"
          secret={issued.token}
          note="请立即配置到接口客户端。系统只保存令牌摘要，关闭后无法再次查看；遗失时吊销并重新签发。"
          onClose={() => setIssued(undefined)}
        />
      )}
    </section>
  );
}
