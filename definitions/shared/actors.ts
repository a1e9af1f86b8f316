/**
 * Who may act on a case. Orgs are administrative-division codes (行政区划代码), so an org's level
 * and its place in the hierarchy are visible from the code alone: county 6 digits (370902),
 * township 9 digits (370902001), village 12 digits (370902001001). A code's prefixes are its parents,
 * which is what scoping ("cases under my org") relies on.
 * No I/O: imported by the workflow sandbox.
 */
import { z } from 'zod';
import { singleLine } from './text';

export const roleSchema = z.enum([
  'window', // 乡镇（街道）受理窗口 — window staff who start applications and record what the applicant hands in
  'village', // 村（居）委会 — assists: posts notices, collects objections
  'township', // 乡镇（街道）— investigation, first review
  'county', // 县级民政部门 — data check, decision (审核确认)
  'supervisor', // 监督 — watches stuck and overdue cases
  'finance', // 县级民政部门财务 — prepares and approves payment batches; never acts on a case
  'department', // 县级职能部门（教育、医疗、住房…）— receives referrals (转办/转介) of its own kind
  'admin', // 县级系统管理员 — manages the staff directory and API tokens of its county; never acts on a case
  'system', // the engine itself (timers); never accepted from a caller
]);
export type Role = z.infer<typeof roleSchema>;

/** Roles a person can hold; `system` is reserved for events the engine raises itself. */
export const callerRoleSchema = roleSchema.exclude(['system']);
export type CallerRole = z.infer<typeof callerRoleSchema>;

export const countyCodeSchema = z.string().regex(/^\d{6}$/, '县级行政区划代码应为6位数字');
export const townshipCodeSchema = z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为9位数字');
export const villageCodeSchema = z.string().regex(/^\d{12}$/, '村（居）代码应为12位数字');
/** Any level, including a province (2) or city (4) prefix, for supervisors. */
export const orgCodeSchema = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, '机构代码应为2/4/6/9/12位行政区划代码');

/**
 * The county departments a referral can be sent to. A department caller sits at its county (org,
 * 6 digits) and names its kind; the kind is not part of the division code, so it travels alongside.
 */
export const departmentKindSchema = z.enum(
  ['education', 'medical', 'housing', 'employment', 'legalAid', 'rehabilitation', 'charity'],
  { error: '部门类型须为 education、medical、housing、employment、legalAid、rehabilitation 或 charity' }
);
export type DepartmentKind = z.infer<typeof departmentKindSchema>;

export { departmentLabelsZh } from './departmentLabels';

// In an import-free module, so the console can tell the preparer of a batch the way the server does.
export { canonicalUserId, sameUser } from './userIds';

export const actorSchema = z.object({
  userId: singleLine().min(1).max(64),
  role: roleSchema,
  org: orgCodeSchema,
  /** Department callers only: which department (their org is the county). */
  department: departmentKindSchema.optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** The org levels a case belongs to; every case is handled by exactly one of each. */
export const caseOrgsSchema = z.object({
  county: countyCodeSchema,
  township: townshipCodeSchema,
  village: villageCodeSchema,
});

/** A case's orgs as the engine holds them: a referral also names the county department it is sent to. */
export const routedCaseOrgsSchema = caseOrgsSchema.extend({ department: departmentKindSchema.optional() });
export type CaseOrgs = z.infer<typeof routedCaseOrgsSchema>;

/** Length of the division code each role's org must have; supervisors may sit at any level. */
const orgLengthByRole: Record<Role, number | undefined> = {
  window: 9,
  village: 12,
  township: 9,
  county: 6,
  supervisor: undefined,
  finance: 6,
  department: 6,
  admin: 6,
  system: undefined,
};

export function orgFitsRole(role: Role, org: string): boolean {
  const expected = orgLengthByRole[role];
  return expected === undefined || org.length === expected;
}

/**
 * Whether the actor sits at the org that owns this case at the actor's level. Supervisors qualify
 * for any case under their org; the engine (`system`) always does.
 */
export function actorBelongsToCase(actor: Actor, orgs: CaseOrgs): boolean {
  switch (actor.role) {
    case 'county':
      return actor.org === orgs.county;
    case 'township':
    case 'window':
      return actor.org === orgs.township;
    case 'village':
      return actor.org === orgs.village;
    case 'supervisor':
      return orgs.village.startsWith(actor.org);
    case 'finance':
      // Finance staff act on payment cycles, not on cases: no case step waits for them.
      return false;
    case 'admin':
      // Administrators manage who may act; they do not act on cases themselves.
      return false;
    case 'department':
      // A department acts only on what was sent to it: its own county and its own kind.
      return actor.org === orgs.county && actor.department !== undefined && actor.department === orgs.department;
    case 'system':
      return true;
  }
}

export const systemActor: Actor = { userId: 'yilian', role: 'system', org: '00' };
