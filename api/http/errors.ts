/**
 * Errors with a meaning, and the one place they become HTTP responses. Messages are for the staff
 * member in front of the screen (Chinese) and say what to do; logs get the English detail.
 */
import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';

export interface FieldIssue {
  path: string;
  message: string;
}

export abstract class HttpError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  /** Extra fields merged into the error body. */
  body(): Record<string, unknown> {
    return {};
  }
  /** Extra response headers. */
  headers(): Record<string, string> {
    return {};
  }
}

export class ValidationFailed extends HttpError {
  readonly status = 400;
  readonly code = 'VALIDATION_FAILED';
  constructor(
    message: string,
    readonly issues: FieldIssue[]
  ) {
    super(message);
  }
  static fromZod(error: z.ZodError, prefix: string[] = []): ValidationFailed {
    const issues = error.issues.map((i) => ({
      path: [...prefix, ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    return new ValidationFailed('提交的内容有误，请按提示修改后重新提交', issues);
  }
  override body() {
    return { issues: this.issues };
  }
}

export class Unauthenticated extends HttpError {
  readonly status = 401;
  readonly code = 'UNAUTHENTICATED';
}

export class Forbidden extends HttpError {
  readonly status = 403;
  readonly code = 'FORBIDDEN';
}

export class NotFound extends HttpError {
  readonly status = 404;
  readonly code = 'NOT_FOUND';
}

export class TransitionRefused extends HttpError {
  readonly status = 409;
  readonly code = 'TRANSITION_REFUSED';
  constructor(
    message: string,
    readonly details: { step: string; stepLabelZh: string; allowedEvents: unknown[] }
  ) {
    super(message);
  }
  override body() {
    return this.details;
  }
}

/**
 * The access policy refused (definitions/access): the code says which rule (a role without the right,
 * a target outside the caller's scope, maker-checker, recusal), the message names the rule in Chinese.
 */
export class AccessRefused extends HttpError {
  readonly status = 403;
  readonly code: string;
  constructor(readonly refusal: { code: string; ruleZh: string; messageZh: string }) {
    super(refusal.messageZh);
    this.code = refusal.code;
  }
  override body() {
    return { rule: this.refusal.ruleZh };
  }
}

/** A bank file that cannot be applied: its first problems by line (1 = the header) and how many in all. */
export class FileRejected extends HttpError {
  readonly status = 400;
  readonly code = 'FILE_REJECTED';
  constructor(
    message: string,
    readonly problems: { line: number; field: string | null; message: string }[],
    readonly problemCount = problems.length
  ) {
    super(message);
  }
  override body() {
    return { problems: this.problems, problemCount: this.problemCount };
  }
}

/** A configured cap was reached: an upload too large (413), or a cycle keeping all the files it may (409). */
export class LimitReached extends HttpError {
  constructor(
    readonly status: 409 | 413,
    readonly code: 'FILE_TOO_LARGE' | 'RETURN_FILES_LIMIT',
    message: string,
    readonly limit: { name: string; value: number }
  ) {
    super(message);
  }
  override body() {
    return { limit: this.limit };
  }
}

export class Conflict extends HttpError {
  readonly status = 409;
  readonly code = 'CONFLICT';
}

/** A task changed under the caller: claimed by someone else, closed, or at a newer version. */
export class TaskConflict extends HttpError {
  readonly status = 409;
  constructor(
    readonly code: 'TASK_ALREADY_CLAIMED' | 'TASK_CLOSED' | 'TASK_VERSION_STALE' | 'TASK_CLAIMED_BY_OTHER',
    message: string,
    readonly task: object
  ) {
    super(message);
  }
  override body() {
    return { task: this.task };
  }
}

/** A risk warning moved in a way its state does not allow, or changed since the caller looked. */
export class WarningConflict extends HttpError {
  readonly status = 409;
  constructor(
    readonly code: 'RISK_MOVE_NOT_ALLOWED' | 'RISK_VERSION_STALE',
    message: string,
    readonly warning: { state: string; allowedMoves: string[]; version: number }
  ) {
    super(message);
  }
  override body() {
    return { state: this.warning.state, allowedMoves: this.warning.allowedMoves, warning: this.warning };
  }
}

/** A body in a type or charset the API does not read (it reads JSON in UTF-8). */
export class UnsupportedMediaType extends HttpError {
  readonly status = 415;
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}

export class Unavailable extends HttpError {
  readonly status = 503;
  readonly code = 'UNAVAILABLE';
  constructor(
    message: string,
    /** Sent as Retry-After when set. */
    readonly retryAfterSeconds?: number
  ) {
    super(message);
  }
  override headers(): Record<string, string> {
    return this.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(this.retryAfterSeconds) };
  }
}

/**
 * The database refused a write for good (db/sqlState.ts): 422 when the data is at fault, 500 when the
 * statement is. The body names the workflow holding the write, and the SQLSTATE, never a value.
 */
export class WriteRefused extends HttpError {
  readonly code = 'WRITE_REFUSED';
  constructor(
    message: string,
    readonly status: 422 | 500,
    readonly details: {
      workflowId: string | null;
      writes: { activityType?: string; sqlState: string; condition: string }[];
    }
  ) {
    super(message);
  }
  override body() {
    return this.details;
  }
}

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** What body-parser and the router report about a request they could not read, as the caller should hear it. */
const readErrors: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'MALFORMED_JSON', message: '请求体不是有效的 JSON，请检查格式' },
  'entity.too.large': { status: 413, code: 'TOO_LARGE', message: '请求体过大，请精简内容后重新提交' },
  'charset.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: '请求体的字符集不受支持：请以 UTF-8 编码提交（charset=utf-8）',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: '请求体的压缩编码（Content-Encoding）不受支持，请不压缩提交',
  },
  'request.aborted': { status: 400, code: 'BAD_REQUEST', message: '请求体未传输完整，请重新提交' },
  'request.size.invalid': { status: 400, code: 'BAD_REQUEST', message: '请求体长度与 Content-Length 不符，请重新提交' },
};

/** The error body of a request that could not be read, or undefined when the error is ours. */
function readError(err: BodyParserError): { status: number; code: string; message: string } | undefined {
  const known = err.type === undefined ? undefined : readErrors[err.type];
  if (known) return known;
  // Any other client error Express or body-parser raise (a path parameter that does not decode…).
  if (err.expose === true && typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
    return { status: err.status, code: 'BAD_REQUEST', message: '请求无法解析，请检查请求地址、请求头和请求体' };
  }
  return undefined;
}

export function errorHandler(log: (msg: string, err: unknown, requestId?: string) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof HttpError) {
      res.set(err.headers());
      res.status(err.status).json({ error: { code: err.code, message: err.message, ...err.body() } });
      return;
    }
    const unreadable = typeof err === 'object' && err !== null ? readError(err) : undefined;
    if (unreadable) {
      res.status(unreadable.status).json({ error: { code: unreadable.code, message: unreadable.message } });
      return;
    }
    // The id the request's log line carries (api/http/requestObservation.ts), so the two can be found together.
    const requestId = res.getHeader('X-Request-Id');
    log('unhandled error', err, typeof requestId === 'string' ? requestId : undefined);
    res
      .status(500)
      .json({ error: { code: 'INTERNAL', message: '系统内部错误，请稍后重试；如持续出现请联系系统管理员' } });
  };
}
