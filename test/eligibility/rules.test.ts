import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { configEntrySchema, RulesNotConfigured } from '../../definitions/shared/rulesConfig';
import {
  eligibilityConfigEntries,
  eligibilityRulesSchema,
  resolveEligibilityRules,
} from '../../definitions/eligibility';

describe('eligibility rules with provenance', () => {
  it('ships entries that are valid configuration, each figure with a source and an effective date', () => {
    for (const entry of eligibilityConfigEntries) expect(configEntrySchema.safeParse(entry).success).toBe(true);
    expect(eligibilityRulesSchema.safeParse(resolveEligibilityRules('370902', '2026-12-01')).success).toBe(true);
  });

  it("measures a Tai'an county against the Tai'an lines, marked as defaults the county must confirm", () => {
    const rules = resolveEligibilityRules('370902', '2026-12-01');
    expect(rules.dibaoLine.value).toBe(1000);
    expect(rules.dibaoLine.source).toMatch(/泰安市/);
    expect(rules.dibaoLine.source).toMatch(/待县级民政部门核实确认/);
    expect(rules.ruralDibaoLine?.value).toBe(800);
    expect(rules.lowIncomeEdgeFactor).toEqual({
      value: 1.5,
      source: '《最低生活保障审核确认办法》（民发〔2021〕57号） 第八条',
      effectiveFrom: '2021-07-01',
    });
    expect(rules.tekun.elderlyAge.value).toBe(60);
    expect(rules.tekun.minorAgeBelow.value).toBe(16);
  });

  it("gives the demo county the Tai'an figures, and another Shandong county the provincial floor", () => {
    expect(resolveEligibilityRules('370999', '2026-12-01').dibaoLine.value).toBe(1000);
    const jinan = resolveEligibilityRules('370102', '2026-12-01');
    expect(jinan.dibaoLine.value).toBe(950);
    expect(jinan.ruralDibaoLine).toBeUndefined();
  });

  it('takes last year’s disposable income from the newest statistics entry in force', () => {
    expect(resolveEligibilityRules('370102', '2024-02-29').temporaryHelp.perCapitaDisposableIncome.value.year).toBe(
      2021
    );
    expect(resolveEligibilityRules('370102', '2024-03-01').temporaryHelp.perCapitaDisposableIncome.value).toEqual({
      year: 2023,
      annual: 39_890,
    });
  });

  it("applies the Tai'an line only from its effective date", () => {
    expect(resolveEligibilityRules('370902', '2024-06-30').dibaoLine.value).toBe(950);
    expect(resolveEligibilityRules('370902', '2024-07-01').dibaoLine.value).toBe(1000);
  });

  it('lets a county raise its own line without touching anything else', () => {
    const county: ConfigEntry = {
      program: 'eligibility',
      scope: '370902',
      effectiveFrom: '2027-01-01',
      rules: { dibaoLine: { value: 1050, source: '某区提标通知', effectiveFrom: '2027-01-01' } },
    };
    expect(resolveEligibilityRules('370902', '2026-12-31', [county]).dibaoLine.value).toBe(1000);
    const raised = resolveEligibilityRules('370902', '2027-01-01', [county]);
    expect(raised.dibaoLine).toMatchObject({ value: 1050, source: '某区提标通知' });
    expect(raised.ruralDibaoLine?.value).toBe(800);
  });

  it('refuses to evaluate where no local line is configured, naming the missing figure', () => {
    expect(() => resolveEligibilityRules('110101', '2026-12-01')).toThrow(RulesNotConfigured);
    expect(() => resolveEligibilityRules('110101', '2026-12-01')).toThrow(/dibaoLine/);
  });
});
