import { Tag } from 'antd';
import { dueText } from '../format';
import type { Urgency } from '../format';
import type { Tone } from '../layout/ToneTag';
import { TONES } from '../layout/ToneTag';

const COLORS: Record<Urgency, (typeof TONES)[Tone] | undefined> = {
  overdue: TONES.error,
  soon: TONES.warning,
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
