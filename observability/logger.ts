/**
 * The process's one logger (pino): JSON lines for a log collector, or short readable lines under
 * `npm start` (LOG_FORMAT=pretty, observability/prettyLines.ts). The API's request lines, the
 * start-up messages, and — through `temporalLogger` — Temporal's own logs (the SDK core, the worker,
 * workflow and activity loggers) all go through it, so one collector sees one format.
 *
 * One per process, like the Temporal Runtime: entry points call `configureProcessLogger` first
 * thing; everything that starts later takes `processLogger()`. Nothing here writes personal data on
 * its own; callers log ids and codes, and Temporal's messages are redacted (logRedaction.ts).
 */
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import pino from 'pino';
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { errorSummary, redactPersonalData } from './logRedaction';
import { prettyLines } from './prettyLines';

export type Logger = PinoLogger;
export type LogFormat = 'json' | 'pretty';
export type LevelName = 'debug' | 'info' | 'warn' | 'error';

export interface LoggerOptions {
  level: LevelName;
  format: LogFormat;
  /** Where lines go (stdout when not given); tests pass a stream they read. */
  destination?: DestinationStream;
}

export function createLogger({ level, format, destination }: LoggerOptions): Logger {
  const out = destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level,
      base: { pid: process.pid },
      // Levels by name, not number: a reader of the raw line or a collector's query says "warn".
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    format === 'pretty' ? prettyLines(out) : out
  );
}

// Until an entry point configures it (the one-shot scripts never do): readable lines at info, as a
// person running `npm run migrate` or `npm run payload-keys` reads them.
let current: Logger | undefined;

export function configureProcessLogger(options: LoggerOptions): Logger {
  current = createLogger(options);
  return current;
}

export function processLogger(): Logger {
  current ??= createLogger({ level: 'info', format: 'pretty' });
  return current;
}

/** A logger that writes nothing: for tests and benchmarks that observe something else. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

const pinoLevels = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * Temporal's `Logger` interface on top of a pino logger, for `Runtime.install({ logger })`. The SDK
 * hands over metadata (workflow id, activity type, task queue, `sdkComponent`) that becomes fields
 * of the line; the core's timestamp (a symbol key) is dropped: pino stamps the line itself. An error
 * in the metadata is summarised without its database detail, and the message is redacted, since an
 * activity's failure message may quote a row.
 */
export function temporalLogger(logger: Logger): TemporalLogger {
  const write = (level: LogLevel, message: string, meta?: LogMetadata): void => {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(meta ?? {})) {
      fields[key] = value instanceof Error ? errorSummary(value) : value;
    }
    logger[pinoLevels[level]](fields, redactPersonalData(message));
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}

/** The level Temporal's core should forward at, matching LOG_LEVEL (its own chatter stays at warn or above). */
export function temporalLevel(level: LevelName): LogLevel {
  return ({ debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' } as const)[level];
}
