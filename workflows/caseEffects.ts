/**
 * The case workflow's effects: what a chart transition declared (a notice, a payment, a data check,
 * a referred case, a timer) turned into Temporal work. One function, one branch per effect kind;
 * the case workflow calls it after each transition with the line's sequence number.
 * Deterministic sandbox code: no Node built-ins, no I/O except through activities.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { CaseActivities } from '../activities';
import type { Effect } from '../definitions/engine/effects';
import type { AnyProgramDefinition } from '../definitions/shared/programDefinition';
import { isHouseholdApplication } from '../definitions/shared/intake';
import type { CaseWorkflowInput, ResumeState } from './contract';

/** What the effects read and change: the case as the transition left it, its timers, its activities. */
export interface EffectHost {
  input: CaseWorkflowInput;
  definition: AnyProgramDefinition;
  snapshot: AnyMachineSnapshot;
  /** The case's pending chart timers, changed in place. */
  timers: ResumeState['timers'];
  /** The case's activities, behind its write guard. */
  activities: Pick<
    CaseActivities,
    'issueNotice' | 'startDisbursement' | 'startScheduledPayment' | 'changeEntitlement' | 'openReferredCase'
  >;
  startDataCheck: (trigger: string) => void;
}

/**
 * Carries out what a transition declared. Timers are bookkept at once; I/O runs concurrently.
 * `eventSeq` is the sequence number of the timeline line that declared the effects (a notice's
 * and a payment's natural key), allocated by the caller before the line's records are written.
 */
export async function perform(
  effects: Effect[],
  at: string,
  eventSeq: number,
  trigger: string,
  host: EffectHost
): Promise<void> {
  const { input, definition, snapshot, timers, startDataCheck } = host;
  const orgs = input.application.orgs;
  const { issueNotice, startDisbursement, startScheduledPayment, changeEntitlement, openReferredCase } =
    host.activities;
  const io: Promise<unknown>[] = [];
  for (const effect of effects) {
    switch (effect.kind) {
      case 'startTimer':
        timers[effect.id] = {
          eventType: effect.eventType,
          dueAt: new Date(Date.parse(at) + effect.delayMs).toISOString(),
        };
        break;
      case 'cancelTimer':
        delete timers[effect.id];
        break;
      case 'notice':
        io.push(
          issueNotice({
            caseId: input.caseId,
            seq: eventSeq,
            notice: definition.renderNotice(effect.notice, snapshot.context),
            issuedAt: at,
          })
        );
        break;
      case 'dataCheck':
        startDataCheck(trigger);
        break;
      case 'openCase':
        if (isHouseholdApplication(input.application)) {
          io.push(
            openReferredCase({
              fromCaseId: input.caseId,
              referral: effect.referral,
              application: input.application,
              ...(input.householdId ? { householdId: input.householdId } : {}),
              settings: {
                ...(input.calendarYears ? { calendarYears: input.calendarYears } : {}),
                ...(input.sourcePolicies ? { sourcePolicies: input.sourcePolicies } : {}),
                ...(input.historyLimit !== undefined ? { historyLimit: input.historyLimit } : {}),
              },
            })
          );
        }
        break;
      case 'paymentChange':
        io.push(changeEntitlement({ caseId: input.caseId, seq: eventSeq, ...effect.change }));
        break;
      case 'disbursement': {
        const { payment } = effect;
        if (payment.kind !== 'monthly') {
          io.push(
            startScheduledPayment({
              ...payment,
              caseId: input.caseId,
              program: definition.program,
              countyCode: orgs.county,
              decidedAt: at,
            })
          );
          break;
        }
        io.push(
          startDisbursement({
            caseId: input.caseId,
            seq: eventSeq,
            program: definition.program,
            countyCode: orgs.county,
            period: payment.period,
            amount: payment.amount,
            decidedAt: at,
          })
        );
        break;
      }
    }
  }
  await Promise.all(io);
}
