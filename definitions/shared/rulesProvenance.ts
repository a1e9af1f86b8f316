/**
 * Which entry each figure in force comes from: the same entries, order and merge as `resolveRules`,
 * with every figure tagged by the entry that set it, so an administrator can see a county's figures
 * with their legal source, effective date, and whether a built-in default or the county's rules
 * file put them there. Pure: the caller passes the entries and the date. No I/O.
 */
import type { ConfigEntry } from './rulesConfig';
import { applicableEntries, isFigure, mergeRules } from './rulesConfig';

/** Where an entry was read from: shipped with the code, or the installation's rules file (RULES_FILE). */
export type RulesOrigin = 'builtIn' | 'file';

export interface OriginEntry extends ConfigEntry {
  origin: RulesOrigin;
}

export interface FigureInForce {
  /** Dotted path in the program's rules, e.g. `deadlines.publicNotice`. */
  path: string;
  value: unknown;
  source: string;
  effectiveFrom: string;
  origin: RulesOrigin;
  /** The scope of the entry that set it ('' national, '37' a province, '370902' a county). */
  scope: string;
  /** The entry's own effective date (a figure's may differ: the law's date, the entry's adoption). */
  entryEffectiveFrom: string;
}

type EntryTag = Pick<FigureInForce, 'origin' | 'scope' | 'entryEffectiveFrom'>;
// A key no rules file can write (JSON keys are strings; this is a symbol), so the tag cannot collide.
const TAG = Symbol('entry');

function tagFigures(rules: Record<string, unknown>, tag: EntryTag): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(rules).map(([key, value]) => {
      if (isFigure(value)) return [key, { ...value, [TAG]: tag }];
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        return [key, tagFigures(value as Record<string, unknown>, tag)];
      }
      return [key, value];
    })
  );
}

function collect(tree: Record<string, unknown>, at: string[], out: FigureInForce[]): void {
  for (const [key, value] of Object.entries(tree)) {
    const path = [...at, key];
    if (isFigure(value)) {
      const tag = (value as { [TAG]?: EntryTag })[TAG];
      if (!tag) continue;
      out.push({
        path: path.join('.'),
        value: value.value,
        source: String(value.source),
        effectiveFrom: String(value.effectiveFrom),
        ...tag,
      });
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      collect(value as Record<string, unknown>, path, out);
    }
  }
}

/** Every figure in force for a program in a county on a date, in the rules' own order, with its entry. */
export function figuresInForce(
  entries: readonly OriginEntry[],
  program: string,
  county: string,
  onDate: string
): FigureInForce[] {
  const merged = applicableEntries(entries, program, county, onDate).reduce<Record<string, unknown>>(
    (acc, entry) =>
      mergeRules(
        acc,
        tagFigures(entry.rules, { origin: entry.origin, scope: entry.scope, entryEffectiveFrom: entry.effectiveFrom })
      ),
    {}
  );
  const out: FigureInForce[] = [];
  collect(merged, [], out);
  return out;
}
