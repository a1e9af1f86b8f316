/**
 * Who is calling. For now the caller's identity comes from headers set by the gateway in front of
 * the API (X-User-Id, X-User-Role, X-User-Org, and X-User-Department for a county department); the
 * check that a role sits at an org of the right level is made here. What the caller may do, and
 * where, is the access policy's (definitions/access, api/authorize.ts).
 */
import type { Request } from 'express';
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
import { Unauthenticated, ValidationFailed } from './errors';

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
