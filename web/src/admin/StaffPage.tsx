/**
 * 人员与令牌: the county's staff directory from GET /api/staff — search, people with their posts and
 * state, a page at a time — and 新增人员 (POST /api/staff, the initial password generated and shown
 * once). A row opens the person (StaffDrawer): posts, deactivation, password reset, API tokens.
 * The search, the page and the open person are in the URL.
 */
import { Button, Checkbox, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError, query } from '../api/client';
import { showAtFields } from '../api/formErrors';
import type { Post, StaffCreateBody, StaffListAnswer, StaffView } from '../api/types';
import { postLabelZh } from '../format';
import { LoadFailed } from '../layout/LoadFailed';
import { useSignedIn } from '../session/SessionContext';
import { OneTimeSecret } from './OneTimeSecret';
import { PostsFields, postsOf } from './PostsFields';
import { StaffDrawer } from './StaffDrawer';
import { StaffStateTags } from './StaffStateTags';
import { CursorPager } from '../layout/CursorPager';

const PAGE_SIZE = 20;

export function StaffPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? undefined;
  const includeInactive = params.get('inactive') === 'true';
  const after = params.get('after') ?? undefined;
  const person = params.get('person') ?? undefined;
  const [answer, setAnswer] = useState<StaffListAnswer>();
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string>();
  const [adding, setAdding] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(undefined);
    try {
      setAnswer(
        await api<StaffListAnswer>(
          'GET',
          `/api/staff${query({ search, includeInactive: includeInactive ? 'true' : undefined, after, limit: PAGE_SIZE })}`
        )
      );
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '人员名录加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  }, [search, includeInactive, after]);

  useEffect(() => {
    void load();
  }, [load]);

  function go(next: { search?: string; inactive?: boolean; after?: string; person?: string }) {
    const out = new URLSearchParams();
    const s = next.search ?? search;
    if (s) out.set('search', s);
    if (next.inactive ?? includeInactive) out.set('inactive', 'true');
    if (next.after) out.set('after', next.after);
    if (next.person) out.set('person', next.person);
    setParams(out);
  }

  const columns: TableColumnsType<StaffView> = [
    {
      title: '用户名',
      dataIndex: 'userId',
      render: (userId: string) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => go({ after, person: userId })}>
          {userId}
        </Button>
      ),
    },
    { title: '姓名', dataIndex: 'name', width: 120 },
    {
      title: '岗位',
      key: 'posts',
      render: (_v, m) => (
        <Space wrap size={4}>
          {m.posts.map((p: Post) => (
            <Tag key={`${p.role}@${p.org}${p.department ?? ''}`}>{postLabelZh(p)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: '状态', key: 'state', width: 200, render: (_v, m) => <StaffStateTags member={m} /> },
  ];

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
        人员与令牌
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="按用户名或姓名查找"
          placeholder="用户名或姓名"
          defaultValue={search}
          allowClear
          onSearch={(value) => go({ search: value.trim() || '', inactive: includeInactive })}
          style={{ width: 260 }}
        />
        <Checkbox checked={includeInactive} onChange={(e) => go({ inactive: e.target.checked })}>
          包含已停用人员
        </Checkbox>
        <Button type="primary" onClick={() => setAdding(true)}>
          新增人员
        </Button>
      </Space>
      {loadError && <LoadFailed error={loadError} retry={load} style={{ marginBottom: 12 }} />}
      <Table<StaffView>
        rowKey="userId"
        size="middle"
        columns={columns}
        dataSource={answer?.items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: search ? '没有符合条件的人员' : '本县名录中还没有人员' }}
      />
      <CursorPager cursor={after} next={answer?.next} go={(next) => go(next ? { after: next } : {})} />
      {adding && (
        <AddStaffDialog
          onClose={() => setAdding(false)}
          onAdded={(userId) => {
            setAdding(false);
            go({ search: userId });
          }}
        />
      )}
      {person && <StaffDrawer userId={person} onClose={() => go({ after })} onChanged={load} />}
    </>
  );
}

type AddValues = Omit<StaffCreateBody, 'posts' | 'initialPassword'> & {
  posts: Partial<Post>[];
  login: 'password' | 'none';
};

function AddStaffDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (userId: string) => void }) {
  const org = useSignedIn().post.org;
  const [form] = Form.useForm<AddValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<StaffView & { initialPassword?: string }>();

  async function submit({ userId, name, posts, login }: AddValues) {
    setBusy(true);
    setError(undefined);
    try {
      const body: StaffCreateBody = {
        userId: userId.trim(),
        name: name.trim(),
        posts: postsOf(posts),
        ...(login === 'password' ? { initialPassword: 'generate' } : {}),
      };
      const answer = await api<StaffView & { initialPassword?: string }>('POST', '/api/staff', body);
      if (answer.initialPassword) setCreated(answer);
      else onAdded(answer.userId);
    } catch (e) {
      if (e instanceof ApiError) {
        if (!showAtFields(form, e) || e.status !== 400) setError(e.message);
      } else setError('新增失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  if (created?.initialPassword) {
    return (
      <OneTimeSecret
        title={`已新增：${created.name}（${created.userId}）`}
        label="初始密码"
        secret={created.initialPassword}
        note="请当面或通过安全渠道告知本人。首次登录时须修改初始密码；系统只保存其摘要，无法再次查看。"
        onClose={() => onAdded(created.userId)}
      />
    );
  }
  return (
    <Modal open title="新增人员" footer={null} onCancel={onClose} destroyOnHidden width={720}>
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {error}
        </Typography.Paragraph>
      )}
      <Form<AddValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ posts: [{ role: 'window', org }], login: 'password' }}
        onFinish={(values) => void submit(values)}
      >
        <Space wrap>
          <Form.Item label="用户名" name="userId" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input autoComplete="off" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input autoComplete="off" style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Typography.Paragraph strong style={{ marginBottom: 8 }}>
          岗位
        </Typography.Paragraph>
        <PostsFields defaultOrg={org} />
        <Form.Item label="登录方式" name="login">
          <Radio.Group
            options={[
              { value: 'password', label: '账号密码（系统生成初始密码）' },
              { value: 'none', label: '不设密码（统一身份认证登录，或接口客户端只用令牌）' },
            ]}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            新增
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}
