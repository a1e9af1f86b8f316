/** What the API logs about an unexpected error: no row values, no ID, phone or account numbers. */
import { errorSummary, redactPersonalData } from '../../observability/logRedaction';

describe('log redaction', () => {
  it('masks ID numbers, mobile numbers and long account numbers', () => {
    expect(redactPersonalData('id 37090219700101002X phone 13812345678 acct 6222020200112233445')).toBe(
      'id 370902********002X phone 138****5678 acct ****3445'
    );
  });

  it('summarises an error without the database detail that quotes the row', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
      code: '23505',
      detail: 'Key (applicant_id)=(370902197001010022) already exists.',
    });
    const summary = errorSummary(error);
    expect(summary).toContain('Error [23505]: duplicate key value violates unique constraint "x"');
    expect(summary).not.toContain('370902197001010022');
    expect(summary).not.toContain('already exists');
  });
});
