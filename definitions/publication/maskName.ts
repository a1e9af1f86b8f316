/**
 * How an applicant's name appears on a published list (公示名单, 长期公示): the rules call for the
 * household's name to be posted "privacy protected" [24], so only the surname stays readable.
 *
 * The rule, in code points (a rare character outside the BMP counts as one):
 * - 1 character: shown as `*` (a lone character would be the whole name);
 * - 2–3 characters: the first character, then one `*` per remaining character (张三 → 张*,
 *   李小明 → 李**), even after a compound surname (欧阳明 → 欧**: keeping two of three would
 *   leave a single hidden character);
 * - 4 or more: a known compound surname (复姓) keeps both its characters (欧阳小明 → 欧阳**),
 *   any other name keeps its first (买买提·艾力 → 买*****).
 * Every hidden character becomes one `*`, as on paper notices; surrounding spaces are dropped.
 * No I/O.
 */

/** The compound surnames in common use (《百家姓》 and present-day registers). */
// prettier-ignore
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒',
  '夏侯', '轩辕', '端木', '西门', '南宫', '独孤', '万俟', '闻人', '澹台', '公冶', '太史', '申屠', '钟离',
  '赫连', '濮阳', '淳于', '单于', '呼延', '百里', '东郭', '鲜于', '拓跋', '司空', '闾丘', '子车', '亓官',
  '仲孙', '宗政', '公羊', '左丘', '第五', '梁丘', '羊舌', '微生', '乐正', '壤驷', '公良', '漆雕', '谷梁',
]);

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  const keep = chars.length >= 4 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}
