import { maskName } from '../../definitions/publication/maskName';

describe('publication / masking an applicant’s name', () => {
  it('keeps only the surname of two- and three-character names', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('李小明')).toBe('李**');
  });

  it('keeps a compound surname whole in names of four or more characters', () => {
    expect(maskName('欧阳小明')).toBe('欧阳**');
    expect(maskName('司马相如')).toBe('司马**');
    expect(maskName('诸葛孔明亮')).toBe('诸葛***');
  });

  it('does not keep two of three characters, even after a compound surname', () => {
    expect(maskName('欧阳明')).toBe('欧**');
  });

  it('keeps the first character of other long names, a middle dot included in the hidden part', () => {
    expect(maskName('买买提·艾力')).toBe('买*****');
    expect(maskName('张王小明')).toBe('张***');
  });

  it('hides a one-character name entirely and counts rare characters as one', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('𠀀小明')).toBe('𠀀**');
    expect(maskName('王𠀀')).toBe('王*');
  });

  it('drops surrounding spaces and returns nothing for an empty name', () => {
    expect(maskName('  张三 ')).toBe('张*');
    expect(maskName('')).toBe('');
  });
});
