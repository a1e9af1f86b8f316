/**
 * Runtime configuration, read from the environment and validated with zod in one place. Every entry
 * point (API, worker, scripts) calls `loadEnv()` once at start-up and passes the result down, so a
 * typo in a variable fails the process immediately with a list of what is wrong, instead of
 * surfacing later as a connection error somewhere deep inside.
 */
import { z } from 'zod';
import { DEFAULT_CSV_EXPORT_MAX_ROWS } from '../api/csv';
import { defaultRateLimits } from '../api/rateLimit';
import { keyRingTextSchema } from '../temporal/payloadKeys';

const port = z.coerce.number().int().min(0).max(65535);
const count = z.coerce.number().int().min(0);

/** Variables whose value is a secret: a start-up error names them but never prints them. */
const SECRET_VARIABLES = new Set(['PAYLOAD_KEYS']);

/** Comma-separated web origins (scheme, host, port), as a browser sends them in `Origin`. */
const originList = z.string().transform((text, ctx) => {
  const origins = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed?.origin !== origin) {
      ctx.addIssue({ code: 'custom', message: `${origin} is not an origin like https://temporal.example.org:8233` });
    }
  }
  return origins;
});

export const envSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'expected a URL like postgres://user@host:5432/database' })
    .default('postgres://postgres@127.0.0.1:5432/yilian'),
  /** host:port of an existing Temporal cluster; when unset, a local dev server is started instead. */
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('yilian-cases'),
  /** An explicit `temporal` CLI binary; otherwise PATH and the cached build in .tools/ are tried. */
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  /** SQLite file of the local dev server, so cases survive restarts of `npm run temporal`. */
  TEMPORAL_DB_FILE: z.string().min(1).default('.data/temporal.sqlite'),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  /** JSON file of extra rules entries (a county's own figures, a demo county); see config/rulesFile.ts. */
  RULES_FILE: z.string().min(1).optional(),
  /** Folder of calendar-year JSON files (next year's holidays and 调休); see config/calendarFile.ts. */
  CALENDAR_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Per caller and API process (see api/rateLimit.ts); 0 turns the limit off. */
  RATE_LIMIT_READS_PER_MINUTE: count.default(defaultRateLimits.readsPerMinute),
  RATE_LIMIT_WRITES_PER_MINUTE: count.default(defaultRateLimits.writesPerMinute),
  /** Rows in one CSV export; a longer list continues with the cursor the file ends with. */
  CSV_EXPORT_MAX_ROWS: count.min(1).default(DEFAULT_CSV_EXPORT_MAX_ROWS),
  /**
   * The key ring that encrypts Temporal payloads, as JSON: {"current": id, "keys": {id: base64 of 32
   * bytes}} (temporal/payloadKeys.ts). A secret; prefer PAYLOAD_KEY_FILE outside tests.
   */
  PAYLOAD_KEYS: keyRingTextSchema.optional(),
  /** A file holding that JSON, read at start-up. Neither set: only a local dev server gets a key of its own. */
  PAYLOAD_KEY_FILE: z.string().min(1).optional(),
  /** Origins of the Temporal Web UI that may call the codec endpoint; default the local UI on TEMPORAL_UI_PORT. */
  TEMPORAL_UI_ORIGINS: originList.optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Rules between variables, checked after each variable parsed on its own. */
const consistentEnvSchema = envSchema.superRefine((env, ctx) => {
  if (env.PAYLOAD_KEYS !== undefined && env.PAYLOAD_KEY_FILE !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['PAYLOAD_KEY_FILE'],
      message: 'set PAYLOAD_KEYS or PAYLOAD_KEY_FILE, not both: the key ring must have one source',
    });
  }
});

/**
 * Parses `source` (default `process.env`). Empty strings count as unset: `FOO=` in a shell or an
 * .env file usually means "no value", and would otherwise fail validation or override a default.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = consistentEnvSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const [name = '', ...inside] = issue.path.map(String);
      const value = SECRET_VARIABLES.has(name) ? '(hidden)' : JSON.stringify(redactPassword(source[name] ?? ''));
      const where = inside.length > 0 ? ` at ${inside.join('.')}` : '';
      return `  ${name}=${value}${where}: ${issue.message}`;
    });
    throw new Error(`Invalid environment configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** Start-up errors end up in CI logs; a database password must not. */
function redactPassword(value: string): string {
  return value.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/** Where the Temporal Web UI runs, for the codec endpoint's CORS: the local dev server's UI unless configured. */
export function temporalUiOrigins(env: Env): string[] {
  return (
    env.TEMPORAL_UI_ORIGINS ?? [`http://127.0.0.1:${env.TEMPORAL_UI_PORT}`, `http://localhost:${env.TEMPORAL_UI_PORT}`]
  );
}
