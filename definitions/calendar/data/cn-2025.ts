/**
 * 2025 national calendar, from the State Council General Office's notice of 12 November 2024, the
 * first under the 2024 revision of 《全国年节及纪念日放假办法》 (Spring Festival from the eve, 8 days;
 * Labour Day 5 days). Dates and 调休 Saturdays/Sundays copied from the notice, item by item.
 * No I/O: runs inside the workflow sandbox.
 */
import type { CalendarYear } from '../calendarYear';

export const cn2025: CalendarYear = {
  year: 2025,
  provisional: false,
  source: {
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    documentNumber: '国办发明电〔2024〕12号',
    publishedOn: '2024-11-12',
    url: 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
  },
  holidays: [
    // 一、1月1日（周三）放假1天，不调休。
    { name: '元旦', dates: ['2025-01-01'] },
    // 二、1月28日（除夕、周二）至2月4日（正月初七、周二），共8天。1月26日（周日）、2月8日（周六）上班。
    {
      name: '春节',
      dates: [
        '2025-01-28',
        '2025-01-29',
        '2025-01-30',
        '2025-01-31',
        '2025-02-01',
        '2025-02-02',
        '2025-02-03',
        '2025-02-04',
      ],
    },
    // 三、4月4日（周五）至6日（周日），共3天。
    { name: '清明节', dates: ['2025-04-04', '2025-04-05', '2025-04-06'] },
    // 四、5月1日（周四）至5日（周一），共5天。4月27日（周日）上班。
    { name: '劳动节', dates: ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'] },
    // 五、5月31日（周六）至6月2日（周一），共3天。
    { name: '端午节', dates: ['2025-05-31', '2025-06-01', '2025-06-02'] },
    // 六、10月1日（周三）至8日（周三），共8天。9月28日（周日）、10月11日（周六）上班。
    {
      name: '国庆节、中秋节',
      dates: [
        '2025-10-01',
        '2025-10-02',
        '2025-10-03',
        '2025-10-04',
        '2025-10-05',
        '2025-10-06',
        '2025-10-07',
        '2025-10-08',
      ],
    },
  ],
  adjustedWorkdays: [
    { date: '2025-01-26', holiday: '春节' },
    { date: '2025-02-08', holiday: '春节' },
    { date: '2025-04-27', holiday: '劳动节' },
    { date: '2025-09-28', holiday: '国庆节、中秋节' },
    { date: '2025-10-11', holiday: '国庆节、中秋节' },
  ],
};
