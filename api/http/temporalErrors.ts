/**
 * The one translation of Temporal's failures into the API's typed errors: routes and commands never
 * see a gRPC status or a Temporal error class. Besides the translation, the few questions a command
 * asks of a failure (did the workflow already start, is it gone, what did a refused Update carry).
 */
import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import {
  ActivityFailure,
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import { blockedWritesSchema, DATA_ERROR, dataErrorDetailsSchema, WRITE_BLOCKED } from '../../workflows/blockedWrites';
import { failureTypes } from '../../workflows/contract';
import { cycleFailureTypes } from '../../workflows/paymentContract';
import { refusal as accessRefusal } from '../../definitions/access';
import {
  AccessRefused,
  FileRejected,
  NotFound,
  TransitionRefused,
  Unavailable,
  ValidationFailed,
  WriteRefused,
} from './errors';
import { temporalReachSettings } from './temporalReach';

/** What a command is about: the words its errors use. */
export interface TemporalSubject {
  notFoundZh: string;
  refusedZh: string;
  /** Where an event's payload sits in the request, for a 400's field paths. */
  issuePathPrefix: string[];
}

export const caseSubject: TemporalSubject = {
  notFoundZh: '未找到该案件，请核对案件编号',
  refusedZh: '当前环节不允许此操作，或您的角色、机构无权办理；可办理的操作见 allowedEvents',
  issuePathPrefix: ['body'],
};

export const cycleSubject: TemporalSubject = {
  notFoundZh: '未找到该发放周期，请核对县（市、区）和月份',
  refusedZh: '发放周期当前环节不允许此操作，或您的角色、机构无权办理；可办理的操作见 allowedEvents',
  issuePathPrefix: [],
};

/** gRPC's UNAVAILABLE (grpc.io/docs/guides/status-codes): the server could not be reached. */
const GRPC_UNAVAILABLE = 14;

/** The server could not be reached, or did not answer in time (and the client gave up). */
function unreachable(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(error)) return true;
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const code: number | undefined = isGrpcServiceError(e) ? e.code : undefined;
    if (code === GRPC_UNAVAILABLE) return true;
  }
  return false;
}

function detailsOf(failure: ApplicationFailure): Record<string, unknown> {
  const first = failure.details?.[0];
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
}

/** The data is at fault (class 22 data, 23 constraint, 54 too large): 422; the statement is (42): 500. */
function writeRefusedStatus(sqlState: string): 422 | 500 {
  return sqlState.startsWith('42') ? 500 : 422;
}

/** A write the workflow holds (a stuck case now), or one refused while the caller waited (nothing stored). */
function writeRefused(failure: ApplicationFailure): WriteRefused | undefined {
  if (failure.type === WRITE_BLOCKED) {
    const parsed = blockedWritesSchema.safeParse(failure.details?.[0]);
    const writes = parsed.success ? parsed.data.writes : [];
    const workflowId = parsed.success ? parsed.data.workflowId : null;
    const sqlState = writes[0]?.sqlState ?? '';
    return new WriteRefused(
      `数据库拒绝保存${workflowId ?? '本次办理'}的记录（SQLSTATE ${sqlState || '未知'}），该流程已暂停并列入卡住案件清单，请勿重复提交；` +
        '请核对所填内容，并联系监督人员在修复后重试或终止',
      writeRefusedStatus(sqlState),
      {
        workflowId,
        writes: writes.map(({ activityType, sqlState, condition }) => ({ activityType, sqlState, condition })),
      }
    );
  }
  if (failure.type === DATA_ERROR) {
    const details = dataErrorDetailsSchema.safeParse(failure.details?.[0]);
    const sqlState = details.success ? details.data.sqlState : '';
    return new WriteRefused(
      `数据库拒绝保存本次提交的数据（SQLSTATE ${sqlState || '未知'}），未做任何登记；请核对内容后重新提交`,
      writeRefusedStatus(sqlState),
      { workflowId: null, writes: details.success ? [details.data] : [] }
    );
  }
  return undefined;
}

function refusal(failure: ApplicationFailure, subject: TemporalSubject): unknown {
  const details = detailsOf(failure);
  switch (failure.type) {
    case failureTypes.transitionRefused:
      return new TransitionRefused(subject.refusedZh, {
        step: typeof details.step === 'string' ? details.step : '',
        stepLabelZh: typeof details.stepLabelZh === 'string' ? details.stepLabelZh : '',
        allowedEvents: Array.isArray(details.allowedEvents) ? details.allowedEvents : [],
      });
    case failureTypes.invalidEvent: {
      const issues = Array.isArray(details.issues) ? (details.issues as { path: string[]; message: string }[]) : [];
      return new ValidationFailed(
        '提交的内容有误，请按提示修改后重新提交',
        issues.map((i) => ({ path: [...subject.issuePathPrefix, ...i.path].join('.'), message: i.message }))
      );
    }
    case failureTypes.unknownEvent:
      return new ValidationFailed('未知的操作类型', [
        {
          path: 'body.type',
          message: `可用操作：${Array.isArray(details.knownEvents) ? details.knownEvents.join(', ') : ''}`,
        },
      ]);
    case cycleFailureTypes.makerChecker:
      // The workflow's own maker-checker (a direct command past the API's check): the same 403.
      return new AccessRefused(accessRefusal('MAKER_CHECKER', failure.message));
    case cycleFailureTypes.returnFileRejected:
      return new FileRejected(
        '回盘文件与本批次不符，未登记任何一笔；请按行号核对后重新上传',
        Array.isArray(details.problems) ? (details.problems as FileRejected['problems']) : [],
        typeof details.problemCount === 'number' ? details.problemCount : undefined
      );
    default:
      return writeRefused(failure);
  }
}

/** Temporal's errors → the API's. Unknown errors pass through to the 500 handler. */
export function translateTemporalError(error: unknown, subject: TemporalSubject): unknown {
  if (error instanceof WorkflowNotFoundError) return new NotFound(subject.notFoundZh);
  if (error instanceof WorkflowUpdateFailedError) {
    // An activity's own failure reaches the caller when the workflow lets it through (a return file's write).
    const cause = error.cause instanceof ActivityFailure ? error.cause.cause : error.cause;
    const translated = cause instanceof ApplicationFailure ? refusal(cause, subject) : undefined;
    if (translated) return translated;
  }
  if (unreachable(error)) {
    // The call may have reached the server before the connection was lost.
    return new Unavailable(
      '流程引擎暂时无法连接，请稍后重试；如刚提交过操作，请先查看案件确认是否已生效',
      temporalReachSettings.retryAfterSeconds.value
    );
  }
  return error;
}

/** A start refused because the workflow id is taken (its conflict and reuse policies said so). */
export const isAlreadyStarted = (error: unknown): boolean => error instanceof WorkflowExecutionAlreadyStartedError;

/** No running workflow by that id: never started, or closed (a closed workflow takes no Update). */
export const isWorkflowGone = (error: unknown): boolean => error instanceof WorkflowNotFoundError;

/** The details a workflow refused an Update with, when it refused it with a failure of `type`. */
export function updateRefusalDetails(error: unknown, type: string): unknown {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === type ? cause.details?.[0] : undefined;
}

/**
 * How Temporal refuses a request argument it did not issue (a forged or stale page token):
 * INVALID_ARGUMENT from SQL or Elasticsearch visibility, UNKNOWN from the dev server's SQLite one.
 * Unreachable (UNAVAILABLE, deadlines) is not the caller's fault and is not this.
 */
const REFUSED_ARGUMENT_CODES: readonly number[] = [2 /* UNKNOWN */, 3 /* INVALID_ARGUMENT */];

export const isRefusedArgument = (error: unknown): boolean =>
  isGrpcServiceError(error) && REFUSED_ARGUMENT_CODES.includes(error.code);
