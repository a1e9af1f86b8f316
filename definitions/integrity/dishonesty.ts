/**
 * When a dishonesty record (失信记录) is made, and until when it counts. Three findings make one
 * automatically: a data-check run that finds property the household did not declare (不属实), a
 * home visit whose verdict is untruthful (不属实), and a decision that the household obtained or
 * tried to obtain assistance by fraud (骗取救助). The event rule is generic — any event whose
 * payload says `verdict: 'untruthful'` or `fraud: true` — so every program's chart gets it by
 * naming its payload fields that way. No I/O: pure functions the activities call.
 */
import type { Check } from '../eligibility/result';
import { addMonths } from '../shared/dates';

export type DishonestySource = 'dataCheck' | 'homeVisit' | 'fraudDecision' | 'manual';

export interface DishonestyFinding {
  source: DishonestySource;
  reasonZh: string;
}

/** Check rules whose failure means the declaration was not true (守信承诺 broken). */
export const UNTRUTHFUL_CHECK_RULES: readonly string[] = ['declaration.propertyDeclared'];

/** The finding a recorded event carries, if any. */
export function dishonestyOfEvent(payload: Record<string, unknown>): DishonestyFinding | null {
  if (payload.verdict === 'untruthful') {
    const said = typeof payload.findings === 'string' ? `：${payload.findings}` : '';
    return { source: 'homeVisit', reasonZh: `入户调查结论为不属实${said}` };
  }
  if (payload.fraud === true) {
    const reasons = [
      ...(Array.isArray(payload.reasons) ? payload.reasons.filter((r): r is string => typeof r === 'string') : []),
      ...(typeof payload.reason === 'string' ? [payload.reason] : []),
    ];
    return {
      source: 'fraudDecision',
      reasonZh: `认定以虚报、隐瞒、伪造等手段骗取救助${reasons.length > 0 ? `：${reasons.join('；')}` : ''}`,
    };
  }
  return null;
}

/** The finding of a data-check run whose checks say the declaration was not true. */
export function dishonestyOfChecks(checks: readonly Check[]): DishonestyFinding | null {
  const failed = checks.filter((c) => UNTRUTHFUL_CHECK_RULES.includes(c.rule) && !c.passed);
  if (failed.length === 0) return null;
  return { source: 'dataCheck', reasonZh: `家庭经济状况核对不属实：${failed.map((c) => c.explanationZh).join('；')}` };
}

/** The instant a record made at `createdAt` expires, `months` later. */
export const expiresAt = (createdAt: string, months: number): string => addMonths(createdAt, months);

/** Whether a record still counts at `now`. */
export const isInForce = (record: { expiresAt: string }, now: Date): boolean =>
  Date.parse(record.expiresAt) > now.getTime();
