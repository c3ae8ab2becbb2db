-- Machine API keys managed through the admin API: a stable id to list and revoke them by (the hash never leaves
-- the database), who created them, and roughly when they were last used (refreshed at most once per key cache TTL).
ALTER TABLE api_keys
    ADD COLUMN id           uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN created_by   text,
    ADD COLUMN last_used_at timestamptz;

ALTER TABLE api_keys ADD CONSTRAINT api_keys_id_key UNIQUE (id);

-- Who did what to which tenant's resources. Never request or response bodies.
CREATE TABLE audit_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   text        NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    target      text        NOT NULL,
    outcome     text        NOT NULL CHECK (outcome IN ('success', 'failure')),
    http_status integer,
    trace_id    text,
    client_ip   text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Admins page through their tenant's events newest first.
CREATE INDEX audit_events_tenant_id_idx ON audit_events (tenant_id, id DESC);
