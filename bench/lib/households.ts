/**
 * Benchmark data: a county of its own whose notice lasts milliseconds, and distinct households
 * with valid resident id numbers, so every case is a realistic, separate application.
 */
import type { Actor, CallerRole, CaseOrgs } from '../../definitions/shared/actors';
import type { ApplicationInput } from '../../definitions/shared/application';
import { withCheckCharacter } from '../../definitions/shared/identity';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';

export const BENCH_COUNTY = '379801';
export const benchOrgs: CaseOrgs = {
  county: BENCH_COUNTY,
  township: `${BENCH_COUNTY}001`,
  village: `${BENCH_COUNTY}001001`,
};

export function benchConfigEntries(noticeMs: number): ConfigEntry[] {
  return [
    {
      program: 'dibao',
      scope: BENCH_COUNTY,
      effectiveFrom: '2021-07-01',
      demo: true,
      rules: {
        publicNotice: {
          value: { amount: noticeMs / 1000, unit: 'seconds' },
          source: 'benchmark county: the notice lasts milliseconds so throughput is the engine’s, not the law’s',
          effectiveFrom: '2021-07-01',
        },
      },
    },
  ];
}

type Person = Actor & { role: CallerRole };
export const benchActors: Record<'window' | 'township' | 'county' | 'supervisor', Person> = {
  window: { userId: 'bench-window', role: 'window', org: benchOrgs.township },
  township: { userId: 'bench-township', role: 'township', org: benchOrgs.township },
  county: { userId: 'bench-county', role: 'county', org: benchOrgs.county },
  supervisor: { userId: 'bench-supervisor', role: 'supervisor', org: benchOrgs.county },
};

export function benchApplication(i: number): ApplicationInput {
  // A thousand people per birth date, birth dates counted on from 1960-01-01: unique for any i.
  const birthDate = new Date(Date.UTC(1960, 0, 1 + Math.floor(i / 1000))).toISOString().slice(0, 10);
  const serial = String(i % 1000).padStart(3, '0');
  const idNumber = withCheckCharacter(`${BENCH_COUNTY}${birthDate.replace(/-/g, '')}${serial}`);
  return {
    program: 'dibao',
    orgs: benchOrgs,
    applicant: { name: `申请人${i}`, idNumber },
    household: {
      address: `基准县某村${i}号`,
      members: [
        {
          name: `申请人${i}`,
          idNumber,
          relation: 'self',
          birthDate,
          employment: 'unableToWork',
        },
      ],
    },
    declared: { monthlyIncome: 200 },
    materials: ['idCard', 'householdRegister', 'applicationForm'],
    pledgeSigned: true,
    checkAuthorised: true,
    closeRelative: null,
  };
}

export const homeVisitPayload = {
  investigators: [
    { userId: 'inv-1', name: '调查员甲' },
    { userId: 'inv-2', name: '调查员乙' },
  ],
  visitedOn: '2026-11-30',
  findings: '家庭成员一人，无劳动能力。',
  familySigned: true,
};
