/**
 * Dibao figures in force, national first, then local overrides. Article numbers [n] refer to
 * 《最低生活保障审核确认办法》(民政部, 民发〔2021〕57号, in force 2021-07-01).
 * Add a county's own figures as a new entry with its scope and effective date; never edit a past one.
 */
import type { ConfigEntry } from '../shared/rulesConfig';

const MEASURES = '《最低生活保障审核确认办法》（民发〔2021〕57号）';
const FROM = '2021-07-01';

export const dibaoConfigEntries: ConfigEntry[] = [
  {
    program: 'dibao',
    scope: '',
    effectiveFrom: FROM,
    rules: {
      deadlines: {
        investigationStart: {
          value: { amount: 3, unit: 'workingDays' },
          source: `${MEASURES} 第十五条`,
          effectiveFrom: FROM,
        },
        dataCheck: { value: { amount: 3, unit: 'workingDays' }, source: `${MEASURES} 第十七条`, effectiveFrom: FROM },
        countyDecision: {
          value: { amount: 10, unit: 'workingDays' },
          source: `${MEASURES} 第二十条`,
          effectiveFrom: FROM,
        },
        rejectionNotice: {
          value: { amount: 3, unit: 'workingDays' },
          source: `${MEASURES} 第二十一条`,
          effectiveFrom: FROM,
        },
        overall: { value: { amount: 30, unit: 'workingDays' }, source: `${MEASURES} 第二十二条`, effectiveFrom: FROM },
      },
      publicNotice: { value: { amount: 7, unit: 'calendarDays' }, source: `${MEASURES} 第十九条`, effectiveFrom: FROM },
      minInvestigators: { value: 2, source: `${MEASURES} 第十六条`, effectiveFrom: FROM },
      firstPaymentMonthOffset: { value: 1, source: `${MEASURES} 第二十一条`, effectiveFrom: FROM },
    },
  },
];
