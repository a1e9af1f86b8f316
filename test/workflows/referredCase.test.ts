/**
 * 转其他救助 on the real stack: a dibao home visit finds the household belongs to 特困 support, and
 * the 特困 case opens from the same application — same form, same county, an id derived from the
 * first case's — while the dibao case goes on. Once only, however often the activity is retried.
 */
import { applicationSchema } from '../../definitions/shared/application';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

const orgs = townshipOrgs('161');
const window = actors.window(orgs);
const township = actors.township(orgs);

let stack: Stack;

beforeAll(async () => {
  stack = await openStack('referred-case');
  await stack.startWorker();
});
afterAll(async () => {
  await stack?.close();
});

const decide = (id: string, type: string, actor: Person, payload: Record<string, unknown> = {}) =>
  stack.commands.submitEvent(id, { type, actor, payload });

describe('case workflow / referral to another program (转其他救助)', () => {
  it('opens the 特困 case from the dibao application, without a new intake', async () => {
    const form = applicationSchema.parse(anApplication({ orgs }));
    const { view } = await stack.commands.startApplication(form, window, undefined);
    await decide(view.id, 'ACCEPT', window);
    const visited = await decide(view.id, 'RECORD_HOME_VISIT', township, {
      ...homeVisit,
      findings: '申请人年满六十周岁，无劳动能力、无生活来源，无法定赡养人',
      verdict: 'referOther',
      referTo: 'tekun',
    });
    expect(visited.summary).toMatchObject({ referredTo: { program: 'tekun' } });

    const tekunId = view.id.replace(/^DB-/, 'TK-');
    const tekun = await eventually(async () => {
      const found = await stack.commands.readCase(tekunId).catch(() => undefined);
      return found?.timeline.length ? found : undefined;
    }, 20_000);
    expect(tekun).toMatchObject({ program: 'tekun', status: 'active', orgs });
    expect(tekun.timeline[0]).toMatchObject({ event: 'SUBMIT', actor: { userId: township.userId } });

    // The same household and form, in the read model as a case of its own (once its submission is written:
    // the case answers queries from its first workflow task, before its first record lands)
    const rows = await eventually(async () => {
      const found = await stack.pool.query(
        "SELECT case_id, program, applicant_id, form->'household' AS household FROM applications WHERE case_id = ANY($1) ORDER BY program",
        [[view.id, tekunId]]
      );
      return found.rows.length === 2 ? found.rows : undefined;
    }, 20_000);
    expect(rows.map((r) => r.program)).toEqual(['dibao', 'tekun']);
    expect(rows[0].applicant_id).toBe(rows[1].applicant_id);
    expect(rows[0].household).toEqual(rows[1].household);

    // The dibao case goes on; the referral opened exactly one 特困 case
    expect((await stack.commands.readCase(view.id)).status).toBe('active');
    const opened = await stack.pool.query("SELECT count(*)::int AS n FROM cases WHERE id LIKE 'TK-%' AND id = $1", [
      tekunId,
    ]);
    expect(opened.rows[0].n).toBe(1);
  });
});
