/**
 * Figures from law as configuration with provenance. Every figure says where it comes from
 * (document and article) and from when it applies; entries are scoped by an administrative-division
 * prefix ('' national, '37' Shandong, '3709' Tai'an, '370902' one county) so a county overrides
 * its province, which overrides the nation. Resolution is pure: the caller passes the date.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { dateOnlySchema } from './dates';

export const isoDateSchema = dateOnlySchema();

/** A figure plus where it comes from. */
export function sourced<T extends z.ZodType>(value: T) {
  return z.object({
    value,
    source: z.string().min(1),
    effectiveFrom: isoDateSchema,
  });
}

export const configEntrySchema = z.object({
  program: z.string().min(1),
  /** Administrative-division prefix the entry applies to; '' for the whole country. */
  scope: z.string().regex(/^(\d{2}|\d{4}|\d{6})?$/),
  effectiveFrom: isoDateSchema,
  /** Exclusive end; open-ended when absent. */
  effectiveTo: isoDateSchema.optional(),
  /** A partial rules object: only the figures this entry sets. Merged figure by figure. */
  rules: z.record(z.string(), z.unknown()),
  /**
   * A test or demonstration county whose clocks run in seconds (exempt from legal floors on periods,
   * see legalBounds.ts). Never set for a real county: a rules file may use seconds only with it.
   */
  demo: z.boolean().optional(),
});
export type ConfigEntry = z.infer<typeof configEntrySchema>;

/** A figure missing, malformed or beyond its legal bound, by its path in the rules. */
export interface RulesIssue {
  path: string;
  message: string;
}

export class RulesNotConfigured extends Error {
  readonly detail: string;

  constructor(
    readonly program: string,
    readonly county: string,
    readonly onDate: string,
    readonly issues: readonly RulesIssue[]
  ) {
    const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    super(`No complete ${program} rules for county ${county} on ${onDate}: ${detail}`);
    this.name = 'RulesNotConfigured';
    this.detail = detail;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A leaf of the rules that carries its `source`: one figure, replaced whole by a narrower entry. */
export function isFigure(value: unknown): value is Record<string, unknown> & { source: unknown } {
  return isPlainObject(value) && 'source' in value;
}

/** Deep-merge where a leaf that carries `source` is one figure and replaced whole. */
export function mergeRules(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] =
      !isFigure(value) && isPlainObject(value) && isPlainObject(current) ? mergeRules(current, value) : value;
  }
  return merged;
}

/**
 * The entries that apply to a program in a county on a date, in the order they are merged: widest
 * scope first and, within one scope, oldest first (a later entry's figure replaces an earlier one).
 */
export function applicableEntries<E extends ConfigEntry>(
  entries: readonly E[],
  program: string,
  county: string,
  onDate: string
): E[] {
  return entries
    .filter((e) => e.program === program && county.startsWith(e.scope))
    .filter((e) => e.effectiveFrom <= onDate && (e.effectiveTo === undefined || onDate < e.effectiveTo))
    .sort((a, b) => a.scope.length - b.scope.length || a.effectiveFrom.localeCompare(b.effectiveFrom));
}

/**
 * The rules in force for a program in a county on a date: every entry whose scope is a prefix of
 * the county and whose period covers the date, merged from the widest scope to the narrowest (and,
 * within one scope, oldest first), then checked against the program's schema.
 */
export function resolveRules<T>(
  entries: readonly ConfigEntry[],
  schema: z.ZodType<T>,
  program: string,
  county: string,
  onDate: string
): T {
  const merged = applicableEntries(entries, program, county, onDate).reduce<Record<string, unknown>>(
    (acc, e) => mergeRules(acc, e.rules),
    {}
  );
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new RulesNotConfigured(program, county, onDate, issues);
  }
  return parsed.data;
}
