/**
 * User ids compared as one person. No imports: the console runs it too (maker-checker shown before
 * the API is asked).
 */

/**
 * The one form of a user id that the same-person rules compare (maker-checker, claims, the
 * investigators of a visit): `FIN-1`, `fin-1 ` and the full-width `ＦＩＮ－１` typed on a Chinese
 * keyboard are one person. Compatibility-normalised (NFKC), trimmed and lower-cased. Ids enter the
 * engine in this form (api/http/identity.ts), and comparisons go through `sameUser`, so a history written
 * before ids were canonical still compares right. When ids come from a staff directory, this is
 * where the directory's id is taken instead.
 */
export function canonicalUserId(userId: string): string {
  return userId.normalize('NFKC').trim().toLowerCase();
}

/** Whether two user ids name the same person. */
export function sameUser(a: string | null | undefined, b: string | null | undefined): boolean {
  return a !== null && a !== undefined && b !== null && b !== undefined && canonicalUserId(a) === canonicalUserId(b);
}
