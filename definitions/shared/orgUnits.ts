/**
 * Administrative divisions by name (行政区划): a county (6-digit code), its townships and streets
 * (9 digits) and their villages and residents' committees (12 digits). The level and the enclosing
 * division follow from the code itself, so a data file names each unit once and cannot contradict
 * its code. No I/O.
 */
import { z } from 'zod';
import { isoDateSchema } from './rulesConfig';
import { singleLine } from './text';

export const orgUnitLevels = ['county', 'township', 'village'] as const;
export type OrgUnitLevel = (typeof orgUnitLevels)[number];

export const orgUnitCodeSchema = z
  .string()
  .regex(/^\d{6}(\d{3}){0,2}$/, '行政区划代码应为6位（县）、9位（乡镇、街道）或12位（村、居）数字');

const LEVEL_OF_LENGTH: Record<number, OrgUnitLevel> = { 6: 'county', 9: 'township', 12: 'village' };

export function orgUnitLevel(code: string): OrgUnitLevel | undefined {
  return /^\d+$/.test(code) ? LEVEL_OF_LENGTH[code.length] : undefined;
}

/** The enclosing unit's code: a village's township, a township's county; null for a county. */
export function parentOrgCode(code: string): string | null {
  return code.length > 6 ? code.slice(0, code.length - 3) : null;
}

/** The township a 9- or 12-digit org belongs to; null for a county or above. */
export function townshipOf(org: string): string | null {
  return org.length >= 9 ? org.slice(0, 9) : null;
}

/** A data file of units: where the names come from and since when they hold, then the units. */
export const orgUnitsFileSchema = z
  .object({
    /** The release the names come from, or why they are made up (a demo county). */
    source: singleLine().trim().min(1).max(300),
    effectiveFrom: isoDateSchema,
    units: z
      .array(
        z
          .object({
            code: orgUnitCodeSchema,
            nameZh: singleLine().trim().min(1).max(64),
            /**
             * Where the public reaches the unit's civil-affairs office (office and public telephone), as
             * printed on a 公示 for objections; a township's and its county's are printed together.
             */
            publicContactZh: singleLine().trim().min(1).max(200).optional(),
          })
          .strict()
      )
      .min(1)
      .max(100_000),
  })
  .strict()
  .superRefine((file, ctx) => {
    const codes = new Set<string>();
    file.units.forEach((unit, index) => {
      if (codes.has(unit.code)) {
        ctx.addIssue({ code: 'custom', path: ['units', index, 'code'], message: `代码 ${unit.code} 重复` });
      }
      codes.add(unit.code);
    });
    // A township without its county (or a village without its township) would be unreachable in a
    // picker that walks down from the county; the file must bring each unit's parent along.
    file.units.forEach((unit, index) => {
      const parent = parentOrgCode(unit.code);
      if (parent !== null && !codes.has(parent)) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', index, 'code'],
          message: `${unit.code} 的上级 ${parent} 不在文件中`,
        });
      }
    });
  });
export type OrgUnitsFile = z.infer<typeof orgUnitsFileSchema>;

/** A unit as stored and answered. */
export interface OrgUnit {
  code: string;
  nameZh: string;
  level: OrgUnitLevel;
  parentCode: string | null;
  /** The civil-affairs office's public contact (an office and its telephone); null when not given. */
  publicContactZh: string | null;
  source: string;
  effectiveFrom: string;
}

/** The file's units as rows: level and parent from each code, source and date from the file. */
export function orgUnitsOf(file: OrgUnitsFile): OrgUnit[] {
  return file.units.map((unit) => ({
    code: unit.code,
    nameZh: unit.nameZh,
    level: orgUnitLevel(unit.code)!,
    parentCode: parentOrgCode(unit.code),
    publicContactZh: unit.publicContactZh ?? null,
    source: file.source,
    effectiveFrom: file.effectiveFrom,
  }));
}

/** `GET /api/org-units?parent=`: the unit asked about (null without `parent` or when unknown) and its children. */
export interface OrgUnitsAnswer {
  parent: OrgUnit | null;
  items: OrgUnit[];
}
