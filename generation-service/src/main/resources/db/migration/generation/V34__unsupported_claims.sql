-- Groundedness of an answer: how many of its sentences were checked as claims against the chunks they cite, and
-- how many of those the chunks do not support (the unsupported-claim rate is their ratio). Null: not checked
-- (turns no answerer wrote, cache hits, answers from before the check).
ALTER TABLE messages ADD COLUMN claims integer CHECK (claims >= 0),
    ADD COLUMN unsupported_claims integer CHECK (unsupported_claims >= 0 AND unsupported_claims <= claims);
ALTER TABLE interaction_log ADD COLUMN claims integer CHECK (claims >= 0),
    ADD COLUMN unsupported_claims integer CHECK (unsupported_claims >= 0 AND unsupported_claims <= claims);
