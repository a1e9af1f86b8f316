/**
 * Shapes of the live-case migration routes (dry run and run, docs/change-safety.md "Live-case
 * migration"), also the source of their OpenAPI text. Bodies are strict: an unknown key is a 400.
 * No I/O.
 */
import { z } from 'zod';
import { countyCodeSchema } from '../../definitions/shared/actors';
import { freeText } from '../../definitions/shared/text';
import { caseIdSchema } from '../http/schemas';

export const versionSchema = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}@\d{1,6}$/, '版本应写作“项目@版本号”，例如 dibao@2');

export const migrationFilterSchema = z.strictObject({
  program: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, '项目名称只能包含字母和数字，例如 dibao')
    .optional(),
  county: countyCodeSchema.optional().describe('Cases of this county only; default: every case under the caller’s org'),
  state: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/, '环节名称只能包含字母和数字，例如 publicNotice')
    .optional()
    .describe('The case’s step in the read model (its top-level chart state, e.g. publicNotice)'),
});

export const MIGRATION_BATCH_MAX = 200;

export const migrationPlanBodySchema = z.strictObject({
  from: versionSchema,
  to: versionSchema,
  filter: migrationFilterSchema.optional(),
  limit: z
    .number()
    .int('每批数量须为整数')
    .min(1, '每批至少 1 件')
    .max(MIGRATION_BATCH_MAX, `每批最多 ${MIGRATION_BATCH_MAX} 件`)
    .optional()
    .describe(`Cases per batch (default and maximum ${MIGRATION_BATCH_MAX}); follow nextCursor for the rest`),
  cursor: caseIdSchema.optional().describe('nextCursor of the previous batch: the batch goes on after this case'),
});
export type MigrationPlanBody = z.infer<typeof migrationPlanBodySchema>;

export const migrationRunBodySchema = migrationPlanBodySchema.extend({
  reason: freeText({ error: '请填写迁移原因' })
    .trim()
    .min(4, '迁移原因至少 4 个字，请写明依据（如新规则文号）')
    .max(500, '迁移原因不能超过 500 字'),
});
export type MigrationRunBody = z.infer<typeof migrationRunBodySchema>;

const timerMoveSchema = z.object({
  delay: z.string(),
  fromState: z.string(),
  toState: z.string(),
  dueAtBefore: z.string(),
  dueAt: z.string(),
  policy: z.enum(['carry', 'recompute']),
});

export const migrationItemSchema = z.object({
  caseId: z.string(),
  program: z.string(),
  county: z.string(),
  step: z.string().describe('The step in the read model when the batch read it'),
  outcome: z
    .enum(['wouldMigrate', 'migrated', 'alreadyMigrated', 'cannotMigrate', 'failed'])
    .describe(
      'wouldMigrate (dry run) / migrated; alreadyMigrated: on the target version, nothing done; cannotMigrate: ' +
        'the plan does not take the case (code, reasonZh), it stays and finishes on its version; failed: the case ' +
        'could not be asked (reasonZh), run the batch again'
    ),
  definitionVersion: z.string().nullable(),
  code: z.string().nullable(),
  reasonZh: z.string().nullable(),
  states: z.object({ from: z.array(z.string()), to: z.array(z.string()) }).nullable(),
  timers: z.array(timerMoveSchema).nullable(),
});
export type MigrationItem = z.infer<typeof migrationItemSchema>;

export const migrationResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  planLabelZh: z.string(),
  dryRun: z.boolean(),
  counts: z.record(z.string(), z.number().int()).describe('Cases in this batch per outcome'),
  items: z.array(migrationItemSchema),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next batch; null: this was the last'),
});
export type MigrationResult = z.infer<typeof migrationResultSchema>;
