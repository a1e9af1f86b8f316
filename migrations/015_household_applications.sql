-- Household applications (一窗受理): one form for a household, one pledge (守信承诺) for it, and
-- a child case per program filed under it. A child case's applications row names its household;
-- its pledge is the household's (pledgeOfCase looks there when the case has none of its own).

CREATE TABLE household_applications (
  id             text PRIMARY KEY,
  county_code    text NOT NULL,
  township_code  text NOT NULL,
  village_code   text NOT NULL,
  applicant_name text NOT NULL,
  applicant_id   text NOT NULL,
  programs       text[] NOT NULL,
  referrals      text[] NOT NULL,
  form           jsonb NOT NULL,
  submitted_by   text NOT NULL,
  submitted_at   timestamptz NOT NULL
);
CREATE INDEX household_applications_applicant_id ON household_applications (applicant_id);

CREATE TABLE household_pledges (
  household_id     text        PRIMARY KEY REFERENCES household_applications (id),
  signer_name      text        NOT NULL,
  signer_id_number text        NOT NULL,
  signed_at        timestamptz NOT NULL,
  recorded_by      text        NOT NULL
);
CREATE INDEX household_pledges_signer ON household_pledges (signer_id_number);

ALTER TABLE applications ADD COLUMN household_id text REFERENCES household_applications (id);
CREATE INDEX applications_household_id ON applications (household_id) WHERE household_id IS NOT NULL;
