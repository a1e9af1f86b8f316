/**
 * Acceptance at the window (受理) and the home visit, as every program runs them. Acceptance: the clerk reviews the materials and
 * accepts, declines, or lists every missing item in one notice (一次性告知, at most once) and waits
 * for them; the applicant may withdraw meanwhile. A chart includes `intakeSteps(chartId)` as its
 * intake state's substates and names the guards and actions below in its `setup`:
 * guards `sentBy`, `noMissingNoticeYet`, `requiredMaterialsOnFile`; actions `recordAcceptance`, `recordMissingNotice`,
 * `recordDeclined`, `recordSuppliedMaterials`, `recordWithdrawal`, `issueNotice`.
 * No I/O: runs inside the workflow sandbox.
 */
import { and } from 'xstate';
import type { CaseReferral } from './programDefinition';
import type { Investigation, StampedEvent } from './chartKit';
import { investigationOf, referralOf, sentBy } from './chartKit';
import type { MaterialCode } from './materials';
import type { StepMeta } from './stateMeta';

/** Withdrawal by the applicant, recorded at the window, before the decision. */
export const withdrawableIn = (chartId: string) =>
  ({ WITHDRAW: { guard: sentBy('window'), target: `#${chartId}.withdrawn`, actions: 'recordWithdrawal' } }) as const;

/**
 * The intake's substates; acceptance goes on to the chart's `investigation`, a refusal to `notAccepted`.
 * Acceptance also waits for the materials the form itself shows are still to come (`requiredMaterialsOnFile`).
 */
export function intakeSteps(chartId: string) {
  const withdrawable = withdrawableIn(chartId);
  return {
    initial: 'reviewingMaterials',
    states: {
      reviewingMaterials: {
        meta: { owner: 'window', labelZh: '材料审查' } satisfies StepMeta,
        on: {
          ACCEPT: {
            guard: and([sentBy('window'), 'requiredMaterialsOnFile']),
            target: `#${chartId}.investigation`,
            actions: 'recordAcceptance',
          },
          REQUEST_MISSING_MATERIALS: {
            guard: and([sentBy('window'), 'noMissingNoticeYet']),
            target: 'awaitingMaterials',
            actions: ['recordMissingNotice', { type: 'issueNotice', params: { kind: 'missingMaterials' } }],
          },
          DECLINE: {
            guard: sentBy('window'),
            target: `#${chartId}.notAccepted`,
            actions: ['recordDeclined', { type: 'issueNotice', params: { kind: 'notAccepted' } }],
          },
          ...withdrawable,
        },
      },
      awaitingMaterials: {
        // 一次性告知后等待补正
        meta: { owner: 'window', labelZh: '一次性告知，待补正材料' } satisfies StepMeta,
        on: {
          SUPPLY_MATERIALS: {
            guard: sentBy('window'),
            target: 'reviewingMaterials',
            actions: 'recordSuppliedMaterials',
          },
          ...withdrawable,
        },
      },
    },
  } as const;
}

/**
 * The home visit (入户调查) as a region of the investigation: the township records the visit, and a
 * verdict of 转其他救助 also opens the referred program's case from this application. A chart names
 * the guards `sentBy`, `referredElsewhere` and the actions `recordHomeVisit`, `recordProgramReferral`,
 * `openReferredCase` in its `setup`; `deadline` is the clock the pending visit runs under.
 */
export function homeVisitRegion<TDeadline extends string>(deadline: TDeadline) {
  return {
    initial: 'pending',
    states: {
      pending: {
        meta: { owner: 'township', deadline, labelZh: '待入户调查' } satisfies StepMeta<TDeadline>,
        on: {
          RECORD_HOME_VISIT: [
            {
              guard: and([sentBy('township'), 'referredElsewhere']),
              target: 'done',
              actions: ['recordHomeVisit', 'recordProgramReferral', 'openReferredCase'],
            },
            { guard: sentBy('township'), target: 'done', actions: 'recordHomeVisit' },
          ],
        },
      },
      done: { type: 'final' },
    },
  } as const;
}

/**
 * Materials the form itself shows are still to come (a 特困 supporter's unsigned check authorisation):
 * acceptance waits until they are handed in, after the one notice lists them. A context without
 * the field (dibao, temporary help, cases started before it) needs nothing more.
 */
export function requiredMaterialsOnFile({
  context,
}: {
  context: { materials: readonly MaterialCode[]; requiredMaterials?: readonly MaterialCode[] };
}): boolean {
  return (context.requiredMaterials ?? []).every((m) => context.materials.includes(m));
}

type HomeVisitEvent = StampedEvent &
  Pick<Investigation, 'investigators' | 'findings' | 'verdict'> & {
    referTo?: CaseReferral['program'];
    claim?: CaseReferral['claim'];
  };

/**
 * What the intake and home-visit events record, the same in every program: pure updates over the
 * part of a case's context they touch. Each chart wraps them in `assign` under the action names above.
 */
export const intakeUpdates = {
  /** One notice listing every missing item (一次性告知). */
  recordMissingNotice: (_: unknown, e: StampedEvent) => ({
    missingNotice: { items: [...new Set((e as StampedEvent & { items: MaterialCode[] }).items)], at: e.at },
  }),
  /** A document handed in once is kept with the case's materials. */
  recordSuppliedMaterials: (c: { materials: readonly MaterialCode[] }, e: StampedEvent) => ({
    materials: [...new Set([...c.materials, ...(e as StampedEvent & { items: MaterialCode[] }).items])],
  }),
  recordAcceptance: (_: unknown, e: StampedEvent) => ({ acceptedAt: e.at }),
  recordHomeVisit: (c: { homeVisits: readonly Investigation[] }, e: StampedEvent) => ({
    homeVisits: [...c.homeVisits, investigationOf(e as HomeVisitEvent)],
  }),
  recordProgramReferral: (_: unknown, e: StampedEvent) => ({ referredTo: referralOf(e as HomeVisitEvent) }),
};
