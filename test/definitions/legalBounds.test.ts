/**
 * Legal floors and ceilings on a county's figures: a rules file that breaks one is refused at load,
 * naming the entry (program, scope), the figure, the bound and the article; a county may tighten a
 * limit; test and demonstration counties keep their clocks in seconds only when they say so.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadRulesFile } from '../../config/rulesFile';
import { aboveFloor, withinCeiling } from '../../definitions/shared/legalBounds';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { resolveRules } from '../../definitions/shared/rulesConfig';
import { tekunDefinition } from '../../definitions/tekun';

async function rulesFile(entries: unknown[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yilian-bounds-'));
  const file = path.join(dir, 'rules.json');
  await writeFile(file, JSON.stringify(entries));
  return file;
}

const FROM = '2026-01-01';
const countyEntry = (program: string, rules: Record<string, unknown>, extra: Partial<ConfigEntry> = {}) => ({
  program,
  scope: '370911',
  effectiveFrom: FROM,
  rules,
  ...extra,
});
const figure = (value: unknown) => ({ value, source: '某县实施细则', effectiveFrom: FROM });
const period = (amount: number, unit: string) => figure({ amount, unit });

const refusal = async (entry: unknown): Promise<string> => {
  const file = await rulesFile([entry]);
  try {
    loadRulesFile(file);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the rules file was accepted');
};

describe('legal bounds / the rules loader', () => {
  it('refuses a 特困 home-check sample below 30 %, naming county, program, figure, bound and article', async () => {
    const message = await refusal(countyEntry('tekun', { countyHomeCheckRatio: figure(0.1) }));
    expect(message).toContain('program tekun, scope 370911');
    expect(message).toContain('county 370911');
    expect(message).toContain('countyHomeCheckRatio: 不得低于30%（《特困人员认定办法》（民政部，2021年） 第十六条）');
  });

  it('accepts a county that samples more than the law asks', async () => {
    const entries = loadRulesFile(await rulesFile([countyEntry('tekun', { countyHomeCheckRatio: figure(0.5) })]));
    const rules = resolveRules(
      [...tekunDefinition.configEntries, ...entries],
      tekunDefinition.rulesSchema,
      'tekun',
      '370911',
      '2026-11-29'
    );
    expect(rules.countyHomeCheckRatio.value).toBe(0.5);
  });

  it.each([
    ['dibao', 'publicNotice: 不得短于7日', { publicNotice: period(5, 'calendarDays') }, '第十九条'],
    [
      'dibao',
      'countyDecision: 不得长于10个工作日',
      { deadlines: { countyDecision: period(12, 'workingDays') } },
      '第二十条',
    ],
    ['dibao', 'overall: 不得长于30个工作日', { deadlines: { overall: period(60, 'calendarDays') } }, '第二十二条'],
    ['dibao', 'minInvestigators: 不得低于2', { minInvestigators: figure(1) }, '第十六条'],
    ['dibao', 'stable: 不得长于12个月', { recheck: { stable: period(18, 'months') } }, '第三十一条'],
    ['dibao', 'firstPaymentMonthOffset: 不得大于1', { firstPaymentMonthOffset: figure(2) }, '第二十一条'],
    ['tekun', 'terminationNotice: 不得短于7日', { terminationNotice: period(3, 'calendarDays') }, '第二十六条'],
    [
      'tekun',
      'countyDecision: 不得长于15个工作日',
      { deadlines: { countyDecision: period(20, 'workingDays') } },
      '第十六条',
    ],
  ])('refuses a %s figure beyond the law — %s', async (program, bound, rules, article) => {
    const message = await refusal(countyEntry(program, rules));
    expect(message).toContain(bound);
    expect(message).toContain(article);
  });

  it('accepts limits a county tightens: a longer notice, a quicker decision', async () => {
    const entry = countyEntry('dibao', {
      publicNotice: period(10, 'calendarDays'),
      deadlines: { countyDecision: period(8, 'workingDays') },
    });
    await expect(rulesFile([entry]).then(loadRulesFile)).resolves.toHaveLength(1);
  });

  it('accepts clocks in seconds only in an entry marked as a demo', async () => {
    const notice = { publicNotice: period(20, 'seconds') };
    const message = await refusal(countyEntry('dibao', notice));
    expect(message).toContain('publicNotice in seconds');
    expect(message).toContain('"demo": true');
    await expect(rulesFile([countyEntry('dibao', notice, { demo: true })]).then(loadRulesFile)).resolves.toHaveLength(
      1
    );
  });
});

describe('legal bounds / periods across units', () => {
  it('holds a period to a ceiling only where it is within it whatever the calendar', () => {
    const threeWorkingDays = { amount: 3, unit: 'workingDays' } as const;
    expect(withinCeiling({ amount: 72, unit: 'hours' }, threeWorkingDays)).toBe(true);
    expect(withinCeiling({ amount: 3, unit: 'calendarDays' }, threeWorkingDays)).toBe(true);
    expect(withinCeiling({ amount: 4, unit: 'calendarDays' }, threeWorkingDays)).toBe(false);
    expect(withinCeiling({ amount: 1, unit: 'months' }, { amount: 45, unit: 'workingDays' })).toBe(true);
    expect(withinCeiling({ amount: 120, unit: 'workingDays' }, { amount: 6, unit: 'months' })).toBe(false);
  });

  it('holds a period to a floor the same way; seconds are a demo clock and exempt', () => {
    const sevenDays = { amount: 7, unit: 'calendarDays' } as const;
    expect(aboveFloor({ amount: 5, unit: 'workingDays' }, sevenDays)).toBe(false);
    expect(aboveFloor({ amount: 7, unit: 'workingDays' }, sevenDays)).toBe(true);
    expect(aboveFloor({ amount: 1, unit: 'months' }, sevenDays)).toBe(true);
    expect(aboveFloor({ amount: 167, unit: 'hours' }, sevenDays)).toBe(false);
    expect(aboveFloor({ amount: 2, unit: 'seconds' }, sevenDays)).toBe(true);
  });
});
