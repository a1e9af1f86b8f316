import { dibaoDefinition } from '../../definitions/dibao';
import type { OriginEntry } from '../../definitions/shared/rulesProvenance';
import { figuresInForce } from '../../definitions/shared/rulesProvenance';
import { rulesInForce } from '../../api/configuration/rulesInForce';

const builtIn: OriginEntry[] = dibaoDefinition.configEntries.map((e) => ({ ...e, origin: 'builtIn' }));
const countyFile: OriginEntry = {
  program: 'dibao',
  scope: '370911',
  effectiveFrom: '2026-07-01',
  origin: 'file',
  rules: {
    deadlines: {
      overall: { value: { amount: 20, unit: 'workingDays' }, source: '某县办法 第五条', effectiveFrom: '2026-07-01' },
    },
  },
};
const figureAt = <F extends { path: string }>(figures: F[], path: string) => figures.find((f) => f.path === path);

describe('rules in force / provenance', () => {
  it('names the built-in entry for every figure where the county sets none', () => {
    const figures = figuresInForce(builtIn, 'dibao', '370911', '2026-12-01');
    expect(figureAt(figures, 'publicNotice')).toEqual({
      path: 'publicNotice',
      value: { amount: 7, unit: 'calendarDays' },
      source: expect.stringContaining('第十九条'),
      effectiveFrom: expect.any(String),
      origin: 'builtIn',
      scope: '',
      entryEffectiveFrom: expect.any(String),
    });
    expect(figures.every((f) => f.origin === 'builtIn')).toBe(true);
  });

  it('credits the rules file with the one figure it replaces, from its effective date on', () => {
    const before = figuresInForce([...builtIn, countyFile], 'dibao', '370911', '2026-06-30');
    expect(figureAt(before, 'deadlines.overall')?.origin).toBe('builtIn');
    const after = figuresInForce([...builtIn, countyFile], 'dibao', '370911', '2026-07-01');
    expect(figureAt(after, 'deadlines.overall')).toMatchObject({
      value: { amount: 20, unit: 'workingDays' },
      source: '某县办法 第五条',
      origin: 'file',
      scope: '370911',
      entryEffectiveFrom: '2026-07-01',
    });
    expect(figureAt(after, 'deadlines.rejectionNotice')?.origin).toBe('builtIn');
    expect(after.map((f) => f.path)).toEqual(before.map((f) => f.path));
  });

  it('leaves another county on the built-in figure', () => {
    const other = figuresInForce([...builtIn, countyFile], 'dibao', '370902', '2026-12-01');
    expect(figureAt(other, 'deadlines.overall')?.origin).toBe('builtIn');
  });

  it('answers a period in words and lists no problems when the rules are complete', () => {
    const answer = rulesInForce({ county: '370911', program: 'dibao', on: '2026-12-01' }, [countyFile]);
    expect(figureAt(answer.figures, 'deadlines.overall')?.valueZh).toBe('20个工作日');
    expect(answer.problems).toEqual([]);
    expect(answer.programs.map((p) => p.program)).toEqual(
      expect.arrayContaining(['dibao', 'tekun', 'eligibility', 'payments'])
    );
  });

  it('reports a figure beyond its legal limit as a problem, still showing where it came from', () => {
    const tooShort: OriginEntry = {
      ...countyFile,
      rules: {
        publicNotice: { value: { amount: 2, unit: 'calendarDays' }, source: '错误示例', effectiveFrom: '2026-07-01' },
      },
    };
    const answer = rulesInForce({ county: '370911', program: 'dibao', on: '2026-12-01' }, [tooShort]);
    expect(answer.problems.map((p) => p.path)).toContain('publicNotice.value.amount');
    expect(figureAt(answer.figures, 'publicNotice')).toMatchObject({ origin: 'file', valueZh: '2日' });
  });
});
