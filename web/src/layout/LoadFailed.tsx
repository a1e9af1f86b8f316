/** A read that failed: what went wrong, and a button to try it again. Every view shows it the same way. */
import { Alert, Button } from 'antd';
import type { CSSProperties } from 'react';

export function LoadFailed({
  error,
  retry,
  style,
}: {
  error: string;
  retry: () => Promise<void> | void;
  style?: CSSProperties;
}) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={error}
      action={<Button onClick={() => void retry()}>重试</Button>}
      style={style}
    />
  );
}
