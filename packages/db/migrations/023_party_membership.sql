-- Party membership recorded explicitly (issue 9, decision 0031). Until now the registry inferred
-- "not a member" from a missing admission date, so "a member whose dates are unknown" could not be
-- recorded and the rules engine answered "not eligible" where it should say "cannot decide".
--   'member'       đảng viên chính thức (official member)
--   'probationary' đảng viên dự bị (the 12 months after admission)
--   'not_member'   không phải đảng viên
--   NULL           not known
ALTER TABLE people ADD COLUMN party_membership text
  CONSTRAINT people_party_membership_check CHECK (party_membership IN ('member', 'probationary', 'not_member'));

-- Existing records: the dates are the only evidence. An official date, or an admission a year ago or
-- more, makes a member; an admission within the last 12 months a probationary member (probation lasts
-- 12 months); no date stays unknown, NOT "not a member": a missing date never proved anything
-- (domain membershipFromDates says the same for old import templates and old API clients).
UPDATE people SET party_membership = CASE
    WHEN party_official_on IS NOT NULL THEN 'member'
    WHEN party_joined_on + interval '1 year' > current_date THEN 'probationary'
    ELSE 'member'
  END
  WHERE party_joined_on IS NOT NULL OR party_official_on IS NOT NULL;

-- Dates belong to members only.
ALTER TABLE people ADD CONSTRAINT people_party_dates_of_members
  CHECK (party_membership IS DISTINCT FROM 'not_member' OR (party_joined_on IS NULL AND party_official_on IS NULL));

CREATE INDEX people_party_membership_idx ON people (party_membership);

-- Imports stage the same columns as a person write.
ALTER TABLE import_staging ADD COLUMN party_membership text;
