/** A person's state in the directory as tags: in use or deactivated, locked, initial password pending. */
import { Space, Tag } from 'antd';
import type { CSSProperties } from 'react';
import type { StaffView } from '../api/types';
import { formatDateTime } from '../format';

// Dark text on a light ground, as DueTag: antd's preset tag colours are too light for WCAG AA.
const GOOD: CSSProperties = { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' };
const WARN: CSSProperties = { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' };
const BAD: CSSProperties = { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' };

export function StaffStateTags({ member }: { member: StaffView }) {
  return (
    <Space wrap size={4}>
      {member.active ? <Tag style={GOOD}>在用</Tag> : <Tag>已停用</Tag>}
      {member.lockedUntil && <Tag style={BAD}>锁定至{formatDateTime(member.lockedUntil)}</Tag>}
      {member.mustChangePassword && <Tag style={WARN}>待修改初始密码</Tag>}
      {!member.passwordLogin && <Tag>无密码登录</Tag>}
    </Space>
  );
}
