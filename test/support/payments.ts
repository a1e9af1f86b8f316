/**
 * Test data and steps for payment cycles. Each payments test uses a county of its own (3791xx),
 * because a cycle takes every entitlement of its county and test files share one database.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { csvFields, csvRecords, returnFileColumnsV1 } from '../../definitions/payments';
import type { CaseOrgs } from '../../definitions/shared/actors';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { applicationSchema } from '../../definitions/shared/application';
import type { CycleView } from '../../workflows/paymentContract';
import type { TestApi } from './apiServer';
import type { Person } from './factories';
import { actors, anApplication, homeVisit, testConfigEntries } from './factories';
import type { Stack } from './stack';
import { checkRunsFinished, eventually } from './stack';

export const paymentCounty = (suffix: string): string => `3791${suffix}`;

export const countyOrgs = (county: string): CaseOrgs => ({
  county,
  township: `${county}001`,
  village: `${county}001001`,
});

/** The test county's fast clocks, for a county of a payments test. */
export const fastRulesFor = (county: string): ConfigEntry[] =>
  testConfigEntries(2).map((entry) => ({ ...entry, scope: county }));

export const financeOf = (county: string, userId: string): Person => ({ userId, role: 'finance', org: county });

export const payeeFor = (n: number) => ({
  holderName: `户主${n}`,
  bankName: '泰安市农村商业银行',
  accountNumber: `62284800${String(n).padStart(11, '0')}`,
});

/** Monthly dibao entitlements inserted directly, for tests about the cycle rather than the case. */
export async function seedEntitlements(
  pool: Pool,
  county: string,
  count: number,
  options: { startPeriod: string; amount?: (i: number) => string; withoutPayee?: number[] }
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO entitlements (case_id, program, kind, county_code, applicant_id, amount, start_period, payee,
                               fund_code, decided_at)
     SELECT 'T-' || $1 || '-' || $5 || '-' || i, 'dibao', 'monthly', $1, 'ID-' || $1 || '-' || i, u.amount, $2,
            u.payee, 'KNQZ-DIBAO', now()
       FROM unnest($3::numeric[], $4::jsonb[]) WITH ORDINALITY AS u(amount, payee, i)
     RETURNING id::text`,
    [
      county,
      options.startPeriod,
      Array.from({ length: count }, (_, i) => options.amount?.(i) ?? `${500 + i}.50`),
      Array.from({ length: count }, (_, i) => (options.withoutPayee?.includes(i) ? null : JSON.stringify(payeeFor(i)))),
      randomUUID().slice(0, 8),
    ]
  );
  return rows.map((r) => r.id);
}

/** Waits until the cycle is at `step` (or at one of several). */
export function cycleAt(api: TestApi, id: string, step: string | string[], reader: Person): Promise<CycleView> {
  const steps = Array.isArray(step) ? step : [step];
  return eventually(
    async () => {
      const res = await api.call<CycleView>('GET', `/api/payment-cycles/${id}`, reader);
      return steps.includes(res.body.step) ? res.body : undefined;
    },
    30_000,
    `cycle ${id} at ${steps.join('/')}`
  );
}

/**
 * Start → built → submitted by the maker → approved by the checker → exported (or closed at once
 * when there was nothing to pay); returns the bank file.
 */
export async function runToExported(
  api: TestApi,
  county: string,
  period: string,
  maker: Person,
  checker: Person
): Promise<{ id: string; file: string }> {
  const started = await api.call<CycleView>('POST', '/api/payment-cycles', maker, { county, period });
  expect(started.status).toBe(201);
  const { id } = started.body;
  await cycleAt(api, id, 'batchBuilt', maker);
  expect((await api.call('POST', `/api/payment-cycles/${id}/submit`, maker, {})).status).toBe(200);
  expect((await api.call('POST', `/api/payment-cycles/${id}/approve`, checker, { comment: '复核无误' })).status).toBe(
    200
  );
  await cycleAt(api, id, ['exported', 'reconciled'], maker);
  const file = await api.raw('GET', `/api/payment-cycles/${id}/bank-file`, { headers: await api.headersFor(maker) });
  expect(file.status).toBe(200);
  expect(file.headers.get('content-type')).toContain('text/csv');
  return { id, file: await file.text() };
}

export interface BankLine {
  reference: string;
  accountNumber: string;
  accountName: string;
  amount: string;
  forPeriod: string;
  purpose: string;
}

export function bankLines(file: string): BankLine[] {
  return csvRecords(file)
    .slice(1)
    .map((record) => {
      const f = csvFields(record) ?? [];
      return {
        reference: f[1]!,
        accountNumber: f[2]!,
        accountName: f[3]!,
        amount: f[5]!,
        forPeriod: f[8]!,
        purpose: f[13]!,
      };
    });
}

/** The bank's answer: every line paid, except those `fails` gives a reason for. */
export function bankReturn(lines: BankLine[], fails: (line: BankLine) => string | null = () => null): string {
  const records = lines.map((l, i) => {
    const reason = fails(l);
    return reason ? `${l.reference},failed,${l.amount},,${reason}` : `${l.reference},paid,${l.amount},BK${i + 1},`;
  });
  return [returnFileColumnsV1.join(','), ...records].join('\r\n') + '\r\n';
}

export async function uploadReturn(api: TestApi, id: string, actor: Person, content: string | Uint8Array) {
  return api
    .raw('POST', `/api/payment-cycles/${id}/return-file`, {
      headers: { ...(await api.headersFor(actor)), 'content-type': 'text/csv' },
      body: content,
    })
    .then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> & CycleView }));
}

/** A whole cycle whose bank pays every line: returns the lines the bank file held. */
export async function runToReconciled(
  api: TestApi,
  county: string,
  period: string,
  maker: Person,
  checker: Person
): Promise<BankLine[]> {
  const { id, file } = await runToExported(api, county, period, maker, checker);
  const lines = bankLines(file);
  if (lines.length > 0) expect((await uploadReturn(api, id, maker, bankReturn(lines))).status).toBe(200);
  await cycleAt(api, id, 'reconciled', maker);
  return lines;
}

export async function ledgerTotals(
  pool: Pool,
  county: string
): Promise<{ lines: number; amount: string; duplicates: number }> {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS lines, COALESCE(sum(amount), 0)::numeric(14, 2)::text AS amount,
            (SELECT count(*)::int FROM (SELECT 1 FROM payment_ledger WHERE county_code = $1 AND change_seq = 0
               GROUP BY entitlement_id, period HAVING count(*) > 1) d) AS duplicates
       FROM payment_ledger WHERE county_code = $1`,
    [county]
  );
  return rows[0];
}

/** Drives a real dibao case in `county` to approval, with the household's account on the form. */
export async function approveDibaoCase(stack: Stack, county: string, monthlyAmount: number): Promise<string> {
  const orgs = countyOrgs(county);
  const commands = stack.commandsWith({ extraConfigEntries: fastRulesFor(county) });
  const form = applicationSchema.parse(anApplication({ orgs, payee: payeeFor(900) }));
  const { view } = await commands.startApplication(form, actors.window(orgs), undefined);
  const decide = (type: string, actor: ReturnType<typeof actors.county>, payload: Record<string, unknown> = {}) =>
    commands.submitEvent(view.id, { type, actor, payload });
  await decide('ACCEPT', actors.window(orgs));
  await checkRunsFinished(commands, view.id);
  await decide('RECORD_HOME_VISIT', actors.township(orgs), homeVisit);
  await decide('PROPOSE_APPROVAL', actors.township(orgs), { opinion: '符合低保条件' });
  await eventually(async () => ((await commands.readCase(view.id)).step === 'countyReview' ? true : undefined), 20_000);
  const approved = await decide('APPROVE', actors.county(orgs), { monthlyAmount });
  expect(approved.step).toBe('inPayment');
  return view.id;
}
