/**
 * Legal clocks on a real Temporal server: a step left waiting past its limit reminds its owner
 * before the due date and escalates to the supervisor at it, each once, recorded in the audit trail;
 * a step finished in time raises nothing more.
 */
import { applicationSchema } from '../../definitions/shared/application';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

const STEP_SECONDS = 2;
const orgs = townshipOrgs('041');
const window = actors.window(orgs);
const township = actors.township(orgs);

let stack: Stack;
beforeAll(async () => {
  stack = await openStack('clock-alerts', { stepSeconds: STEP_SECONDS });
  await stack.startWorker();
});
afterAll(async () => {
  await stack?.close();
});

async function auditOf(id: string): Promise<{ event: string; payload: Record<string, unknown> }[]> {
  const { rows } = await stack.pool.query('SELECT event, payload FROM case_events WHERE case_id = $1 ORDER BY seq', [
    id,
  ]);
  return rows;
}

describe('clock alerts', () => {
  it('reminds the township before the home-visit limit and escalates to the supervisor when it passes', async () => {
    const { view } = await stack.commands.startApplication(
      applicationSchema.parse(anApplication({ orgs })),
      window,
      undefined
    );
    const id = view.id;
    await stack.commands.submitEvent(id, { type: 'ACCEPT', actor: window, payload: {} });
    await checkRunsFinished(stack.commands, id);

    const escalated = await eventually(
      async () => {
        const current = await stack.commands.readCase(id);
        return current.timeline.some((t) => t.event === 'DEADLINE_ESCALATED') ? current : undefined;
      },
      15_000,
      'the escalation'
    );
    const alerts = escalated.timeline.filter((t) => t.event.startsWith('DEADLINE_'));
    expect(alerts.map((t) => [t.event, t.details.deadline])).toEqual([
      ['DEADLINE_REMINDER', 'investigationStart'],
      ['DEADLINE_ESCALATED', 'investigationStart'],
    ]);
    expect(alerts[0]).toMatchObject({
      labelZh: '办理时限即将届满提醒：受理后启动入户调查',
      actor: { role: 'system' },
      from: 'investigation',
      to: 'investigation',
    });
    expect(alerts[0]?.details.notify).toEqual([{ role: 'township', org: orgs.township }]);
    expect(alerts[1]?.details.notify).toEqual([
      { role: 'township', org: orgs.township },
      { role: 'supervisor', org: orgs.county },
    ]);
    expect(Date.parse(alerts[1]!.at)).toBeGreaterThanOrEqual(Date.parse(String(alerts[1]!.details.dueAt)));

    // The same lines are in the audit trail, and the late visit ends the clock: nothing more is raised.
    await stack.commands.submitEvent(id, { type: 'RECORD_HOME_VISIT', actor: township, payload: homeVisit });
    await new Promise((resolve) => setTimeout(resolve, STEP_SECONDS * 1000));
    const audit = await auditOf(id);
    expect(audit.filter((a) => a.event.startsWith('DEADLINE_')).map((a) => a.event)).toEqual([
      'DEADLINE_REMINDER',
      'DEADLINE_ESCALATED',
    ]);
    expect((await stack.commands.readCase(id)).timeline.map((t) => t.event)).toEqual(audit.map((a) => a.event));
  });
});
