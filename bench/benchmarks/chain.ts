/**
 * chain — N dibao cases driven from intake to first disbursement through the API by a concurrent
 * client, every approver step a real event. Reports cases/s end to end and, per step, the latency
 * from sending the event to the new state being visible (the API answers once the read model has it).
 */
import { ApiClient } from '../lib/apiClient';
import type { BenchContext, BenchResult } from '../lib/benchmark';
import { benchActors as a, benchApplication, homeVisitPayload } from '../lib/households';
import { startProgress } from '../lib/progress';
import { LatencyRecorder, runPool, summarize } from '../lib/stats';
import type { CaseView } from '../../workflows/contract';

const NOTICE_VISIBLE = 'notice end → visible';
/** ACCEPT applied → the check's result applied, by the workflow's own clock (13 sources, in parallel). */
const CHECK_RESULT = 'data check (13 sources)';
/** How often a client looks whether the notice has ended; each look is a workflow query. */
const POLL_MS = 100;

export async function chainBenchmark({ stack, flags, log }: BenchContext): Promise<BenchResult> {
  const { n, concurrency, noticeMs } = flags;
  const api = new ApiClient(stack.apiUrl, stack.pool);
  const steps = new LatencyRecorder();
  const endToEnd: number[] = [];
  const ids: string[] = [];
  let finished = 0;

  log(`driving ${n} cases with ${concurrency} concurrent clients (notice ${noticeMs} ms)`);
  const stop = startProgress('chain', n, () => finished);
  const started = performance.now();
  await runPool(n, concurrency, async (i) => {
    const caseStarted = performance.now();
    const view = await steps.time('SUBMIT', () =>
      api.request<CaseView>('POST', '/api/applications', a.window, benchApplication(i))
    );
    const id = view.id;
    ids.push(id);
    await steps.time('ACCEPT', () => api.event(id, a.window, { type: 'ACCEPT' }));
    // The data check runs by itself; the township records its visit once the result is in.
    for (;;) {
      const current = await api.request<CaseView>('GET', `/api/applications/${id}`, a.township);
      const at = (event: string) => current.timeline.find((t) => t.event === event)?.at;
      const result = at('DATA_CHECK_COMPLETED');
      if (result) {
        steps.record(CHECK_RESULT, Date.parse(result) - Date.parse(at('ACCEPT') ?? result));
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS / 5));
    }
    await steps.time('RECORD_HOME_VISIT', () =>
      api.event(id, a.township, { type: 'RECORD_HOME_VISIT', ...homeVisitPayload })
    );
    await steps.time('PROPOSE_APPROVAL', () =>
      api.event(id, a.township, { type: 'PROPOSE_APPROVAL', opinion: '符合条件' })
    );
    // The notice ends by itself; poll until the county sees the case.
    const noticeEnds = performance.now() + noticeMs;
    for (;;) {
      const current = await api.request<CaseView>('GET', `/api/applications/${id}`, a.county);
      if (current.step === 'countyReview') break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    steps.record(NOTICE_VISIBLE, Math.max(0, performance.now() - noticeEnds));
    const approved = await steps.time('APPROVE', () =>
      api.event(id, a.county, { type: 'APPROVE', monthlyAmount: 650 })
    );
    if (approved.step !== 'inPayment') throw new Error(`case ${id} ended at ${approved.step}`);
    endToEnd.push(performance.now() - caseStarted);
    finished += 1;
  });
  const seconds = (performance.now() - started) / 1000;
  stop();

  // This run's cases only: overhead drives cases in the same county when both run in one invocation.
  const { rows } = await stack.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM disbursements WHERE case_id = ANY($1)',
    [ids]
  );
  return {
    params: { n, concurrency, noticeMs },
    metrics: {
      cases: n,
      seconds: Math.round(seconds * 100) / 100,
      casesPerSecond: Math.round((n / seconds) * 100) / 100,
      // Five decisions sent, plus the engine's own two (check result, notice end).
      eventsPerSecond: Math.round(((n * 7) / seconds) * 10) / 10,
      disbursementsRecorded: rows[0]?.n ?? 0,
      endToEndMs: summarize(endToEnd),
      eventLatencyMs: summarize(steps.all([NOTICE_VISIBLE, CHECK_RESULT])),
      perStepMs: steps.summaries(),
    },
  };
}
