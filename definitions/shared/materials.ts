/**
 * The materials an applicant may hand in, by code, with the name staff and applicants see.
 * One catalogue for every program, so a document handed in once is recognised by all of them.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { materialLabelsZh } from './materialLabels';

export { materialLabelsZh };

export type MaterialCode = keyof typeof materialLabelsZh;

const materialCodes = Object.keys(materialLabelsZh) as [MaterialCode, ...MaterialCode[]];
export const materialCodeSchema = z.enum(materialCodes, {
  error: () => `材料代码无效，可用代码：${materialCodes.join('、')}`,
});

export function materialListZh(codes: readonly MaterialCode[]): string {
  return codes.map((c) => materialLabelsZh[c]).join('、');
}
