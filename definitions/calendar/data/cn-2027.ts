/**
 * 2027, provisional: the State Council's arrangement for 2027 was not published when this was
 * written (it usually comes in November of the year before). Until it is loaded, the calendar has
 * the 13 statutory days of 《全国年节及纪念日放假办法》 art. 2 on their 2027 dates and no 调休: the
 * blocks, the weekend 补假 of art. 6 and the worked weekends are for the notice to set, not for us to
 * guess. Periods that run through 2027 are therefore flagged as provisional.
 *
 * Lunar dates, in China Standard Time (GB/T 33661-2017): the new moon of 6 February 2027 falls at
 * about 23:56 Beijing time, so 正月初一 is Saturday 6 February and 除夕 Friday 5 February (腊月廿九).
 * Calendars that compute the new moon in another time zone, or round it past midnight, put the
 * Spring Festival on 7 February: that is wrong for the mainland. 端午 (五月初五) is 9 June, 中秋
 * (八月十五) 15 September, 清明 (solar longitude 15°) 5 April.
 * No I/O: runs inside the workflow sandbox.
 */
import type { CalendarYear } from '../calendarYear';

export const cn2027: CalendarYear = {
  year: 2027,
  provisional: true,
  source: {
    title: '全国年节及纪念日放假办法（2024年11月10日第四次修订）第二条',
    documentNumber: '国务院令第795号',
    publishedOn: '2024-11-10',
  },
  holidays: [
    { name: '元旦', dates: ['2027-01-01'] },
    // 农历除夕、正月初一至初三
    { name: '春节', dates: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'] },
    { name: '清明节', dates: ['2027-04-05'] },
    { name: '劳动节', dates: ['2027-05-01', '2027-05-02'] },
    { name: '端午节', dates: ['2027-06-09'] },
    { name: '中秋节', dates: ['2027-09-15'] },
    { name: '国庆节', dates: ['2027-10-01', '2027-10-02', '2027-10-03'] },
  ],
  adjustedWorkdays: [],
  note: '2027年放假调休安排尚未公布：仅含法定节假日当日，未含调休与补假。通知公布后请载入正式日历。',
};
