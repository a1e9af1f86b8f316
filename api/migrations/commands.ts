/**
 * Live-case migration batches (docs/change-safety.md, "Live-case migration"): the read model names
 * the running cases a plan may concern, and each case answers for itself — the dry run through the
 * workflow's `migrationCheck` query, the run through its `migrateDefinition` Update, whose validator
 * applies the same plan. A case that cannot be asked (Temporal unreachable, a worker without the
 * handler) is reported `failed` and the batch goes on; running it again picks it up, and a case
 * already moved answers "already migrated" without a second audit line.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { MigrationCandidate } from '../../db/migrationCandidates';
import { migrationCandidates } from '../../db/migrationCandidates';
import type { Actor } from '../../definitions/shared/actors';
import type { MigrationAnswer } from '../../workflows/contract';
import { failureTypes, migrateDefinitionUpdate, migrationCheckQuery } from '../../workflows/contract';
import type { MigrationItem, MigrationResult } from './schemas';
import { MIGRATION_BATCH_MAX } from './schemas';
import { updateRefusalDetails } from '../http/temporalErrors';

export interface MigrationBatch {
  from: string;
  to: string;
  planLabelZh: string;
  program: string;
  underOrg: string;
  step?: string;
  cursor?: string;
  limit?: number;
}

const itemOf = (row: MigrationCandidate, answer: MigrationAnswer): MigrationItem => ({
  caseId: row.id,
  program: row.program,
  county: row.county,
  step: row.step,
  outcome: answer.outcome,
  definitionVersion: answer.definitionVersion,
  code: answer.outcome === 'cannotMigrate' ? answer.code : null,
  reasonZh: answer.outcome === 'cannotMigrate' ? answer.reasonZh : null,
  states: 'states' in answer ? answer.states : null,
  timers: 'timers' in answer ? answer.timers : null,
});

const failedItem = (row: MigrationCandidate, reasonZh: string): MigrationItem => ({
  caseId: row.id,
  program: row.program,
  county: row.county,
  step: row.step,
  outcome: 'failed',
  definitionVersion: row.definitionVersion,
  code: null,
  reasonZh,
  states: null,
  timers: null,
});

/** The plan's refusal carried by a refused Update, if that is what it was. */
function refusalOf(error: unknown): MigrationAnswer | undefined {
  return updateRefusalDetails(error, failureTypes.migrationRefused) as MigrationAnswer | undefined;
}

const CANNOT_ASK =
  '暂时无法联系该案件的流程（流程引擎不可用，或工作进程尚未更新到支持迁移的版本），本件未做任何改动；请稍后重新执行本批次';

export function createMigrationCommands({ pool, client }: { pool: Pool; client: Client }) {
  async function batch(
    spec: MigrationBatch,
    ask: (row: MigrationCandidate) => Promise<MigrationAnswer>
  ): Promise<Omit<MigrationResult, 'dryRun'>> {
    const limit = spec.limit ?? MIGRATION_BATCH_MAX;
    const rows = await migrationCandidates(pool, {
      versions: [spec.from, spec.to],
      program: spec.program,
      underOrg: spec.underOrg,
      step: spec.step,
      afterId: spec.cursor,
      limit,
    });
    const items: MigrationItem[] = [];
    // One case after another: a batch is an operator's deliberate act, not a load test of the cluster.
    for (const row of rows) {
      try {
        items.push(itemOf(row, await ask(row)));
      } catch (error) {
        const refused = refusalOf(error);
        items.push(refused ? itemOf(row, refused) : failedItem(row, CANNOT_ASK));
      }
    }
    const counts: Record<string, number> = {};
    for (const item of items) counts[item.outcome] = (counts[item.outcome] ?? 0) + 1;
    return {
      from: spec.from,
      to: spec.to,
      planLabelZh: spec.planLabelZh,
      counts,
      items,
      nextCursor: rows.length === limit ? (rows.at(-1)?.id ?? null) : null,
    };
  }

  /** The dry run: what each case would do; nothing changes. */
  async function plan(spec: MigrationBatch): Promise<MigrationResult> {
    const result = await batch(spec, (row) =>
      client.workflow.getHandle(row.id).query(migrationCheckQuery, { from: spec.from, to: spec.to })
    );
    return { ...result, dryRun: true };
  }

  /** The run: each case that can migrate does, with an audit line by `actor` for `reason`. */
  async function run(spec: MigrationBatch, actor: Actor, reason: string): Promise<MigrationResult> {
    const result = await batch(spec, (row) =>
      client.workflow
        .getHandle(row.id)
        .executeUpdate(migrateDefinitionUpdate, { args: [{ from: spec.from, to: spec.to, actor, reason }] })
    );
    return { ...result, dryRun: false };
  }

  return { plan, run };
}

export type MigrationCommands = ReturnType<typeof createMigrationCommands>;
