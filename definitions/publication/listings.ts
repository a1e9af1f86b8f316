/**
 * What may be published about a household, as schemas: the public notice list (公示名单) and the
 * long-term list of recipients (长期公示). Each item is a strict object of masked or aggregate
 * fields only, so an identity number, address or phone number cannot reach a list by accident:
 * a field added to the query but not here is refused at the boundary. No I/O.
 */
import { z } from 'zod';
import { villageCodeSchema } from '../shared/actors';

const amount = z.number().nonnegative();

export const noticeListingSchema = z.strictObject({
  village: villageCodeSchema,
  /** The program the notice is for (公示 is posted per program: 低保, 特困). */
  program: z.enum(['dibao', 'tekun']),
  /** Masked by maskName. */
  name: z.string(),
  householdSize: z.number().int().positive(),
  /** The benefit the latest data check computed, when it computed one. */
  proposedMonthlyAmount: amount.nullable(),
  noticePostedAt: z.iso.datetime(),
  /** When the notice period runs out; null when the case's rules no longer resolve to a period. */
  noticeEndsAt: z.iso.datetime().nullable(),
});
export type NoticeListing = z.infer<typeof noticeListingSchema>;

export const recipientListingSchema = z.strictObject({
  village: villageCodeSchema,
  name: z.string(),
  householdSize: z.number().int().positive(),
  monthlyAmount: amount.nullable(),
  /** The day of the county's decision (China time). */
  approvedOn: z.iso.date().nullable(),
});
export type RecipientListing = z.infer<typeof recipientListingSchema>;

/** CSV columns: header in Chinese, then how a value is written. */
export interface CsvColumn<T> {
  headerZh: string;
  value: (item: T) => string | number | null;
}
