/**
 * Drives a chart through pure transitions, as the workflow does, with a clock the test controls.
 * Lets chart tests read like the procedure: "the township records a home visit, then …".
 */
import type { AnyMachineSnapshot } from 'xstate';
import { initialTransition, transition } from 'xstate';
import { dibaoDefinition } from '../../definitions/dibao';
import type { DibaoInput } from '../../definitions/dibao/chart';
import type { DibaoRules } from '../../definitions/dibao/rules';
import { effectsOf } from '../../definitions/engine/effects';
import type { Effect } from '../../definitions/engine/effects';
import { sourceIds } from '../../definitions/eligibility';
import type { AnyProgramDefinition } from '../../definitions/shared/programDefinition';
import type { Actor } from '../../definitions/shared/actors';
import { systemActor } from '../../definitions/shared/actors';
import type { CheckRunSummary } from '../../definitions/verification';
import { resolveRules } from '../../definitions/shared/rulesConfig';
import { TEST_COUNTY, testConfigEntries, testOrgs } from './factories';

export const nationalRules: DibaoRules = resolveRules(
  dibaoDefinition.configEntries,
  dibaoDefinition.rulesSchema,
  'dibao',
  '370902',
  '2026-11-29'
);

export const testRules: DibaoRules = resolveRules(
  [...dibaoDefinition.configEntries, ...testConfigEntries()],
  dibaoDefinition.rulesSchema,
  'dibao',
  TEST_COUNTY,
  '2026-11-29'
);

/** The summary a finished check run sends into the chart. */
export function checkRun(overrides: Partial<CheckRunSummary> = {}): CheckRunSummary {
  return {
    run: 1,
    answered: [...sourceIds],
    unanswered: [],
    eligible: true,
    flagged: false,
    lowIncomeEdge: false,
    summaryZh: '符合最低生活保障条件，月保障金420.00元。',
    failedConditions: [],
    monthlyAmount: 420,
    ...overrides,
  };
}

/** A run whose household is over a limit, with the reason a notice would give. */
export const failedRun = (overrides: Partial<CheckRunSummary> = {}): Partial<CheckRunSummary> => ({
  eligible: false,
  monthlyAmount: null,
  summaryZh: '不符合最低生活保障条件：人均金融资产未通过。',
  failedConditions: [{ rule: 'assets.financial', labelZh: '人均金融资产', explanationZh: '存款超过限额' }],
  ...overrides,
});

/** Drives any program's chart the way the workflow does: pure transitions on a clock the test sets. */
export class ChartDriver {
  snapshot: AnyMachineSnapshot;
  effects: Effect[] = [];
  now = new Date('2026-11-30T01:00:00Z');

  constructor(
    readonly definition: AnyProgramDefinition,
    input: unknown
  ) {
    const [first, actions] = initialTransition(definition.machine, input);
    this.snapshot = first;
    this.effects = effectsOf(actions);
  }

  private event(type: string, actor: Actor, payload: Record<string, unknown>) {
    return { type, actor, at: this.now.toISOString(), ...payload };
  }

  can(type: string, actor: Actor, payload: Record<string, unknown> = {}): boolean {
    return this.snapshot.can(this.event(type, actor, payload));
  }

  /** Sends an event the chart must accept; fails the test if it is refused. */
  send(type: string, actor: Actor, payload: Record<string, unknown> = {}): this {
    const event = this.event(type, actor, payload);
    if (!this.snapshot.can(event)) {
      throw new Error(`${type} by ${actor.role}@${actor.org} refused in ${JSON.stringify(this.snapshot.value)}`);
    }
    const [next, actions] = transition(this.definition.machine, this.snapshot, event as never);
    this.snapshot = next;
    this.effects = effectsOf(actions);
    return this;
  }

  /** Fires the pending delayed event with this id, as the workflow's timer would. */
  fire(timerEventType: string): this {
    return this.send(timerEventType, systemActor);
  }

  /** A data-check run finishing, as the workflow reports it (eligible with 420 yuan unless said otherwise). */
  checkCompleted(overrides: Partial<CheckRunSummary> = {}): this {
    return this.send('DATA_CHECK_COMPLETED', systemActor, checkRun(overrides));
  }

  advance(ms: number): this {
    this.now = new Date(this.now.getTime() + ms);
    return this;
  }

  get value(): unknown {
    return this.snapshot.value;
  }

  matches(path: string): boolean {
    return this.snapshot.matches(path);
  }
}

export class DibaoDriver extends ChartDriver {
  constructor(input: Partial<DibaoInput> = {}) {
    super(dibaoDefinition, {
      caseId: 'DB-379901-test',
      orgs: testOrgs,
      rules: nationalRules,
      closeRelative: false,
      materials: ['idCard'],
      recheckCycle: 'stable',
      ...input,
    });
    // The dibao tests read effects only after events, as before.
    this.effects = [];
  }
}
