/** Place-name files (config/orgUnitsFile.ts): checked whole, level and parent read from each code. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_ORG_UNITS_FILE, readOrgUnitsFile } from '../../config/orgUnitsFile';
import { demoStaff } from '../../scripts/lib/demoStaff';

const dir = mkdtempSync(path.join(tmpdir(), 'org-units-'));
function fileWith(content: unknown): string {
  const file = path.join(dir, `units-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}
const header = { source: '测试', effectiveFrom: '2024-01-01' };

describe('place-name files', () => {
  it('names every org the demo staff work in, marked as made up', () => {
    const units = readOrgUnitsFile(DEMO_ORG_UNITS_FILE);
    const codes = new Set(units.map((u) => u.code));
    for (const person of demoStaff()) expect(codes).toContain(person.post.org);
    expect(units.every((u) => u.source.startsWith('演示数据'))).toBe(true);
    expect(units.find((u) => u.code === '370999001001')).toMatchObject({
      level: 'village',
      parentCode: '370999001',
    });
    expect(units.find((u) => u.code === '370999')).toMatchObject({ level: 'county', parentCode: null });
  });

  it('refuses a file naming a unit without its parent, a code twice, or a code of no level, every field named', () => {
    const file = fileWith({
      ...header,
      units: [
        { code: '379901', nameZh: '县' },
        { code: '379901001001', nameZh: '村' },
        { code: '379901', nameZh: '又一县' },
        { code: '3799', nameZh: '市' },
      ],
    });
    let message = '';
    try {
      readOrgUnitsFile(file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('[units.1.code] 379901001001 的上级 379901001 不在文件中');
    expect(message).toContain('[units.2.code] 代码 379901 重复');
    expect(message).toContain('[units.3.code]');
  });

  it('says which file cannot be read as JSON', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{');
    expect(() => readOrgUnitsFile(file)).toThrow(`Org units file ${file} could not be read as JSON`);
  });
});
