/**
 * Request and response shapes of the household application API (one window, one form): the ids,
 * the materials handed in through the household, the household's combined view. Also the source of
 * their OpenAPI description. The forms themselves live with the definitions (definitions/intake).
 */
import { z } from 'zod';
import { mergedNoticeSchema } from '../../definitions/intake/householdStatus';
import { materialCodeSchema } from '../../definitions/shared/materials';
import { caseOrgsSchema } from '../../definitions/shared/actors';
import { freeText, singleLine } from '../../definitions/shared/text';
import { allowedEventSchema, timelineEntrySchema } from '../../workflows/contract';
import { childStateSchema } from '../../workflows/householdContract';

export const householdIdSchema = singleLine().regex(/^HH-\d{6}-[0-9a-f]{20}$/, '家庭申请编号格式不正确');

/** Materials handed in once at the window, for every child case waiting for them. */
export const supplyMaterialsBodySchema = z.object({
  items: z
    .array(materialCodeSchema)
    .min(1, '请列出补交的材料')
    .refine((items) => new Set(items).size === items.length, '材料不能重复'),
  comment: freeText().trim().max(500, '备注不超过500字').optional(),
});
export type SupplyMaterialsBody = z.infer<typeof supplyMaterialsBodySchema>;

export const householdChildSchema = childStateSchema.extend({
  labelZh: z.string(),
  /** The child case's own state; null for a child that has not started. */
  status: z.enum(['active', 'done']).nullable(),
  step: z.string().nullable(),
  stepLabelZh: z.string().nullable(),
  /** The case's decision or closure (approved, rejected, not accepted, withdrawn), once there is one. */
  decision: z.unknown().nullable(),
  allowedEvents: z.array(allowedEventSchema),
});
export type HouseholdChild = z.infer<typeof householdChildSchema>;

/** One line of a child case's timeline, in the household's combined timeline (newest last). */
export const householdTimelineEntrySchema = timelineEntrySchema
  .pick({ seq: true, at: true, event: true, labelZh: true, actor: true, to: true, toLabelZh: true, comment: true })
  .extend({ caseId: z.string(), code: childStateSchema.shape.code, childLabelZh: z.string() });
export type HouseholdTimelineEntry = z.infer<typeof householdTimelineEntrySchema>;

export const householdViewSchema = z.object({
  id: z.string(),
  orgs: caseOrgsSchema,
  submittedAt: z.string(),
  /** inProgress while any child case runs; done once all have ended; noCases when only referrals were chosen. */
  status: z.enum(['inProgress', 'done', 'noCases']),
  children: z.array(householdChildSchema),
  /** The children's one-time notices merged: each missing item once, with the programs that need it. */
  missingMaterials: mergedNoticeSchema,
  /** Every child case's timeline as one, in time order: what happened to the household's application. */
  timeline: z.array(householdTimelineEntrySchema),
});
export type HouseholdView = z.infer<typeof householdViewSchema>;

export const supplyResultSchema = z.object({
  /** The child cases the materials were handed to (those that were waiting for materials). */
  suppliedTo: z.array(z.string()),
  household: householdViewSchema,
});
