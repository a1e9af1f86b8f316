import { csvHeader, csvRows, UTF8_BOM } from '../../api/http/csv';
import type { CsvColumn } from '../../definitions/publication';
import { noticeListingSchema, noticePeriodCalculator } from '../../definitions/publication';
import { testConfigEntries } from '../support/factories';

describe('publication / notice period end', () => {
  const posted = { definitionVersion: 'dibao@1', submittedAt: '2026-11-02T02:00:00.000Z' };

  it('runs seven calendar days from the day after posting, to the end of the last day, China time', () => {
    const endOf = noticePeriodCalculator();
    // Posted 2026-11-03 15:00 China time: the seventh day after is 11-10, ending at midnight.
    expect(endOf({ ...posted, county: '370902', postedAt: '2026-11-03T07:00:00.000Z' })).toBe(
      '2026-11-10T15:59:59.999Z'
    );
  });

  it('follows the county’s own period from the rules the process was started with', () => {
    const endOf = noticePeriodCalculator(testConfigEntries(90));
    expect(endOf({ ...posted, county: '379901', postedAt: '2026-11-03T07:00:00.000Z' })).toBe(
      '2026-11-03T07:01:30.000Z'
    );
  });

  it('prints no date for a chart version this installation does not know', () => {
    const endOf = noticePeriodCalculator();
    expect(endOf({ ...posted, definitionVersion: 'dibao@0', county: '370902', postedAt: posted.submittedAt })).toBe(
      null
    );
  });
});

describe('publication / list items', () => {
  it('refuses any field beyond the published ones', () => {
    const item = {
      village: '379901061001',
      program: 'dibao',
      name: '张*',
      householdSize: 3,
      proposedMonthlyAmount: null,
      noticePostedAt: '2026-11-03T07:00:00.000Z',
      noticeEndsAt: null,
    };
    expect(noticeListingSchema.safeParse(item).success).toBe(true);
    expect(noticeListingSchema.safeParse({ ...item, idNumber: '370902197001010022' }).success).toBe(false);
  });
});

describe('publication / CSV', () => {
  const columns: CsvColumn<{ text: string; n: number | null }>[] = [
    { headerZh: '内容', value: (r) => r.text },
    { headerZh: '金额', value: (r) => r.n },
  ];

  it('quotes commas, quotes and line breaks, leaves empty cells empty, ends lines with CRLF', () => {
    expect(UTF8_BOM).toBe('\uFEFF');
    expect(csvHeader(columns)).toBe('内容,金额\r\n');
    expect(csvRows(columns, [{ text: '甲,"乙"\n丙', n: null }])).toBe('"甲,""乙""\n丙",\r\n');
  });

  it('keeps a cell that starts like a formula as text, but not a negative number', () => {
    expect(csvRows(columns, [{ text: '=HYPERLINK("x")', n: -5 }])).toBe(`"'=HYPERLINK(""x"")",-5\r\n`);
  });
});
