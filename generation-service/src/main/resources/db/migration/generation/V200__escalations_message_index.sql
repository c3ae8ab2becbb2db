-- The interaction log's pages join each logged turn to its hand-over by message id. Without this index the join
-- read every escalation of the tenant per turn: 1.1 s per 200-turn page with 1,500 escalations when the planner had
-- no statistics, and eval's samplers read every page of the last minutes each run (a PostgreSQL burst every 5 min).
CREATE INDEX escalations_message_idx ON escalations (message_id);
