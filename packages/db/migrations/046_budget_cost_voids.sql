-- A voucher entered by mistake is voided, not deleted (issue 11 point 2, docs/decisions/0063): it stays
-- on the holder's list, struck through with who voided it, when and why, and leaves the actual cost.
ALTER TABLE budget_cost_entries
  ADD COLUMN voided_at timestamptz,
  ADD COLUMN voided_by integer REFERENCES users(id),
  ADD COLUMN void_reason text,
  ADD CONSTRAINT budget_cost_entries_void_check CHECK ((voided_at IS NULL) = (void_reason IS NULL));
