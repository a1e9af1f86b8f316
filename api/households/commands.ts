/**
 * What the API asks of Temporal for a household (一窗受理): the needs assessment (a dry run that
 * starts nothing), the household application that starts a child case per program, its combined
 * view, and materials handed in once for every child waiting for them. Case-level work (rules in
 * force, reading a case, sending it an event) goes through the case commands, so a child case is
 * started and driven exactly like a single one.
 */
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { chinaDate } from '../../definitions/calendar';
import { programLabelsZh, resolveEligibilityRules } from '../../definitions/eligibility';
import { resolveIntakeRules } from '../../definitions/intake/config';
import type { HouseholdApplication, NeedsAssessmentRequest } from '../../definitions/intake/householdForm';
import type { ReferralKind } from '../../definitions/intake/householdForm';
import { childApplication, referralLabelsZh } from '../../definitions/intake/householdForm';
import type { ReferralIntake } from '../../definitions/referral/intake';
import { referralIntakeSchema } from '../../definitions/referral/intake';
import { combinedStatus, mergeMissingMaterials } from '../../definitions/intake/householdStatus';
import { assessNeeds } from '../../definitions/intake/needsAssessment';
import type { NeedsAssessment } from '../../definitions/intake/proposals';
import type { CaseOrgs } from '../../definitions/shared/actors';
import type { MaterialCode } from '../../definitions/shared/materials';
import { materialCodeSchema } from '../../definitions/shared/materials';
import { applicationProgramSchema } from '../../definitions/shared/application';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { RulesNotConfigured } from '../../definitions/shared/rulesConfig';
import { awaitRecordedUpdate } from '../../workflows/contract';
import type { householdApplication } from '../../workflows/householdApplication';
import type { ChildPlan, ChildState, HouseholdWorkflowInput } from '../../workflows/householdContract';
import {
  awaitChildrenStartedUpdate,
  householdStateQuery,
  householdWorkflowType,
} from '../../workflows/householdContract';
import { CaseCounty, CaseTownship } from '../../workflows/searchAttributes';
import type { CaseCommands } from '../applications/commands';
import { canonicalHash, idSuffix, translate } from '../applications/commands';
import {
  composeCaseId,
  HOUSEHOLD_ID_PREFIX,
  programIdPrefix,
  REFERRAL_ID_PREFIX,
  withIdPrefix,
} from '../../definitions/shared/caseIds';
import { temporalReach } from '../http/temporalReach';
import { isAlreadyStarted } from '../http/temporalErrors';
import { Conflict, TransitionRefused, ValidationFailed } from '../http/errors';
import type { HouseholdChild, HouseholdTimelineEntry, HouseholdView, SupplyMaterialsBody } from './schemas';
import type { Caller } from '../http/identity';

export interface HouseholdCommandDependencies {
  client: Client;
  taskQueue: string;
  extraConfigEntries?: readonly ConfigEntry[];
  cases: CaseCommands;
}

/** A household id from an Idempotency-Key is scoped apart from single cases started with the same key. */
function householdIdFor(form: HouseholdApplication, caller: Caller, idempotencyKey: string | undefined): string {
  const key = idempotencyKey === undefined ? undefined : `household:${caller.org}:${idempotencyKey}`;
  return composeCaseId(HOUSEHOLD_ID_PREFIX, form.orgs.county, idSuffix(key));
}

/** A child case's id: the household's, with the program's prefix — derived, so a retry finds the same child. */
export function childCaseId(householdId: string, program: HouseholdApplication['programs'][number]): string {
  return withIdPrefix(householdId, programIdPrefix(program));
}

/** A referral child's id: the department's referral prefix, so a household's referrals never collide. */
export const referralCaseId = (householdId: string, kind: ReferralKind): string =>
  withIdPrefix(householdId, REFERRAL_ID_PREFIX[kind]);

/**
 * The referral the household's form makes for one department: who the household is, why (the
 * needs assessment's reason where it proposed this referral, else the clerk's choice), and the
 * household's first program case as where the need came up.
 */
function referralFor(
  form: HouseholdApplication,
  kind: ReferralKind,
  assessment: NeedsAssessment | undefined,
  sourceCaseId: string | null
): ReferralIntake {
  const proposed = assessment?.proposals.find((p) => p.kind === 'referral' && p.code === kind);
  return referralIntakeSchema.parse({
    department: kind,
    orgs: form.orgs,
    householdCaseId: sourceCaseId,
    reason: proposed?.reasonZh ?? `一窗受理时经办人确认该户有${referralLabelsZh[kind]}需求，请予办理。`,
    applicant: {
      name: form.applicant.name,
      idNumber: form.applicant.idNumber,
      ...(form.applicant.phone ? { phone: form.applicant.phone } : {}),
      address: form.household.address,
    },
  });
}

const SUPPLY = 'SUPPLY_MATERIALS';
const childLabelsZh: Record<ChildState['code'], string> = { ...programLabelsZh, ...referralLabelsZh };

export function createHouseholdCommands({
  client,
  taskQueue,
  extraConfigEntries = [],
  cases,
}: HouseholdCommandDependencies) {
  const handleOf = (id: string): WorkflowHandle<typeof householdApplication> => client.workflow.getHandle(id);
  const reach = temporalReach(client);

  function assess(form: NeedsAssessmentRequest, now: Date = new Date()): NeedsAssessment {
    const onDate = chinaDate(now);
    try {
      return assessNeeds({
        form,
        eligibilityRules: resolveEligibilityRules(form.orgs.county, onDate, extraConfigEntries),
        intakeRules: resolveIntakeRules(form.orgs.county, onDate, extraConfigEntries),
        onDate,
      });
    } catch (error) {
      if (!(error instanceof RulesNotConfigured)) throw error;
      throw new ValidationFailed('该县（市、区）尚未配置救助认定规则，请联系县级民政部门', [
        { path: 'body.orgs.county', message: error.detail },
      ]);
    }
  }

  async function start(
    form: HouseholdApplication,
    caller: Caller,
    idempotencyKey: string | undefined,
    now: Date = new Date()
  ): Promise<{ view: HouseholdView; replayed: boolean }> {
    const householdId = householdIdFor(form, caller, idempotencyKey);
    const assessment = form.referrals.length > 0 ? assess(form, now) : undefined;
    const children: ChildPlan[] = [
      ...form.programs.map((program): ChildPlan => {
        const caseId = childCaseId(householdId, program);
        const input = cases.caseInputFor(childApplication(form, program), caller, caseId, now);
        return { kind: 'program', code: program, caseId, input: { ...input, householdId } };
      }),
      ...form.referrals.map((code): ChildPlan => {
        const caseId = referralCaseId(householdId, code);
        const source = form.programs[0] === undefined ? null : childCaseId(householdId, form.programs[0]);
        const intake = referralFor(form, code, assessment, source);
        return {
          kind: 'referral',
          code,
          caseId,
          input: { ...cases.caseInputFor(intake, caller, caseId, now), householdId },
        };
      }),
    ];
    const input: HouseholdWorkflowInput = { householdId, form, submittedBy: caller, children };
    const requestHash = canonicalHash(form);
    const requestToken = randomUUID();
    let replayed: boolean;
    await reach.reachable();
    try {
      const handle = await client.workflow.start<typeof householdApplication>(householdWorkflowType, {
        workflowId: householdId,
        taskQueue,
        args: [input],
        memo: { requestHash, requestToken },
        // Found by org in visibility, so a household whose record keeps failing shows among stuck workflows.
        typedSearchAttributes: [
          { key: CaseCounty, value: form.orgs.county },
          { key: CaseTownship, value: form.orgs.township },
        ],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      replayed = idempotencyKey !== undefined && !(await startedByThisRequest(handle, requestHash, requestToken));
    } catch (error) {
      if (!isAlreadyStarted(error)) throw translate(error);
      await startedByThisRequest(handleOf(householdId), requestHash, requestToken);
      replayed = true;
    }
    // A retry that overtakes the first request's start waits for the children like the first one does.
    if (!replayed || !(await handleOf(householdId).query(householdStateQuery)).started) {
      await childrenRecorded(householdId);
    }
    return { view: await read(householdId, form.orgs), replayed };
  }

  /** Waits until every child has started and written its first record, so the view is complete. */
  async function childrenRecorded(householdId: string): Promise<void> {
    try {
      const state = await handleOf(householdId).executeUpdate(awaitChildrenStartedUpdate);
      await Promise.all(
        state.children
          .filter((c) => c.start === 'started' && c.caseId !== null)
          .map((c) => client.workflow.getHandle(c.caseId!).executeUpdate(awaitRecordedUpdate))
      );
    } catch (error) {
      throw translate(error);
    }
  }

  async function startedByThisRequest(handle: WorkflowHandle, requestHash: string, token: string): Promise<boolean> {
    const { memo } = await handle.describe();
    if (memo?.requestHash !== requestHash) {
      throw new Conflict('该 Idempotency-Key 已用于另一份不同的家庭申请，请为新申请使用新的 Idempotency-Key');
    }
    return memo.requestToken === token;
  }

  /** One child as the household shows it, with the items its one-time notice still asks for. */
  async function childEntry(
    child: ChildState
  ): Promise<{ child: HouseholdChild; missing: MaterialCode[]; timeline: HouseholdTimelineEntry[] }> {
    const labelZh = childLabelsZh[child.code];
    if (child.start !== 'started' || child.caseId === null) {
      const notStarted = { status: null, step: null, stepLabelZh: null, decision: null, allowedEvents: [] };
      return { child: { ...child, labelZh, ...notStarted }, missing: [], timeline: [] };
    }
    const caseId = child.caseId;
    const view = await cases.readCase(caseId);
    const timeline = view.timeline.map((t): HouseholdTimelineEntry => ({
      caseId,
      code: child.code,
      childLabelZh: labelZh,
      seq: t.seq,
      at: t.at,
      event: t.event,
      labelZh: t.labelZh,
      actor: t.actor,
      to: t.to,
      toLabelZh: t.toLabelZh,
      comment: t.comment,
    }));
    const missing = Array.isArray(view.summary.missingMaterials) ? view.summary.missingMaterials : [];
    return {
      child: {
        ...child,
        labelZh,
        status: view.status,
        step: view.step,
        stepLabelZh: view.stepLabelZh,
        decision: view.summary.decision ?? view.summary.closure ?? null,
        allowedEvents: view.allowedEvents,
      },
      missing: missing.flatMap((code) => {
        const parsed = materialCodeSchema.safeParse(code);
        return parsed.success ? [parsed.data] : [];
      }),
      timeline,
    };
  }

  /** The household as one: each child's own state, one status, one merged notice of missing materials. */
  async function read(householdId: string, orgs: CaseOrgs): Promise<HouseholdView> {
    await reach.reachable();
    let state;
    try {
      state = await handleOf(householdId).query(householdStateQuery);
    } catch (error) {
      throw translate(error);
    }
    const entries = await Promise.all(state.children.map(childEntry));
    const running = entries.filter(({ child }) => child.kind === 'program' && child.status !== null);
    const merged = mergeMissingMaterials(
      running.map(({ child, missing }) => ({
        caseId: child.caseId!,
        program: applicationProgramSchema.parse(child.code),
        missing,
      }))
    );
    return {
      id: householdId,
      orgs,
      submittedAt: state.submittedAt,
      status: combinedStatus(running.map(({ child }) => ({ status: child.status ?? 'active' }))),
      children: entries.map(({ child }) => child),
      missingMaterials: merged,
      timeline: entries
        .flatMap((e) => e.timeline)
        .sort((a, b) => a.at.localeCompare(b.at) || a.caseId.localeCompare(b.caseId) || a.seq - b.seq),
    };
  }

  /**
   * Materials handed in once reach every child case waiting for them (一次提交、各项目共用), each
   * through its own chart as the window's SUPPLY_MATERIALS. `beforeEach` lets the caller refuse a
   * child whose task someone else has claimed. 409 when no child waits for materials.
   */
  async function supplyMaterials(
    householdId: string,
    orgs: CaseOrgs,
    body: SupplyMaterialsBody,
    caller: Caller,
    beforeEach: (caseId: string) => Promise<void>
  ): Promise<{ suppliedTo: string[]; household: HouseholdView }> {
    const before = await read(householdId, orgs);
    const waiting = before.children.filter((c) =>
      c.allowedEvents.some((e) => e.type === SUPPLY && e.roles.includes(caller.role))
    );
    if (waiting.length === 0) {
      throw new TransitionRefused('本户没有等待补正材料的项目：请先由各项目一次性告知所缺材料', {
        step: before.status,
        stepLabelZh: '家庭申请',
        allowedEvents: [],
      });
    }
    for (const child of waiting) await beforeEach(child.caseId!);
    const payload = { items: body.items, ...(body.comment ? { comment: body.comment } : {}) };
    for (const child of waiting) {
      await cases.submitEvent(child.caseId!, { type: SUPPLY, actor: caller, payload });
    }
    return { suppliedTo: waiting.map((c) => c.caseId!), household: await read(householdId, orgs) };
  }

  return { assess, start, read, supplyMaterials };
}

export type HouseholdCommands = ReturnType<typeof createHouseholdCommands>;
