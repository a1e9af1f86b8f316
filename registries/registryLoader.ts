/**
 * Loads registry tables from files, one per source: `<sourceId>.csv` or `<sourceId>.json` (e.g.
 * `banks.csv`, `civilAffairs.json`), with the columns of registries/registryTables.ts (CSV: a
 * header line naming them; JSON: an array of objects). Every row is validated before anything is
 * written, a directory loads in one transaction, and a row is upserted on its record reference, so
 * loading the same files again changes nothing (rows whose values did not change are not touched).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import type { SourceId } from '../definitions/eligibility';
import { sourceIds } from '../definitions/eligibility';
import { parseCsv } from './csv';
import type { RegistryRow } from './registryTables';
import { registryTables } from './registryTables';

export interface LoadReport {
  sourceId: SourceId;
  file: string;
  rows: number;
  /** Rows inserted or changed. */
  written: number;
  unchanged: number;
}

/** Rows per INSERT: well under PostgreSQL's 65 535 parameters for the widest table. */
const BATCH = 500;

/** `banks.csv` → 'banks'; also accepts the table name (`registry_banks.json`). */
export function sourceIdForFile(file: string): SourceId | null {
  const base = path.basename(file).replace(/\.(csv|json)$/i, '');
  return sourceIds.find((id) => id === base || registryTables[id].table === base) ?? null;
}

/** Validates a file's content into rows; errors name the file, the row and the column. */
export function parseRegistryFile(sourceId: SourceId, file: string, content: string): RegistryRow[] {
  const table = registryTables[sourceId];
  const name = path.basename(file);
  let raw: { where: string; values: unknown }[];
  if (/\.json$/i.test(file)) {
    const parsed: unknown = JSON.parse(content);
    if (!Array.isArray(parsed)) throw new Error(`${name}: expected a JSON array of rows`);
    raw = (parsed as unknown[]).map((values, i) => ({ where: `row ${i + 1}`, values }));
  } else {
    const csv = parseCsv(content);
    const unknown = csv.header.filter((h) => !table.columns.includes(h));
    if (unknown.length > 0) {
      throw new Error(`${name}: unknown column(s) ${unknown.join(', ')}; expected ${table.columns.join(', ')}`);
    }
    raw = csv.rows.map((r) => ({ where: `line ${r.line}`, values: r.values }));
  }
  const seen = new Set<string>();
  return raw.map(({ where, values }) => {
    const result = table.rowSchema.safeParse(values);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ');
      throw new Error(`${name} ${where}: ${problems}`);
    }
    const ref = String(result.data.record_ref);
    if (seen.has(ref)) throw new Error(`${name} ${where}: record_ref ${ref} appears twice`);
    seen.add(ref);
    return result.data;
  });
}

function upsertSql(sourceId: SourceId, rowCount: number): string {
  const { table, columns } = registryTables[sourceId];
  const values = Array.from(
    { length: rowCount },
    (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`
  ).join(',\n');
  const updatable = columns.filter((c) => c !== 'record_ref');
  // Table and column names come from registryTables, never from a file.
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}
    ON CONFLICT (record_ref) DO UPDATE SET ${updatable.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, loaded_at = now()
    WHERE (${updatable.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${updatable.map((c) => `EXCLUDED.${c}`).join(', ')})
    RETURNING record_ref`;
}

/** Upserts validated rows of one source; returns how many were inserted or changed. */
export async function upsertRegistryRows(
  db: Pool | PoolClient,
  sourceId: SourceId,
  rows: readonly RegistryRow[]
): Promise<{ written: number; unchanged: number }> {
  const { columns } = registryTables[sourceId];
  let written = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const params = batch.flatMap((row) => columns.map((c) => row[c] ?? null));
    const result = await db.query(upsertSql(sourceId, batch.length), params);
    written += result.rowCount ?? 0;
  }
  return { written, unchanged: rows.length - written };
}

export interface RegistryBatch {
  sourceId: SourceId;
  file: string;
  rows: readonly RegistryRow[];
}

/** Writes batches in one transaction: all of them or, on any error, none. */
export async function writeRegistryBatches(pool: Pool, batches: readonly RegistryBatch[]): Promise<LoadReport[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const reports: LoadReport[] = [];
    for (const batch of batches) {
      const counts = await upsertRegistryRows(client, batch.sourceId, batch.rows);
      reports.push({ sourceId: batch.sourceId, file: batch.file, rows: batch.rows.length, ...counts });
    }
    await client.query('COMMIT');
    return reports;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Loads the given files (each named after its source); validates all of them before writing any. */
export async function loadRegistryFiles(pool: Pool, files: readonly string[]): Promise<LoadReport[]> {
  const batches: RegistryBatch[] = [];
  for (const file of files) {
    const sourceId = sourceIdForFile(file);
    if (!sourceId) {
      throw new Error(`${path.basename(file)}: not named after a source; use one of ${sourceIds.join(', ')}`);
    }
    batches.push({ sourceId, file, rows: parseRegistryFile(sourceId, file, await readFile(file, 'utf8')) });
  }
  const duplicates = batches.filter((b, i) => batches.findIndex((o) => o.sourceId === b.sourceId) !== i);
  for (const duplicate of duplicates) {
    const refs = new Set(
      batches.filter((b) => b.sourceId === duplicate.sourceId).flatMap((b) => b.rows.map((r) => r.record_ref))
    );
    const total = batches.filter((b) => b.sourceId === duplicate.sourceId).reduce((acc, b) => acc + b.rows.length, 0);
    if (refs.size !== total) throw new Error(`${duplicate.sourceId}: the same record_ref appears in two files`);
  }
  return writeRegistryBatches(pool, batches);
}

/** Loads every `.csv` and `.json` file of a directory. */
export async function loadRegistryDirectory(pool: Pool, dir: string): Promise<LoadReport[]> {
  const files = (await readdir(dir))
    .filter((f) => /\.(csv|json)$/i.test(f))
    .sort()
    .map((f) => path.join(dir, f));
  return loadRegistryFiles(pool, files);
}
