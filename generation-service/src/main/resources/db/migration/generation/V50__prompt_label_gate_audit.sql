-- Labelling a version production requires a passing gate verdict from eval-service; the verdict looked up (or that
-- there was none) is kept with the move, and an admin's override with its reason.
ALTER TABLE prompt_label_history ADD COLUMN gate jsonb;
ALTER TABLE prompt_label_history ADD COLUMN override_reason text;
