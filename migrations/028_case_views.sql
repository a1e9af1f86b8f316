-- The case view (state, the events open now with who may send each, running clocks, timeline) as
-- the workflow answered it at the case's `version`, written by the record activity in the same
-- statement as the rest of the row. The case page and case reads are served from here instead of
-- a workflow query per read; `version` (the sequence number of the view's last timeline line) lets
-- a caller that must see its own decision ask for at least that version. NULL on rows written
-- before this column: those are read from the workflow as before.
ALTER TABLE cases ADD COLUMN view jsonb;
