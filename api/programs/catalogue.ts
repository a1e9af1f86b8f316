/**
 * The answer of `GET /api/programs`: the programs this installation runs, each with the chart
 * version new cases start on and any staged versions, and the referrals (转介事项) a household form
 * can make with the department each goes to — the list the counties publish (制度/项目清单).
 * Pure: read from the definitions this build carries.
 */
import { programDefinitions } from '../../definitions';
import { stagedDefinitions } from '../../definitions/stagedVersions';
import type { ReferralKind } from '../../definitions/intake/householdForm';
import { referralLabelsZh } from '../../definitions/intake/referralLabels';
import type { DepartmentKind } from '../../definitions/shared/actors';
import { departmentLabelsZh } from '../../definitions/shared/actors';

export interface ProgramCatalogue {
  programs: {
    program: string;
    labelZh: string;
    /** The version new cases start on; its chart is `GET /api/programs/:version/chart`. */
    version: string;
    /** Versions that only migrated cases run on (docs/change-safety.md). */
    stagedVersions: string[];
  }[];
  referralKinds: { kind: ReferralKind; labelZh: string; department: DepartmentKind; departmentLabelZh: string }[];
}

export function programCatalogue(): ProgramCatalogue {
  return {
    programs: programDefinitions.map((d) => ({
      program: d.program,
      labelZh: d.labelZh,
      version: d.version,
      stagedVersions: stagedDefinitions.filter((s) => s.program === d.program).map((s) => s.version),
    })),
    // A household form's referral goes to the department of the same kind (api/households/commands.ts).
    referralKinds: (Object.keys(referralLabelsZh) as ReferralKind[]).map((kind) => ({
      kind,
      labelZh: referralLabelsZh[kind],
      department: kind,
      departmentLabelZh: departmentLabelsZh[kind],
    })),
  };
}
