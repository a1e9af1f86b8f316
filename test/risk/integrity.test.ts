/**
 * The integrity register's pure side: which findings make a dishonesty record, how long it counts,
 * and the warnings' state machine.
 */
import { dishonestyOfChecks, dishonestyOfEvent, expiresAt, isInForce } from '../../definitions/integrity';
import type { Check } from '../../definitions/eligibility/result';
import { allowedMoves, nextState, resolveRiskRules, riskConfigEntries } from '../../definitions/risk';
import { configEntrySchema } from '../../definitions/shared/rulesConfig';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadRulesFile } from '../../config/rulesFile';

describe('integrity / dishonesty findings', () => {
  it('makes a record of an untruthful home visit, with what the investigators found', () => {
    const finding = dishonestyOfEvent({ verdict: 'untruthful', findings: '家中有未申报的营运车辆' });
    expect(finding).toEqual({ source: 'homeVisit', reasonZh: '入户调查结论为不属实：家中有未申报的营运车辆' });
  });

  it('makes a record of a fraud decision, with its reasons', () => {
    expect(dishonestyOfEvent({ fraud: true, reasons: ['隐瞒经营收入'] })).toMatchObject({
      source: 'fraudDecision',
      reasonZh: expect.stringContaining('隐瞒经营收入'),
    });
    expect(dishonestyOfEvent({ fraud: true, reason: '冒领' })?.reasonZh).toContain('冒领');
  });

  it('makes none of a truthful visit, a referral, or a decision without fraud', () => {
    expect(dishonestyOfEvent({ verdict: 'truthful' })).toBeNull();
    expect(dishonestyOfEvent({ verdict: 'referOther' })).toBeNull();
    expect(dishonestyOfEvent({ fraud: false, reasons: ['收入超标'] })).toBeNull();
  });

  const check = (rule: string, passed: boolean): Check => ({
    rule,
    labelZh: rule,
    kind: 'flag',
    passed,
    figures: [],
    sources: [],
    ruleSource: '',
    explanationZh: `${rule} 说明`,
  });

  it('makes a record of a check run that found undeclared property (不属实), and none otherwise', () => {
    expect(dishonestyOfChecks([check('declaration.propertyDeclared', false)])).toMatchObject({
      source: 'dataCheck',
      reasonZh: expect.stringContaining('declaration.propertyDeclared 说明'),
    });
    expect(dishonestyOfChecks([check('declaration.propertyDeclared', true)])).toBeNull();
    expect(dishonestyOfChecks([check('household.memberRegisteredDead', false)])).toBeNull();
  });
});

describe('integrity / expiry', () => {
  it('expires after the configured months, marked as a default the county confirms', () => {
    for (const entry of riskConfigEntries) expect(configEntrySchema.safeParse(entry).success).toBe(true);
    const { expiryMonths } = resolveRiskRules('370902', '2026-11-29').dishonesty;
    expect(expiryMonths.source).toMatch(/待县级民政部门核实确认/);
    expect(expiresAt('2026-03-15T02:00:00.000Z', expiryMonths.value)).toBe(
      `${2026 + expiryMonths.value / 12}-03-15T02:00:00.000Z`
    );
  });

  it('ends a month-end record on the last day of a shorter month', () => {
    expect(expiresAt('2026-01-31T08:00:00.000Z', 1)).toBe('2026-02-28T08:00:00.000Z');
    expect(expiresAt('2027-12-31T08:00:00.000Z', 2)).toBe('2028-02-29T08:00:00.000Z');
  });

  it('counts a record until its expiry, not after', () => {
    const record = { expiresAt: '2027-01-01T00:00:00.000Z' };
    expect(isInForce(record, new Date('2026-12-31T23:59:59Z'))).toBe(true);
    expect(isInForce(record, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });

  it('takes a county’s own expiry over the default', () => {
    const own = {
      program: 'risk',
      scope: '370902',
      effectiveFrom: '2026-01-01',
      rules: { dishonesty: { expiryMonths: { value: 24, source: '某县文件', effectiveFrom: '2026-01-01' } } },
    };
    expect(resolveRiskRules('370902', '2026-11-29', [own]).dishonesty.expiryMonths.value).toBe(24);
    expect(resolveRiskRules('370911', '2026-11-29', [own]).dishonesty.expiryMonths.value).not.toBe(24);
  });
});

describe('risk / figures from the rules file', () => {
  const write = async (entries: unknown) => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'yilian-risk-rules-')), 'rules.json');
    await writeFile(file, JSON.stringify(entries));
    return file;
  };
  const entry = (maxCount: unknown) => ({
    program: 'risk',
    scope: '370902',
    effectiveFrom: '2026-01-01',
    rules: {
      temporaryHelp: { maxCount: { value: maxCount, source: '某县临时救助实施细则', effectiveFrom: '2026-01-01' } },
    },
  });

  it('loads a county’s own temporary-help threshold from RULES_FILE', async () => {
    const entries = loadRulesFile(await write([entry(4)]));
    expect(resolveRiskRules('370902', '2026-11-29', entries).temporaryHelp.maxCount.value).toBe(4);
  });

  it('refuses a threshold that does not fit the schema, naming the file', async () => {
    const file = await write([entry(-1)]);
    expect(() => loadRulesFile(file)).toThrow(/No complete risk rules/);
  });
});

describe('risk / warning states', () => {
  it('goes open → acknowledged → resolved, and nowhere else', () => {
    expect(nextState('open', 'acknowledge')).toBe('acknowledged');
    expect(nextState('acknowledged', 'resolve')).toBe('resolved');
    expect(nextState('open', 'resolve')).toBeUndefined();
    expect(nextState('acknowledged', 'acknowledge')).toBeUndefined();
    expect(allowedMoves('resolved')).toEqual([]);
  });
});
