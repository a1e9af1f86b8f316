/**
 * A tag in one of the console's tones, dark text on a light ground so it reads (WCAG AA) in every
 * tone and in print; antd's preset tag colours are too light for that.
 */
import { Tag } from 'antd';
import type { ReactNode } from 'react';

export type Tone = 'error' | 'warning' | 'success' | 'info' | 'neutral';

export const TONES: Record<Tone, { color: string; background: string; borderColor: string }> = {
  error: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  warning: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  success: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  info: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  neutral: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
};

export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}
