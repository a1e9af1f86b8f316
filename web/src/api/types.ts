/**
 * The API's request and answer types, taken from the server's own modules with `import type`: they
 * are erased from the bundle, so no server code reaches the browser, and a change on the server is a
 * type error here (npm run typecheck checks both).
 */
export type {
  AuthProviders,
  LoginBody,
  PasswordChangeBody,
  PostSwitchBody,
  SessionView,
  ColleaguesAnswer,
  StaffCreateBody,
  StaffListQuery,
  StaffUpdateBody,
  TokenIssueBody,
} from '../../../api/auth/schemas';
export type {
  TaskListAnswer,
  TaskListFacets,
  TaskListItem,
  TaskListName,
  TaskListQuery,
  TaskSort,
} from '../../../api/tasks/listing';
export type { BulkClaimAnswer, BulkClaimResult } from '../../../api/tasks/claims';
export type { Colleague } from '../../../db/staffDirectory';
export type { OrgUnit, OrgUnitsAnswer } from '../../../definitions/shared/orgUnits';
export type { IssuedToken, StaffDetail, StaffListAnswer, StaffView } from '../../../api/staff/router';
export type { ApiTokenRow } from '../../../db/apiTokens';
export type { RulesInForceAnswer, FigureAnswer } from '../../../api/configuration/rulesInForce';
export type { CalendarAnswer } from '../../../api/configuration/router';
export type { ProgramCatalogue } from '../../../api/programs/catalogue';
export type { ReferralInboxAnswer, ReferralInboxItem, ReferralInboxQuery } from '../../../api/referrals/schemas';
export type { DepartmentKind } from '../../../definitions/shared/actors';
export type { Post } from '../../../identity/posts';
export type { CallerRole } from '../../../definitions/shared/actors';
export type { HouseholdApplicationInput, ReferralKind } from '../../../definitions/intake/householdForm';
export type { NeedsAssessment, Proposal } from '../../../definitions/intake/proposals';
export type { HouseholdView, HouseholdChild, HouseholdTimelineEntry } from '../../../api/households/schemas';
export type { ApplicationProgram } from '../../../definitions/shared/application';
export type { MaterialCode } from '../../../definitions/shared/materials';
export type { TekunSection } from '../../../definitions/shared/supporters';
export type { CaseView, TimelineEntry } from '../../../workflows/contract';
export type { AllowedEvent } from '../../../definitions/engine/snapshotReading';
export type { ChartDiagram, DiagramState, DiagramTransition } from '../../../definitions/engine/chartDiagram';
export type { StoredRun, StoredSource } from '../../../db/verificationQueries';
export type { Check } from '../../../definitions/eligibility';
export type { CaseViewAnswer } from '../../../api/applications/caseViewAnswer';
export type { CaseRow as CaseListItem } from '../../../db/caseQueries';
export type { NoticeListing } from '../../../definitions/publication/listings';
export type { CycleView } from '../../../workflows/paymentContract';
export type {
  CycleLine,
  CycleLinesAnswer,
  CycleListAnswer,
  CycleListItem,
  RetryItem,
  SpendingItem,
} from '../../../api/payments/schemas';
export type { FileProblem } from '../../../definitions/payments/returnFile';
export type { DueSoonAnswer, OverdueAnswer } from '../../../api/supervision/router';
export type { DueCase, DueGroup } from '../../../db/supervisionQueries';
export type { StatsAnswer } from '../../../api/supervision/schemas';
export type { StepLimit } from '../../../definitions/engine/stepLimits';
export type {
  RetryResult,
  StuckCase,
  StuckListAnswer,
  StuckProblem,
  TerminateResult,
} from '../../../api/stuckCases/schemas';
export type { RiskListAnswer } from '../../../api/risks/router';
export type { WarningRow } from '../../../db/riskWarnings';
export type { RiskRule, WarningState } from '../../../definitions/risk';
export type { IntegrityListAnswer } from '../../../api/integrity/router';
export type { DishonestyRow } from '../../../db/integrityRegister';
export type { AccessLogPage } from '../../../api/accessLog/schemas';
export type { AccessKind } from '../../../definitions/access';
