import { Tag } from 'antd';
import { dueText } from '../format';
import type { Urgency } from '../format';

// Dark text on a light ground: readable (WCAG AA) in red and amber alike, and in print.
const COLORS: Record<Urgency, { color: string; background: string; borderColor: string } | undefined> = {
  overdue: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  soon: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  normal: undefined,
  none: undefined,
};

/** 剩余3个工作日 / 今日到期 / 已超期2个工作日, red when overdue and amber when due soon. */
export function DueTag({ workingDaysLeft, overdue }: { workingDaysLeft: number | null; overdue: boolean }) {
  const { text, urgency } = dueText(workingDaysLeft, overdue);
  return (
    <Tag style={COLORS[urgency]} data-urgency={urgency}>
      {text}
    </Tag>
  );
}
