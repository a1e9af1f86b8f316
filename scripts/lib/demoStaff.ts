/**
 * The demo county's staff for `npm start`: one person per role in 演示县 (370999, the county of
 * config/demo-rules.json), each with a random initial password printed once and changed at first
 * sign-in. Only when the directory is empty, so a real installation's directory is never touched
 * (and DEMO_STAFF=false turns it off).
 */
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { countStaff, createStaff } from '../../db/staffDirectory';
import { systemActor } from '../../definitions/shared/actors';
import { hashPassword } from '../../identity/passwordHash';
import { generateInitialPassword } from '../../identity/passwordRules';
import type { Post } from '../../identity/posts';
import { postLabel } from '../../identity/posts';

export const DEMO_COUNTY = '370999';

/** One person per role in `county` (its township 001 and that township's village 001). */
interface DemoPerson {
  userId: string;
  name: string;
  post: Post;
}

export function demoStaff(county: string = DEMO_COUNTY, idPrefix = ''): DemoPerson[] {
  const township = `${county}001`;
  const people: DemoPerson[] = [
    { userId: 'window-01', name: '受理员（演示）', post: { role: 'window', org: township } },
    { userId: 'village-01', name: '村委会（演示）', post: { role: 'village', org: `${township}001` } },
    { userId: 'township-01', name: '乡镇经办（演示）', post: { role: 'township', org: township } },
    { userId: 'county-01', name: '县民政审核（演示）', post: { role: 'county', org: county } },
    { userId: 'supervisor-01', name: '监督员（演示）', post: { role: 'supervisor', org: county } },
    { userId: 'finance-01', name: '财务制单（演示）', post: { role: 'finance', org: county } },
    { userId: 'finance-02', name: '财务复核（演示）', post: { role: 'finance', org: county } },
    {
      userId: 'medical-01',
      name: '医保部门（演示）',
      post: { role: 'department', org: county, department: 'medical' },
    },
    { userId: 'admin-01', name: '系统管理员（演示）', post: { role: 'admin', org: county } },
  ];
  return people.map((person) => ({ ...person, userId: `${idPrefix}${person.userId}` }));
}

/**
 * Seeds the demo staff when the directory is empty (or always, `onlyWhenEmpty: false`, for a test
 * of its own county); returns user id, initial password and post per person, to print once.
 */
export async function seedDemoStaff(
  pool: Pool,
  options: { county?: string; idPrefix?: string; onlyWhenEmpty?: boolean } = {}
): Promise<{ userId: string; password: string; line: string }[] | undefined> {
  if ((options.onlyWhenEmpty ?? true) && (await countStaff(pool)) > 0) return undefined;
  const seeded: { userId: string; password: string; line: string }[] = [];
  for (const person of demoStaff(options.county, options.idPrefix)) {
    const password = generateInitialPassword(randomBytes);
    await createStaff(
      pool,
      {
        userId: person.userId,
        name: person.name,
        posts: [person.post],
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
      },
      { ...systemActor, userId: 'demo-seed' }
    );
    seeded.push({
      userId: person.userId,
      password,
      line: `${person.userId.padEnd(14)} ${password}   ${postLabel(person.post)}`,
    });
  }
  return seeded;
}

/** `npm start` and `npm run start:cluster`: seeds when DEMO_STAFF is on and prints the passwords once. */
export async function seedAndAnnounceDemoStaff(
  pool: Pool,
  demoStaffOn: boolean,
  say: (message: string) => void
): Promise<void> {
  if (!demoStaffOn) return;
  const seeded = await seedDemoStaff(pool);
  if (!seeded) return;
  say('seeded the demo county 370999 staff directory; initial passwords (shown this once, changed at first sign-in):');
  for (const { line } of seeded) say(`  ${line}`);
}
