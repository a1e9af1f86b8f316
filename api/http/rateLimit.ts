/**
 * Per-caller request budgets: a token bucket per caller, one for reads and a smaller one for writes
 * (each write starts or moves a workflow). A caller over budget gets 429 with Retry-After.
 *
 * The buckets live in this process's memory: with N API processes behind a balancer a caller gets N
 * times the budget, and a restart forgets who spent what. That is enough to stop one runaway script
 * or a stuck retry loop; a shared limit belongs in the gateway.
 */
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError, Unauthenticated } from './errors';
import { authenticatedCaller } from './identity';

export interface RateLimitSettings {
  /** Requests per minute on read routes (GET, HEAD, OPTIONS), also the largest burst; 0: no limit. */
  readsPerMinute: number;
  /** The same for every other method. */
  writesPerMinute: number;
  /** Milliseconds since the epoch; a test passes its own clock. */
  now?: () => number;
}

/** Figures for normal use: a person clicking through lists, a window clerk filing forms, with room to spare. */
export const defaultRateLimits = { readsPerMinute: 600, writesPerMinute: 120 } as const;

export class TooManyRequests extends HttpError {
  readonly status = 429;
  readonly code = 'RATE_LIMITED';
}

/**
 * Who a budget belongs to: the authenticated person (the limiter runs after authentication, so a
 * made-up credential never gets this far), else the client address.
 */
export function callerKeyOf(req: Request): string {
  const caller = authenticatedCaller(req);
  if (caller) return `user:${caller.userId}`;
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Beyond this many tracked callers the oldest are forgotten, so made-up ids cannot fill the memory. */
const MAX_TRACKED_CALLERS = 100_000;
const SWEEP_EVERY_MS = 60_000;

interface Bucket {
  tokens: number;
  at: number;
}

/** One kind of budget (reads or writes, or login attempts) for every caller. */
export class Budget {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;
  constructor(private readonly perMinute: number) {}

  /** Takes one token; returns the seconds to wait when there is none. */
  take(key: string, now: number): number | undefined {
    this.sweep(now);
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.delete(key); // re-inserted last: Map order is then least recently used first
      this.buckets.set(key, bucket);
      return undefined;
    }
    this.buckets.set(key, bucket);
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / this.perMinute));
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (bucket === undefined) return { tokens: this.perMinute, at: now };
    const tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    return { tokens, at: now };
  }

  /** Forgets callers whose bucket has filled up again (they are as good as new), and the oldest past the cap. */
  private sweep(now: number): void {
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      for (const [key, bucket] of this.buckets) {
        if (this.refilled(bucket, now).tokens >= this.perMinute) this.buckets.delete(key);
      }
    }
    while (this.buckets.size >= MAX_TRACKED_CALLERS) {
      const oldest = this.buckets.keys().next();
      if (oldest.done === true) break;
      this.buckets.delete(oldest.value);
    }
  }
}

/** The middleware; no settings (tests, benchmarks): no limit. The entry points pass the configured ones. */
export function limitRequestRate(settings: RateLimitSettings | undefined): RequestHandler {
  const now = settings?.now ?? Date.now;
  const reads = settings?.readsPerMinute ? new Budget(settings.readsPerMinute) : undefined;
  const writes = settings?.writesPerMinute ? new Budget(settings.writesPerMinute) : undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    const isRead = READ_METHODS.has(req.method);
    const waitSeconds = (isRead ? reads : writes)?.take(callerKeyOf(req), now());
    if (waitSeconds === undefined) {
      next();
      return;
    }
    res.setHeader('Retry-After', String(waitSeconds));
    const what = isRead ? '查询' : '提交';
    next(new TooManyRequests(`${what}过于频繁，请 ${waitSeconds} 秒后再试`));
  };
}

/**
 * Requests that fail authentication spend a budget of their client address (the reads budget), so
 * a script spraying made-up credentials is slowed to 429s; signed-in callers, who may share one
 * office address, are counted by person instead. An error handler, placed right after authentication.
 */
export function limitFailedAuthentication(settings: RateLimitSettings | undefined): ErrorRequestHandler {
  const now = settings?.now ?? Date.now;
  const failures = settings?.readsPerMinute ? new Budget(settings.readsPerMinute) : undefined;
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (!(error instanceof Unauthenticated) || !failures) {
      next(error);
      return;
    }
    const waitSeconds = failures.take(`ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, now());
    if (waitSeconds === undefined) {
      next(error);
      return;
    }
    res.setHeader('Retry-After', String(waitSeconds));
    next(new TooManyRequests(`未通过身份验证的请求过于频繁，请 ${waitSeconds} 秒后再试`));
  };
}
