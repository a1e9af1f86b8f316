/**
 * The cluster topology under failure, run only by the cluster CI job (`npm run test:cluster`, which
 * starts the cluster and names it in YILIAN_CLUSTER_*): dibao cases driven over HTTP through the
 * round-robin proxy to the two API processes, while one worker process is killed outright, and while
 * the Temporal server is killed and restarted by its supervisor. Every decision the API accepted must
 * be in the audit trail exactly once, in order, and every case must reach payment.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { Pool } from 'pg';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit } from '../support/factories';
import { authHeadersFor } from '../support/credentials';
import { eventually } from '../support/stack';

const cluster = {
  proxyUrl: required('YILIAN_CLUSTER_PROXY_URL'),
  databaseUrl: required('YILIAN_CLUSTER_DATABASE_URL'),
  pidsFile: required('YILIAN_CLUSTER_PIDS_FILE'),
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: this file runs against a cluster, through npm run test:cluster`);
  return value;
}

const window = actors.window();
const township = actors.township();
const county = actors.county();

/** The expected audit trail of an approved dibao case, decision by decision. */
const APPROVED_CHAIN = [
  'SUBMIT',
  'ACCEPT',
  'DATA_CHECK_COMPLETED',
  'RECORD_HOME_VISIT',
  'PROPOSE_APPROVAL',
  'TIMER:publicNoticePeriod',
  'APPROVE',
];

let pool: Pool;
let temporal: Client;

beforeAll(async () => {
  pool = new Pool({ connectionString: cluster.databaseUrl, max: 4 });
  // Histories only: their events name the worker that took each task, and need no payload decoding.
  const connection = await Connection.connect({ address: required('TEMPORAL_ADDRESS') });
  temporal = new Client({ connection, namespace: required('TEMPORAL_NAMESPACE') });
});
afterAll(async () => {
  await pool?.end();
  await temporal?.connection.close();
});

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
  body: any;
}

async function call(method: string, path: string, actor: Person, body?: unknown): Promise<Answer> {
  const response = await fetch(`${cluster.proxyUrl}${path}`, {
    method,
    headers: await authHeadersFor(pool, actor),
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const json = response.headers.get('content-type')?.includes('json') ?? false;
  return { status: response.status, body: json ? await response.json() : await response.text() };
}

async function readCase(id: string): Promise<Answer> {
  return call('GET', `/api/applications/${id}`, county);
}

/**
 * Sends one decision as a careful client does: when the answer is lost (a failure of the server side,
 * not a refusal), it reads the case and sends again only if the decision is not in its timeline. So a
 * decision is never lost, and the test checks the engine never records one twice.
 */
async function decide(id: string, type: string, actor: Person, payload: Record<string, unknown> = {}): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const answer = await call('POST', `/api/applications/${id}/events`, actor, { type, ...payload }).catch(
      (error: unknown): Answer => ({ status: 0, body: String(error) })
    );
    if (answer.status === 200) return;
    if (answer.status !== 0 && answer.status < 500) {
      throw new Error(`${type} on ${id} refused with ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    const view = await readCase(id);
    const events: string[] = view.status === 200 ? view.body.timeline.map((t: { event: string }) => t.event) : [];
    if (events.includes(type)) return;
    if (attempt >= 20) throw new Error(`${type} on ${id} failed ${attempt} times; last answer ${answer.status}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function startCase(): Promise<string> {
  const answer = await call('POST', '/api/applications', window, anApplication());
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}

function stepReached(id: string, step: string, timeoutMs = 90_000): Promise<unknown> {
  return eventually(
    async () => {
      const view = await readCase(id);
      return view.status === 200 && view.body.step === step ? view.body : undefined;
    },
    timeoutMs,
    `${id} at step ${step}`
  );
}

async function dataCheckDone(id: string): Promise<void> {
  await eventually(
    async () => {
      const view = await readCase(id);
      return view.status === 200 && (view.body.summary?.dataCheck?.runs ?? 0) >= 1 ? true : undefined;
    },
    90_000,
    `the data check of ${id}`
  );
}

async function toFirstReview(id: string): Promise<void> {
  await decide(id, 'ACCEPT', window);
  await dataCheckDone(id);
  await decide(id, 'RECORD_HOME_VISIT', township, homeVisit);
}

async function toPayment(id: string): Promise<void> {
  await decide(id, 'PROPOSE_APPROVAL', township, { opinion: '符合低保条件' });
  await stepReached(id, 'countyReview');
  await decide(id, 'APPROVE', county, { monthlyAmount: 812.5, comment: '按差额发放' });
  await stepReached(id, 'inPayment');
}

/** What PostgreSQL holds for the case: its audit trail in order, its notices and its payments. */
async function recorded(id: string) {
  const events = await pool.query<{ seq: number; event: string }>(
    'SELECT seq, event FROM case_events WHERE case_id = $1 ORDER BY seq',
    [id]
  );
  const notices = await pool.query<{ kind: string }>('SELECT kind FROM notices WHERE case_id = $1 ORDER BY seq, id', [
    id,
  ]);
  const payments = await pool.query('SELECT period FROM disbursements WHERE case_id = $1', [id]);
  const row = await pool.query<{ step: string }>('SELECT step FROM cases WHERE id = $1', [id]);
  return {
    step: row.rows[0]?.step,
    events: events.rows.map((r) => r.event),
    seqs: events.rows.map((r) => Number(r.seq)),
    notices: notices.rows.map((r) => r.kind),
    payments: payments.rowCount,
  };
}

async function expectRecordedOnce(ids: string[]): Promise<void> {
  for (const id of ids) {
    const record = await recorded(id);
    expect({ id, ...record }).toEqual({
      id,
      step: 'inPayment',
      events: APPROVED_CHAIN,
      seqs: APPROVED_CHAIN.map((_, i) => record.seqs[0]! + i),
      notices: ['publicNotice', 'approval'],
      payments: 1,
    });
  }
}

function currentPid(name: string): number {
  const { pids } = JSON.parse(readFileSync(cluster.pidsFile, 'utf8')) as { pids: Record<string, number> };
  const pid = pids[name];
  if (pid === undefined) throw new Error(`no pid recorded for ${name}`);
  return pid;
}

/** Who took each workflow task of a case, and when (the SDK's worker identity is `<pid>@<host>`). */
async function workflowTaskTakers(id: string): Promise<{ identity: string; at: number }[]> {
  const history = await temporal.workflow.getHandle(id).fetchHistory();
  return (history.events ?? []).flatMap((event) =>
    event.workflowTaskStartedEventAttributes
      ? [{ identity: event.workflowTaskStartedEventAttributes.identity ?? '', at: tsToMs(event.eventTime) }]
      : []
  );
}

const identityOf = (pid: number): string => `${pid}@${os.hostname()}`;

/** SIGKILL to its process group: no shutdown handler runs, as when a machine loses power. */
function killOutright(name: string): number {
  const pid = currentPid(name);
  process.kill(-pid, 'SIGKILL');
  return pid;
}

describe('cluster / failover', () => {
  it('when one worker is killed mid-chain, the other carries every case on with no decision lost or doubled', async () => {
    const ids = await Promise.all([1, 2, 3, 4].map(() => startCase()));
    await Promise.all(ids.map((id) => toFirstReview(id)));

    // Decisions in flight while worker-1 dies: its workflow tasks time out and go to worker-2.
    const inFlight = Promise.all(ids.map((id) => toPayment(id)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killedAt = Date.now();
    const killed = killOutright('worker-1');
    await inFlight;

    await expectRecordedOnce(ids);
    // worker-2 took the cases' workflow tasks once worker-1 was gone. (The server may still hand a
    // task to the dead worker's last poll in the moment it dies; that task times out and moves on.)
    const takenAfter = (await Promise.all(ids.map(workflowTaskTakers))).flat().filter((t) => t.at > killedAt);
    expect(takenAfter.map((t) => t.identity)).toContain(identityOf(currentPid('worker-2')));
    // The supervisor restarts the killed worker (restart: on-failure), as Docker would.
    await eventually(
      () => Promise.resolve(currentPid('worker-1') !== killed ? true : undefined),
      30_000,
      'worker-1 restarted'
    );
  }, 240_000);

  it('when the Temporal server is killed and restarted mid-chain, every case continues to payment', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => startCase()));
    await Promise.all(ids.map((id) => toFirstReview(id)));
    // The public notice's durable timer is running in each case when the server goes down.
    await Promise.all(ids.map((id) => decide(id, 'PROPOSE_APPROVAL', township, { opinion: '符合低保条件' })));
    const killed = killOutright('temporal');
    await eventually(
      () => Promise.resolve(currentPid('temporal') !== killed ? true : undefined),
      30_000,
      'temporal restarted'
    );

    await Promise.all(ids.map((id) => stepReached(id, 'countyReview', 120_000)));
    await Promise.all(
      ids.map(async (id) => {
        await decide(id, 'APPROVE', county, { monthlyAmount: 812.5, comment: '按差额发放' });
        await stepReached(id, 'inPayment');
      })
    );
    await expectRecordedOnce(ids);
  }, 300_000);
});
