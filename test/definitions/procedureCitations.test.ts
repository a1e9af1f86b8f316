/**
 * Every article the programs cite resolves inside the repository: each `《document》第N条` found in
 * definitions/ (figures' `source`, rule explanations, comments) is listed in docs/procedure.md, in the
 * first cell of a table row under that document's heading. A new citation without its entry there fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const NUMERAL = '[〇零一二三四五六七八九十百千]+';
const ARTICLES = new RegExp(`第(${NUMERAL}(?:[、，]${NUMERAL})*)条`, 'g');
/** Where a citation's article list ends: the next document, a clause separator, the end of the literal or line. */
const TAIL = '[^《\'`"\\n；]*';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The file's text with `${NAME}` replaced by the file's own `const NAME = '…'`, as the literal reads at run time. */
function resolvedText(file: string): string {
  const text = readFileSync(file, 'utf8');
  const constants = new Map([...text.matchAll(/const ([A-Z_]+) = '([^']*)'/g)].map((m) => [m[1]!, m[2]!] as const));
  return text.replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => constants.get(name) ?? whole);
}

function articlesIn(tail: string): string[] {
  return [...tail.matchAll(ARTICLES)].flatMap((m) => m[1]!.split(/[、，]/)).map((n) => `第${n}条`);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `document → articles` cited in definitions/: after 《document》, or after a document's bare title
 * (社会救助暂行办法 第九条) once the title is known from a 《…》 somewhere. A citation's articles end
 * where the next document's title begins.
 */
function citations(texts: readonly string[]): Map<string, Set<string>> {
  const titles = [...new Set(texts.flatMap((t) => [...t.matchAll(/《([^》]+)》/g)].map((m) => m[1]!)))];
  const upToNextTitle = (tail: string): string =>
    tail.slice(0, Math.min(tail.length, ...titles.map((t) => tail.indexOf(t)).filter((i) => i >= 0)));
  const cited = new Map<string, Set<string>>();
  for (const title of titles) {
    const mention = new RegExp(`(?<!《)《?${escape(title)}》?(${TAIL})`, 'g');
    const articles = texts.flatMap((text) =>
      [...text.matchAll(mention)].flatMap((m) => articlesIn(upToNextTitle(m[1]!)))
    );
    if (articles.length > 0) cited.set(title, new Set(articles));
  }
  return cited;
}

/** docs/procedure.md split at its headings: each heading's text with the body below it. */
function sections(markdown: string): { heading: string; body: string }[] {
  return markdown.split(/^(?=#{2,4} )/m).map((part) => {
    const [heading = '', ...body] = part.split('\n');
    return { heading, body: body.join('\n') };
  });
}

describe('docs / the procedure the charts cite', () => {
  const texts = sourceFiles(path.join(ROOT, 'definitions')).map(resolvedText);
  const cited = citations(texts);
  const doc = sections(readFileSync(path.join(ROOT, 'docs', 'procedure.md'), 'utf8'));

  it('finds citations in the forms the definitions write them', () => {
    const found = citations([
      "source: '《社会救助暂行办法》第四十七、四十八条；民政部2022年有关通知'",
      '// 《特困人员认定办法》第二十条至第二十三条 and 社会救助暂行办法 第九条',
    ]);
    expect(Object.fromEntries([...found].map(([title, articles]) => [title, [...articles]]))).toEqual({
      社会救助暂行办法: ['第四十七条', '第四十八条', '第九条'],
      特困人员认定办法: ['第二十条', '第二十三条'],
    });
    expect(cited.get('最低生活保障审核确认办法')).toContain('第十七条');
  });

  it.each([...cited].map(([title, articles]) => [title, [...articles]] as const))(
    'lists every article of 《%s》 the definitions cite',
    (title, articles) => {
      const sectionsOfTitle = doc.filter((s) => s.heading.includes(`《${title}》`));
      expect(sectionsOfTitle.length).toBeGreaterThan(0);
      const listed = new Set(
        sectionsOfTitle.flatMap((s) => [...s.body.matchAll(/^\| ([^|]+)\|/gm)].flatMap((m) => articlesIn(m[1]!)))
      );
      expect(articles.filter((article) => !listed.has(article))).toEqual([]);
    }
  );
});
