import { dibaoDefinition } from '../../definitions/dibao';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { resolveRules, RulesNotConfigured } from '../../definitions/shared/rulesConfig';

const figure = (amount: number, source: string, effectiveFrom: string) => ({
  value: { amount, unit: 'workingDays' },
  source,
  effectiveFrom,
});

const shandong: ConfigEntry = {
  program: 'dibao',
  scope: '37',
  effectiveFrom: '2022-01-01',
  rules: { deadlines: { overall: figure(20, '鲁民〔2022〕示例 第五条', '2022-01-01') } },
};
const taishanFromLaw: ConfigEntry = {
  program: 'dibao',
  scope: '370902',
  effectiveFrom: '2026-07-01',
  rules: { deadlines: { countyDecision: figure(8, '社会救助法（示例） 第二十条', '2026-07-01') } },
};
const entries = [...dibaoDefinition.configEntries, shandong, taishanFromLaw];
const resolve = (county: string, onDate: string) =>
  resolveRules(entries, dibaoDefinition.rulesSchema, 'dibao', county, onDate);

describe('rules configuration with provenance', () => {
  it('gives the national figures, each with its source, where nothing local applies', () => {
    const rules = resolve('110101', '2026-11-29');
    expect(rules.deadlines.overall).toEqual({
      value: { amount: 30, unit: 'workingDays' },
      source: '《最低生活保障审核确认办法》（民发〔2021〕57号） 第二十二条',
      effectiveFrom: '2021-07-01',
    });
    expect(rules.publicNotice.value).toEqual({ amount: 7, unit: 'calendarDays' });
  });

  it('a province overrides the nation, a county the province, figure by figure', () => {
    const rules = resolve('370902', '2026-11-29');
    expect(rules.deadlines.overall.value.amount).toBe(20);
    expect(rules.deadlines.countyDecision).toMatchObject({
      value: { amount: 8 },
      source: '社会救助法（示例） 第二十条',
    });
    expect(rules.deadlines.dataCheck.value.amount).toBe(3);
  });

  it('applies an entry only from its effective date', () => {
    expect(resolve('370902', '2026-06-30').deadlines.countyDecision.value.amount).toBe(10);
    expect(resolve('370902', '2026-07-01').deadlines.countyDecision.value.amount).toBe(8);
    expect(resolve('370911', '2026-07-01').deadlines.countyDecision.value.amount).toBe(10);
  });

  it('refuses to run on incomplete rules, naming what is missing', () => {
    expect(() => resolve('370902', '2020-01-01')).toThrow(RulesNotConfigured);
    expect(() => resolve('370902', '2020-01-01')).toThrow(/deadlines/);
  });
});
