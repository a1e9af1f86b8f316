/**
 * Which role each process connects as, from the environment: DATABASE_URL alone gives the project's
 * roles on the same server and database, and a configuration in which the app would connect as the
 * owner or the admin is refused before anything connects.
 */
import { databaseUrls, loginOf, redactPassword } from '../../config/databaseUrls';

describe('database URLs', () => {
  it('derives the owner, the sealer and the admin from DATABASE_URL, without its password', () => {
    expect(
      databaseUrls({ DATABASE_URL: 'postgres://yilian_app:s3cret@db.internal:6432/yilian?sslmode=require' })
    ).toEqual({
      app: 'postgres://yilian_app:s3cret@db.internal:6432/yilian?sslmode=require',
      owner: 'postgres://yilian_owner@db.internal:6432/yilian?sslmode=require',
      sealer: 'postgres://yilian_sealer@db.internal:6432/yilian?sslmode=require',
      admin: 'postgres://postgres@db.internal:6432/postgres?sslmode=require',
      adminConfigured: false,
    });
  });

  it('takes each role, and its password, from its own URL', () => {
    const urls = databaseUrls({
      DATABASE_URL: 'postgres://app@h/d',
      DATABASE_OWNER_URL: 'postgres://own%40er:p%40ss@h/d',
      DATABASE_SEALER_URL: 'postgres://seal@h/d',
      DATABASE_ADMIN_URL: 'postgres://dba:x@h/postgres',
    });
    expect(loginOf(urls.owner)).toEqual({ name: 'own@er', password: 'p@ss' });
    expect(loginOf(urls.app)).toEqual({ name: 'app' });
    expect(urls.adminConfigured).toBe(true);
  });

  it.each([
    [{ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/yilian' }, /DATABASE_URL connects as postgres, the admin/],
    [
      { DATABASE_URL: 'postgres://a@h/d', DATABASE_OWNER_URL: 'postgres://a:pw@h/d' },
      /DATABASE_URL and DATABASE_OWNER_URL both connect as a/,
    ],
    [{ DATABASE_URL: 'postgres://a@h/d', DATABASE_SEALER_URL: 'postgres://a@h/d' }, /give the sealer its own/],
    [{ DATABASE_URL: 'postgres://h/d' }, /names no user/],
  ])('refuses %j', (settings, message) => {
    expect(() => databaseUrls(settings)).toThrow(message);
  });

  it('never shows a password in a message', () => {
    expect(redactPassword('postgres://app:s3cret@h/d')).toBe('postgres://app:***@h/d');
  });
});
