/**
 * What is checked before an event is sent to a case, after the route's own action: the roles the
 * case's chart names for the event, at the case's own org (the policy), then recusal (回避): a staff
 * member registered as a close relative of the household takes no step on its cases, and a county
 * approver who investigated the case does not decide it. Each refusal is a 403 naming its rule.
 * The lookups are here; the rules are pure (definitions/access/separationOfDuties.ts).
 */
import type { Pool } from 'pg';
import { definitionForVersion } from '../../definitions';
import {
  decideEvent,
  decidesAfterInvestigation,
  investigatorRecusal,
  investigatorsOf,
  relativeRecusal,
} from '../../definitions/access';
import type { CaseOrgs } from '../../definitions/shared/actors';
import { relativesRegisteredFor } from '../../db/staffRelatives';
import { refuseUnless } from '../http/authorize';
import type { CaseCommands } from './commands';
import type { Caller } from '../http/identity';

export interface EventTarget {
  id: string;
  definitionVersion: string;
  orgs: CaseOrgs;
}

export function createCaseEventAccess({ pool, commands }: { pool: Pool; commands: Pick<CaseCommands, 'readCase'> }) {
  /** Refuses (403) unless the caller may send `type` to this case now. */
  async function authorizeEvent(caller: Caller, target: EventTarget, type: string): Promise<void> {
    refuseUnless(decideEvent(definitionForVersion(target.definitionVersion), type, caller, target.orgs));
    refuseUnless(relativeRecusal(caller, await relativesRegisteredFor(pool, { caseId: target.id })));
    if (decidesAfterInvestigation(caller, type)) {
      // The workflow's own timeline: a visit recorded a moment ago is there before the read model has it.
      const { timeline } = await commands.readCase(target.id);
      refuseUnless(investigatorRecusal(caller, type, investigatorsOf(timeline)));
    }
  }

  /** Refuses (403) a step on a household application's cases by a registered close relative. */
  async function authorizeHouseholdStep(caller: Caller, householdId: string): Promise<void> {
    refuseUnless(relativeRecusal(caller, await relativesRegisteredFor(pool, { householdId })));
  }

  return { authorizeEvent, authorizeHouseholdStep };
}

export type CaseEventAccess = ReturnType<typeof createCaseEventAccess>;
