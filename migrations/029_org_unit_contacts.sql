-- Where the public reaches a township's or county's civil-affairs office (office and public
-- telephone): printed on a village's 公示 as where objections are taken. Public information, loaded
-- with the names from the same data file; NULL where the file gives none.
ALTER TABLE org_units ADD COLUMN public_contact_zh text CHECK (length(public_contact_zh) BETWEEN 1 AND 200);
