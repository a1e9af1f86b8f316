/**
 * 第一页 / 下一页 under a keyset-paged list: back to the first page when a cursor is in use, on to
 * the answer's next cursor when there is one. The page keeps the cursor (usually in the URL).
 */
import { Button, Space } from 'antd';
import type { CSSProperties } from 'react';

export function CursorPager({
  cursor,
  next,
  go,
  style = { marginTop: 16 },
  className,
}: {
  /** The page's cursor now: none on the first page. */
  cursor: string | null | undefined;
  /** The answer's cursor of the page after this one: none on the last. */
  next: string | null | undefined;
  go: (cursor: string | undefined) => void;
  style?: CSSProperties;
  className?: string;
}) {
  return (
    <Space style={style} className={className}>
      <Button disabled={!cursor} onClick={() => go(undefined)}>
        第一页
      </Button>
      <Button disabled={!next} onClick={() => next && go(next)}>
        下一页
      </Button>
    </Space>
  );
}
