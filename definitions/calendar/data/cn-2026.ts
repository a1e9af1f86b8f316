/**
 * 2026 national calendar, from the State Council General Office's notice of 4 November 2025
 * (published in 国务院公报 2025 No. 32). Dates and 调休 Saturdays/Sundays copied from the notice,
 * item by item. No I/O: runs inside the workflow sandbox.
 */
import type { CalendarYear } from '../calendarYear';

export const cn2026: CalendarYear = {
  year: 2026,
  provisional: false,
  source: {
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    documentNumber: '国办发明电〔2025〕7号',
    publishedOn: '2025-11-04',
    url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
  },
  holidays: [
    // 一、1月1日（周四）至3日（周六），共3天。1月4日（周日）上班。
    { name: '元旦', dates: ['2026-01-01', '2026-01-02', '2026-01-03'] },
    // 二、2月15日（腊月二十八、周日）至23日（正月初七、周一），共9天。2月14日（周六）、2月28日（周六）上班。
    {
      name: '春节',
      dates: [
        '2026-02-15',
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
        '2026-02-21',
        '2026-02-22',
        '2026-02-23',
      ],
    },
    // 三、4月4日（周六）至6日（周一），共3天。
    { name: '清明节', dates: ['2026-04-04', '2026-04-05', '2026-04-06'] },
    // 四、5月1日（周五）至5日（周二），共5天。5月9日（周六）上班。
    { name: '劳动节', dates: ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'] },
    // 五、6月19日（周五）至21日（周日），共3天。
    { name: '端午节', dates: ['2026-06-19', '2026-06-20', '2026-06-21'] },
    // 六、9月25日（周五）至27日（周日），共3天。
    { name: '中秋节', dates: ['2026-09-25', '2026-09-26', '2026-09-27'] },
    // 七、10月1日（周四）至7日（周三），共7天。9月20日（周日）、10月10日（周六）上班。
    {
      name: '国庆节',
      dates: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
    },
  ],
  adjustedWorkdays: [
    { date: '2026-01-04', holiday: '元旦' },
    { date: '2026-02-14', holiday: '春节' },
    { date: '2026-02-28', holiday: '春节' },
    { date: '2026-05-09', holiday: '劳动节' },
    { date: '2026-09-20', holiday: '国庆节' },
    { date: '2026-10-10', holiday: '国庆节' },
  ],
};
