import type { Pool } from 'pg';
import { findingSchema, sourceIds } from '../../definitions/eligibility';
import { withCheckCharacter } from '../../definitions/shared/identity';
import { createPool } from '../../db/pool';
import type { SourceRequest } from '../../registries/sources/dataSource';
import { SourceRefused, SourceUnavailable } from '../../registries/sources/dataSource';
import { createRegistrySource, createRegistrySources } from '../../registries/sources/registrySource';
import { writeRegistryBatches } from '../../registries/registryLoader';
import { registryTables } from '../../registries/registryTables';
import { testEnvironment } from '../support/environment';

// A county of this file's own, so no other test's records share an id number.
const person = (birth: string, seq: string) => withCheckCharacter(`379911${birth}${seq}`);
const mother = { idNumber: person('19700101', '002'), name: '赵芳' };
const son = { idNumber: person('20050301', '011'), name: '赵明' };
const neighbour = { idNumber: person('19680707', '021'), name: '钱勇' };

const request = (members: SourceRequest['members']): SourceRequest => ({
  caseId: 'case-registry-test',
  run: 1,
  members,
  authorisation: { signed: true, signedAt: '2026-11-30T02:00:00Z' },
});

describe('registry data sources', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = createPool(testEnvironment().databaseUrl, { max: 4 });
    await writeRegistryBatches(pool, [
      {
        sourceId: 'banks',
        file: 'fixture',
        rows: [
          {
            record_ref: 'RS-T-YH-1',
            id_number: mother.idNumber,
            bank_name: '泰安银行',
            account_no: '****1234',
            balance: 1800.5,
            as_of: '2026-11-30',
          },
          {
            record_ref: 'RS-T-YH-2',
            id_number: son.idNumber,
            bank_name: '中国农业银行',
            account_no: '****5678',
            balance: 300,
            as_of: '2026-11-30',
          },
          {
            record_ref: 'RS-T-YH-3',
            id_number: neighbour.idNumber,
            bank_name: '中国工商银行',
            account_no: '****9999',
            balance: 900_000,
            as_of: '2026-11-30',
          },
        ],
      },
      {
        sourceId: 'civilAffairs',
        file: 'fixture',
        rows: [
          {
            record_ref: 'RS-T-MZ-1',
            id_number: neighbour.idNumber,
            event: 'death',
            event_date: '2026-05-01',
            note: null,
          },
        ],
      },
      {
        sourceId: 'socialSecurity',
        file: 'fixture',
        rows: [
          {
            record_ref: 'RS-T-RS-1',
            id_number: mother.idNumber,
            record_type: 'wage',
            monthly_amount: 1500,
            employer: '某食品有限公司',
            since: null,
          },
        ],
      },
    ]);
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('answers with the records of the household’s members only', async () => {
    const banks = createRegistrySource(pool, 'banks');
    const response = await banks.query(request([mother, son]));
    expect(response.sourceId).toBe('banks');
    expect(response.findings.map((f) => f.reference).sort()).toEqual(['RS-T-YH-1', 'RS-T-YH-2']);
    expect(response.findings[0]).toEqual({
      sourceId: 'banks',
      memberIdNumber: mother.idNumber,
      reference: 'RS-T-YH-1',
      kind: 'deposit',
      amount: 1800.5,
      date: '2026-11-30',
      detail: '泰安银行账户****1234余额1800.50元（2026-11-30）',
    });
    expect(Date.parse(response.answeredAt)).not.toBeNaN();
  });

  it('answers about a 特困 applicant’s supporters too, as persons asked about in their own right', async () => {
    const banks = createRegistrySource(pool, 'banks');
    const response = await banks.query({ ...request([son]), supporters: [mother] });
    expect(response.findings.map((f) => [f.reference, f.memberIdNumber]).sort()).toEqual([
      ['RS-T-YH-1', mother.idNumber],
      ['RS-T-YH-2', son.idNumber],
    ]);
  });

  it('maps each department’s records to findings the eligibility rules read', async () => {
    const sources = createRegistrySources(pool);
    const civil = await sources.civilAffairs.query(request([neighbour]));
    expect(civil.findings).toMatchObject([{ kind: 'death', date: '2026-05-01', memberIdNumber: neighbour.idNumber }]);
    const social = await sources.socialSecurity.query(request([mother, son]));
    expect(social.findings).toMatchObject([{ kind: 'income', category: 'wage', amount: 1500 }]);
  });

  it('has all 13 sources, each answering valid findings (nothing for people it has no record of)', async () => {
    const sources = createRegistrySources(pool);
    expect(Object.keys(sources).sort()).toEqual([...sourceIds].sort());
    expect(sourceIds).toHaveLength(13);
    for (const id of sourceIds) {
      const response = await sources[id].query(request([mother, son]));
      for (const finding of response.findings) expect(findingSchema.parse(finding)).toEqual(finding);
    }
    const nobody = { idNumber: person('19990909', '031'), name: '无记录' };
    const answers = await Promise.all(sourceIds.map((id) => sources[id].query(request([nobody]))));
    expect(answers.flatMap((a) => a.findings)).toEqual([]);
  });

  it('reads tables whose columns match the layout the loader and the adapter use', async () => {
    for (const id of sourceIds) {
      const { table, columns } = registryTables[id];
      const { rows } = await pool.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND column_name <> 'loaded_at'
         ORDER BY ordinal_position`,
        [table]
      );
      expect([table, rows.map((r) => r.column_name)]).toEqual([table, [...columns]]);
    }
  });

  it('refuses a request without a signed authorisation, permanently', async () => {
    const banks = createRegistrySource(pool, 'banks');
    const unsigned = { ...request([mother]), authorisation: { signed: false } } as unknown as SourceRequest;
    const refusal = await banks.query(unsigned).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SourceRefused);
    expect(refusal).toMatchObject({ name: 'SourceRefused', retryable: false, reason: 'authorisationMissing' });
    expect((refusal as Error).message).toContain('核对授权书');
  });

  it('reports a department it cannot reach as unavailable, to be retried', async () => {
    const unreachable = createPool('postgres://postgres@127.0.0.1:1/nowhere', { max: 1, log: () => undefined });
    try {
      const failure = await createRegistrySource(unreachable, 'vehicles')
        .query(request([mother]))
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SourceUnavailable);
      expect(failure).toMatchObject({ name: 'SourceUnavailable', retryable: true, sourceId: 'vehicles' });
    } finally {
      await unreachable.end();
    }
  });

  it('waits the configured latency before answering, like a remote department', async () => {
    const slow = createRegistrySource(pool, 'banks', { latencyMs: 150 });
    const started = Date.now();
    await slow.query(request([mother]));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
