/**
 * A post (岗位): a role held at an org — and, for department staff, which department. A person may
 * hold several (a township clerk who also investigates); a session or an API token acts in exactly
 * one, and that post is the caller the rest of the system sees. Pure.
 */
import { z } from 'zod';
import type { Actor, CallerRole, DepartmentKind } from '../definitions/shared/actors';
import { callerRoleSchema, departmentKindSchema, orgCodeSchema, orgFitsRole } from '../definitions/shared/actors';

export const postSchema = z
  .object({
    role: callerRoleSchema,
    org: orgCodeSchema,
    department: departmentKindSchema.optional(),
  })
  .superRefine((post, ctx) => {
    if (!orgFitsRole(post.role, post.org)) {
      ctx.addIssue({ code: 'custom', path: ['org'], message: `角色 ${post.role} 的机构代码层级不正确` });
    }
    // The kind is what a department is, so it comes with that role and with no other.
    if ((post.role === 'department') !== (post.department !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['department'],
        message: '仅职能部门（department）岗位须填写部门类型，其他岗位不得填写',
      });
    }
  });
export type Post = z.infer<typeof postSchema>;

/** A post as the database keeps it: department '' for every role but department. */
export function postOfRow(row: { role: string; org: string; department: string }): Post {
  return {
    role: row.role as Post['role'],
    org: row.org,
    ...(row.department ? { department: row.department as DepartmentKind } : {}),
  };
}

/** The caller a post makes of a person. */
export function callerOfPost(userId: string, post: Post): Actor & { role: CallerRole } {
  return { userId, role: post.role, org: post.org, ...(post.department ? { department: post.department } : {}) };
}

export function samePost(a: Post, b: Post): boolean {
  return a.role === b.role && a.org === b.org && (a.department ?? '') === (b.department ?? '');
}

/** 'township@370902001', 'department:medical@370902' — how a post is named in a header or a log. */
export function postLabel(post: Post): string {
  return `${post.role}${post.department ? `:${post.department}` : ''}@${post.org}`;
}

const postLabelPattern = /^([a-z]+)(?::([a-zA-Z]+))?@(\d+)$/;
export function parsePostLabel(label: string): Post | undefined {
  const match = postLabelPattern.exec(label.trim());
  if (!match) return undefined;
  const parsed = postSchema.safeParse({ role: match[1], department: match[2], org: match[3] });
  return parsed.success ? parsed.data : undefined;
}
