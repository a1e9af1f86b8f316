/**
 * Work lists over the real stack: tasks open and close with the case's own transitions, two people
 * cannot both claim one task, and a claimed task's decision belongs to its claimant.
 */
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

const orgs = townshipOrgs('051');
const window = actors.window(orgs);
const township = actors.township(orgs);
const colleague: Person = { ...township, userId: 'township-02' };
const supervisor = actors.supervisor(orgs);

beforeAll(async () => {
  stack = await openStack('tasks');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

interface Task {
  id: number;
  caseId: string;
  step: string;
  stepLabelZh: string;
  candidateRole: string;
  status: string;
  claimedBy: string | null;
  closedBy: string | null;
  dueAt: string | null;
  version: number;
}

async function start(): Promise<string> {
  const res = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
  expect(res.status).toBe(201);
  return res.body.id;
}
const send = (id: string, actor: Person, body: Record<string, unknown>) =>
  api.call('POST', `/api/applications/${id}/events`, actor, body);

async function list(actor: Person, which: 'todo' | 'done' = 'todo'): Promise<Task[]> {
  const res = await api.call('GET', `/api/tasks?list=${which}&limit=200`, actor);
  expect(res.status).toBe(200);
  return res.body.items as Task[];
}
const taskOf = async (actor: Person, caseId: string, which: 'todo' | 'done' = 'todo') =>
  (await list(actor, which)).find((t) => t.caseId === caseId);

/** The case's home-visit task, once the township has it. */
async function accepted(): Promise<{ id: string; task: Task }> {
  const id = await start();
  await send(id, window, { type: 'ACCEPT' });
  const task = await eventually(() => taskOf(township, id), 10_000, 'the home-visit task');
  return { id, task };
}

describe('work lists', () => {
  it('opens a task for each step that waits for people and closes it with the decision', async () => {
    const id = await start();
    const intake = await eventually(() => taskOf(window, id), 10_000, 'the intake task');
    expect(intake).toMatchObject({ step: 'intake.reviewingMaterials', stepLabelZh: '材料审查', status: 'open' });

    await send(id, window, { type: 'ACCEPT' });
    await checkRunsFinished(stack.commands, id);
    expect(await taskOf(window, id)).toBeUndefined();
    expect(await taskOf(window, id, 'done')).toMatchObject({
      step: 'intake.reviewingMaterials',
      closedBy: window.userId,
    });

    // The township visits; the county has no task while the engine runs the data check.
    const visit = await taskOf(township, id);
    expect(visit).toMatchObject({ step: 'investigation.homeVisit.pending', stepLabelZh: '待入户调查' });
    expect(visit?.dueAt).not.toBeNull();
    expect(await taskOf(actors.county(orgs), id)).toBeUndefined();
  });

  it('lets exactly one of two approvers claim a task; the other gets a 409', async () => {
    const { task } = await accepted();
    const [a, b] = await Promise.all([
      api.call('POST', `/api/tasks/${task.id}/claim`, township, { version: task.version }),
      api.call('POST', `/api/tasks/${task.id}/claim`, colleague, { version: task.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(['TASK_ALREADY_CLAIMED', 'TASK_VERSION_STALE']).toContain(loser.body.error.code);
    expect(loser.body.error.task.status).toBe('claimed');
  });

  it('a claimed task is decided by its claimant only, until released', async () => {
    const { id, task } = await accepted();
    const claimed = await api.call('POST', `/api/tasks/${task.id}/claim`, colleague, { version: task.version });
    expect(claimed.status).toBe(200);
    expect(await taskOf(colleague, id)).toMatchObject({ status: 'claimed', claimedBy: colleague.userId });
    expect(await taskOf(township, id)).toBeUndefined();

    const blocked = await send(id, township, { type: 'RECORD_HOME_VISIT', ...homeVisit });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({ code: 'TASK_CLAIMED_BY_OTHER' });
    expect(blocked.body.error.message).toContain(colleague.userId);

    const stale = await api.call('POST', `/api/tasks/${task.id}/release`, colleague, { version: task.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('TASK_VERSION_STALE');
    const released = await api.call('POST', `/api/tasks/${task.id}/release`, colleague, {
      version: claimed.body.version,
    });
    expect(released.status).toBe(200);
    expect((await send(id, township, { type: 'RECORD_HOME_VISIT', ...homeVisit })).status).toBe(200);
    expect(await taskOf(township, id, 'done')).toMatchObject({ closedBy: township.userId });
  });

  it('the claimant decides on a claimed task: the task closes with who claimed it and who decided', async () => {
    const { id, task } = await accepted();
    const claimed = await api.call('POST', `/api/tasks/${task.id}/claim`, colleague, { version: task.version });
    expect(claimed.status).toBe(200);
    expect((await send(id, colleague, { type: 'RECORD_HOME_VISIT', ...homeVisit })).status).toBe(200);
    const done = await eventually(() => taskOf(colleague, id, 'done'), 10_000, 'the closed home-visit task');
    expect(done).toMatchObject({ status: 'done', claimedBy: colleague.userId, closedBy: colleague.userId });
  });

  it('knows the claimant under the same id in other letter case', async () => {
    const { id, task } = await accepted();
    expect((await api.call('POST', `/api/tasks/${task.id}/claim`, colleague, { version: task.version })).status).toBe(
      200
    );
    const sameColleague: Person = { ...colleague, userId: colleague.userId.toUpperCase() };
    expect(await taskOf(sameColleague, id)).toMatchObject({ status: 'claimed', claimedBy: colleague.userId });
    expect((await send(id, sameColleague, { type: 'RECORD_HOME_VISIT', ...homeVisit })).status).toBe(200);
  });

  it('a supervisor reassigns a task; nobody else may, and nobody may claim another org’s task', async () => {
    const { task } = await accepted();
    const bad = await api.call('POST', `/api/tasks/${task.id}/reassign`, township, {
      version: task.version,
      toUserId: colleague.userId,
      reason: '请假',
    });
    expect(bad.status).toBe(403);
    const missing = await api.call('POST', `/api/tasks/${task.id}/reassign`, supervisor, { version: task.version });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.reason',
      'body.toUserId',
    ]);
    // A task goes only to someone holding its post: the colleague's first request puts them in the directory.
    await list(colleague);
    const moved = await api.call('POST', `/api/tasks/${task.id}/reassign`, supervisor, {
      version: task.version,
      toUserId: colleague.userId,
      reason: '原经办人请假',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'claimed', claimedBy: colleague.userId });

    const outsider = actors.township(townshipOrgs('052'));
    const foreign = await api.call('POST', `/api/tasks/${task.id}/claim`, outsider, { version: moved.body.version });
    expect(foreign.status).toBe(403);
  });

  it('sending a first review back reopens the home-visit task with the reason, and records both moves', async () => {
    const { id } = await accepted();
    await checkRunsFinished(stack.commands, id);
    expect((await send(id, township, { type: 'RECORD_HOME_VISIT', ...homeVisit })).status).toBe(200);
    const review = await eventually(
      async () => ((await taskOf(township, id))?.step === 'firstReview' ? taskOf(township, id) : undefined),
      10_000,
      'the first-review task'
    );
    expect(review).toMatchObject({ stepLabelZh: '乡镇初审' });

    const bare = await send(id, township, { type: 'SEND_BACK' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.issues.map((i: { path: string }) => i.path)).toContain('body.reason');
    const sentBack = await send(id, township, { type: 'SEND_BACK', reason: '未核实赡养人收入，请补充入户调查' });
    expect(sentBack.status).toBe(200);

    const visitAgain = await eventually(
      async () =>
        (await taskOf(township, id))?.step === 'investigation.homeVisit.pending' ? taskOf(township, id) : undefined,
      10_000,
      'the home-visit task again'
    );
    expect(visitAgain?.id).not.toBe(review?.id);
    const done = (await list(township, 'done')).filter((t) => t.caseId === id).map((t) => t.step);
    expect(done).toEqual(expect.arrayContaining(['investigation.homeVisit.pending', 'firstReview']));

    const view = await api.call('GET', `/api/applications/${id}`, township);
    expect(view.body.summary.sentBack).toMatchObject({
      from: 'firstReview',
      reason: '未核实赡养人收入，请补充入户调查',
    });
    const line = view.body.timeline.at(-1);
    expect(line).toMatchObject({ event: 'SEND_BACK', labelZh: '退回上一环节', from: 'firstReview' });
    // Sent back once, the step's own decision is no longer on offer until the visit is redone.
    expect(view.body.allowedEvents.map((e: { type: string }) => e.type)).not.toContain('PROPOSE_APPROVAL');
  });
});
