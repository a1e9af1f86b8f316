/** 登录: the built-in account, and the unified identity platform (OIDC) when the API offers it. */
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { showAtFields } from '../api/formErrors';
import type { AuthProviders, LoginBody } from '../api/types';
import { useSession } from '../session/SessionContext';
import { CenteredPage } from '../layout/CenteredPage';

export function LoginPage({ reason }: { reason?: string }) {
  const { login } = useSession();
  const [form] = Form.useForm<LoginBody>();
  const [providers, setProviders] = useState<AuthProviders>();
  const [error, setError] = useState<string | undefined>(reason);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Without an answer the password form still works; only the OIDC button waits for it.
    api<AuthProviders>('GET', '/api/auth/providers').then(setProviders, () => undefined);
  }, []);

  async function submit(values: LoginBody) {
    setBusy(true);
    setError(undefined);
    try {
      await login(values);
    } catch (e) {
      if (e instanceof ApiError) {
        if (!showAtFields(form, e)) setError(e.message);
      } else setError('登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  const returnTo = `${window.location.pathname}${window.location.search}`;
  return (
    <CenteredPage>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            一链办 · 社会救助工作台
          </Typography.Title>
        }
        style={{ width: 400 }}
      >
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item label="用户名" name="userId" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        {providers?.oidc && (
          <>
            <Divider plain>或</Divider>
            <Button
              block
              href={`${providers.oidc.loginUrl}?returnTo=${encodeURIComponent(returnTo === '/login' ? '/' : returnTo)}`}
            >
              使用{providers.oidc.labelZh}登录
            </Button>
          </>
        )}
      </Card>
    </CenteredPage>
  );
}
