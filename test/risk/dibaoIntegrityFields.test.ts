/**
 * The dibao chart's integrity fields: a home visit's verdict (属实 / 不属实 / 转其他救助) and a
 * rejection's or termination's fraud finding are part of the payload, default to the harmless value
 * and are kept in the case's record — without any new state.
 */
import type { DibaoContext } from '../../definitions/dibao/chart';
import { dibaoEventPayloads } from '../../definitions/dibao/events';
import { DibaoDriver, nationalRules } from '../support/chartDriver';
import { actors, homeVisit } from '../support/factories';

const payloads = dibaoEventPayloads(nationalRules);
const township = actors.township();
const ctx = (d: DibaoDriver) => d.snapshot.context as DibaoContext;

describe('dibao / integrity fields', () => {
  it('takes a home visit as truthful unless the investigators say otherwise, and refuses other verdicts', () => {
    expect(payloads.RECORD_HOME_VISIT.parse(homeVisit).verdict).toBe('truthful');
    expect(payloads.RECORD_HOME_VISIT.parse({ ...homeVisit, verdict: 'untruthful' }).verdict).toBe('untruthful');
    expect(payloads.RECORD_HOME_VISIT.safeParse({ ...homeVisit, verdict: 'maybe' }).success).toBe(false);
  });

  it('takes a rejection or termination as not fraudulent unless said so', () => {
    expect(payloads.REJECT.parse({ reasons: ['收入超标'] }).fraud).toBe(false);
    expect(payloads.TERMINATE.parse({ reason: '收入增加', fraud: true }).fraud).toBe(true);
  });

  it('keeps the verdict with the home visit in the case record, in the same step as before', () => {
    const visit = payloads.RECORD_HOME_VISIT.parse({ ...homeVisit, verdict: 'untruthful' });
    const d = new DibaoDriver().send('ACCEPT', actors.window()).send('RECORD_HOME_VISIT', township, visit);
    expect(ctx(d).homeVisits.map((v) => v.verdict)).toEqual(['untruthful']);
    expect(d.matches('investigation')).toBe(true);
  });
});
