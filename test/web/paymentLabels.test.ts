/** How the payment views write amounts, months, back pay and the cycle's progress (web/src/payments/paymentLabels.ts). */
import {
  backPayLabelZh,
  CYCLE_STAGES,
  formatPeriod,
  formatYuan,
  stageIndex,
  sumYuan,
} from '../../web/src/payments/paymentLabels';
import { cycleStepLabelsZh } from '../../definitions/payments';

describe('payment views / labels', () => {
  it('writes yuan with thousands separators and two decimals, and months the Chinese way', () => {
    expect(formatYuan('1234567.5')).toBe('¥1,234,567.50');
    expect(formatYuan('812.50')).toBe('¥812.50');
    expect(formatYuan(null)).toBe('—');
    expect(formatPeriod('2026-01')).toBe('2026年1月');
  });

  it('adds amounts in fen, so a total matches the ledger to the fen', () => {
    expect(sumYuan(['0.10', '0.20'])).toBe('0.30');
    expect(sumYuan(['500.50', '501.50', '1000.05'])).toBe('2002.05');
    expect(sumYuan([])).toBe('0.00');
  });

  it('marks back pay and a raise’s difference, and nothing for a month’s own payment', () => {
    expect(backPayLabelZh('backPay')).toBe('补发');
    expect(backPayLabelZh('difference')).toBe('补发差额');
    expect(backPayLabelZh('regular')).toBeNull();
  });

  it('places every step of the cycle chart on the progress bar, in the chart’s order', () => {
    const steps = Object.keys(cycleStepLabelsZh);
    for (const step of steps) expect(stageIndex(step)).toBeGreaterThanOrEqual(0);
    expect(CYCLE_STAGES.flatMap((s) => s.steps).sort()).toEqual([...steps].sort());
    expect(stageIndex('freezing')).toBe(0);
    expect(stageIndex('returnedForCorrection')).toBe(stageIndex('batchBuilt'));
    expect(stageIndex('reconciled')).toBe(CYCLE_STAGES.length - 1);
  });
});
