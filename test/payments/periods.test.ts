import {
  addMonths,
  coversPeriod,
  firstPaymentPeriod,
  monthsBetween,
  paymentDate,
  periodOf,
  periodSchema,
  toFen,
  toYuan,
} from '../../definitions/payments';

describe('payments / periods in China time', () => {
  it('counts an approval late on the last evening of a month (UTC) as the next month in China', () => {
    // 2026-11-30T17:00Z is 2026-12-01 01:00 in Beijing.
    expect(periodOf('2026-11-30T17:00:00Z')).toBe('2026-12');
    expect(periodOf('2026-11-30T15:59:59Z')).toBe('2026-11');
  });

  it('starts payment the month after approval, across a year end', () => {
    expect(firstPaymentPeriod('2026-12-15T02:00:00Z', 1)).toBe('2027-01');
    expect(firstPaymentPeriod('2026-11-30T17:00:00Z', 1)).toBe('2027-01');
    expect(firstPaymentPeriod('2026-06-01T00:00:00Z', 1)).toBe('2026-07');
  });

  it('adds and counts months', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(monthsBetween('2026-11', '2027-02')).toBe(3);
  });

  it('covers a period between start and an optional end, inclusive', () => {
    expect(coversPeriod('2026-12', null, '2026-12')).toBe(true);
    expect(coversPeriod('2026-12', null, '2026-11')).toBe(false);
    expect(coversPeriod('2026-10', '2026-11', '2026-12')).toBe(false);
    expect(coversPeriod('2026-10', '2026-12', '2026-12')).toBe(true);
  });

  it('caps the payment day at the end of a short month', () => {
    expect(paymentDate('2027-02', 31)).toBe('2027-02-28');
    expect(paymentDate('2028-02', 31)).toBe('2028-02-29');
    expect(paymentDate('2026-12', 10)).toBe('2026-12-10');
  });

  it('refuses a malformed month', () => {
    expect(periodSchema.safeParse('2026-13').success).toBe(false);
    expect(periodSchema.safeParse('2026-1').success).toBe(false);
    expect(periodSchema.safeParse('2026-01').success).toBe(true);
  });

  it('refuses a month outside the dates a request may name (year 0000 reached PostgreSQL)', () => {
    expect(periodSchema.safeParse('0000-01').success).toBe(false);
    expect(periodSchema.safeParse('9999-12').success).toBe(false);
    expect(periodSchema.safeParse('1900-01').success).toBe(true);
    expect(periodSchema.safeParse('2199-12').success).toBe(true);
  });
});

describe('payments / amounts in fen', () => {
  it('converts yuan to fen and back without floating-point drift', () => {
    expect(toFen('812.5')).toBe(81250);
    expect(toFen(0.1 + 0.2)).toBe(30);
    expect(toYuan(toFen('1000000.01'))).toBe('1000000.01');
    expect(toYuan(5)).toBe('0.05');
  });

  it('refuses fractions of a fen', () => {
    expect(() => toFen('1.005')).toThrow(RangeError);
  });
});
