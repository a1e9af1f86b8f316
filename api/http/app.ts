/**
 * The HTTP API as a factory: dependencies in, an Express app out. No listening here, so tests can
 * mount it on port 0 and the start script decides where it runs.
 */
import type { Client } from '@temporalio/client';
import express from 'express';
import helmet from 'helmet';
import type { Pool } from 'pg';
import type { ReturnFileLimits } from '../../definitions/payments';
import type { CaseCommandDependencies } from '../applications/commands';
import { createCaseCommands } from '../applications/commands';
import { createHouseholdCommands } from '../households/commands';
import { createPaymentCommands } from '../payments/commands';
import { errorHandler, NotFound } from './errors';
import { errorSummary } from '../../observability/logRedaction';
import type { Logger } from '../../observability/logger';
import { processLogger } from '../../observability/logger';
import { observeRequests } from './requestObservation';
import type { RequestMetrics } from './requestMetrics';
import { createRequestMetrics } from './requestMetrics';
import { buildOpenApiDocument } from './openapi';
import { applicationsRouter } from '../applications/router';
import { configurationRouter } from '../configuration/router';
import { programsRouter } from '../programs/router';
import { householdsRouter } from '../households/router';
import { healthRouter } from '../health/router';
import { paymentsRouter } from '../payments/router';
import { publicationRouter } from '../publication/router';
import { tasksRouter } from '../tasks/router';
import { orgUnitsRouter } from '../orgUnits/router';
import { stuckCasesRouter } from '../stuckCases/router';
import { migrationsRouter } from '../migrations/router';
import { createMigrationCommands } from '../migrations/commands';
import { createStuckCaseOperations } from '../stuckCases/operations';
import { supervisionRouter } from '../supervision/router';
import { integrityRouter } from '../integrity/router';
import { risksRouter } from '../risks/router';
import { referralsRouter } from '../referrals/router';
import { accessLogRouter } from '../accessLog/router';
import { temporalCodecRouter } from '../temporalCodec/router';
import { TEMPORAL_CODEC_PATH } from '../temporalCodec/schemas';
import type { AuthSettings } from './authSettings';
import { DEFAULT_AUTH_SETTINGS } from './authSettings';
import { authenticate, requireCsrfToken, requirePasswordChanged } from './authentication';
import { authRouter, publicAuthRouter } from '../auth/router';
import { staffRouter } from '../staff/router';
import { consoleRouter } from '../console/router';
import { authorize } from './authorize';
import { createCaseEventAccess } from '../applications/eventAccess';
import { assertEveryRouteDeclares, routePatterns } from './routeActions';
import type { OwnBodyRoute } from './requestGuard';
import { guardRequestContent, guardRequestLine } from './requestGuard';
import type { RateLimitSettings } from './rateLimit';
import { limitFailedAuthentication, limitRequestRate } from './rateLimit';

/** Routes that read a body other than JSON: the bank's return file, as the bank sends it (payments router). */
const OWN_BODY_ROUTES: OwnBodyRoute[] = [
  { path: /^\/api\/payment-cycles\/[^/]+\/return-file$/, types: ['text/csv', 'text/plain'] },
];

export interface AppDependencies extends CaseCommandDependencies {
  pool: Pool;
  client: Client;
  /** Caps on bank return files (definitions/payments/returnFileLimits.ts when not given). */
  returnFileLimits?: ReturnFileLimits;
  /** Where request lines and errors go (observability/logger.ts); the process's logger when not given. */
  logger?: Logger;
  /** Unexpected errors only; the default writes them, redacted, to `logger`. */
  log?: (message: string, error?: unknown, requestId?: string) => void;
  /** Request counts and latencies (api/http/requestMetrics.ts), served on the metrics port; a fresh registry when not given. */
  metrics?: RequestMetrics;
  /** Per-caller request budgets (api/http/rateLimit.ts); none when not given (tests, benchmarks). */
  rateLimits?: RateLimitSettings;
  /** Rows in one CSV export (api/http/csv.ts). */
  csvExportMaxRows?: number;
  /** Sign-in settings (api/http/authSettings.ts); the defaults where not given. */
  auth?: Partial<AuthSettings>;
  /** The built staff console (web/dist when not given); served at / for every non-API path. */
  consoleDir?: string;
  /** Web origins of the Temporal UI allowed to call the codec endpoint (TEMPORAL_UI_ORIGINS); none when not given. */
  temporalUiOrigins?: readonly string[];
}

export function createApp(deps: AppDependencies): express.Express {
  const logger = deps.logger ?? processLogger();
  // The default log never prints an error object whole: a database error's detail quotes row values.
  const log =
    deps.log ?? ((message, error, requestId) => logger.error({ requestId, error: errorSummary(error) }, message));
  const observe = observeRequests({ logger, metrics: deps.metrics ?? createRequestMetrics() });
  const commands = createCaseCommands(deps);
  const auth: AuthSettings = { ...DEFAULT_AUTH_SETTINGS, ...deps.auth };
  const eventAccess = createCaseEventAccess({ pool: deps.pool, commands });
  const app = express();
  app.disable('x-powered-by');
  // First, so every answer is observed: refusals of junk and 404s count as much as served requests.
  app.use(observe);
  // Security headers on every answer (no sniffing, no framing, no referrer leaks, HSTS behind HTTPS).
  app.use(helmet());
  // Before the app's body parser: it reads larger bodies (payloads up to 2 MB). Its CORS preflight is
  // answered without credentials; then the caller is authenticated like on every other route.
  app.use(
    TEMPORAL_CODEC_PATH,
    temporalCodecRouter({
      codecs: deps.client.options.loadedDataConverter.payloadCodecs,
      namespace: deps.client.options.namespace,
      allowedOrigins: deps.temporalUiOrigins ?? [],
      authenticate: authenticate(deps.pool, auth),
      pool: deps.pool,
    })
  );
  // The request line, then the body: junk is refused before anything looks anything up.
  app.use(guardRequestLine(OWN_BODY_ROUTES), express.json({ limit: '1mb' }), guardRequestContent);
  app.use(healthRouter(deps));
  const openApi = buildOpenApiDocument();
  app.get('/api/openapi.json', authorize('openapi.read'), (_req, res) => {
    res.json(openApi);
  });
  // Signing in is the only thing an unauthenticated caller may do.
  app.use('/api', publicAuthRouter(deps.pool, auth));
  // Who is calling, then their budget, then the browser-only checks; every route below is behind these.
  app.use('/api', authenticate(deps.pool, auth), limitFailedAuthentication(deps.rateLimits));
  app.use('/api', limitRequestRate(deps.rateLimits), requireCsrfToken);
  app.use('/api', requirePasswordChanged);
  // Every route below names its action in the access policy (api/http/authorize.ts); none checks roles itself.
  app.use('/api', authRouter(deps.pool, auth));
  app.use('/api', staffRouter(deps.pool, auth));
  app.use('/api', referralsRouter({ pool: deps.pool, commands, eventAccess, calendarYears: deps.calendarYears }));
  app.use('/api', applicationsRouter({ pool: deps.pool, commands, eventAccess, calendarYears: deps.calendarYears }));
  app.use(
    '/api',
    householdsRouter({
      pool: deps.pool,
      households: createHouseholdCommands({ ...deps, cases: commands }),
      eventAccess,
    })
  );
  app.use('/api', programsRouter());
  app.use(
    '/api',
    configurationRouter({ extraConfigEntries: deps.extraConfigEntries, calendarYears: deps.calendarYears })
  );
  app.use('/api', publicationRouter(deps));
  app.use('/api', tasksRouter({ pool: deps.pool, calendarYears: deps.calendarYears }));
  app.use('/api', orgUnitsRouter({ pool: deps.pool }));
  app.use('/api', supervisionRouter({ pool: deps.pool, extraConfigEntries: deps.extraConfigEntries }));
  app.use('/api', risksRouter({ pool: deps.pool }));
  app.use('/api', integrityRouter({ pool: deps.pool, extraConfigEntries: deps.extraConfigEntries }));
  app.use('/api', accessLogRouter({ pool: deps.pool }));
  app.use('/api', stuckCasesRouter({ pool: deps.pool, operations: createStuckCaseOperations(deps.client) }));
  app.use('/api', migrationsRouter({ migrations: createMigrationCommands({ pool: deps.pool, client: deps.client }) }));
  app.use(
    '/api',
    paymentsRouter({
      pool: deps.pool,
      payments: createPaymentCommands(deps),
      returnFileLimits: deps.returnFileLimits,
    })
  );
  app.use(consoleRouter(deps.consoleDir));
  app.use(observe.unmatched, () => {
    throw new NotFound('接口不存在，请检查请求路径（接口说明见 /api/openapi.json）');
  });
  app.use(errorHandler(log));
  // Deny by default: a route that names no action in the policy is a bug, found before anything is served.
  assertEveryRouteDeclares(app);
  observe.knowRoutes(routePatterns(app));
  return app;
}
