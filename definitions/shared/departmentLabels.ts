/**
 * The county departments' names, with a type-only import, so the console can show them at run time
 * without the schemas (actors.ts holds the kinds' schema and re-exports these). No I/O.
 */
import type { DepartmentKind } from './actors';

export const departmentLabelsZh: Record<DepartmentKind, string> = {
  education: '教育',
  medical: '医疗',
  housing: '住房',
  employment: '就业',
  legalAid: '法律援助',
  rehabilitation: '康复',
  charity: '慈善',
};
