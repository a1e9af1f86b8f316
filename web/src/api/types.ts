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
} from '../../../api/authSchemas';
export type {
  TaskListAnswer,
  TaskListFacets,
  TaskListItem,
  TaskListName,
  TaskListQuery,
  TaskSort,
} from '../../../api/taskListing';
export type { BulkClaimAnswer, BulkClaimResult } from '../../../api/taskClaims';
export type { Colleague } from '../../../db/staffDirectory';
export type { OrgUnit, OrgUnitsAnswer } from '../../../definitions/shared/orgUnits';
export type { IssuedToken, StaffDetail, StaffListAnswer, StaffView } from '../../../api/routes/staff';
export type { ApiTokenRow } from '../../../db/apiTokens';
export type { RulesInForceAnswer, FigureAnswer } from '../../../api/rulesInForce';
export type { CalendarAnswer } from '../../../api/routes/configuration';
export type { ProgramCatalogue } from '../../../api/programCatalogue';
export type { ReferralInboxAnswer, ReferralInboxItem, ReferralInboxQuery } from '../../../api/referralSchemas';
export type { DepartmentKind } from '../../../definitions/shared/actors';
export type { Post } from '../../../identity/posts';
export type { CallerRole } from '../../../definitions/shared/actors';
export type { HouseholdApplicationInput, ReferralKind } from '../../../definitions/intake/householdForm';
export type { NeedsAssessment, Proposal } from '../../../definitions/intake/proposals';
export type { HouseholdView, HouseholdChild, HouseholdTimelineEntry } from '../../../api/householdSchemas';
export type { ApplicationProgram } from '../../../definitions/shared/application';
export type { MaterialCode } from '../../../definitions/shared/materials';
export type { TekunSection } from '../../../definitions/shared/supporters';
export type { CaseView, TimelineEntry } from '../../../workflows/contract';
export type { AllowedEvent } from '../../../definitions/engine/snapshotReading';
export type { ChartDiagram, DiagramState, DiagramTransition } from '../../../definitions/engine/chartDiagram';
export type { StoredRun, StoredSource } from '../../../db/verificationQueries';
export type { Check } from '../../../definitions/eligibility';
export type { CaseViewAnswer } from '../../../api/caseViewAnswer';
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
} from '../../../api/paymentSchemas';
export type { FileProblem } from '../../../definitions/payments/returnFile';
export type { DueSoonAnswer, OverdueAnswer } from '../../../api/routes/supervision';
export type { DueCase, DueGroup } from '../../../db/supervisionQueries';
export type { StatsAnswer } from '../../../api/supervisionSchemas';
export type { StepLimit } from '../../../definitions/engine/stepLimits';
export type {
  RetryResult,
  StuckCase,
  StuckListAnswer,
  StuckProblem,
  TerminateResult,
} from '../../../api/stuckCaseSchemas';
export type { RiskListAnswer } from '../../../api/routes/risks';
export type { WarningRow } from '../../../db/riskWarnings';
export type { RiskRule, WarningState } from '../../../definitions/risk';
export type { IntegrityListAnswer } from '../../../api/routes/integrity';
export type { DishonestyRow } from '../../../db/integrityRegister';
export type { AccessLogPage } from '../../../api/accessLogSchemas';
export type { AccessKind } from '../../../definitions/access';
