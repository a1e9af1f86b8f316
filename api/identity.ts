/**
 * Who is calling. For now the caller's identity comes from headers set by the gateway in front of
 * the API (X-User-Id, X-User-Role, X-User-Org, and X-User-Department for a county department); the
 * check that a role sits at an org of the right level is made here, the check that it may act on a
 * given case is the chart's.
 */
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { Actor, CallerRole } from '../definitions/shared/actors';
import {
  callerRoleSchema,
  canonicalUserId,
  departmentKindSchema,
  orgCodeSchema,
  orgFitsRole,
} from '../definitions/shared/actors';
import { singleLine } from '../definitions/shared/text';
import { Forbidden, Unauthenticated, ValidationFailed } from './errors';

const identityHeadersSchema = z.object({
  'x-user-id': singleLine().min(1).max(64),
  'x-user-role': callerRoleSchema,
  'x-user-org': orgCodeSchema,
  'x-user-department': departmentKindSchema.optional(),
});

export type Caller = Actor & { role: CallerRole };

export function callerOf(req: Request): Caller {
  if (!req.header('x-user-id') && !req.header('x-user-role')) {
    throw new Unauthenticated('未识别登录身份：请求须携带 X-User-Id、X-User-Role、X-User-Org');
  }
  const parsed = identityHeadersSchema.safeParse({
    'x-user-id': req.header('x-user-id'),
    'x-user-role': req.header('x-user-role'),
    'x-user-org': req.header('x-user-org'),
    'x-user-department': req.header('x-user-department'),
  });
  if (!parsed.success) throw ValidationFailed.fromZod(parsed.error, ['headers']);
  const department = parsed.data['x-user-department'];
  // The kind is what a department is, so it comes with that role and with no other.
  if ((parsed.data['x-user-role'] === 'department') !== (department !== undefined)) {
    throw new ValidationFailed('身份信息有误：仅职能部门（department）角色须携带部门类型', [
      { path: 'headers.x-user-department', message: '角色为 department 时必填，其他角色不得填写' },
    ]);
  }
  const caller: Caller = {
    // One person, one id: `FIN-1` and `fin-1` must not be two people to maker-checker or a claim.
    userId: canonicalUserId(parsed.data['x-user-id']),
    role: parsed.data['x-user-role'],
    org: parsed.data['x-user-org'],
    ...(department ? { department } : {}),
  };
  if (!orgFitsRole(caller.role, caller.org)) {
    throw new ValidationFailed('身份信息有误：角色与机构层级不符', [
      { path: 'headers.x-user-org', message: `角色 ${caller.role} 的机构代码层级不正确` },
    ]);
  }
  return caller;
}

export function requireRole(caller: Caller, roles: readonly CallerRole[], action: string): void {
  if (!roles.includes(caller.role)) {
    throw new Forbidden(`当前角色无权${action}（需要：${roles.join('、')}）`);
  }
}

/**
 * County departments act on referrals sent to them and on nothing else: their org is the whole
 * county, which every other route would read as "all the county's cases".
 */
export function confineDepartments(req: Request, _res: Response, next: NextFunction): void {
  if (req.header('x-user-role') === 'department' && !req.path.startsWith('/referrals')) {
    throw new Forbidden('职能部门只能办理转给本部门的转介事项（/api/referrals）');
  }
  next();
}

/** A caller sees the cases under their own org (a village code starts with every parent's code). */
export function requireScope(caller: Caller, villageCode: string): void {
  if (!villageCode.startsWith(caller.org)) throw new Forbidden('该案件不属于您所在机构的管辖范围');
}
