/**
 * Made-up people for generated households: Chinese names and valid resident id numbers under a
 * county code, drawn from a seeded generator so the same seed makes the same people.
 */
import { withCheckCharacter } from '../definitions/shared/identity';
import type { SeededRandom } from './random';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '桂',
  '英',
  '华',
  '玉',
  '兰',
  '峰',
  '建',
  '国',
  '红',
];

export function personName(random: SeededRandom, surname = random.pick(SURNAMES)): string {
  return `${surname}${random.pick(GIVEN)}${random.chance(0.6) ? random.pick(GIVEN) : ''}`;
}

export function surnameOf(name: string): string {
  return name.slice(0, 1);
}

/** 'YYYY-MM-DD' of someone who is `age` on `onDate` (born earlier in the year or the year before). */
export function birthDateFor(random: SeededRandom, age: number, onDate: string): string {
  const year = Number(onDate.slice(0, 4)) - age - (random.chance(0.3) ? 1 : 0);
  const month = random.int(1, Number(onDate.slice(5, 7)) === 1 ? 1 : Number(onDate.slice(5, 7)) - 1);
  const day = random.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A valid resident id number: county code, birth date, a sequence number whose last digit is odd
 * for men and even for women (GB 11643), and the check character. Unique within `taken`.
 */
export function residentIdFor(
  random: SeededRandom,
  county: string,
  birthDate: string,
  sex: 'male' | 'female',
  taken: Set<string>
): string {
  for (;;) {
    let sequence = random.int(10, 499) * 2 + (sex === 'male' ? 1 : 0);
    if (sequence > 999) sequence -= 2;
    const id = withCheckCharacter(`${county}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}
