/** 选择岗位: a person who holds several posts says which one they work in now (switchable later in the header). */
import { Alert, Button, Card, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { postLabelZh, postValue } from '../format';
import { CenteredPage } from '../layout/CenteredPage';
import { useSession, useSignedIn } from '../session/SessionContext';

export function ChoosePostPage() {
  const session = useSignedIn();
  const { switchPost, confirmPost } = useSession();
  const [chosen, setChosen] = useState(postValue(session.post));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function enter() {
    setBusy(true);
    try {
      if (chosen === postValue(session.post)) confirmPost();
      else await switchPost(chosen);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '切换岗位失败，请稍后重试');
      setBusy(false);
    }
  }

  return (
    <CenteredPage>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {session.user.name}，请选择本次工作的岗位
          </Typography.Title>
        }
        style={{ width: 440 }}
      >
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Radio.Group value={chosen} onChange={(e) => setChosen(String(e.target.value))} aria-label="岗位">
          <Space orientation="vertical">
            {session.posts.map((post) => (
              <Radio key={postValue(post)} value={postValue(post)}>
                {postLabelZh(post)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        <Button type="primary" block loading={busy} onClick={() => void enter()} style={{ marginTop: 24 }}>
          进入工作台
        </Button>
      </Card>
    </CenteredPage>
  );
}
