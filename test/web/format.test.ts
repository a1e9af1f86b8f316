/** How the console writes dates and countdowns (web/src/format.ts): pure, no browser needed. */
import { dueText, formatDate } from '../../web/src/format';

describe('console formats', () => {
  it('writes dates the Chinese way', () => {
    expect(formatDate('2026-12-02T04:00:00.000Z')).toBe('2026年12月2日');
    expect(formatDate(null)).toBe('—');
  });

  it('counts working days down: red when overdue, amber when due soon', () => {
    expect(dueText(null, false)).toEqual({ text: '无期限', urgency: 'none' });
    expect(dueText(10, false)).toEqual({ text: '剩余10个工作日', urgency: 'normal' });
    expect(dueText(3, false)).toEqual({ text: '剩余3个工作日', urgency: 'soon' });
    expect(dueText(0, false)).toEqual({ text: '今日到期', urgency: 'soon' });
    expect(dueText(0, true)).toEqual({ text: '已超期', urgency: 'overdue' });
    expect(dueText(-2, true)).toEqual({ text: '已超期2个工作日', urgency: 'overdue' });
  });
});
