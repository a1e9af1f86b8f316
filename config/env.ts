/**
 * Runtime configuration, read from the environment and validated with zod in one place. Every entry
 * point (API, worker, scripts) calls `loadEnv()` once at start-up and passes the result down, so a
 * typo in a variable fails the process immediately with a list of what is wrong, instead of
 * surfacing later as a connection error somewhere deep inside.
 */
import { z } from 'zod';
import { DEFAULT_CSV_EXPORT_MAX_ROWS } from '../api/http/csv';
import { defaultRateLimits } from '../api/http/rateLimit';
import { redactPassword } from './databaseUrls';
import { keyRingTextSchema } from '../temporal/payloadKeys';

const port = z.coerce.number().int().min(0).max(65535);
const count = z.coerce.number().int().min(0);

/** Variables whose value is a secret: a start-up error names them but never prints them. */
const SECRET_VARIABLES = new Set(['PAYLOAD_KEYS', 'OIDC_CLIENT_SECRET']);

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

const databaseUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: 'expected a URL like postgres://user@host:5432/database',
});

export const envSchema = z.object({
  /** How the API and the worker connect: the app role, which owns nothing (config/databaseUrls.ts). */
  DATABASE_URL: databaseUrl.default('postgres://yilian_app@127.0.0.1:5432/yilian'),
  /** The owner role, which runs migrations; unset: DATABASE_URL with the user yilian_owner. */
  DATABASE_OWNER_URL: databaseUrl.optional(),
  /** The audit sealer's role; unset: DATABASE_URL with the user yilian_sealer. */
  DATABASE_SEALER_URL: databaseUrl.optional(),
  /** A superuser that creates the roles and the database; unset: postgres on the same server. */
  DATABASE_ADMIN_URL: databaseUrl.optional(),
  /** Ed25519 private key the sealer signs with (PKCS#8 PEM, mode 0600); the app never reads it. */
  AUDIT_SEAL_KEY_FILE: z.string().min(1).default('.data/audit-seal/private.pem'),
  /** The public key(s) `audit:verify` trusts (one or more SPKI PEM blocks). */
  AUDIT_SEAL_PUBLIC_KEY_FILE: z.string().min(1).default('.data/audit-seal/public.pem'),
  /** How often `npm start` seals the audit chain heads; 0 turns its sealer off. */
  AUDIT_SEAL_INTERVAL_MINUTES: z.coerce.number().min(0).default(15),
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
  /** JSON file of administrative-division names loaded at start; see config/orgUnitsFile.ts. */
  ORG_UNITS_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** JSON lines (a log collector) or short readable lines; unset: pretty under `npm start`, JSON otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Where the metrics listeners bind: an IP address of the monitoring network (docs/observability.md). */
  METRICS_HOST: z.ipv4().or(z.ipv6()).default('127.0.0.1'),
  /** The API process's Prometheus endpoint (GET /metrics); 0: any free port, printed at start. */
  METRICS_PORT: port.default(9464),
  /** The worker process's Temporal SDK metrics (Prometheus); 0: any free port, printed at start. */
  WORKER_METRICS_PORT: port.default(9465),
  /**
   * Cases a worker keeps in memory (its sticky cache); an evicted case is replayed from its history
   * on its next event. About 3.3 MiB each (docs/performance.md#worker-memory): at 1,000 on two busy
   * cores the workflow thread's garbage collection outlasted Temporal's 5 s limit on a workflow task.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).default(500),
  /** Workflow tasks and activities a worker runs at once (Temporal's slots; docs/performance.md#worker-tuning). */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).default(40),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).default(100),
  /** A workflow bundle built ahead of time (`npm run build:workflows`); unset: the worker bundles at start. */
  WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** Per caller and API process (see api/http/rateLimit.ts); 0 turns the limit off. */
  RATE_LIMIT_READS_PER_MINUTE: count.default(defaultRateLimits.readsPerMinute),
  RATE_LIMIT_WRITES_PER_MINUTE: count.default(defaultRateLimits.writesPerMinute),
  /** Rows in one CSV export; a longer list continues with the cursor the file ends with. */
  CSV_EXPORT_MAX_ROWS: count.min(1).default(DEFAULT_CSV_EXPORT_MAX_ROWS),

  // Sign-in (docs/security.md). The URL people open; https:// makes session cookies Secure.
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected a URL like https://yilian.example.gov.cn' }).optional(),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 7)
    .default(12),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(30),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(12),
  /** Failed passwords in a row before an account locks; the lock starts at LOGIN_LOCK_MINUTES and doubles. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(1),
  LOGIN_ATTEMPTS_PER_MINUTE: count.min(1).default(30),
  /**
   * `npm start`: seed the demo county's staff (one per role) when the directory is empty, and load
   * the demo county's place names (config/demo-org-units.json).
   */
  DEMO_STAFF: z.enum(['true', 'false']).default('true'),
  /** OpenID Connect: set OIDC_ISSUER and OIDC_CLIENT_ID to offer 统一身份认证 sign-in and accept its JWTs. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Default: PUBLIC_URL + /api/auth/oidc/callback. */
  OIDC_REDIRECT_URI: z.url().optional(),
  OIDC_SCOPE: z.string().min(1).default('openid profile'),
  /** The claim that names the person (matched to the directory's OIDC subject, else to the user id). */
  OIDC_SUBJECT_CLAIM: z.string().min(1).default('sub'),
  /** The audience bearer JWTs must carry; default OIDC_CLIENT_ID. */
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_LABEL: z.string().min(1).default('统一身份认证'),
  /** An http:// issuer (a provider on the same host in a test set-up); never in production. */
  OIDC_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
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

/** Where the Temporal Web UI runs, for the codec endpoint's CORS: the local dev server's UI unless configured. */
export function temporalUiOrigins(env: Env): string[] {
  return (
    env.TEMPORAL_UI_ORIGINS ?? [`http://127.0.0.1:${env.TEMPORAL_UI_PORT}`, `http://localhost:${env.TEMPORAL_UI_PORT}`]
  );
}
