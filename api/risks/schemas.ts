/**
 * Request shapes of the risk-warning and integrity-register endpoints, and the source of their
 * OpenAPI description. Types come from here only.
 */
import { z } from 'zod';
import { riskRuleSchema, warningStateSchema } from '../../definitions/risk';
import { canonicalUserId, countyCodeSchema, orgCodeSchema } from '../../definitions/shared/actors';
import { residentIdSchema } from '../../definitions/shared/application';
import { freeText, singleLine } from '../../definitions/shared/text';
import { caseIdSchema, rowVersionSchema } from '../http/schemas';
import { cursorFields, cursorParamSchema, keysetPaging, pageLimitSchema } from '../http/paging';

const cursor = cursorParamSchema.optional();
const note = freeText().trim().max(2000, '说明不超过2000字');

export const riskListQuerySchema = z.object({
  state: warningStateSchema.optional(),
  rule: riskRuleSchema.optional(),
  caseId: caseIdSchema.optional(),
  /** Narrow to an org under the caller's own (defaults to the caller's org). */
  org: orgCodeSchema.optional(),
  limit: pageLimitSchema,
  cursor,
});
export type RiskListQuery = z.infer<typeof riskListQuerySchema>;

export const acknowledgeBodySchema = z.object({
  version: rowVersionSchema('请提供预警的当前版本号 version'),
  note: note.optional(),
});
export const resolveBodySchema = z.object({
  version: rowVersionSchema('请提供预警的当前版本号 version'),
  note: note.min(1, '请填写核查处理结果'),
});

/** Warnings and register records, newest first: a row's creation time and id. */
export const creationPaging = keysetPaging(z.object({ createdAt: cursorFields.instant, id: cursorFields.rowId }));

export const integrityListQuerySchema = z.object({
  idNumber: residentIdSchema.optional(),
  /** The household of this case: records naming any of its members. */
  caseId: caseIdSchema.optional(),
  includeExpired: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  limit: pageLimitSchema,
  cursor,
});

export const dishonestyCreateSchema = z
  .object({
    caseId: caseIdSchema.optional(),
    countyCode: countyCodeSchema,
    applicantIdNumber: residentIdSchema,
    /** Everyone the record names; the applicant is always among them. */
    idNumbers: z.array(residentIdSchema).max(50).default([]),
    reasonZh: freeText().trim().min(1, '请填写失信事由').max(2000, '失信事由不超过2000字'),
  })
  .transform((r) => ({ ...r, idNumbers: [...new Set([r.applicantIdNumber, ...r.idNumbers])] }));

export const staffRelativeSchema = z.object({
  // Canonical, like every caller's id, so recusal (回避) finds the staff member however the id was typed.
  staffUserId: singleLine().trim().min(1, '请填写工作人员账号').max(64).transform(canonicalUserId),
  staffName: singleLine().trim().min(1, '请填写工作人员姓名').max(50),
  staffOrg: orgCodeSchema,
  relativeIdNumber: residentIdSchema,
  relativeName: singleLine().trim().min(1).max(50).optional(),
  relation: singleLine().trim().min(1, '请填写亲属关系').max(50),
});
export const staffRelativesBodySchema = z.object({
  entries: z.array(staffRelativeSchema).min(1, '请至少填写一条近亲属备案').max(500, '每次最多500条'),
});
