/**
 * The self-care assessment (生活自理能力评估) [20–23]: six daily-living activities, each one the
 * person can or cannot do alone; how many they cannot do sets the care level, with thresholds from
 * the rules. The level decides the care standard and whether institutional care is advised.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { TekunRules } from './rules';

export const selfCareItemLabelsZh = {
  eating: '自主吃饭',
  dressing: '自主穿衣',
  transferring: '自主上下床',
  toileting: '自主如厕',
  walking: '室内自主行走',
  bathing: '自主洗澡',
} as const;
export type SelfCareItem = keyof typeof selfCareItemLabelsZh;
const items = Object.keys(selfCareItemLabelsZh) as [SelfCareItem, ...SelfCareItem[]];
export const selfCareItemSchema = z.enum(items, { error: () => `评估项目无效，可用项目：${items.join('、')}` });

export const careLevelLabelsZh = {
  selfCaring: '具备生活自理能力', // 全自理
  partlyUnable: '部分丧失生活自理能力', // 半护理
  whollyUnable: '完全丧失生活自理能力', // 全护理
} as const;
export type CareLevel = keyof typeof careLevelLabelsZh;

export function careLevelFor(unableItems: readonly SelfCareItem[], rules: TekunRules): CareLevel {
  const unable = new Set(unableItems).size;
  if (unable >= rules.selfCare.fullLossFrom.value) return 'whollyUnable';
  if (unable >= rules.selfCare.partialLossFrom.value) return 'partlyUnable';
  return 'selfCaring';
}
