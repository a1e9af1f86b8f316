/**
 * One person of the directory (GET /api/staff/:userId): their posts (changed with PATCH: the API ends
 * the sessions and tokens of a post taken away), deactivation, a password reset (a new initial
 * password shown once), ending their sessions, their API tokens (TokensSection) and the log of every
 * change. The API refuses an admin's own posts and active flag; its message is shown as it is.
 */
import {
  Alert,
  App as AntApp,
  Button,
  Descriptions,
  Drawer,
  Form,
  Popconfirm,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { showAtFields } from '../api/formErrors';
import type { Post, StaffDetail, StaffUpdateBody } from '../api/types';
import { formatDateTime } from '../format';
import { LoadFailed } from '../layout/LoadFailed';
import { OneTimeSecret } from './OneTimeSecret';
import { PostsFields, postsOf } from './PostsFields';
import { StaffStateTags } from './StaffStateTags';
import { TokensSection } from './TokensSection';

const CHANGE_LABELS_ZH: Record<string, string> = {
  created: '新增',
  updated: '修改',
  deactivated: '停用',
  reactivated: '重新启用',
  passwordReset: '重置密码',
  passwordChanged: '本人修改密码',
  sessionsRevoked: '结束全部登录',
  tokenIssued: '签发令牌',
  tokenRevoked: '吊销令牌',
  locked: '连续输错密码被锁定',
};

export function StaffDrawer({
  userId,
  onClose,
  onChanged,
}: {
  userId: string;
  onClose: () => void;
  onChanged: () => Promise<void> | void;
}) {
  const { message } = AntApp.useApp();
  const [detail, setDetail] = useState<StaffDetail>();
  const [loadError, setLoadError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [resetPassword, setResetPassword] = useState<string>();
  const [form] = Form.useForm<{ posts: Partial<Post>[] }>();
  const path = `/api/staff/${encodeURIComponent(userId)}`;

  const load = useCallback(async () => {
    setLoadError(undefined);
    try {
      const loaded = await api<StaffDetail>('GET', path);
      setDetail(loaded);
      form.setFieldsValue({ posts: loaded.posts });
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '人员信息加载失败，请稍后重试');
    }
  }, [path, form]);

  useEffect(() => {
    void load();
  }, [load]);

  /** One write, then the person and the list again; a 400 lands at the posts' fields. */
  async function act(what: string, run: () => Promise<void>, done: string) {
    setBusy(what);
    setError(undefined);
    try {
      await run();
      void message.success(done);
      await Promise.all([load(), onChanged()]);
    } catch (e) {
      if (e instanceof ApiError) {
        if (!showAtFields(form, e) || e.status !== 400) setError(e.message);
      } else setError('操作失败，请稍后重试');
    } finally {
      setBusy(undefined);
    }
  }

  const update = (body: StaffUpdateBody, done: string) =>
    act('update', () => api('PATCH', path, body).then(() => undefined), done);

  const hasPassword = detail !== undefined && (detail.passwordLogin || detail.mustChangePassword);
  let body;
  if (loadError) body = <LoadFailed error={loadError} retry={load} />;
  else if (!detail) body = <Spin description="正在加载…" />;
  else
    body = (
      <>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'name', label: '姓名', children: detail.name },
            { key: 'state', label: '状态', children: <StaffStateTags member={detail} /> },
            { key: 'oidc', label: '统一身份认证标识', children: detail.oidcSubject ?? '—' },
            { key: 'created', label: '建档时间', children: formatDateTime(detail.createdAt) },
          ]}
          style={{ marginBottom: 16 }}
        />
        <Space wrap style={{ marginBottom: 24 }}>
          <Popconfirm
            title={hasPassword ? '重置密码' : '设置初始密码'}
            description={`将生成新的初始密码，本人须在${hasPassword ? '下次' : '首次'}登录时修改。`}
            okText="确定"
            cancelText="取消"
            onConfirm={() =>
              void act(
                'reset',
                async () => {
                  const answer = await api<{ initialPassword: string }>('POST', `${path}/password-reset`);
                  setResetPassword(answer.initialPassword);
                },
                hasPassword ? '密码已重置' : '已设置初始密码'
              )
            }
          >
            <Button loading={busy === 'reset'}>{hasPassword ? '重置密码' : '设置初始密码'}</Button>
          </Popconfirm>
          <Button
            loading={busy === 'sessions'}
            onClick={() =>
              void act(
                'sessions',
                () => api('POST', `${path}/sessions/revoke`).then(() => undefined),
                '已结束其全部登录'
              )
            }
          >
            结束全部登录
          </Button>
          {detail.active ? (
            <Popconfirm
              title="停用该人员"
              description="停用后立即结束其全部登录，并吊销其全部接口令牌。"
              okText="停用"
              cancelText="取消"
              onConfirm={() => void update({ active: false }, '已停用')}
            >
              <Button danger loading={busy === 'update'}>
                停用
              </Button>
            </Popconfirm>
          ) : (
            <Button loading={busy === 'update'} onClick={() => void update({ active: true }, '已重新启用')}>
              重新启用
            </Button>
          )}
        </Space>

        <Typography.Title level={2} style={{ fontSize: 16 }}>
          岗位
        </Typography.Title>
        <Form
          form={form}
          requiredMark={false}
          onFinish={({ posts }) => void update({ posts: postsOf(posts) }, '岗位已保存')}
        >
          <PostsFields defaultOrg={detail.posts[0]?.org ?? ''} />
          <Button type="primary" htmlType="submit" loading={busy === 'update'}>
            保存岗位
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          取消的岗位立即失效：其登录和该岗位的接口令牌随之结束。
        </Typography.Paragraph>

        <TokensSection detail={detail} onChanged={() => Promise.all([load(), onChanged()]).then(() => undefined)} />

        <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
          变更记录
        </Typography.Title>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={detail.changes}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
            { title: '事项', dataIndex: 'action', width: 130, render: (v: string) => CHANGE_LABELS_ZH[v] ?? v },
            { title: '办理人', key: 'by', render: (_v, c) => c.by.userId },
          ]}
        />
      </>
    );

  return (
    <Drawer open title={`人员：${userId}`} size="large" onClose={onClose} destroyOnHidden>
      {body}
      {resetPassword && (
        <OneTimeSecret
          title={`${userId} 的新初始密码`}
          label="初始密码"
          secret={resetPassword}
          note="请通过安全渠道告知本人，下次登录时须修改；系统只保存其摘要，无法再次查看。"
          onClose={() => setResetPassword(undefined)}
        />
      )}
    </Drawer>
  );
}
