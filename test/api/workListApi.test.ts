/**
 * The work list as the console reads it, over the real stack: filters by program, step, township and
 * due state; four orders paged with a keyset cursor that neither repeats nor skips a row where many
 * tasks share a date; bulk claim answered item by item; the colleague picker and 转办 to a colleague;
 * and place names from the register instead of codes. Townships 391–393 of the test county are this
 * file's own; due and opening dates are set on the tasks so that ties are certain.
 */
import { loadOrgUnits } from '../../db/orgUnits';
import { orgUnitsOf } from '../../definitions/shared/orgUnits';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, TEST_COUNTY, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

const orgs = townshipOrgs('391');
const otherOrgs = townshipOrgs('392');
const unnamedOrgs = townshipOrgs('393');
const clerk: Person = { ...actors.window(orgs), userId: 'wl-clerk' };
const colleague: Person = { ...clerk, userId: 'wl-clerk-2' };
const otherClerk: Person = { ...actors.window(otherOrgs), userId: 'wl-clerk-392' };
const unnamedClerk: Person = { ...actors.window(unnamedOrgs), userId: 'wl-clerk-393' };
const admin: Person = { userId: 'wl-admin', role: 'admin', org: TEST_COUNTY };

interface Item {
  id: number;
  caseId: string;
  version: number;
  status: string;
  claimedBy: string | null;
  dueAt: string | null;
  openedAt: string;
  program: string;
  township: string | null;
  townshipNameZh: string | null;
}

const DAY = 86_400_000;
/** The clerk's tasks in the order they were opened, and each one's arranged due date. */
let tasks: Item[] = [];
let dueOf = new Map<number, Date | null>();
let openedOf = new Map<number, Date>();
let tekunTask: Item;
let otherTask: Item;

const get = async (actor: Person, query: string) => api.call('GET', `/api/tasks?${query}`, actor);
const claimable = async (actor: Person, query = '') => {
  const res = await get(actor, `list=claimable&limit=200${query ? `&${query}` : ''}`);
  expect(res.status).toBe(200);
  return res.body.items as Item[];
};

async function start(person: Person, application: ReturnType<typeof anApplication>): Promise<string> {
  const res = await api.call('POST', '/api/applications', person, application);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  stack = await openStack('worklist');
  await stack.startWorker();
  api = await startApi(stack);
  await loadOrgUnits(
    stack.pool,
    orgUnitsOf({
      source: '测试数据（虚构名称）',
      effectiveFrom: '2024-01-01',
      units: [
        { code: TEST_COUNTY, nameZh: '测试县' },
        { code: orgs.township, nameZh: '青石镇' },
        { code: orgs.village, nameZh: '青石村委会' },
        { code: otherOrgs.township, nameZh: '白沙乡' },
      ],
    })
  );
  const ids = [];
  for (let i = 0; i < 6; i++) ids.push(await start(clerk, anApplication({ orgs })));
  ids.push(await start(clerk, anApplication({ program: 'tekun', orgs, tekun: { supporters: [] } })));
  const otherCase = await start(otherClerk, anApplication({ orgs: otherOrgs }));
  await start(unnamedClerk, anApplication({ orgs: unnamedOrgs }));
  tasks = await eventually(
    async () => {
      const items = await claimable(clerk);
      return items.length === ids.length ? items : undefined;
    },
    20_000,
    'the intake tasks of seven cases'
  );
  otherTask = await eventually(
    async () => (await claimable(otherClerk)).find((t) => t.caseId === otherCase),
    20_000,
    'the other township’s intake task'
  );
  tekunTask = tasks.find((t) => t.program === 'tekun')!;

  // Ties on purpose: three tasks due at one instant, four opened at one instant; one overdue, one
  // due within the hour, two without a due date.
  const soon = new Date(Date.now() + 10 * DAY);
  const due = [soon, soon, soon, new Date(Date.now() - DAY), new Date(Date.now() + 3_600_000), null, null];
  const opened = new Date(Date.now() - 5 * DAY);
  dueOf = new Map(tasks.map((t, i) => [t.id, due[i] ?? null]));
  openedOf = new Map(tasks.map((t, i) => [t.id, i < 4 ? opened : new Date(t.openedAt)]));
  for (const t of tasks) {
    await stack.pool.query('UPDATE tasks SET due_at = $2, opened_at = $3 WHERE id = $1', [
      t.id,
      dueOf.get(t.id),
      openedOf.get(t.id),
    ]);
  }
}, 60_000);

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

/** Every page of a list, `limit` rows at a time, following nextCursor. */
async function readAll(actor: Person, query: string, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res = await get(actor, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    ids.push(...(res.body.items as Item[]).map((t) => t.id));
    cursor = res.body.nextCursor;
    if (cursor === null) return ids;
  }
  throw new Error('more pages than tasks');
}

/** The order the list must have: by key (a missing due date last either way), ties by id. */
function expectedOrder(sort: string): number[] {
  const descending = sort.startsWith('-');
  const keyOf = (id: number) => {
    const at = sort.endsWith('dueAt') ? dueOf.get(id) : openedOf.get(id);
    return at ? at.getTime() : descending ? -Infinity : Infinity;
  };
  const sign = descending ? -1 : 1;
  return [...dueOf.keys()].sort((a, b) => sign * (keyOf(a) - keyOf(b) || a - b));
}

describe('work list: filters, orders and pages', () => {
  it.each(['dueAt', '-dueAt', 'openedAt', '-openedAt'])(
    'pages through %s two rows at a time without repeating or skipping a task, ties included',
    async (sort) => {
      const expected = expectedOrder(sort);
      expect(await readAll(clerk, `list=claimable&sort=${sort}`, 2)).toEqual(expected);
      expect(await readAll(clerk, `list=claimable&sort=${sort}`, 3)).toEqual(expected);
    }
  );

  it('finds the overdue and the due-soon tasks, one program, one step, one township', async () => {
    const ids = async (query: string) => (await claimable(clerk, query)).map((t) => t.id).sort((a, b) => a - b);
    expect(await ids('due=overdue')).toEqual([tasks[3]!.id]);
    expect(await ids('due=dueSoon')).toEqual([tasks[4]!.id]);
    expect(await ids('program=tekun')).toEqual([tekunTask.id]);
    expect(await ids('program=dibao')).toHaveLength(6);
    expect(await ids('step=intake.reviewingMaterials')).toHaveLength(7);
    expect(await ids('step=firstReview')).toEqual([]);
    expect(await ids(`township=${orgs.township}`)).toHaveLength(7);
    expect(await ids(`township=${otherOrgs.township}`)).toEqual([]);
    // Filters combine, and the cursor keeps them.
    expect(await ids('program=dibao&due=overdue')).toEqual([tasks[3]!.id]);
    expect(await readAll(clerk, 'list=claimable&program=dibao&sort=-dueAt', 4)).toEqual(
      expectedOrder('-dueAt').filter((id) => id !== tekunTask.id)
    );
  });

  it('counts the whole list by program and step for the filters to offer', async () => {
    const res = await get(clerk, 'list=claimable&due=overdue');
    expect(res.body.facets.programs).toEqual(
      expect.arrayContaining([
        { program: 'dibao', labelZh: '最低生活保障', count: 6 },
        { program: 'tekun', labelZh: '特困人员救助供养', count: 1 },
      ])
    );
    expect(res.body.facets.steps).toEqual([{ step: 'intake.reviewingMaterials', labelZh: '材料审查', count: 7 }]);
  });

  it('names each task’s township from the register, and shows the code where it has no name', async () => {
    expect((await claimable(clerk))[0]).toMatchObject({ township: orgs.township, townshipNameZh: '青石镇' });
    expect((await claimable(otherClerk))[0]).toMatchObject({ townshipNameZh: '白沙乡' });
    expect((await claimable(unnamedClerk))[0]).toMatchObject({ townshipNameZh: unnamedOrgs.township });
    const view = await api.call('GET', `/api/applications/${tasks[0]!.caseId}`, clerk);
    expect(view.body.placeNamesZh).toEqual({ county: '测试县', township: '青石镇', village: '青石村委会' });
  });

  it('refuses bad filters, a forged cursor and one from another order with the field’s path', async () => {
    const paths = async (query: string) => {
      const res = await get(clerk, query);
      expect(res.status).toBe(400);
      return res.body.error.issues.map((i: { path: string }) => i.path);
    };
    expect(await paths('sort=name&due=late&program=x&township=12')).toEqual(
      expect.arrayContaining(['query.sort', 'query.due', 'query.program', 'query.township'])
    );
    expect(await paths('cursor=bm90LWpzb24')).toEqual(['query.cursor']);
    const first = await get(clerk, 'list=claimable&sort=dueAt&limit=1');
    expect(await paths(`list=claimable&sort=openedAt&cursor=${first.body.nextCursor}`)).toEqual(['query.cursor']);
  });
});

describe('bulk claim', () => {
  it('answers each item on its own: claimed, conflict with who holds it, not allowed, not found', async () => {
    const [mine, raced, stale] = [tasks[0]!, tasks[1]!, tasks[2]!];
    expect((await api.call('POST', `/api/tasks/${raced.id}/claim`, colleague, { version: raced.version })).status).toBe(
      200
    );
    const res = await api.call('POST', '/api/tasks/claim', clerk, {
      items: [
        { id: mine.id, version: mine.version },
        { id: raced.id, version: raced.version },
        { id: otherTask.id, version: otherTask.version },
        { id: stale.id, version: stale.version + 5 },
        { id: 2_000_000_000, version: 0 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.claimed).toBe(1);
    const [claimed, conflict, forbidden, staleResult, missing] = res.body.results;
    expect(claimed).toMatchObject({
      id: mine.id,
      outcome: 'claimed',
      task: { status: 'claimed', claimedBy: clerk.userId },
    });
    expect(conflict).toMatchObject({
      id: raced.id,
      outcome: 'conflict',
      claimedBy: colleague.userId,
      task: { status: 'claimed', claimedBy: colleague.userId },
    });
    expect(forbidden).toMatchObject({ id: otherTask.id, outcome: 'forbidden', code: 'OUT_OF_SCOPE' });
    expect(forbidden.task).toBeUndefined();
    expect(staleResult).toMatchObject({
      id: stale.id,
      outcome: 'conflict',
      code: 'TASK_VERSION_STALE',
      claimedBy: null,
    });
    expect(missing).toMatchObject({ id: 2_000_000_000, outcome: 'notFound' });
    // Nothing else changed: the other township's task is still open, the stale one too.
    expect((await claimable(otherClerk)).map((t) => t.id)).toContain(otherTask.id);
    expect((await claimable(clerk)).map((t) => t.id)).toContain(stale.id);
  });

  it('refuses an empty, an oversized or a repeating list with the item’s path', async () => {
    const issues = async (items: unknown) => {
      const res = await api.call('POST', '/api/tasks/claim', clerk, { items });
      expect(res.status).toBe(400);
      return res.body.error.issues.map((i: { path: string }) => i.path);
    };
    expect(await issues([])).toEqual(['body.items']);
    expect(await issues(Array.from({ length: 51 }, (_, i) => ({ id: i + 1, version: 0 })))).toEqual(['body.items']);
    expect(
      await issues([
        { id: 5, version: 0 },
        { id: 5, version: 1 },
      ])
    ).toEqual(['body.items.1.id']);
    expect(await issues([{ id: 'x' }])).toEqual(expect.arrayContaining(['body.items.0.id', 'body.items.0.version']));
  });
});

describe('colleagues and 转办', () => {
  beforeAll(async () => {
    for (const [userId, name, org] of [
      ['wl-named', '李文静', orgs.township],
      ['wl-gone', '赵已停', orgs.township],
      ['wl-elsewhere', '钱外乡', otherOrgs.township],
    ] as const) {
      const created = await api.call('POST', '/api/staff', admin, {
        userId,
        name,
        posts: [{ role: 'window', org }],
        initialPassword: 'Initial-Pass-0001',
      });
      expect(created.status).toBe(201);
    }
    expect((await api.call('PATCH', '/api/staff/wl-gone', admin, { active: false })).status).toBe(200);
    // Same org, another role: not a colleague for a window task.
    await get({ ...actors.township(orgs), userId: 'wl-township' }, 'list=todo');
  });

  it('lists the active people of the caller’s own post by id and name only, the caller left out', async () => {
    const res = await api.call('GET', '/api/staff/colleagues', clerk);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { userId: 'wl-named', name: '李文静' },
        { userId: colleague.userId, name: colleague.userId },
      ])
    );
  });

  it('lets the claimant hand a task to a colleague of its post, and no one else', async () => {
    const task = (await get(clerk, 'list=mine&limit=200')).body.items.find((t: Item) => t.id === tasks[0]!.id) as Item;
    expect(task).toMatchObject({ claimedBy: clerk.userId });
    const reassign = (actor: Person, toUserId: string, version = task.version) =>
      api.call('POST', `/api/tasks/${task.id}/reassign`, actor, { version, toUserId, reason: '外出培训，请代办' });

    const outsider = await reassign(clerk, 'wl-elsewhere');
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.toUserId']);
    expect((await reassign(clerk, 'wl-gone')).status).toBe(400);
    expect((await reassign(colleague, 'wl-named')).status).toBe(403);

    const moved = await reassign(clerk, 'wl-named');
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'claimed', claimedBy: 'wl-named' });
    const again = await reassign(clerk, 'wl-named');
    expect(again.status).toBe(403);
  });
});

describe('place names', () => {
  it('lists a township’s villages and a county’s townships by name, any signed-in person', async () => {
    const villages = await api.call('GET', `/api/org-units?parent=${orgs.township}`, otherClerk);
    expect(villages.status).toBe(200);
    expect(villages.body).toMatchObject({
      parent: { code: orgs.township, nameZh: '青石镇', level: 'township', parentCode: TEST_COUNTY },
      items: [{ code: orgs.village, nameZh: '青石村委会', level: 'village', source: '测试数据（虚构名称）' }],
    });
    const townships = await api.call('GET', `/api/org-units?parent=${TEST_COUNTY}`, admin);
    expect(townships.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: orgs.township, nameZh: '青石镇' }),
        expect.objectContaining({ code: otherOrgs.township, nameZh: '白沙乡' }),
      ])
    );
    const unknown = await api.call('GET', `/api/org-units?parent=${unnamedOrgs.township}`, clerk);
    expect(unknown.body).toEqual({ parent: null, items: [] });
    const bad = await api.call('GET', '/api/org-units?parent=37', clerk);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['query.parent']);
  });
});
