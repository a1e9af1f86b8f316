/**
 * How the payment views name a cycle's steps, a line's kind and status, and a program. The step's
 * own label comes from the API (the chart's meta); these are the short names of the progress bar.
 */
import { programLabelsZh } from '../../../definitions/eligibility/outcome';
import type { CSSProperties } from 'react';
import type { CycleLine } from '../api/types';

/** The cycle's path as a progress bar: each chart step shown at the stage it belongs to. */
export const CYCLE_STAGES = [
  { title: '冻结名册', steps: ['freezing'] },
  { title: '生成批次', steps: ['frozen'] },
  { title: '提交审核', steps: ['batchBuilt', 'returnedForCorrection'] },
  { title: '财务审核', steps: ['awaitingApproval'] },
  { title: '生成代发文件', steps: ['approved'] },
  { title: '银行回盘', steps: ['exported', 'returnRecorded'] },
  { title: '已对账', steps: ['reconciled'] },
] as const;

export function stageIndex(step: string): number {
  return CYCLE_STAGES.findIndex((stage) => (stage.steps as readonly string[]).includes(step));
}

/** Steps the system works through on its own: the page looks again shortly. */
export const SYSTEM_STEPS: readonly string[] = ['freezing', 'frozen', 'approved', 'returnRecorded'];

export const lineStatusLabelsZh: Record<CycleLine['status'], string> = {
  frozen: '已冻结',
  scheduled: '待发放',
  exported: '已报盘',
  paid: '已发放',
  failed: '发放失败',
  movedOn: '已转下期重发',
};

/** Dark text on a light ground, as the due-date tags: antd's preset tag colours fall short of WCAG AA. */
export type Tone = 'neutral' | 'progress' | 'success' | 'error' | 'warning' | 'backPay';
export const toneStyles: Record<Tone, CSSProperties | undefined> = {
  neutral: undefined,
  progress: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  success: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  error: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  warning: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  backPay: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
};

export const lineStatusTones: Record<CycleLine['status'], Tone> = {
  frozen: 'neutral',
  scheduled: 'progress',
  exported: 'progress',
  paid: 'success',
  failed: 'error',
  movedOn: 'warning',
};

/** 补发 for a month owed from before, 补发差额 for a raise reaching a month already paid; nothing for the month's own. */
export function backPayLabelZh(kind: CycleLine['ledgerKind'] | CycleLine['rollKind'] | null): string | null {
  if (kind === 'backPay') return '补发';
  if (kind === 'difference') return '补发差额';
  return null;
}

export function programLabelZh(program: string): string {
  return (programLabelsZh as Record<string, string>)[program] ?? program;
}

/** 1234.50 → ¥1,234.50 */
export function formatYuan(amount: string | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  const [whole = '0', fraction = '00'] = amount.split('.');
  return `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}

/** The sum of amounts in yuan ('812.50'), added in fen so that 0.10 + 0.20 stays 0.30. */
export function sumYuan(amounts: readonly string[]): string {
  const fen = amounts.reduce((sum, a) => sum + Math.round(Number(a) * 100), 0);
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** 2026-12 → 2026年12月 */
export function formatPeriod(period: string): string {
  const [year, month] = period.split('-');
  return `${year}年${Number(month)}月`;
}
