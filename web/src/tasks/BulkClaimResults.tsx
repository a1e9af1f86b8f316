/**
 * What a bulk claim did, item by item: the household and case of each task, and whether it was
 * claimed, lost to a colleague (who holds it now), not the caller's to claim, or gone. A list, not
 * one message: some items may succeed while others do not.
 */
import { List, Modal, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import type { BulkClaimAnswer, BulkClaimResult, TaskListItem } from '../api/types';
import { bulkResultText } from './conflictMessage';

// Dark text on a light ground, as DueTag: readable (WCAG AA) in each colour and in print.
const OUTCOMES: Record<BulkClaimResult['outcome'], { label: string; style?: CSSProperties }> = {
  claimed: { label: '已认领', style: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' } },
  conflict: { label: '未认领', style: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' } },
  forbidden: { label: '无权认领', style: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' } },
  notFound: { label: '未找到' },
};

export function BulkClaimResults({
  answer,
  tasks,
  onClose,
}: {
  answer: BulkClaimAnswer | undefined;
  /** The rows as they were selected, to name each item by household and case. */
  tasks: ReadonlyMap<number, TaskListItem>;
  onClose: () => void;
}) {
  const total = answer?.results.length ?? 0;
  return (
    <Modal
      open={answer !== undefined}
      title="批量认领结果"
      onOk={onClose}
      onCancel={onClose}
      okText="知道了"
      cancelButtonProps={{ style: { display: 'none' } }}
      width={640}
    >
      <Typography.Paragraph>
        共 {total} 项：已认领 {answer?.claimed ?? 0} 项
        {answer && answer.claimed < total ? `，${total - answer.claimed} 项未认领（原因见下）` : ''}。
      </Typography.Paragraph>
      <List
        size="small"
        bordered
        dataSource={answer?.results ?? []}
        renderItem={(result) => {
          const task = tasks.get(result.id);
          const outcome = OUTCOMES[result.outcome];
          return (
            <List.Item data-testid="bulk-claim-result" data-outcome={result.outcome}>
              {/* Plain text, not List.Item.Meta: its h4 titles would break the page's heading order. */}
              <div>
                <div>
                  <Tag style={{ ...outcome.style, marginInlineEnd: 8 }}>{outcome.label}</Tag>
                  <strong>
                    {task?.householdMasked ?? '—'} · {task?.stepLabelZh ?? `任务 ${result.id}`}
                  </strong>
                </div>
                <Typography.Text type="secondary">
                  {task?.caseId ?? ''} {bulkResultText(result)}
                </Typography.Text>
              </div>
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}
