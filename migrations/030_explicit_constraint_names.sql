-- Table-level CHECKs declared without a name got PostgreSQL's positional ones (org_units_check,
-- org_units_check1, …): they say nothing about the rule, and which number a rule gets depends on
-- declaration order, so a later migration that drops one by name (as 012 had to with tasks_check)
-- could drop the wrong rule. Each gets a name saying what it enforces; new constraints are named
-- where they are declared (test/db/constraintNames.test.ts keeps it so).
ALTER TABLE org_units RENAME CONSTRAINT org_units_check TO org_units_code_length_by_level;
ALTER TABLE org_units RENAME CONSTRAINT org_units_check1 TO org_units_only_county_without_parent;
ALTER TABLE org_units RENAME CONSTRAINT org_units_check2 TO org_units_code_under_parent;
ALTER TABLE payment_cycles RENAME CONSTRAINT payment_cycles_check TO payment_cycles_approver_not_preparer;
ALTER TABLE entitlement_changes RENAME CONSTRAINT entitlement_changes_check TO entitlement_changes_stop_without_amount;
