-- Referrals (转办/转介) are stored with the applications (their request as the form, see
-- db/caseWrites.ts insertApplication); a department's inbox is its county and kind, newest first.
CREATE INDEX applications_referral_inbox
  ON applications (county_code, (form->>'department'), submitted_at DESC, case_id DESC)
  WHERE program = 'referral';
