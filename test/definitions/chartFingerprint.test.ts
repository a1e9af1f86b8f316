/**
 * Chart versions mean something: every chart in the code has the fingerprint recorded for its
 * version in definitions/releasedCharts.json, so a chart changed without a new version fails here.
 */
import type { AnyStateMachine } from 'xstate';
import { and, assign, createMachine, not } from 'xstate';
import { versionedCharts } from '../../definitions';
import { dibaoMachine } from '../../definitions/dibao/chart';
import { canonicalJson, describeChart } from '../../definitions/engine/chartDescription';
import { describeFunction } from '../../definitions/engine/xstateIntrospection';
import type { CurrentChart } from '../../scripts/lib/chartFingerprints';
import {
  chartFingerprint,
  currentCharts,
  fingerprintProblems,
  readReleasedCharts,
} from '../../scripts/lib/chartFingerprints';

type Config = AnyStateMachine['config'];

/** The dibao chart rebuilt from its config with a change applied, on the same implementations. */
function dibaoWith(change: (config: Config) => Config): AnyStateMachine {
  return createMachine(change(dibaoMachine.config) as never, dibaoMachine.implementations as never);
}

const withChart = (machine: AnyStateMachine): CurrentChart[] =>
  currentCharts().map((c) => (c.program === 'dibao' ? { ...c, fingerprint: chartFingerprint(machine) } : c));

describe('chart versions / fingerprints', () => {
  it('every chart in the code is a released version with the fingerprint recorded for it', () => {
    const problems = fingerprintProblems(currentCharts(), readReleasedCharts());
    expect(problems).toEqual([]);
    expect(versionedCharts.map((c) => c.program).sort()).toEqual(
      ['dibao', 'paymentCycle', 'referral', 'tekun', 'temporaryHelp'].sort()
    );
  });

  it('fails a chart changed under its released version, saying to bump the version and record it', () => {
    const moreEvents = dibaoWith((config) => ({
      ...config,
      on: { ...config.on, REOPEN: { target: '.intake' } },
    }));
    const [problem, ...rest] = fingerprintProblems(withChart(moreEvents), readReleasedCharts());
    expect(rest).toEqual([]);
    expect(problem).toContain('The dibao chart changed but is still labelled dibao@1');
    expect(problem).toContain('dibao@2');
    expect(problem).toContain('npm run charts:fingerprint');
    expect(problem).toContain('keep dibao@1 runnable');
  });

  it('fails when a released version is no longer in the code', () => {
    const released = { ...readReleasedCharts(), dibao: { 'dibao@0': 'f'.repeat(64), ...readReleasedCharts().dibao } };
    expect(fingerprintProblems(currentCharts(), released)).toEqual([
      expect.stringContaining('Released dibao@0 (dibao) is no longer in the code'),
    ]);
  });

  it('is the same for the same chart rebuilt, whatever order the config lists its events in', () => {
    const same = dibaoWith((config) => config);
    const reordered = dibaoWith((config) => ({
      ...config,
      on: Object.fromEntries(Object.entries(config.on ?? {}).reverse()),
    }));
    expect(chartFingerprint(same)).toBe(chartFingerprint(dibaoMachine));
    expect(chartFingerprint(reordered)).toBe(chartFingerprint(dibaoMachine));
  });

  it('ignores what staff read (labelZh) but not who owns a step', () => {
    const relabel = (meta: Record<string, unknown>) =>
      dibaoWith((config) => ({
        ...config,
        states: { ...config.states, withdrawn: { ...config.states?.withdrawn, meta } },
      }));
    expect(chartFingerprint(relabel({ labelZh: '已撤回申请' }))).toBe(chartFingerprint(dibaoMachine));
    expect(chartFingerprint(relabel({ labelZh: '申请人撤回', owner: 'window' }))).not.toBe(
      chartFingerprint(dibaoMachine)
    );
  });

  it('describes guards by name and params, and composite guards by their operands', () => {
    const text = canonicalJson(describeChart(dibaoMachine));
    expect(text).toContain(
      '{"combinator":"and","guards":[{"params":{"role":"window"},"type":"sentBy"},"noMissingNoticeYet"]}'
    );
  });
});

describe('chart versions / the xstate introspection it relies on (pinned on the installed version)', () => {
  const describe_ = (v: unknown): unknown => (typeof v === 'function' ? describeFunction(v, describe_) : v);

  it('reads and/not operands and built-in action kinds', () => {
    expect(describe_(and(['a', not('b')]))).toEqual({
      combinator: 'and',
      guards: ['a', { combinator: 'not', guards: ['b'] }],
    });
    expect(describe_(assign({}))).toBe('xstate.assign');
    expect(describe_(() => true)).toBe('<inline>');
  });
});
