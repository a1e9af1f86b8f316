/**
 * The string building blocks and where the schemas use them: one-line fields refuse every control
 * character, free text keeps tab and line breaks; every event payload (checked again by the
 * workflow's update validator) refuses a NUL in its comment; dates stay within what PostgreSQL stores.
 */
import type { z } from 'zod';
import { nationalEventPayloads, programDefinitions } from '../../definitions';
import { chinaDate } from '../../definitions/calendar';
import { applicationSchema } from '../../definitions/shared/application';
import { dateOnlySchema } from '../../definitions/shared/dates';
import { freeText, singleLine } from '../../definitions/shared/text';
import { anApplication } from '../support/factories';

const refusedBy = (schema: z.ZodType, value: unknown) => !schema.safeParse(value).success;

describe('text fields / the building blocks', () => {
  it.each([
    ['NUL', '张\u0000三'],
    ['BEL', 'a\u0007'],
    ['ESC', '\u001b[31m'],
    ['DEL', 'a\u007f'],
    ['C1 NEL', 'a\u0085'],
    ['C1 APC', '\u009f'],
    ['lone high surrogate', 'a\ud800'],
    ['lone low surrogate', '\udfffa'],
  ])('both refuse %s', (_name, value) => {
    expect(refusedBy(singleLine(), value)).toBe(true);
    expect(refusedBy(freeText(), value)).toBe(true);
  });

  it.each([
    ['tab', 'a\tb'],
    ['line feed', 'a\nb'],
    ['carriage return', 'a\r\nb'],
  ])('free text keeps %s, a one-line field refuses it', (_name, value) => {
    expect(refusedBy(freeText(), value)).toBe(false);
    expect(refusedBy(singleLine(), value)).toBe(true);
  });

  it('both accept Chinese, emoji (a surrogate pair) and ordinary punctuation', () => {
    for (const value of ['张三', '泰山区某街道某村1号（东）', '👍 好', 'a-b_c.d']) {
      expect(refusedBy(singleLine(), value)).toBe(false);
      expect(refusedBy(freeText(), value)).toBe(false);
    }
  });
});

describe('text fields / the schemas that use them', () => {
  it('the application form names the one-line field that holds a control character', () => {
    const form = anApplication();
    const result = applicationSchema.safeParse({
      ...form,
      household: { ...form.household, address: '某村\t1号' },
      payee: { holderName: '张三\u0085', bankName: '某银行', accountNumber: '6222020200000000' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['household.address', 'payee.holderName']);
  });

  it('every event payload of every program refuses a NUL in its comment', () => {
    let checked = 0;
    for (const definition of programDefinitions) {
      for (const [type, schema] of Object.entries(nationalEventPayloads(definition, chinaDate(new Date())))) {
        const result = schema.safeParse({ comment: '已核实\u0000' });
        if (result.success) throw new Error(`${definition.program}.${type} accepted a NUL in its comment`);
        const commentIssue = result.error.issues.some((i) => i.path.join('.') === 'comment');
        const hasComment = 'shape' in schema && 'comment' in (schema as z.ZodObject).shape;
        if (hasComment) {
          expect([`${definition.program}.${type}`, commentIssue]).toEqual([`${definition.program}.${type}`, true]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('dates stay between 1900 and 2199: PostgreSQL has no year 0000', () => {
    expect(refusedBy(dateOnlySchema(), '0000-01-01')).toBe(true);
    expect(refusedBy(dateOnlySchema(), '1899-12-31')).toBe(true);
    expect(refusedBy(dateOnlySchema(), '2200-01-01')).toBe(true);
    expect(refusedBy(dateOnlySchema(), '1900-01-01')).toBe(false);
    expect(refusedBy(dateOnlySchema(), '2199-12-31')).toBe(false);
  });
});
