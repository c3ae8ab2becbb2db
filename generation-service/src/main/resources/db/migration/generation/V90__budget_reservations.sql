-- Budgets hold under concurrency: a turn reserves its estimated tokens and cost in its day's row before the model
-- call (under a lock on the tenant's budget row) and releases the reservation once its real usage is recorded.
-- The check counts reservations, so concurrent turns cannot all pass it on the same remaining budget.
ALTER TABLE tenant_usage_daily
    ADD COLUMN reserved_tokens   bigint         NOT NULL DEFAULT 0 CHECK (reserved_tokens >= 0),
    ADD COLUMN reserved_cost_usd numeric(18, 9) NOT NULL DEFAULT 0 CHECK (reserved_cost_usd >= 0);
