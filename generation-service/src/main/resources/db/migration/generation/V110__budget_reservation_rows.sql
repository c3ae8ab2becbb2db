-- A reservation of its own per running turn, beside the day's reserved totals: a turn that crashed between reserve
-- and release leaves its row behind, and the sweeper gives back the rows older than any turn can run. Releasing
-- deletes the row first, so a reservation is given back once, by its turn or by the sweeper.
CREATE TABLE budget_reservations (
    id          uuid           PRIMARY KEY,
    tenant_id   text           NOT NULL,
    day         date           NOT NULL,
    tokens      bigint         NOT NULL CHECK (tokens >= 0),
    cost_usd    numeric(18, 9) NOT NULL CHECK (cost_usd >= 0),
    reserved_at timestamptz    NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX budget_reservations_reserved_at ON budget_reservations (reserved_at);
