import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRulesFile } from '../../config/rulesFile';
import { fundFor, PAYMENT_RULES_PROGRAM, paymentConfigEntries, paymentRulesSchema } from '../../definitions/payments';
import { resolveRules } from '../../definitions/shared/rulesConfig';

function rulesFile(entries: unknown[]): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'yilian-payments-')), 'rules.json');
  writeFileSync(file, JSON.stringify(entries));
  return file;
}

const resolve = (county: string, onDate: string, extra = loadRulesFile(undefined)) =>
  resolveRules([...paymentConfigEntries, ...extra], paymentRulesSchema, PAYMENT_RULES_PROGRAM, county, onDate);

describe('payments / rules with provenance', () => {
  it('has national figures, each with its source and effective date', () => {
    const rules = resolve('370902', '2026-11-29');
    expect(rules.paymentDay).toMatchObject({ value: 10, effectiveFrom: '2021-07-01' });
    expect(rules.retryAfterCycles.value).toBe(1);
    expect(fundFor(rules, 'dibao')).toBe('KNQZ-DIBAO');
    for (const figure of Object.values(rules)) expect(figure.source.length).toBeGreaterThan(0);
  });

  it('takes a county’s own payment day from the rules file, from its effective date on', () => {
    const extra = loadRulesFile(
      rulesFile([
        {
          program: 'payments',
          scope: '370902',
          effectiveFrom: '2027-01-01',
          rules: { paymentDay: { value: 5, source: '某县发放通知', effectiveFrom: '2027-01-01' } },
        },
      ])
    );
    expect(resolve('370902', '2026-12-31', extra).paymentDay.value).toBe(10);
    expect(resolve('370902', '2027-01-01', extra).paymentDay.value).toBe(5);
    expect(resolve('370911', '2027-01-01', extra).paymentDay.value).toBe(10);
  });

  it('refuses a rules file whose payment figure is out of range', () => {
    const file = rulesFile([
      {
        program: 'payments',
        scope: '370902',
        effectiveFrom: '2027-01-01',
        rules: { paymentDay: { value: 40, source: 'x', effectiveFrom: '2027-01-01' } },
      },
    ]);
    expect(() => loadRulesFile(file)).toThrow(/paymentDay/);
  });
});
