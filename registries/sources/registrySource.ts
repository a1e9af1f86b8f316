/**
 * A real adapter over the registry tables that stand in for the departments' systems in
 * development, demos and tests (see migrations/002_registry_sources.sql). It behaves like a remote
 * department: it refuses a request without a signed authorisation, answers only about the people
 * asked for, can be given network latency, and reports a database it cannot reach as the source
 * being unavailable. Queries are parameterised and use the id-number index.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { DatabaseError, Pool } from 'pg';
import type { SourceId } from '../../definitions/eligibility';
import { sourceIds, sourceLabelsZh } from '../../definitions/eligibility';
import type { RegistryRow } from '../registryTables';
import { registryTables } from '../registryTables';
import type { DataSource, SourceRequest, SourceResponse } from './dataSource';
import { SourceRefused, SourceUnavailable } from './dataSource';

export interface RegistrySourceOptions {
  /** Simulated network latency per query, for demos and benchmarks. */
  latencyMs?: number;
}

/** SQLSTATE classes meaning "could not talk to the database now": connection, resources, operator. */
const UNAVAILABLE_SQLSTATE = /^(08|53|57)/;
const UNAVAILABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

function isUnavailable(error: unknown): boolean {
  const code = (error as Partial<DatabaseError> | undefined)?.code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NETWORK.has(code))) return true;
  // pg's own timeouts and a pool that was ended come without a code.
  return error instanceof Error && /timeout|Connection terminated|pool after calling end/i.test(error.message);
}

function checkRequest(sourceId: SourceId, request: SourceRequest): void {
  const label = sourceLabelsZh[sourceId];
  if ((request.authorisation as { signed?: unknown } | undefined)?.signed !== true) {
    throw new SourceRefused(
      sourceId,
      'authorisationMissing',
      `${label}拒绝核对：缺少申请家庭签署的经济状况核对授权书，请补签后重新发起核对`
    );
  }
  const people = [...(request.members ?? []), ...(request.supporters ?? [])];
  if (!Array.isArray(request.members) || people.some((m) => typeof m?.idNumber !== 'string')) {
    throw new SourceRefused(sourceId, 'requestInvalid', `${label}拒绝核对：核对请求中的家庭成员信息不完整`);
  }
}

export function createRegistrySource(pool: Pool, sourceId: SourceId, options: RegistrySourceOptions = {}): DataSource {
  const table = registryTables[sourceId];
  const select = table.columns
    .map((column) => (table.columnTypes[column] === 'date' ? `${column}::text AS ${column}` : column))
    .join(', ');
  // Table and column names come from registryTables, never from the request.
  const sql = `SELECT ${select} FROM ${table.table} WHERE id_number = ANY($1::text[]) ORDER BY id_number, record_ref`;

  return {
    id: sourceId,
    labelZh: sourceLabelsZh[sourceId],
    async query(request: SourceRequest): Promise<SourceResponse> {
      checkRequest(sourceId, request);
      if (options.latencyMs) await delay(options.latencyMs);
      const people = [...request.members, ...(request.supporters ?? [])];
      const ids = [...new Set(people.map((m) => m.idNumber.trim().toUpperCase()))];
      let rows: RegistryRow[];
      try {
        rows = (await pool.query<RegistryRow>(sql, [ids])).rows;
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        throw new SourceUnavailable(sourceId, `${sourceLabelsZh[sourceId]}暂时无法访问，系统将自动重试`, {
          cause: error,
        });
      }
      return {
        sourceId,
        answeredAt: new Date().toISOString(),
        findings: rows.map((row) => table.toFinding(table.rowSchema.parse(row))),
      };
    },
  };
}

/**
 * The source registry: one adapter per source id. Registry-backed by default; pass `overrides` to
 * put a real department's adapter (e.g. an HTTP one) in place of its stand-in.
 */
export function createRegistrySources(
  pool: Pool,
  options: RegistrySourceOptions & { overrides?: Partial<Record<SourceId, DataSource>> } = {}
): Record<SourceId, DataSource> {
  const { overrides = {}, ...sourceOptions } = options;
  const sources = {} as Record<SourceId, DataSource>;
  for (const sourceId of sourceIds) {
    sources[sourceId] = overrides[sourceId] ?? createRegistrySource(pool, sourceId, sourceOptions);
  }
  return sources;
}
