/** The frame of every working view: header (who, which post, sign out) and the side menu of views. */
import { Button, Layout, Menu, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { App as AntApp } from 'antd';
import { ApiError } from '../api/client';
import { postLabelZh, postValue } from '../format';
import { useSession, useSignedIn } from '../session/SessionContext';
import { viewsFor } from './views';

export function Shell({ children }: { children: ReactNode }) {
  const session = useSignedIn();
  const { logout, switchPost } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = AntApp.useApp();
  const views = viewsFor(session.post.role);
  const selected = views.find((v) => location.pathname.startsWith(v.path))?.path;

  async function changePost(post: string) {
    try {
      await switchPost(post);
      // '/' leads to the new post's own first view (App.tsx).
      void navigate('/');
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '切换岗位失败，请稍后重试');
    }
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 24 }}
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          一链办 · 社会救助工作台
        </Typography.Text>
        <Space size="middle">
          <Typography.Text style={{ color: '#fff' }} data-testid="signed-in-name">
            {session.user.name}
          </Typography.Text>
          {session.posts.length > 1 ? (
            <Select
              aria-label="当前岗位"
              value={postValue(session.post)}
              onChange={(value: string) => void changePost(value)}
              options={session.posts.map((p) => ({ value: postValue(p), label: postLabelZh(p) }))}
              style={{ minWidth: 260 }}
            />
          ) : (
            <Typography.Text style={{ color: '#fff' }}>{postLabelZh(session.post)}</Typography.Text>
          )}
          <Button onClick={() => void logout().then(() => navigate('/login'))}>退出登录</Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={210} theme="light" breakpoint="lg" collapsedWidth={0}>
          <nav aria-label="功能菜单">
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected] : []}
              onClick={({ key }) => void navigate(key)}
              items={views.map((v) => ({
                key: v.path,
                label: v.ready ? v.labelZh : `${v.labelZh}（即将上线）`,
                disabled: !v.ready,
              }))}
            />
          </nav>
        </Layout.Sider>
        {/* antd renders Content as the page's <main> landmark. */}
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
