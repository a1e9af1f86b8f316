/** What a published list may show about a household, and how. No I/O. */
export { maskName } from './maskName';
export type { CsvColumn, NoticeListing, RecipientListing } from './listings';
export { noticeListingSchema, recipientListingSchema } from './listings';
export type { NoticeCase } from './noticePeriod';
export { noticePeriodCalculator } from './noticePeriod';
