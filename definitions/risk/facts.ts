/**
 * What the risk rules read and what they return. The facts are plain data gathered by the
 * database layer for one case; the rules never ask for more. Types come from here only.
 * No I/O.
 */
import { z } from 'zod';

export const riskRuleSchema = z.enum([
  'sharedMember',
  'deceasedMemberReceiving',
  'undeclaredStaffRelative',
  'repeatedTemporaryHelp',
  'sharedPayeeAccount',
  'amountAboveComputed',
]);
export type RiskRule = z.infer<typeof riskRuleSchema>;

export const riskWarningSchema = z.object({
  rule: riskRuleSchema,
  severity: z.enum(['high', 'medium', 'low']),
  /** A person (by ID number), a payee account, or the case itself (a decision of its own: migration 021). */
  subject: z.object({ kind: z.enum(['person', 'account', 'case']), key: z.string() }),
  /** The case assessed. */
  caseId: z.string(),
  /** The other cases the finding involves. */
  relatedCaseIds: z.array(z.string()),
  /** Identifies the facts: the same facts found again are the same warning, not a new one. */
  dedupKey: z.string(),
  explanationZh: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type RiskWarning = z.infer<typeof riskWarningSchema>;

export interface PersonRef {
  idNumber: string;
  name: string;
}

/** Another active case that shares a member or the payee account with the case assessed. */
export interface OtherCase {
  caseId: string;
  program: string;
  members: PersonRef[];
  payeeAccount: string | null;
}

export interface DeathRecord {
  idNumber: string;
  date: string;
  reference: string;
}

export interface StaffRelativeEntry {
  staffUserId: string;
  staffName: string;
  staffOrg: string;
  relativeIdNumber: string;
  relation: string;
}

/** One temporary-help grant to the household (a case with payments), within the window. */
export interface HelpGrant {
  caseId: string;
  amount: number;
  decidedAt: string;
}

export interface CaseFacts {
  caseId: string;
  program: string;
  active: boolean;
  /** Approved and paid (or being paid): a monthly amount or a payment on record. */
  receiving: boolean;
  applicant: PersonRef;
  members: PersonRef[];
  closeRelativeDeclared: boolean;
  payeeAccount: string | null;
  /** Active cases (other than this one) sharing a member or the payee account. */
  otherActiveCases: OtherCase[];
  deaths: DeathRecord[];
  staffRelatives: StaffRelativeEntry[];
  temporaryHelpGrants: HelpGrant[];
}

export { riskRuleLabelsZh } from './labels';
