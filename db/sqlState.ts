/**
 * Which PostgreSQL errors a retry can never cure. A write refused for its data (a NUL byte, a value
 * too long or out of range, a CHECK or NOT NULL broken) or for a statement the database cannot run
 * fails the same way on every attempt; a lost connection, a deadlock, a serialization conflict, a
 * full disk or a shutting-down server may pass. Pure: no I/O, so the table is unit-tested.
 *
 * What a refusal carries is safe to log and show: the SQLSTATE, its condition name and the schema
 * names PostgreSQL reports (table, column, constraint), never the error's `message` (22P02 quotes
 * the value) or `detail` (row values).
 */
import { DatabaseError } from 'pg';

export interface RefusedWrite {
  sqlState: string;
  /** PostgreSQL's condition name, e.g. character_not_in_repertoire; the class's name when not listed. */
  condition: string;
  /** English, schema names only: fit for logs, Temporal history and the stuck-case view. */
  message: string;
}

/**
 * 22 data exception, 23 integrity constraint violation, 42 syntax error or access rule violation,
 * 54 program limit exceeded (e.g. an index row too large): the same statement on the same data
 * fails again.
 */
const permanentClasses: Record<string, string> = {
  '22': 'data_exception',
  '23': 'integrity_constraint_violation',
  '42': 'syntax_error_or_access_rule_violation',
  '54': 'program_limit_exceeded',
};

/**
 * Conflicts between concurrent writers that a retry resolves: writes are idempotent through
 * ON CONFLICT on their natural key, so a unique or exclusion clash with a racing attempt lands as a
 * no-op next time, and a foreign key may wait for its parent row written by an earlier step.
 */
const curedByRetry = new Set(['23505', '23P01', '23503']);

const conditionNames: Record<string, string> = {
  '22001': 'string_data_right_truncation',
  '22003': 'numeric_value_out_of_range',
  '22007': 'invalid_datetime_format',
  '22008': 'datetime_field_overflow',
  '22012': 'division_by_zero',
  '22021': 'character_not_in_repertoire',
  '22023': 'invalid_parameter_value',
  '22P02': 'invalid_text_representation',
  '22P05': 'untranslatable_character',
  '23001': 'restrict_violation',
  '23502': 'not_null_violation',
  '23514': 'check_violation',
  '42601': 'syntax_error',
  '42703': 'undefined_column',
  '42804': 'datatype_mismatch',
  '42883': 'undefined_function',
  '42P01': 'undefined_table',
  '54000': 'program_limit_exceeded',
};

function databaseErrorIn(error: unknown): DatabaseError | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e instanceof DatabaseError) return e;
  }
  return undefined;
}

/** The refusal, when `error` is a PostgreSQL error no retry can cure; undefined for anything else. */
export function permanentRefusal(error: unknown): RefusedWrite | undefined {
  const refused = databaseErrorIn(error);
  const sqlState = refused?.code;
  if (!refused || !sqlState) return undefined;
  const className = permanentClasses[sqlState.slice(0, 2)];
  if (!className || curedByRetry.has(sqlState)) return undefined;
  const condition = conditionNames[sqlState] ?? className;
  const where = [
    refused.table && `table ${refused.table}`,
    refused.column && `column ${refused.column}`,
    refused.constraint && `constraint ${refused.constraint}`,
  ].filter(Boolean);
  return {
    sqlState,
    condition,
    message: `PostgreSQL refused the write for good: SQLSTATE ${sqlState} (${condition})${where.length ? ` on ${where.join(', ')}` : ''}`,
  };
}
