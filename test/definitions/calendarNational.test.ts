import {
  addWorkingDays,
  calendarFor,
  computeDueDate,
  countWorkingDaysBetween,
  isWorkingDay,
} from '../../definitions/calendar';

// Every expected date below was counted by hand on the notices' calendars (see definitions/calendar/data).
const national = calendarFor('370902');
/** An instant at 10:00 on a China date. */
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
const add = (start: string, count: number) => addWorkingDays(at(start), count, national);
const count = (from: string, to: string) => countWorkingDaysBetween(at(from), at(to), national);

describe('national calendar / Spring Festival 2025 (1/28–2/4 off, Sun 1/26 and Sat 2/8 worked)', () => {
  it('treats the eve to the seventh day as holidays and the two 调休 weekend days as working days', () => {
    expect(isWorkingDay('2025-01-27', national)).toBe(true); // Monday before the eve
    expect(isWorkingDay('2025-01-28', national)).toBe(false); // 除夕, a Tuesday
    expect(isWorkingDay('2025-02-04', national)).toBe(false); // 初七, a Tuesday
    expect(isWorkingDay('2025-02-05', national)).toBe(true);
    expect(isWorkingDay('2025-01-26', national)).toBe(true); // Sunday worked
    expect(isWorkingDay('2025-02-08', national)).toBe(true); // Saturday worked
    expect(isWorkingDay('2025-02-09', national)).toBe(false); // an ordinary Sunday
  });

  it('3 working days from Friday 1/24 are Sun 1/26, Mon 1/27 and Wed 2/5', () => {
    expect(add('2025-01-24', 3)).toBe('2025-02-05');
  });

  it('5 working days from Monday 1/27 end on Monday 2/10, counting Saturday 2/8', () => {
    // 2/5, 2/6, 2/7, Sat 2/8 (调休), Mon 2/10
    expect(add('2025-01-27', 5)).toBe('2025-02-10');
  });

  it('counts no working day across the holiday block itself', () => {
    expect(count('2025-01-27', '2025-02-04')).toBe(0);
    expect(count('2025-01-27', '2025-02-09')).toBe(4); // 2/5, 2/6, 2/7, 2/8
  });
});

describe('national calendar / National Day and Mid-Autumn 2025 (10/1–10/8 off, Sun 9/28 and Sat 10/11 worked)', () => {
  it('3 working days from Tuesday 9/30 land on Saturday 10/11, a 调休 working day', () => {
    // 10/1–10/8 off; Thu 10/9, Fri 10/10, Sat 10/11
    expect(add('2025-09-30', 3)).toBe('2025-10-11');
  });

  it('the next working day after Friday 9/26 is Sunday 9/28', () => {
    expect(add('2025-09-26', 1)).toBe('2025-09-28');
  });

  it('counts 7 working days from Friday 9/26 to Monday 10/13', () => {
    // Sun 9/28, Mon 9/29, Tue 9/30, Thu 10/9, Fri 10/10, Sat 10/11, Mon 10/13
    expect(count('2025-09-26', '2025-10-13')).toBe(7);
  });

  it('a 3-working-day limit started on 9/30 runs to the end of 10/11 China time', () => {
    const due = computeDueDate(at('2025-09-30'), { amount: 3, unit: 'workingDays' }, national);
    expect(due.toISOString()).toBe('2025-10-11T15:59:59.999Z');
  });
});

describe('national calendar / 2026 (Mid-Autumn 9/25–27, National Day 10/1–10/7, Sun 9/20 and Sat 10/10 worked)', () => {
  it('3 working days from Wednesday 9/30 land on Saturday 10/10', () => {
    // 10/1–10/7 off; Thu 10/8, Fri 10/9, Sat 10/10
    expect(add('2026-09-30', 3)).toBe('2026-10-10');
  });

  it('2 working days from Thursday 9/24 skip the Mid-Autumn holiday', () => {
    // Fri 9/25 off, weekend; Mon 9/28, Tue 9/29
    expect(add('2026-09-24', 2)).toBe('2026-09-29');
  });

  it('counts 12 working days from Friday 9/18 to Monday 10/12, both 调休 days included', () => {
    // Sun 9/20; 9/21–9/24; 9/28–9/30; 10/8, 10/9, Sat 10/10; Mon 10/12
    expect(count('2026-09-18', '2026-10-12')).toBe(12);
  });

  it('Spring Festival 2026: 3 working days from Friday 2/13 are Sat 2/14, Tue 2/24 and Wed 2/25', () => {
    expect(add('2026-02-13', 3)).toBe('2026-02-25');
    expect(isWorkingDay('2026-02-28', national)).toBe(true); // Saturday worked
  });

  it('runs across the turn of the year: New Year 2026 is 1/1–1/3 with Sunday 1/4 worked', () => {
    expect(add('2025-12-31', 2)).toBe('2026-01-05'); // Sun 1/4, Mon 1/5
  });
});

describe('national calendar / counting semantics', () => {
  it('excludes the start day and includes the end day', () => {
    expect(count('2025-10-09', '2025-10-09')).toBe(0);
    expect(count('2025-10-09', '2025-10-10')).toBe(1);
    expect(count('2025-10-13', '2025-10-09')).toBe(0); // end before start
  });

  it('counting up to the day addWorkingDays gives returns the same number, for every start in 2025–2026', () => {
    const mismatches: string[] = [];
    for (let day = Date.parse('2025-01-01T02:00:00Z'); day < Date.parse('2026-12-01T02:00:00Z'); day += 86_400_000) {
      const start = new Date(day);
      for (const n of [1, 3, 10, 30]) {
        const end = addWorkingDays(start, n, national);
        const counted = countWorkingDaysBetween(start, new Date(`${end}T10:00:00+08:00`), national);
        if (counted !== n) mismatches.push(`${start.toISOString()} + ${n} → ${end} counted ${counted}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('uses the China date: 2025-09-27 20:00 UTC is already Sunday 9/28 in China', () => {
    // From Sunday 9/28 (worked) the next working day is Monday 9/29; from Saturday 9/27 it would be 9/28.
    expect(addWorkingDays(new Date('2025-09-27T20:00:00Z'), 1, national)).toBe('2025-09-29');
    expect(addWorkingDays(new Date('2025-09-27T15:00:00Z'), 1, national)).toBe('2025-09-28');
  });
});
