/**
 * The county's random home-check sample for 特困 (≥ 30 % [16]) and the self-care levels: pure
 * functions, so the draw can be recomputed from the record by anyone.
 */
import { drawHomeCheckSample, samplePeriod } from '../../definitions/tekun/homeCheckSample';
import { careLevelFor } from '../../definitions/tekun/selfCare';
import { tekunRules } from '../support/programDrivers';

const draw = (caseId: string, ratio = 0.3, period = '2026-11', county = '379901') =>
  drawHomeCheckSample({ caseId, county, period, ratio });

describe('tekun / county home-check sample', () => {
  it('always gives the same answer for the same case, county and period', () => {
    for (let i = 0; i < 200; i += 1) {
      const id = `TK-379901-${i.toString(16).padStart(20, '0')}`;
      expect(draw(id)).toEqual(draw(id));
    }
  });

  it.each([0.3, 0.5, 0.75])('samples close to the configured ratio %p of many cases', (ratio) => {
    const n = 20_000;
    let sampled = 0;
    for (let i = 0; i < n; i += 1) if (draw(`TK-379901-${i}`, ratio).sampled) sampled += 1;
    expect(Math.abs(sampled / n - ratio)).toBeLessThan(0.015);
  });

  it('samples a case exactly when its draw is below the ratio', () => {
    const results = Array.from({ length: 500 }, (_, i) => draw(`TK-370902-${i}`));
    for (const r of results) expect(r.sampled).toBe(r.draw < r.ratio);
    expect(results.every((r) => r.draw >= 0 && r.draw < 1)).toBe(true);
  });

  it('draws afresh in another period or county, so a case is not always in or out', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `TK-379901-${i}`);
    const changedWithPeriod = ids.filter((id) => draw(id).sampled !== draw(id, 0.3, '2026-12').sampled).length;
    const changedWithCounty = ids.filter(
      (id) => draw(id).sampled !== draw(id, 0.3, '2026-11', '370902').sampled
    ).length;
    // Independent draws at 30 % disagree about 42 % of the time.
    expect(changedWithPeriod).toBeGreaterThan(300);
    expect(changedWithCounty).toBeGreaterThan(300);
  });

  it('takes the period from the China date, not UTC', () => {
    expect(samplePeriod('2026-11-30T16:30:00Z')).toBe('2026-12');
    expect(samplePeriod('2026-11-30T15:59:59Z')).toBe('2026-11');
  });

  it('is configured at no less than 30 % with its legal source', () => {
    const { countyHomeCheckRatio } = tekunRules();
    expect(countyHomeCheckRatio.value).toBeGreaterThanOrEqual(0.3);
    expect(countyHomeCheckRatio.source).toContain('第十六条');
  });
});

describe('tekun / self-care assessment', () => {
  const rules = tekunRules();

  it.each([
    [[], 'selfCaring'],
    [['bathing'], 'partlyUnable'],
    [['bathing', 'walking', 'dressing'], 'partlyUnable'],
    [['bathing', 'walking', 'dressing', 'eating'], 'whollyUnable'],
    [['bathing', 'walking', 'dressing', 'eating', 'toileting', 'transferring'], 'whollyUnable'],
  ] as const)('%j items unable → %s', (items, level) => {
    expect(careLevelFor(items, rules)).toBe(level);
  });

  it('counts an item named twice once', () => {
    expect(careLevelFor(['bathing', 'bathing', 'eating', 'eating'], rules)).toBe('partlyUnable');
  });
});
