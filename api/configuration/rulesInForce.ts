/**
 * The answer of `GET /api/rules`: a program's figures in force for a county on a date, each with its
 * value (and the value in words where it is a period), legal source, effective date, and the entry
 * it came from — built in, or the installation's rules file. Read-only: the rules change by a new
 * entry in the rules file and a restart, never through the API. Pure: entries and date passed in.
 */
import { z } from 'zod';
import { ruleSetOf, ruleSetPrograms, ruleSets } from '../../definitions/ruleSets';
import { describeDurationZh, durationSchema } from '../../definitions/shared/durations';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { resolveRules, RulesNotConfigured } from '../../definitions/shared/rulesConfig';
import type { FigureInForce, RulesOrigin } from '../../definitions/shared/rulesProvenance';
import { figuresInForce } from '../../definitions/shared/rulesProvenance';
import { dateOnlySchema } from '../../definitions/shared/dates';

export const rulesQuerySchema = z.object({
  county: z.string().regex(/^\d{6}$/, '县级行政区划代码应为6位数字，如 370902'),
  program: z.enum(ruleSetPrograms as [string, ...string[]], {
    error: `program 须为 ${ruleSetPrograms.join('、')} 之一`,
  }),
  /** Default: today in China. */
  on: dateOnlySchema().optional(),
});

export interface FigureAnswer extends FigureInForce {
  /** The value in words where the console cannot say it better: `10个工作日` for a period. */
  valueZh: string | null;
}

export interface RulesInForceAnswer {
  program: string;
  labelZh: string;
  county: string;
  on: string;
  figures: FigureAnswer[];
  /** Figures missing or beyond their legal limit: a case of this program cannot start in the county. */
  problems: { path: string; message: string }[];
  /** The programs the view can ask for, with their names. */
  programs: { program: string; labelZh: string }[];
}

function valueZh(value: unknown): string | null {
  const duration = durationSchema.safeParse(value);
  return duration.success ? describeDurationZh(duration.data) : null;
}

export function rulesInForce(
  query: { county: string; program: string; on: string },
  fileEntries: readonly ConfigEntry[]
): RulesInForceAnswer {
  const set = ruleSetOf(query.program);
  if (!set) throw new Error(`unknown rule set ${query.program}`); // the query schema lets only known ones through
  const tagged = (entries: readonly ConfigEntry[], origin: RulesOrigin) => entries.map((e) => ({ ...e, origin }));
  const entries = [...tagged(set.builtIn, 'builtIn'), ...tagged(fileEntries, 'file')];
  let problems: RulesInForceAnswer['problems'] = [];
  try {
    resolveRules(entries, set.schema, set.program, query.county, query.on);
  } catch (error) {
    if (!(error instanceof RulesNotConfigured)) throw error;
    problems = [...error.issues];
  }
  return {
    program: set.program,
    labelZh: set.labelZh,
    county: query.county,
    on: query.on,
    figures: figuresInForce(entries, set.program, query.county, query.on).map((f) => ({
      ...f,
      valueZh: valueZh(f.value),
    })),
    problems,
    programs: ruleSets.map(({ program, labelZh }) => ({ program, labelZh })),
  };
}
