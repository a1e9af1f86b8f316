/**
 * The forced first change of an initial password (an admin's, or the demo seed's): until it is done
 * the API answers nothing else. The rules are the API's; their messages appear at the field.
 */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { showAtFields } from '../api/formErrors';
import type { PasswordChangeBody } from '../api/types';
import { CenteredPage } from '../layout/CenteredPage';
import { useSession } from '../session/SessionContext';

type Values = PasswordChangeBody & { confirm: string };

export function ChangePasswordPage() {
  const { changePassword, logout } = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit({ currentPassword, newPassword }: Values) {
    setBusy(true);
    setError(undefined);
    try {
      await changePassword({ currentPassword, newPassword });
    } catch (e) {
      if (e instanceof ApiError) {
        // Wrong current password is a 401 with no field: say it at that field.
        if (e.code === 'INVALID_CREDENTIALS')
          form.setFields([{ name: ['currentPassword'], errors: ['当前密码不正确'] }]);
        else if (!showAtFields(form, e)) setError(e.message);
      } else setError('修改失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredPage>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            首次登录，请修改初始密码
          </Typography.Title>
        }
        style={{ width: 440 }}
      >
        <Typography.Paragraph type="secondary">
          新密码至少12位，包含大写字母、小写字母、数字、符号中的三种，且不能包含用户名。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item
            label="当前密码"
            name="currentPassword"
            rules={[{ required: true, message: '请填写当前（初始）密码' }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请填写新密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次填写新密码' },
              ({ getFieldValue }) => ({
                validator: (_rule, value) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次填写的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            修改密码并进入工作台
          </Button>
          <Button type="link" block onClick={() => void logout()} style={{ marginTop: 8 }}>
            退出登录
          </Button>
        </Form>
      </Card>
    </CenteredPage>
  );
}
