/**
 * The household as one: its children's steps combined into one status, and their one-time notices
 * of missing materials (一次性告知) merged into one list for the applicant — each item once, with the
 * programs that need it, and nothing a child already has. Pure: the children's views are passed in.
 * No I/O.
 */
import { z } from 'zod';
import { programLabelsZh } from '../eligibility';
import type { MaterialCode } from '../shared/materials';
import { materialCodeSchema, materialLabelsZh } from '../shared/materials';
import type { ApplicationProgram } from '../shared/application';

/** What the merge reads of a program child: its program and the items its notice still asks for. */
export interface ChildMaterials {
  caseId: string;
  program: ApplicationProgram;
  /** Items of the child's notice not yet supplied (its view's `summary.missingMaterials`). */
  missing: readonly MaterialCode[];
}

export const mergedMaterialSchema = z.object({
  code: materialCodeSchema,
  labelZh: z.string(),
  programs: z.array(z.string()),
  caseIds: z.array(z.string()),
});
export const mergedNoticeSchema = z.object({
  items: z.array(mergedMaterialSchema),
  /** The one notice text for the applicant; null when nothing is missing. */
  noticeZh: z.string().nullable(),
});
export type MergedNotice = z.infer<typeof mergedNoticeSchema>;

const catalogueOrder = Object.keys(materialLabelsZh) as MaterialCode[];

export function mergeMissingMaterials(children: readonly ChildMaterials[]): MergedNotice {
  const byCode = new Map<MaterialCode, { programs: Set<ApplicationProgram>; caseIds: Set<string> }>();
  for (const child of children) {
    for (const code of child.missing) {
      const entry = byCode.get(code) ?? { programs: new Set(), caseIds: new Set() };
      entry.programs.add(child.program);
      entry.caseIds.add(child.caseId);
      byCode.set(code, entry);
    }
  }
  const items = catalogueOrder
    .filter((code) => byCode.has(code))
    .map((code) => {
      const entry = byCode.get(code)!;
      return { code, labelZh: materialLabelsZh[code], programs: [...entry.programs], caseIds: [...entry.caseIds] };
    });
  const noticeZh =
    items.length === 0
      ? null
      : `请一次性补齐以下材料（每份材料只需提交一次，适用于所列全部项目）：${items
          .map((i) => `${i.labelZh}（${i.programs.map((p) => programLabelsZh[p]).join('、')}）`)
          .join('；')}`;
  return { items, noticeZh };
}

/** A child's case as the combined status reads it. */
export interface ChildProgress {
  status: 'active' | 'done';
}

/**
 * The household's one status: 'inProgress' while any case runs, 'done' once every case has ended
 * (each with its own decision), 'noCases' when only referrals were chosen.
 */
export function combinedStatus(cases: readonly ChildProgress[]): 'inProgress' | 'done' | 'noCases' {
  if (cases.length === 0) return 'noCases';
  return cases.some((c) => c.status === 'active') ? 'inProgress' : 'done';
}
