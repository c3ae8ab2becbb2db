-- The purge of a deleted tenant's data in the other services: when each attempt ran, what last went wrong, and when
-- the last service confirmed (the row itself stays: it blocks the id's reuse and answers "what happened").
ALTER TABLE tenant_deletions
    ADD COLUMN purged_at       timestamptz,
    ADD COLUMN attempts        integer     NOT NULL DEFAULT 0,
    ADD COLUMN last_attempt_at timestamptz,
    ADD COLUMN last_error      text;
