/**
 * The one place responses carrying a household's personal data are shaped and recorded. A read of
 * a case, household, referral, report or bank file goes through `sendPersonalData`: the values are
 * served full or masked by the rules of definitions/access, and the read is written to the access
 * log (查询留痕) before the response leaves — when the row cannot be written, the read is refused
 * (503), never served unrecorded. Lists and command responses go through `masked`/`maskedFor`.
 * Routes check who may read what (role, scope) before calling in here.
 */
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import type { AccessKind, Served } from '../../definitions/access';
import { maskPersonalData, purposeRequired, purposeSchema, servedValues } from '../../definitions/access';
import { insertAccessLog } from '../../db/accessLog';
import { Unavailable, ValidationFailed } from './errors';
import type { Caller } from './identity';
import { parseOrThrow } from './validation';

/** Says on every personal-data response whether its values are full or masked. */
export const SERVED_HEADER = 'X-Yilian-Personal-Data';

/** A request id as gateways and tracing send it; anything else is not kept. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Who reads, why (the stated purpose), and under which request id. */
export interface Reader {
  caller: Caller;
  purpose: string | null;
  requestId: string | null;
}

/** What was read: one case, household or payment cycle, and the division code it belongs to. */
export type PersonalRead = { kind: AccessKind; scopeOrg: string } & (
  | { caseId: string }
  | { householdId: string }
  | { cycleId: string }
  // A decode through the codec endpoint: the Temporal UI names no case, only the namespace.
  | { decodedPayloads: number }
);

/**
 * The reader of a personal-data route: `?purpose=` validated for anyone who sends it, and required
 * of a supervisor (400 naming `query.purpose`) before anything is read.
 */
export function readerOf(req: Request, caller: Caller): Reader {
  const raw: unknown = req.query.purpose;
  const header = req.header('x-request-id');
  const requestId = header !== undefined && REQUEST_ID.test(header) ? header : null;
  if (raw === undefined || raw === '') {
    if (purposeRequired(caller.role)) {
      throw new ValidationFailed('监督人员查阅个人信息须说明查询用途，查询将留痕备查', [
        { path: 'query.purpose', message: '请在 purpose 参数中写明查询用途，如“核查群众举报线索”' },
      ]);
    }
    return { caller, purpose: null, requestId };
  }
  return { caller, purpose: parseOrThrow(purposeSchema, raw, ['query', 'purpose']), requestId };
}

/** Writes the read to the access log; a read that cannot be recorded is not served. */
export async function recordRead(pool: Pool, reader: Reader, read: PersonalRead, served: Served): Promise<void> {
  const { caller } = reader;
  try {
    await insertAccessLog(pool, {
      userId: caller.userId,
      role: caller.role,
      org: caller.org,
      department: caller.department ?? null,
      kind: read.kind,
      caseId: 'caseId' in read ? read.caseId : null,
      householdId: 'householdId' in read ? read.householdId : null,
      cycleId: 'cycleId' in read ? read.cycleId : null,
      scopeOrg: read.scopeOrg,
      purpose: reader.purpose,
      requestId: reader.requestId,
      served,
    });
  } catch {
    throw new Unavailable(
      '查询留痕未能写入，为保护个人信息，本次查询未返回数据：请稍后重试；如持续出现请联系系统管理员',
      5
    );
  }
}

/** Whether this reader gets the read's values in full. */
export function servedTo(reader: Reader, kind: AccessKind): Served {
  return servedValues(kind, reader.caller.role, reader.purpose !== null);
}

/** Sends one read's JSON: full or masked for this reader, recorded first. */
export async function sendPersonalData(
  res: Response,
  pool: Pool,
  reader: Reader,
  read: PersonalRead,
  body: unknown
): Promise<void> {
  const served = servedTo(reader, read.kind);
  const shaped = served === 'full' ? body : maskPersonalData(body);
  await recordRead(pool, reader, read, served);
  res.set(SERVED_HEADER, served).json(shaped);
}

/**
 * The response to a command (an event on a case, a referral action): the view the actor gets
 * back, masked as a read of that kind would be for their role. Not logged: the command itself is
 * in the case's audit trail.
 */
export function maskedFor<T>(caller: Caller, kind: AccessKind, body: T): T {
  return servedValues(kind, caller.role, false) === 'full' ? body : maskPersonalData(body);
}

/** A list: ID, phone and account numbers always masked, for every reader. */
export function masked<T>(body: T): T {
  return maskPersonalData(body);
}
