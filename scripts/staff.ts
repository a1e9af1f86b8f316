/**
 * `npm run staff -- <command>`: the staff directory from the operator's shell, for what no county
 * admin can do in the API — the first admin of a county, a city or province supervisor — and for
 * recovery. Changes are logged in staff_changes as made by `cli:<os user>`.
 *
 *   add <userId> --name 姓名 --post role@org [--post …] [--oidc-subject S] [--no-password]
 *   reset-password <userId>
 *   token <userId> --post role@org --label 用途 [--days N]
 *   deactivate <userId>
 *   list [--org prefix]
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env';
import { issueApiToken } from '../db/apiTokens';
import { createPool } from '../db/pool';
import {
  createStaff,
  findStaff,
  listStaff,
  recordDirectoryChange,
  setPassword,
  updateStaff,
} from '../db/staffDirectory';
import { canonicalUserId } from '../definitions/shared/actors';
import type { Actor } from '../definitions/shared/actors';
import { hashPassword } from '../identity/passwordHash';
import { generateInitialPassword } from '../identity/passwordRules';
import type { Post } from '../identity/posts';
import { parsePostLabel, postLabel, samePost } from '../identity/posts';

const operator: Actor = { userId: `cli:${os.userInfo().username}`.slice(0, 64), role: 'system', org: '00' };

function posts(labels: string[] | undefined): Post[] {
  return (labels ?? []).map((label) => {
    const post = parsePostLabel(label);
    if (!post)
      throw new Error(`--post ${label}: expected role@org such as township@370902001 or department:medical@370902`);
    return post;
  });
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      post: { type: 'string', multiple: true },
      'oidc-subject': { type: 'string' },
      'no-password': { type: 'boolean', default: false },
      label: { type: 'string' },
      days: { type: 'string' },
      org: { type: 'string', default: '' },
    },
  });
  const [command, rawUserId] = positionals;
  const env = loadEnv();
  const pool = createPool(env.DATABASE_URL, { max: 1, applicationName: 'yilian-staff' });
  const userId = rawUserId === undefined ? undefined : canonicalUserId(rawUserId);
  const need = (): string => {
    if (!userId) throw new Error(`${command}: give the user id`);
    return userId;
  };
  try {
    switch (command) {
      case 'add': {
        const id = need();
        if (!values.name) throw new Error('add: --name is required');
        const given = posts(values.post);
        if (given.length === 0) throw new Error('add: at least one --post role@org');
        const password = values['no-password'] ? undefined : generateInitialPassword(randomBytes);
        const created = await createStaff(
          pool,
          {
            userId: id,
            name: values.name,
            posts: given,
            passwordHash: password === undefined ? null : await hashPassword(password),
            mustChangePassword: password !== undefined,
            oidcSubject: values['oidc-subject'] ?? null,
          },
          operator
        );
        if (!created) throw new Error(`${id} exists already`);
        console.log(`added ${id} (${given.map(postLabel).join(', ')})`);
        if (password) console.log(`initial password (shown once, to be changed at first sign-in): ${password}`);
        break;
      }
      case 'reset-password': {
        const id = need();
        if (!(await findStaff(pool, id))) throw new Error(`no staff member ${id}`);
        const password = generateInitialPassword(randomBytes);
        await setPassword(pool, id, await hashPassword(password), true, { action: 'passwordReset', by: operator });
        console.log(`new initial password for ${id} (shown once): ${password}`);
        break;
      }
      case 'token': {
        const id = need();
        const member = await findStaff(pool, id);
        const [post] = posts(values.post);
        if (!member || !post || !member.posts.some((p) => samePost(p, post))) {
          throw new Error('token: --post must be one of the person’s posts');
        }
        if (!values.label) throw new Error('token: --label is required');
        const days = values.days === undefined ? undefined : Number(values.days);
        if (days !== undefined && !(Number.isInteger(days) && days > 0))
          throw new Error('--days must be a positive integer');
        const { id: tokenId, token } = await issueApiToken(pool, {
          userId: id,
          post,
          label: values.label,
          createdBy: operator.userId,
          expiresAt: days === undefined ? null : new Date(Date.now() + days * 86_400_000),
        });
        await recordDirectoryChange(pool, {
          userId: id,
          action: 'tokenIssued',
          detail: { tokenId, post },
          by: operator,
        });
        console.log(`token ${tokenId} for ${id} as ${postLabel(post)} (shown once):\n${token}`);
        break;
      }
      case 'deactivate': {
        const id = need();
        if (!(await updateStaff(pool, id, { active: false }, operator))) throw new Error(`no staff member ${id}`);
        console.log(`deactivated ${id}; their sessions and tokens have ended`);
        break;
      }
      case 'list': {
        for (const m of await listStaff(pool, { orgPrefix: values.org ?? '', limit: 1000, includeInactive: true })) {
          console.log(
            `${m.userId.padEnd(20)} ${m.active ? 'active  ' : 'inactive'} ${m.posts.map(postLabel).join(', ')}`
          );
        }
        break;
      }
      default:
        throw new Error(
          'commands: add, reset-password, token, deactivate, list (see the comment at the top of scripts/staff.ts)'
        );
    }
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
