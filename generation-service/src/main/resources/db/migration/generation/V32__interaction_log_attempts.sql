-- The model chain's attempts of each turn, in order, as "<model>:<how it ended>" (ok, failed, interrupted,
-- circuit_open, bulkhead_full; extractive:ok or extractive:not_covered when every model failed): why the turn was
-- answered by the model it was. Empty for turns no model was asked for (cache hits, guardrail refusals).
ALTER TABLE interaction_log ADD COLUMN attempts jsonb NOT NULL DEFAULT '[]'::jsonb;
